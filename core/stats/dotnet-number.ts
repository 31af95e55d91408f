/**
 * Numbers as .NET (Core 3.0+) `double.ToString()` writes them, i.e. as StateTrace's CSV and JSON
 * outputs contain them: the shortest digits that round-trip (JS produces the same digits), integers
 * without `.0`, and scientific notation when the decimal exponent is below −4 or at least 15
 * (`0.0001` → `0.0001` but `0.00001` → `1E-05`; `999999999999999` but `1E+15`), with `E`, a sign
 * and at least two exponent digits. JS switches at 1e-7 and 1e21, hence this function.
 * Negative zero prints as `-0` (as .NET Core 3.0+ does); NaN/±Infinity as `NaN`, `Infinity`,
 * `-Infinity` (invariant culture).
 */
export function formatDotNetNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  // toExponential() without an argument gives the shortest round-trip digits: "d.ddde±x".
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= 15) {
    const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${head}E${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1) return `${sign}${digits}${'0'.repeat(exponent + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}
