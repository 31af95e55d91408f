/**
 * .NET `Math.Round(x, digits, mode)` reproduced exactly. StateTrace rounds with two modes
 * (rollup: 3 dp AwayFromZero; warm-run, queue summaries, default .NET: ToEven), and .NET does it
 * by scaling: multiply by 10^digits as a double, round that double to an integer with the mode,
 * divide by 10^digits. A binary tie like 2.675 (really 2.67499999…) therefore rounds to 2.67 —
 * unlike rounding the decimal string — and we must do the same to produce identical reports.
 */

/** 10^0 … 10^15, the exact doubles .NET's table holds. */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => Number(`1e${i}`));
/** .NET leaves values at or beyond 1e16 untouched (they have no fractional digits anyway). */
const ROUND_LIMIT = 1e16;

function checkDigits(digits: number): number {
  if (!Number.isInteger(digits) || digits < 0 || digits > 15) {
    throw new RangeError(`rounding digits must be an integer 0–15 (like .NET), got ${digits}`);
  }
  return POWERS_OF_TEN[digits]!;
}

/** Round a double to an integer, ties to even, keeping the sign of zero (like .NET Math.Round(double)). */
function roundToEvenInteger(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor; // exact: value and floor are within one unit
  let result: number;
  if (diff > 0.5) result = floor + 1;
  else if (diff < 0.5) result = floor;
  else result = floor % 2 === 0 ? floor : floor + 1;
  return result === 0 && (value < 0 || Object.is(value, -0)) ? -0 : result;
}

/** Round a double to an integer, ties away from zero (.NET: integral part + sign(fraction) if |fraction| ≥ 0.5). */
function roundAwayFromZeroInteger(value: number): number {
  const integral = Math.trunc(value);
  const fraction = value - integral;
  const result = Math.abs(fraction) >= 0.5 ? integral + Math.sign(fraction) : integral;
  return result === 0 && (value < 0 || Object.is(value, -0)) ? -0 : result;
}

/** .NET `Math.Round(value, digits, MidpointRounding.AwayFromZero)`. */
export function roundAwayFromZero(value: number, digits = 0): number {
  const power = checkDigits(digits);
  if (!Number.isFinite(value) || Math.abs(value) >= ROUND_LIMIT) return value;
  return roundAwayFromZeroInteger(value * power) / power;
}

/** .NET `Math.Round(value, digits)` / `MidpointRounding.ToEven` (banker's rounding), the .NET default. */
export function roundHalfEven(value: number, digits = 0): number {
  const power = checkDigits(digits);
  if (!Number.isFinite(value) || Math.abs(value) >= ROUND_LIMIT) return value;
  return roundToEvenInteger(value * power) / power;
}

export type RoundingMode = 'away-from-zero' | 'half-even';

export function roundDotNet(value: number, digits: number, mode: RoundingMode): number {
  return mode === 'away-from-zero' ? roundAwayFromZero(value, digits) : roundHalfEven(value, digits);
}
