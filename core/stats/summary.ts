/**
 * Descriptive statistics of a numeric sample, computed once and named: every result carries its
 * percentile method and stddev kind, so a report never has to guess how a figure was made.
 */
import { DEFAULT_PERCENTILE_METHOD, percentileOfSorted, sortedCopy, type PercentileMethod } from './percentile.js';

export interface SummaryOptions {
  /** Percentiles to compute (0–100, any precision, e.g. 99.9). Default [50, 90, 95, 99]. */
  percentiles?: readonly number[];
  method?: PercentileMethod;
}

export interface NumericSummary {
  count: number;
  /** Left-to-right double sum (what PowerShell's Measure-Object -Sum does). 0 when empty. */
  sum: number;
  /** sum / count; null when empty. */
  mean: number | null;
  min: number | null;
  max: number | null;
  /**
   * Sample standard deviation (divisor n−1, as PowerShell's `Measure-Object -StandardDeviation`);
   * null when fewer than 2 values.
   */
  stddev: number | null;
  stddevKind: 'sample';
  /** Number of distinct values (SameValueZero: 0 and -0 are one value). */
  distinct: number;
  /** Keyed `p50`, `p95`, `p99.9`, …; null when empty. */
  percentiles: Record<string, number | null>;
  method: PercentileMethod;
}

export const DEFAULT_SUMMARY_PERCENTILES: readonly number[] = [50, 90, 95, 99];

/** `p95`, `p99.9`: the key a percentile is stored under. */
export function percentileKey(p: number): string {
  return `p${p}`;
}

export function summarize(values: readonly number[] | Float64Array, options: SummaryOptions = {}): NumericSummary {
  const method = options.method ?? DEFAULT_PERCENTILE_METHOD;
  const sorted = sortedCopy(values);
  const count = sorted.length;
  let sum = 0;
  // Sum in input order: floating-point addition is order-sensitive and the original sums as read.
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const mean = count === 0 ? null : sum / count;
  let stddev: number | null = null;
  if (count >= 2 && mean !== null) {
    let squares = 0;
    for (let i = 0; i < values.length; i++) {
      const d = values[i]! - mean;
      squares += d * d;
    }
    stddev = Math.sqrt(squares / (count - 1));
  }
  let distinct = 0;
  for (let i = 0; i < count; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  }
  const percentiles: Record<string, number | null> = {};
  for (const p of options.percentiles ?? DEFAULT_SUMMARY_PERCENTILES) percentiles[percentileKey(p)] = percentileOfSorted(sorted, p, method);
  return {
    count,
    sum,
    mean,
    min: count === 0 ? null : sorted[0]!,
    max: count === 0 ? null : sorted[count - 1]!,
    stddev,
    stddevKind: 'sample',
    distinct,
    percentiles,
    method,
  };
}

/**
 * Distinct labels. `caseInsensitive` reproduces PowerShell hashtable grouping (StateTrace groups
 * sites, statuses and hosts that way: `SW1` and `sw1` are one site).
 */
export function countDistinct(values: Iterable<unknown>, options: { caseInsensitive?: boolean } = {}): number {
  const seen = new Set<unknown>();
  for (const v of values) seen.add(options.caseInsensitive && typeof v === 'string' ? v.toLowerCase() : v);
  return seen.size;
}
