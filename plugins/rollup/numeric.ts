/**
 * The numeric primitives the original rollup relied on (STATETRACE-TELEMETRY §2), bit-compatible:
 * .NET `Math.Round` in both midpoint modes (scale by 10^digits, round the double, scale back),
 * linear-interpolation percentile on (n − 1), and .NET's shortest round-trip number text.
 * TODO(core/stats): delegate to the shared helpers once `core/stats` exports them.
 */

/** .NET `Math.Round(value, digits, MidpointRounding.AwayFromZero)`. */
export function roundAwayFromZero(value: number, digits: number): number {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e16) return value;
  const scale = 10 ** digits;
  const scaled = value * scale;
  let whole = Math.trunc(scaled);
  if (Math.abs(scaled - whole) >= 0.5) whole += Math.sign(scaled);
  const result = whole / scale;
  return result === 0 ? 0 : result;
}

/** .NET `Math.Round(value, digits)` (banker's rounding, `MidpointRounding.ToEven`). */
export function roundToEven(value: number, digits: number): number {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e16) return value;
  const scale = 10 ** digits;
  const scaled = value * scale;
  const floor = Math.floor(scaled);
  const fraction = scaled - floor;
  let rounded: number;
  if (fraction > 0.5) rounded = floor + 1;
  else if (fraction < 0.5) rounded = floor;
  else rounded = floor % 2 === 0 ? floor : floor + 1;
  const result = rounded / scale;
  return result === 0 ? 0 : result;
}

/** Linear interpolation between closest ranks on (n − 1); `undefined` for no samples; p clamped to [0, 100]. */
export function percentileLinear(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 1) return sorted[0];
  const clamped = Math.min(100, Math.max(0, p));
  const position = (clamped / 100) * (sorted.length - 1);
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  const low = sorted[lo]!;
  if (lo === hi) return low;
  return low + (sorted[hi]! - low) * (position - lo);
}

/**
 * A double as .NET Core 3.0+ `ToString()` writes it: shortest round-trip digits, decimal notation
 * for 1e-4 <= |x| < 1e15, otherwise `d.dddE+XX` (at least two exponent digits).
 */
export function formatDotNetNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '-∞';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e-4 && abs < 1e15) return String(value);
  const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
  const sign = exponent.startsWith('-') ? '-' : '+';
  const digits = exponent.replace(/^[+-]/, '').padStart(2, '0');
  return `${mantissa}E${sign}${digits}`;
}
