import { describe, expect, test } from 'vitest';
import { ExpressionSyntaxError, parseExpectation } from '../../../core/gates/expression.js';

const lit = (value: number, unit?: string) => (unit ? { kind: 'literal', value, unit } : { kind: 'literal', value });

describe('parseExpectation: statistics', () => {
  test.each([
    { name: 'count', input: 'count >= 1', want: { name: 'count' } },
    { name: 'sum', input: 'sum > 0', want: { name: 'sum' } },
    { name: 'mean', input: 'mean < 30 ms', want: { name: 'mean' } },
    { name: 'avg is an alias of mean', input: 'avg < 30 ms', want: { name: 'mean' } },
    { name: 'min', input: 'min >= 60%', want: { name: 'min' } },
    { name: 'max', input: 'max <= 10 s', want: { name: 'max' } },
    { name: 'stddev', input: 'stddev < 5 ms', want: { name: 'stddev' } },
    { name: 'distinct', input: 'distinct >= 2', want: { name: 'distinct' } },
    { name: 'rate', input: 'rate >= 99%', want: { name: 'rate' } },
    { name: 'streak', input: 'streak <= 8', want: { name: 'streak' } },
    { name: 'age', input: 'age < 24 h', want: { name: 'age' } },
    { name: 'p95', input: 'p95 <= 3 s', want: { name: 'percentile', p: 95 } },
    { name: 'p99.9 (fractional percentile)', input: 'p99.9 < 200ms', want: { name: 'percentile', p: 99.9 } },
    { name: 'p(99.9) (k6 form)', input: 'p(99.9) < 200 ms', want: { name: 'percentile', p: 99.9 } },
    { name: 'p0 and p100 are valid', input: 'p100 <= 1 s', want: { name: 'percentile', p: 100 } },
  ])('$name', ({ input, want }) => {
    expect(parseExpectation(input).statistic).toEqual(want);
  });

  test('ratio(A, B) with a filter operand and "all"', () => {
    const parsed = parseExpectation('ratio(count {SiteCacheProvider: [Cache, SharedCache]}, all) >= 99%');
    expect(parsed.statistic).toEqual({
      name: 'ratio',
      numerator: { aggregate: 'count', explicitAggregate: true, sources: [{ filter: { SiteCacheProvider: ['Cache', 'SharedCache'] }, text: '{SiteCacheProvider: [Cache, SharedCache]}' }], text: 'count {SiteCacheProvider: [Cache, SharedCache]}' },
      denominator: { aggregate: 'count', explicitAggregate: false, sources: [{ text: 'all' }], text: 'all' },
    });
    expect(parsed.statisticText).toBe('ratio(count {SiteCacheProvider: [Cache, SharedCache]}, all)');
    expect(parsed.comparison).toEqual({ op: '>=', ref: { ...lit(99, '%'), text: '99%' } });
  });

  test('ratio(A, B) over other metrics with distinct and a "+" union', () => {
    const parsed = parseExpectation('ratio(distinct SkippedDuplicate.Hostname, distinct SkippedDuplicate.Hostname + ParseDuration.Hostname) >= 50%');
    expect(parsed.statistic).toMatchObject({
      name: 'ratio',
      numerator: { aggregate: 'distinct', sources: [{ metric: 'SkippedDuplicate.Hostname' }] },
      denominator: { aggregate: 'distinct', sources: [{ metric: 'SkippedDuplicate.Hostname' }, { metric: 'ParseDuration.Hostname' }] },
    });
  });

  test('ratio with a bare aggregate means the gate\'s own samples', () => {
    expect(parseExpectation('ratio(count {Success: true}, count) >= 0.5').statistic).toMatchObject({
      denominator: { aggregate: 'count', explicitAggregate: true, sources: [{ text: '' }] },
    });
  });
});

