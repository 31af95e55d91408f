/**
 * Units of gate thresholds: converting a literal (`3 s`, `99%`, `1 MiB`) into the unit of the statistic it
 * is compared with, and rendering values with their unit. Durations convert among ms/s/m/h; bytes among
 * B/KB/…; `%` and `ratio` between each other (99 % = 0.99); counts take plain numbers only.
 */
import type { MetricUnit } from '../metrics/types.js';
import type { LiteralUnit } from './types.js';

const TIME_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const BYTES: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

export function isTimeUnit(unit: string | undefined): unit is 'ms' | 's' | 'm' | 'h' {
  return unit !== undefined && unit in TIME_MS;
}

/**
 * Convert `value` written in `from` (undefined = a plain number) to `to`. Returns an error text saying
 * what would be valid when the units do not fit.
 */
export function convertLiteral(value: number, from: LiteralUnit | undefined, to: MetricUnit): { value: number } | { error: string; hint: string } {
  if (isTimeUnit(to)) {
    if (isTimeUnit(from)) return { value: (value * TIME_MS[from]!) / TIME_MS[to]! };
    return {
      error: from ? `unit "${from}" does not fit a duration in ${to}` : `a duration needs a unit`,
      hint: `write the threshold with a time unit: ms, s, m or h (e.g. ${value} ${to})`,
    };
  }
  if (to === 'ratio') {
    if (from === '%') return { value: value / 100 };
    if (from === undefined) return { value };
    return { error: `unit "${from}" does not fit a ratio`, hint: 'write a percentage (e.g. 99%) or a fraction (e.g. 0.99)' };
  }
  if (to === '%') {
    if (from === '%' || from === undefined) return { value };
    return { error: `unit "${from}" does not fit a percentage`, hint: 'write a percentage, e.g. 60%' };
  }
  if (to === 'bytes') {
    if (from === undefined) return { value };
    if (from in BYTES) return { value: value * BYTES[from]! };
    return { error: `unit "${from}" does not fit a size in bytes`, hint: 'use B, KB, MB, GB, KiB, MiB or GiB' };
  }
  // count, none
  if (from === undefined) return { value };
  return { error: `unit "${from}" does not fit a ${to === 'count' ? 'count' : 'unitless value'}`, hint: 'write a plain number (no unit)' };
}

/** Round away binary noise (1719.2999999998 → 1719.3) for display; keeps up to 12 significant digits. */
export function clean(n: number): number {
  if (!Number.isFinite(n)) return n;
  return Number(n.toPrecision(12));
}

/**
 * A number for people: 3 decimals at most (1.8404 → 1.84, as the original rollup shows it), or 3
 * significant digits below 1 so small values do not collapse to 0. Machines read `GateResult.actual`.
 */
export function readable(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs === 0 || abs >= 1) return String(Number(n.toFixed(3)));
  return String(Number(n.toPrecision(3)));
}

/** `1.84 s`, `1719.3 ms`, `99.5 %` (ratios are shown as percentages), `12` (counts). */
export function formatValue(value: number, unit: MetricUnit, displayUnit?: string): string {
  if (displayUnit && isTimeUnit(displayUnit) && isTimeUnit(unit)) {
    return `${readable((value * TIME_MS[unit]!) / TIME_MS[displayUnit]!)} ${displayUnit}`;
  }
  switch (unit) {
    case 'ratio':
      return `${readable(value * 100)} %`;
    case 'count':
    case 'none':
      return readable(value);
    case 'bytes':
      return `${readable(value)} B`;
    default:
      return `${readable(value)} ${unit}`;
  }
}
