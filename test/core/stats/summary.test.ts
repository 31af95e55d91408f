import { describe, expect, it } from 'vitest';
import { countDistinct, summarize } from '../../../core/stats/summary.js';

describe('summarize', () => {
  it('empty sample: count 0, sum 0, everything else null, method named', () => {
    expect(summarize([])).toEqual({
      count: 0,
      sum: 0,
      mean: null,
      min: null,
      max: null,
      stddev: null,
      stddevKind: 'sample',
      distinct: 0,
      percentiles: { p50: null, p90: null, p95: null, p99: null },
      method: 'linear',
    });
  });

  it('CISmoke delays', () => {
    const s = summarize([8, 10, 9, 11, 10, 12, 9, 10, 11, 10], { percentiles: [50, 95, 99, 99.9] });
    expect(s).toMatchObject({ count: 10, sum: 100, mean: 10, min: 8, max: 12, distinct: 5, method: 'linear' });
    expect(s.percentiles.p50).toBe(10);
    expect(s.percentiles.p95).toBeCloseTo(11.55, 12);
    expect(s.percentiles.p99).toBe(11.91);
    expect(s.percentiles['p99.9']).toBeCloseTo(11.991, 12);
    // sample stddev: Σ(x−10)² = 12 over n−1 = 9
    expect(s.stddev).toBeCloseTo(Math.sqrt(12 / 9), 15);
  });

  it('one value: stddev undefined (null), percentiles the value', () => {
    expect(summarize([4.25])).toMatchObject({ count: 1, mean: 4.25, stddev: null, percentiles: { p50: 4.25, p99: 4.25 } });
  });

  it('nearest-rank is selectable and named', () => {
    const s = summarize([15, 20, 35, 40, 50], { method: 'nearest-rank', percentiles: [30] });
    expect(s.method).toBe('nearest-rank');
    expect(s.percentiles).toEqual({ p30: 20 });
  });

  it('sums in input order (floating point is order-sensitive)', () => {
    expect(summarize([0.1, 0.2, 0.3]).sum).toBe(0.1 + 0.2 + 0.3);
    expect(summarize([0.3, 0.2, 0.1]).sum).toBe(0.3 + 0.2 + 0.1);
  });
});

describe('countDistinct', () => {
  it.each<[unknown[], boolean, number]>([
    [['SW1', 'sw1', 'BOYO'], true, 2],
    [['SW1', 'sw1', 'BOYO'], false, 3],
    [[1, 1, 2, null, null], false, 3],
    [[], false, 0],
  ])('%j caseInsensitive=%s → %d', (values, caseInsensitive, expected) => {
    expect(countDistinct(values, { caseInsensitive })).toBe(expected);
  });
});
