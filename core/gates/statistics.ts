/**
 * Statistics over gate samples. Pure functions of values.
 *
 * Percentiles come from `core/stats` (default = the original's linear interpolation on (n−1);
 * `nearest-rank` = the ⌈p/100·n⌉-th smallest value); results name the method with the short labels below.
 */
import { percentileOfSorted } from '../stats/percentile.js';
import type { PercentileMethod, Sample } from './types.js';

export const PERCENTILE_METHOD_NAMES: Record<PercentileMethod, string> = {
  linear: 'linear interpolation on (n-1)',
  'nearest-rank': 'nearest rank',
};

/** Percentile of ascending-sorted values; the one implementation lives in `core/stats`. */
export function percentile(sortedAscending: readonly number[], p: number, method: PercentileMethod = 'linear'): number | null {
  return percentileOfSorted(sortedAscending, p, method);
}

export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function numbers(samples: readonly Sample[]): number[] {
  const out: number[] = [];
  for (const s of samples) {
    const n = toNumber(s.value);
    if (n !== undefined) out.push(n);
  }
  return out;
}

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

export function mean(values: readonly number[]): number | null {
  return values.length ? sum(values) / values.length : null;
}

/** Population standard deviation (the original's rollups never used the sample form). */
export function stddev(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null) return null;
  return Math.sqrt(sum(values.map((v) => (v - m) ** 2)) / values.length);
}

/** Case-insensitive text key of a label value. */
export function labelKey(value: unknown): string {
  return (typeof value === 'string' ? value.trim() : JSON.stringify(value) ?? '').toLowerCase();
}

/** Distinct label values, case-insensitive, first spelling kept, in order of first appearance. */
export function distinctLabels(samples: readonly Sample[]): string[] {
  const seen = new Map<string, string>();
  for (const s of samples) {
    if (s.value === undefined || s.value === null) continue;
    const text = typeof s.value === 'string' ? s.value.trim() : String(s.value);
    const key = text.toLowerCase();
    if (!seen.has(key)) seen.set(key, text);
  }
  return [...seen.values()];
}

/** Fraction of samples whose value is true / non-zero / "true". */
export function rate(samples: readonly Sample[]): number | null {
  if (samples.length === 0) return null;
  let hits = 0;
  for (const s of samples) {
    const v = s.value;
    if (v === true || (typeof v === 'number' && v !== 0) || (typeof v === 'string' && v.toLowerCase() === 'true')) hits++;
  }
  return hits / samples.length;
}

/**
 * Longest run of identical consecutive values (case-insensitive) in telemetry order. A sample marked
 * `reset` (it matched `streakReset`) closes the current run and starts a new run of 1 with itself —
 * the original scheduler-fairness rule for `QueuedSites <= 1`.
 */
export function longestStreak(samples: readonly Sample[]): { length: number; value?: string } {
  const ordered = [...samples].sort((a, b) => a.order - b.order);
  let best = 0;
  let bestValue: string | undefined;
  let run = 0;
  let runKey: string | undefined;
  let runValue: string | undefined;
  for (const s of ordered) {
    const text = s.value === undefined || s.value === null || s.value === '' ? 'Unknown' : String(s.value).trim();
    const key = text.toLowerCase();
    if (s.reset || key !== runKey) {
      run = 1;
      runKey = key;
      runValue = text;
    } else {
      run++;
    }
    if (run > best) {
      best = run;
      bestValue = runValue;
    }
  }
  return bestValue === undefined ? { length: best } : { length: best, value: bestValue };
}

/** Newest time among samples (epoch ms), or undefined. */
export function newestTime(samples: readonly Sample[]): number | undefined {
  let newest: number | undefined;
  for (const s of samples) if (s.time !== undefined && (newest === undefined || s.time > newest)) newest = s.time;
  return newest;
}