describe('parseExpectation: operators and references', () => {
  test.each([
    { name: '<', input: 'p95 < 950 ms', want: { op: '<', ref: lit(950, 'ms') } },
    { name: '<= (scanned before <)', input: 'p95 <= 3 s', want: { op: '<=', ref: lit(3, 's') } },
    { name: '>', input: 'count > 0', want: { op: '>', ref: lit(0) } },
    { name: '>= (scanned before >)', input: 'count >= 10', want: { op: '>=', ref: lit(10) } },
    { name: '==', input: 'count == 37', want: { op: '==', ref: lit(37) } },
    { name: '!=', input: 'count != 0', want: { op: '!=', ref: lit(0) } },
    { name: 'no space between number and unit', input: 'p95<=3s', want: { op: '<=', ref: lit(3, 's') } },
    { name: 'decimal and exponent numbers', input: 'mean <= 1.5e3 ms', want: { op: '<=', ref: lit(1500, 'ms') } },
    { name: 'between A and B', input: 'mean between 1 s and 2 s', want: { op: 'between', low: lit(1, 's'), high: lit(2, 's') } },
    { name: 'between plain numbers', input: 'count between 1 and 5', want: { op: 'between', low: lit(1), high: lit(5) } },
    { name: 'within X% of baseline', input: 'p50 within 5% of baseline', want: { op: 'within', percent: 5, ref: { kind: 'baseline', text: 'baseline' } } },
    { name: 'within X% of a named baseline', input: 'p50 within 5% of baseline:release-1', want: { op: 'within', percent: 5, ref: { kind: 'baseline', name: 'release-1', text: 'baseline:release-1' } } },
    { name: 'fact reference', input: 'sum within 1% of fact:persistence.rows', want: { op: 'within', percent: 1, ref: { kind: 'fact', name: 'persistence.rows', text: 'fact:persistence.rows' } } },
    { name: 'scenario reference', input: 'mean <= scenario:cold-ingest', want: { op: '<=', ref: { kind: 'scenario', name: 'cold-ingest', text: 'scenario:cold-ingest' } } },
    {
      name: 'X% of REF (relative threshold)',
      input: 'mean <= 40% of scenario:cold-ingest',
      want: { op: '<=', ref: { kind: 'percentOf', percent: 40, of: { kind: 'scenario', name: 'cold-ingest', text: 'scenario:cold-ingest' }, text: '40% of scenario:cold-ingest' } },
    },
    { name: 'includes list (bare and quoted items)', input: 'includes [ScanLogs, "Load From Db", \'x,y\']', want: { op: 'includes', items: ['ScanLogs', 'Load From Db', 'x,y'] } },
  ])('$name', ({ input, want }) => {
    const parsed = parseExpectation(input);
    expect(parsed.comparison).toMatchObject(want);
  });

  test.each([
    { unit: 'ms' }, { unit: 's' }, { unit: 'm' }, { unit: 'h' }, { unit: '%' }, { unit: 'B' }, { unit: 'KB' }, { unit: 'MB' }, { unit: 'GB' }, { unit: 'KiB' }, { unit: 'MiB' }, { unit: 'GiB' },
  ])('unit $unit parses', ({ unit }) => {
    expect(parseExpectation(`max <= 2 ${unit}`).comparison).toEqual({ op: '<=', ref: { kind: 'literal', value: 2, unit, text: `2 ${unit}` } });
  });
});

describe('parseExpectation: errors quote the input, say where and what is valid', () => {
  test.each([
    { name: 'unit typo "sec"', input: 'p95 <= 3 sec', offset: 9, reason: 'unknown unit "sec"', hint: /ms, s, m, h/ },
    { name: 'unknown statistic', input: 'median <= 3 s', offset: 0, reason: 'unknown statistic "median"', hint: /count, sum, mean/ },
    { name: 'missing operator', input: 'p95 3 s', offset: 4, reason: 'expected a comparison', hint: /< <= > >= == != between within/ },
    { name: 'dangling operator', input: 'p95 <=', offset: 6, reason: 'expected a number, fact:NAME, scenario:NAME or baseline, found end of expression' },
    { name: 'percentile over 100', input: 'p101 < 1 s', offset: 0, reason: 'percentile p101 is outside 0..100' },
    { name: 'between without and', input: 'mean between 1 s 2 s', offset: 17, reason: 'expected "and"' },
    { name: 'within without %', input: 'p50 within 5 of baseline', offset: 13, reason: 'expected "%"' },
    { name: 'empty expression', input: '   ', offset: 0, reason: 'the expression is empty' },
    { name: 'trailing text', input: 'count >= 1 2', offset: 11, reason: 'unexpected text after the expression' },
    { name: 'fact without a name', input: 'sum == fact:', offset: 7, reason: 'expected a name after "fact:"' },
    { name: 'unclosed ratio', input: 'ratio(count {A: 1}, all >= 1', offset: 24, reason: 'expected ")" closing ratio(A, B)' },
    { name: 'unclosed filter', input: 'ratio(count {A: 1, all) >= 1', offset: 12, reason: 'unclosed "{" in filter' },
    { name: 'includes after a statistic', input: 'distinct includes [a]', offset: 9, reason: '"includes" takes no statistic before it' },
  ])('$name', ({ input, offset, reason, hint }) => {
    let caught: unknown;
    try {
      parseExpectation(input);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ExpressionSyntaxError);
    const error = caught as ExpressionSyntaxError;
    expect(error.reason.startsWith(reason)).toBe(true);
    expect(error.offset).toBe(offset);
    if (hint) expect(error.hint).toMatch(hint);
  });
});
