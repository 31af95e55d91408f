/**
 * Percentiles. The default reproduces StateTrace's `Get-PercentileValue` bit for bit (linear
 * interpolation between closest ranks on (n−1): numpy's default, Excel PERCENTILE.INC, R type 7);
 * nearest-rank is available for gates that want an observed value. Every caller that reports a
 * percentile also reports which method produced it.
 */

export type PercentileMethod = 'linear' | 'nearest-rank';

export const DEFAULT_PERCENTILE_METHOD: PercentileMethod = 'linear';

export const PERCENTILE_METHODS: readonly PercentileMethod[] = ['linear', 'nearest-rank'];

/** Human description of a method, for reports. */
export function describePercentileMethod(method: PercentileMethod): string {
  return method === 'linear'
    ? 'linear interpolation between closest ranks on (n-1) (StateTrace Get-PercentileValue, numpy default, Excel PERCENTILE.INC)'
    : 'nearest rank: the smallest value with at least p% of the samples at or below it';
}

/** Sorted numeric copy (Float64Array sort is numeric, NaN-free input assumed). */
export function sortedCopy(values: readonly number[] | Float64Array): Float64Array {
  const sorted = Float64Array.from(values);
  for (let i = 0; i < sorted.length; i++) {
    if (Number.isNaN(sorted[i]!)) throw new RangeError('percentile of a sample containing NaN');
  }
  sorted.sort();
  return sorted;
}

/** Percentile of already ascending-sorted values. Empty → null; p is clamped to [0, 100]. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number, method: PercentileMethod = DEFAULT_PERCENTILE_METHOD): number | null {
  if (Number.isNaN(p)) throw new RangeError('percentile p is NaN');
  const n = sorted.length;
  if (n === 0) return null;
  const clamped = Math.min(100, Math.max(0, p));
  if (n === 1) return sorted[0]!;
  if (method === 'nearest-rank') {
    const rank = Math.min(n, Math.max(1, Math.ceil((clamped / 100) * n)));
    return sorted[rank - 1]!;
  }
  // Same operations in the same order as the PowerShell original, so results match to the bit.
  const position = (clamped / 100) * (n - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower]!;
  if (lower === upper) return low;
  return low + (sorted[upper]! - low) * (position - lower);
}

/** Percentile `p` (0–100) of unsorted values. Empty → null, n = 1 → the value. */
export function percentile(values: readonly number[] | Float64Array, p: number, method: PercentileMethod = DEFAULT_PERCENTILE_METHOD): number | null {
  return percentileOfSorted(sortedCopy(values), p, method);
}
