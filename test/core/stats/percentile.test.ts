import { describe, expect, it } from 'vitest';
import { percentile, percentileOfSorted, describePercentileMethod } from '../../../core/stats/percentile.js';

describe('percentile (linear, the original Get-PercentileValue)', () => {
  const cismoke = [8, 10, 9, 11, 10, 12, 9, 10, 11, 10];
  it.each<[string, number[], number, number | null]>([
    ['empty → null', [], 50, null],
    ['n = 1 → the value', [7.5], 99, 7.5],
    ['p clamped below 0', [3, 1, 2], -5, 1],
    ['p clamped above 100', [3, 1, 2], 250, 3],
    ['p0 = min', [5, 1, 9], 0, 1],
    ['p100 = max', [5, 1, 9], 100, 9],
    ['exact rank', [1, 2, 3, 4, 5], 50, 3],
    ['interpolated', [1, 2, 3, 4], 50, 2.5],
    ['unsorted input, negatives', [-1, -10, 5], 50, -1],
    ['CISmoke delays p50', cismoke, 50, 10],
    ['CISmoke delays p99', cismoke, 99, 11.91],
  ])('%s', (_name, values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it('CISmoke p95 is 11.55 (the double nearest the interpolation, 11.549999999999999)', () => {
    // (0.95 · 9) = 8.549999999999999 in binary; PowerShell computes the same double.
    expect(percentile(cismoke, 95)).toBe(11 + (12 - 11) * (0.95 * 9 - 8));
    expect(percentile(cismoke, 95)).toBeCloseTo(11.55, 12);
  });

  it('does not modify its input', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it('rejects NaN samples and NaN p instead of sorting them somewhere', () => {
    expect(() => percentile([1, Number.NaN], 50)).toThrow(RangeError);
    expect(() => percentile([1, 2], Number.NaN)).toThrow(RangeError);
  });
});

describe('percentile (nearest-rank)', () => {
  it.each<[number[], number, number | null]>([
    [[], 50, null],
    [[15, 20, 35, 40, 50], 5, 15],
    [[15, 20, 35, 40, 50], 30, 20],
    [[15, 20, 35, 40, 50], 40, 20],
    [[15, 20, 35, 40, 50], 50, 35],
    [[15, 20, 35, 40, 50], 100, 50],
    [[15, 20, 35, 40, 50], 0, 15],
    [[8, 10, 9, 11, 10, 12, 9, 10, 11, 10], 95, 12],
  ])('%j p%d → %s', (values, p, expected) => {
    expect(percentile(values, p, 'nearest-rank')).toBe(expected);
  });

  it('percentileOfSorted takes pre-sorted input; each method describes itself', () => {
    expect(percentileOfSorted([1, 2, 3, 4], 75)).toBe(3.25);
    expect(describePercentileMethod('linear')).toMatch(/\(n-1\)/);
    expect(describePercentileMethod('nearest-rank')).toMatch(/nearest rank/);
  });
});
