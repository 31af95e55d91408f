/**
 * The numeric primitives of the original warm-run tooling (STATETRACE-TELEMETRY §2), delegated to
 * `core/stats` so every plugin rounds and interpolates the same way:
 * - `roundToEven(x, digits)`: .NET `Math.Round(x, digits, MidpointRounding.ToEven)` (scale, round, divide);
 * - `percentileLinear(values, p)`: linear interpolation on (n − 1), `undefined` for no samples;
 * - `mean(values)`: summed in input order, as PowerShell's Measure-Object does.
 */
import { percentile, roundHalfEven } from '../../core/stats/index.js';

export function roundToEven(value: number, digits: number): number {
  const rounded = roundHalfEven(value, digits);
  return rounded === 0 ? 0 : rounded; // no negative zero in reports
}

export function percentileLinear(values: readonly number[], p: number): number | undefined {
  return percentile(values, p, 'linear') ?? undefined;
}

export function mean(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
