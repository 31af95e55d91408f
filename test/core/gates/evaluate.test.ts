import { describe, expect, test } from 'vitest';
import {
  collectSamplesFromRecords,
  createReferenceResolver,
  evaluateGates,
  loadGateText,
  noReferences,
  percentile,
  type Gate,
  type ReferenceResolver,
} from '../../../core/gates/index.js';
import { compileFilter, matchesFilter } from '../../../core/gates/filter.js';
import { MetricDictionary } from '../../../core/metrics/dictionary.js';
import type { GateResult } from '../../../core/types.js';
import statetrace from '../../../plugins/statetrace/index.js';

const NOW = Date.parse('2025-12-06T00:00:00Z');

function gatesFrom(yaml: string): Gate[] {
  return loadGateText(yaml, 'g.yaml', new MetricDictionary(statetrace.metrics)).gates;
}

/** One gate file with a single gate, indented for the caller. */
function gate(body: string, head = ''): Gate[] {
  return gatesFrom(`${head}gates:\n  - id: g\n${body.replace(/^/gm, '    ')}\n`);
}

function run(gates: Gate[], events: Array<Record<string, unknown>>, refs: ReferenceResolver = noReferences, scenario: string | { name: string; tags?: string[] } = 'day'): GateResult[] {
  return evaluateGates(gates, collectSamplesFromRecords(gates, events), refs, { scenario, now: NOW });
}

const parse = (DurationSeconds: number, extra: Record<string, unknown> = {}) => ({ EventName: 'ParseDuration', Timestamp: '2025-12-05T16:21:54.7420355-07:00', DurationSeconds, ...extra });

describe('evaluateGates: whole results', () => {
  test('a passing and a failing percentile, every field meaningful', () => {
    const gates = gatesFrom(
      [
        'plan: Plan E',
        'owner: telemetry',
        'gates:',
        '  - id: parse-p95',
        '    metric: ParseDuration.DurationSeconds',
        '    description: p95 of parse time',
        '    expect: [p95 <= 3 s, p50 < 1500 ms]',
        '',
      ].join('\n'),
    );
    const events = [1, 2, 3, 4].map((v) => parse(v));
    expect(run(gates, events)).toEqual([
      {
        gate: 'parse-p95',
        scenario: 'day',
        metric: 'ParseDuration.DurationSeconds',
        statistic: 'p95',
        operator: '<=',
        expected: '3 s',
        expectedValue: 3,
        actual: 3.85,
        actualText: '3.85 s',
        unit: 's',
        samples: 4,
        method: 'linear interpolation on (n-1)',
        verdict: 'fail',
        level: 'error',
        source: { file: 'g.yaml', line: 7, column: 14 },
        expression: 'p95 <= 3 s',
        message: 'P95 of ParseDuration.DurationSeconds is 3.85 s over 4 samples, does not meet <= 3 s.',
        plan: 'Plan E',
        owner: 'telemetry',
        description: 'p95 of parse time',
      },
      {
        gate: 'parse-p95',
        scenario: 'day',
        metric: 'ParseDuration.DurationSeconds',
        statistic: 'p50',
        operator: '<',
        expected: '1500 ms',
        expectedValue: 1.5,
        actual: 2.5,
        actualText: '2500 ms',
        unit: 's',
        samples: 4,
        method: 'linear interpolation on (n-1)',
        verdict: 'fail',
        level: 'error',
        source: { file: 'g.yaml', line: 7, column: 26 },
        expression: 'p50 < 1500 ms',
        message: 'P50 of ParseDuration.DurationSeconds is 2500 ms over 4 samples, does not meet < 1500 ms.',
        plan: 'Plan E',
        owner: 'telemetry',
        description: 'p95 of parse time',
      },
    ]);
  });

  test('per: one result per group, grouped case-insensitively, first spelling kept, sorted', () => {
    const gates = gate('metric: RowsWritten.Rows\nper: Site\nexpect: sum >= 10');
    const rows = (Site: string | null, Rows: number) => ({ EventName: 'RowsWritten', Site, Rows });
    const results = run(gates, [rows('sw1', 4), rows('WLLS', 20), rows('SW1', 5), rows(null, 1)]);
    expect(results.map((r) => [r.group, r.actual, r.samples, r.verdict, r.message])).toEqual([
      ['(none)', 1, 1, 'fail', 'Sum of RowsWritten.Rows for Site (none) is 1 over 1 sample, does not meet >= 10.'],
      ['WLLS', 20, 1, 'pass', 'Sum of RowsWritten.Rows for Site WLLS is 20 over 1 sample, meets >= 10.'],
      ['sw1', 9, 2, 'fail', 'Sum of RowsWritten.Rows for Site sw1 is 9 over 2 samples, does not meet >= 10.'],
    ]);
  });

  test('includes: case-insensitive, lists what is missing', () => {
    const gates = gate('metric: UserAction.Action\nexpect: includes [ScanLogs, LoadFromDb, HelpQuickstart]');
    const actions = ['scanlogs', 'LoadFromDb', 'CompareView'].map((Action) => ({ EventName: 'UserAction', Action }));
    expect(run(gates, actions)).toEqual([
      {
        gate: 'g',
        scenario: 'day',
        metric: 'UserAction.Action',
        statistic: 'includes',
        operator: 'includes',
        expected: 'ScanLogs, LoadFromDb, HelpQuickstart',
        expectedValue: ['ScanLogs', 'LoadFromDb', 'HelpQuickstart'],
        actual: 'scanlogs, LoadFromDb, CompareView',
        actualText: 'scanlogs, LoadFromDb, CompareView',
        unit: 'none',
        samples: 3,
        verdict: 'fail',
        level: 'error',
        source: { file: 'g.yaml', line: 4, column: 13 },
        expression: 'includes [ScanLogs, LoadFromDb, HelpQuickstart]',
        message: 'UserAction.Action lacks HelpQuickstart (2 of 3 required values seen in 3 samples).',
      },
    ]);
  });
});

describe('missing-data policy (minSamples + onMissing), in one place', () => {
  test.each([
    { name: 'no samples, default onMissing fail', body: 'expect: p95 <= 3 s', n: 0, verdict: 'fail', message: 'P95 of ParseDuration.DurationSeconds has 0 samples, fewer than the 1 required (minSamples), which counts as a failure (onMissing: fail).' },
    { name: 'too few samples, onMissing warn', body: 'expect: p95 <= 3 s\nminSamples: 3\nonMissing: warn', n: 2, verdict: 'warn', message: 'P95 of ParseDuration.DurationSeconds has 2 samples, fewer than the 3 required (minSamples), which counts as a warning (onMissing: warn).' },
    { name: 'too few samples, onMissing skip', body: 'expect: p95 <= 3 s\nminSamples: 3\nonMissing: skip', n: 2, verdict: 'not_evaluated', message: 'P95 of ParseDuration.DurationSeconds has 2 samples, fewer than the 3 required (minSamples), so it was not evaluated (onMissing: skip).' },
    { name: 'level warn turns a missing failure into a warning', body: 'expect: p95 <= 3 s\nlevel: warn', n: 0, verdict: 'warn', message: 'P95 of ParseDuration.DurationSeconds has 0 samples, fewer than the 1 required (minSamples), which counts as a warning (onMissing: fail, level: warn).' },
    { name: 'enough samples', body: 'expect: p95 <= 3 s\nminSamples: 2', n: 2, verdict: 'pass', message: 'P95 of ParseDuration.DurationSeconds is 1 s over 2 samples, meets <= 3 s.' },
    { name: 'count is defined on zero samples', body: 'expect: count == 0', n: 0, verdict: 'pass', message: 'Count of ParseDuration.DurationSeconds is 0 over 0 samples, meets == 0.' },
    { name: 'count with an explicit minSamples', body: 'expect: count == 0\nminSamples: 1', n: 0, verdict: 'fail', message: 'Count of ParseDuration.DurationSeconds has 0 samples, fewer than the 1 required (minSamples), which counts as a failure (onMissing: fail).' },
    { name: 'level off is never evaluated', body: 'expect: p95 <= 3 s\nlevel: off', n: 5, verdict: 'not_evaluated', message: 'Gate "g" is switched off (level: off).' },
  ])('$name', ({ body, n, verdict, message }) => {
    const gates = gate(`metric: ParseDuration.DurationSeconds\n${body}`);
    const [result] = run(gates, Array.from({ length: n }, () => parse(1)));
    expect({ verdict: result!.verdict, message: result!.message }).toEqual({ verdict, message });
  });

  test('a failed comparison at level warn is a warning, not a failure', () => {
    const [result] = run(gate('metric: ParseDuration.DurationSeconds\nlevel: warn\nexpect: max <= 1 s'), [parse(2)]);
    expect([result!.verdict, result!.level]).toEqual(['warn', 'warn']);
  });

  test('a ratio over an empty denominator is undefined, which the policy decides', () => {
    const [result] = run(gate('metric: ParseDuration.Success\nexpect: "ratio(count {Success: true}, sum ParseDuration.DurationSeconds) >= 50%"'), [parse(0, { Success: true })]);
    expect([result!.verdict, result!.actualText, result!.message]).toEqual(['fail', 'undefined', expect.stringContaining('is undefined: the denominator is 0')]);
  });
});

describe('statistics', () => {
  test.each([
    { p: 50, want: 10 },
    { p: 95, want: 11.55 },
    { p: 99, want: 11.91 },
  ])('§9.4 CISmoke delays: linear p$p = $want', ({ p, want }) => {
    const sorted = [8, 10, 9, 11, 10, 12, 9, 10, 11, 10].sort((a, b) => a - b);
    expect(percentile(sorted, p)).toBeCloseTo(want, 10);
  });

  test.each([
    { p: 0, want: 8 },
    { p: 50, want: 10 },
    { p: 95, want: 12 },
  ])('nearest-rank p$p = $want', ({ p, want }) => {
    expect(percentile([8, 9, 9, 10, 10, 10, 10, 11, 11, 12], p, 'nearest-rank')).toBe(want);
  });

  test('percentileMethod: nearest-rank is named in the result', () => {
    const [result] = run(gate('metric: ParseDuration.DurationSeconds\npercentileMethod: nearest-rank\nexpect: p50 <= 3 s'), [1, 2, 3, 4].map((v) => parse(v)));
    expect([result!.actual, result!.method]).toEqual([2, 'nearest rank']);
  });

  test.each([
    { name: 'mean', expr: 'mean <= 10 s', actual: 2.5 },
    { name: 'sum', expr: 'sum <= 100 s', actual: 10 },
    { name: 'min', expr: 'min >= 0 s', actual: 1 },
    { name: 'max', expr: 'max <= 10 s', actual: 4 },
    { name: 'stddev (population)', expr: 'stddev < 10 s', actual: 1.11803398875 },
    { name: 'count', expr: 'count == 4', actual: 4 },
    { name: 'distinct', expr: 'distinct == 4', actual: 4 },
  ])('$name', ({ expr, actual }) => {
    const [result] = run(gate(`metric: ParseDuration.DurationSeconds\nexpect: ${expr}`), [1, 2, 3, 4].map((v) => parse(v)));
    expect([result!.actual, result!.verdict]).toEqual([actual, 'pass']);
  });

  test('rate of a flag', () => {
    const [result] = run(gate('metric: ParseDuration.Success\nexpect: rate >= 99%'), [true, true, true, 'False'].map((Success) => parse(1, { Success })));
    expect([result!.actual, result!.actualText, result!.expectedValue, result!.verdict]).toEqual([0.75, '75 %', 0.99, 'fail']);
  });

  test('between and within', () => {
    const results = run(gate('metric: ParseDuration.DurationSeconds\nexpect: [mean between 2 s and 3 s, mean within 10% of 2 s]'), [1, 2, 3, 4].map((v) => parse(v)));
    expect(results.map((r) => [r.operator, r.expected, r.expectedValue, r.verdict])).toEqual([
      ['between', '2 s and 3 s', [2, 3], 'pass'],
      ['within', '10 % of 2 s', [1.8, 2.2], 'fail'],
    ]);
  });

  test('age: time since the newest Timestamp, relative to the evaluation time passed in', () => {
    const [result] = run(gate('metric: UserAction\nexpect: age < 24 h'), [
      { EventName: 'UserAction', Timestamp: '2025-12-05T10:00:00Z' },
      { EventName: 'UserAction', Timestamp: '2025-12-05T12:00:00.1234567-00:00' },
    ]);
    expect([result!.actual, result!.actualText, result!.verdict]).toEqual([43199.877, '12 h', 'pass']);
  });

  test('streak: longest run in telemetry order; streakReset restarts a run (the scheduler rule)', () => {
    const launches = [
      ['WLLS', 2],
      ['wlls', 2],
      ['WLLS', 1],
      ['WLLS', 2],
      ['BOYO', 2],
    ].map(([Site, QueuedSites]) => ({ EventName: 'ParserSchedulerLaunch', Site, QueuedSites }));
    const plain = run(gate('metric: ParserSchedulerLaunch.Site\nexpect: streak <= 2'), launches);
    const reset = run(gate('metric: ParserSchedulerLaunch.Site\nstreakReset: { QueuedSites: { lte: 1 } }\nexpect: streak <= 2'), launches);
    expect([plain[0]!.actual, plain[0]!.actualText, plain[0]!.verdict]).toEqual([4, '4 (longest run: WLLS)', 'fail']);
    expect([reset[0]!.actual, reset[0]!.verdict]).toEqual([2, 'pass']);
  });
});

describe('ratio(A, B)', () => {
  const sync = (Site: string, SiteCacheProvider: string) => ({ EventName: 'InterfaceSyncTiming', Site, Hostname: `${Site}-A`, SiteCacheProvider });

  test('hit ratio >= 99 % where Provider is Cache or SharedCache, per site', () => {
    const gates = gate('metric: InterfaceSyncTiming.SiteCacheProvider\nper: Site\n# A filter contains ": ", so the expression is quoted for YAML.\nexpect: "ratio(count {SiteCacheProvider: [Cache, SharedCache]}, all) >= 99%"');
    const events = [sync('BOYO', 'Cache'), sync('BOYO', 'sharedcache'), sync('WLLS', 'SharedCache'), sync('WLLS', 'Unknown')];
    expect(run(gates, events).map((r) => [r.group, r.statistic, r.actual, r.actualText, r.verdict])).toEqual([
      ['BOYO', 'ratio(count {SiteCacheProvider: [Cache, SharedCache]}, all)', 1, '100 % (2 / 2)', 'pass'],
      ['WLLS', 'ratio(count {SiteCacheProvider: [Cache, SharedCache]}, all)', 0.5, '50 % (1 / 2)', 'fail'],
    ]);
  });

  test('SkippedDuplicate covers at least 50 % of hosts (distinct over a union of events)', () => {
    const gates = gate('metric: SkippedDuplicate\nexpect: ratio(distinct SkippedDuplicate.Hostname, distinct SkippedDuplicate.Hostname + ParseDuration.Hostname) >= 50%');
    const events = [
      { EventName: 'SkippedDuplicate', Hostname: 'H1' },
      { EventName: 'SkippedDuplicate', Hostname: 'h1' },
      { EventName: 'ParseDuration', Hostname: 'H2', DurationSeconds: 1 },
      { EventName: 'ParseDuration', Hostname: 'H3', DurationSeconds: 1 },
    ];
    const [result] = run(gates, events);
    expect([result!.actual, result!.actualText, result!.verdict]).toEqual([0.333333333333, '33.333 % (1 / 3)', 'fail']);
  });

  test('sum over sums (warm hit count / hit + miss)', () => {
    const gates = gate(
      'metric: WarmRunComparison.WarmCacheProviderHitCount\nexpect: ratio(sum WarmRunComparison.WarmCacheProviderHitCount, sum WarmRunComparison.WarmCacheProviderHitCount + WarmRunComparison.WarmCacheProviderMissCount) >= 99%',
    );
    const [result] = run(gates, [{ EventName: 'WarmRunComparison', WarmCacheProviderHitCount: 37, WarmCacheProviderMissCount: 0 }]);
    expect([result!.actual, result!.verdict]).toEqual([1, 'pass']);
  });
});

describe('references', () => {
  const rows = (Site: string, Rows: number) => ({ EventName: 'RowsWritten', Site, Rows });

  test('fact: a number, or a record keyed by group (case-insensitive)', () => {
    const gates = gate('metric: RowsWritten.Rows\nper: Site\nexpect: sum within 1% of fact:persistence.rows');
    const refs = createReferenceResolver({ facts: { 'persistence.rows': { boyo: 120, WLLS: 1200 } } });
    expect(run(gates, [rows('BOYO', 120), rows('WLLS', 1100), rows('SW1', 8)], refs).map((r) => [r.group, r.expected, r.baseline, r.verdict, r.message])).toEqual([
      ['BOYO', '1 % of fact:persistence.rows (= 120)', 120, 'pass', 'Sum of RowsWritten.Rows for Site BOYO is 120 over 1 sample, meets within 1 % of fact:persistence.rows (= 120).'],
      ['SW1', '1 % of fact:persistence.rows', undefined, 'not_evaluated', 'Sum of RowsWritten.Rows for Site SW1 is 8 but was not compared: fact "persistence.rows" has no entry for Site "SW1".'],
      ['WLLS', '1 % of fact:persistence.rows (= 1200)', 1200, 'fail', 'Sum of RowsWritten.Rows for Site WLLS is 1100 over 1 sample, does not meet within 1 % of fact:persistence.rows (= 1200).'],
    ]);
  });

  test('fact not recorded → not_evaluated with the reason', () => {
    const [result] = run(gate('metric: InterfaceSyncTiming\nexpect: count == fact:ingest.hosts'), []);
    expect([result!.verdict, result!.message]).toEqual(['not_evaluated', 'Count of InterfaceSyncTiming is 0 but was not compared: fact "ingest.hosts" was not recorded in this scenario.']);
  });

  test('scenario:NAME computes the same statistic on the other scenario; X% of REF scales it', () => {
    const gates = gate('metric: ParseDuration.DurationSeconds\nexpect: mean <= 40% of scenario:cold-ingest');
    const cold = collectSamplesFromRecords(gates, [parse(10), parse(20)]);
    const refs = createReferenceResolver({ scenarios: { 'cold-ingest': cold } });
    const [warm] = run(gates, [parse(5), parse(6)], refs, 'warm-ingest');
    expect([warm!.scenario, warm!.actual, warm!.expected, warm!.expectedValue, warm!.baseline, warm!.verdict]).toEqual([
      'warm-ingest',
      5.5,
      '40 % of mean of scenario:cold-ingest (= 6 s)',
      6,
      6,
      'pass',
    ]);
    const [missing] = run(gates, [parse(5)], noReferences);
    expect([missing!.verdict, missing!.message]).toEqual(['not_evaluated', 'Mean of ParseDuration.DurationSeconds is 5 s but was not compared: scenario "cold-ingest" is not part of this run (or has no telemetry).']);
  });

  test('baseline with no history → not_evaluated "no baseline yet"; with history → compared', () => {
    const gates = gate('metric: ParseDuration.DurationSeconds\nlevel: warn\nexpect: p50 within 5% of baseline');
    const [none] = run(gates, [parse(2)]);
    expect([none!.verdict, none!.message]).toEqual(['not_evaluated', 'P50 of ParseDuration.DurationSeconds is 2 s but was not compared: no baseline yet for this gate (history has no earlier value).']);
    const queries: unknown[] = [];
    const refs = createReferenceResolver({ baseline: (q) => (queries.push(q), 2.05) });
    const [some] = run(gates, [parse(2)], refs);
    expect([some!.verdict, some!.baseline, some!.expectedValue]).toEqual(['pass', 2.05, [1.9475, 2.1525]]);
    expect(queries).toEqual([{ gateKey: 'g.yaml#g', gate: 'g', file: 'g.yaml', scenario: 'day', metric: 'ParseDuration.DurationSeconds', statistic: 'p50' }]);
  });
});

describe('applicability and filters', () => {
  test('appliesTo tags: evaluated only in matching scenarios (check: only with the tag)', () => {
    const gates = gate('metric: ParseDuration.DurationSeconds\nappliesTo: { tags: [warm] }\nexpect: p95 < 0.5 s');
    expect(run(gates, [parse(1)], noReferences, { name: 'check' })).toEqual([]);
    expect(run(gates, [parse(1)], noReferences, { name: 'check', tags: ['WARM'] }).map((r) => r.verdict)).toEqual(['fail']);
  });

  test.each([
    { name: 'equality is case-insensitive', where: { Site: 'boyo' }, record: { Site: 'BOYO' }, want: true },
    { name: 'a list is any-of', where: { Provider: ['Cache', 'SharedCache'] }, record: { Provider: 'sharedcache' }, want: true },
    { name: 'boolean matches its text form', where: { Success: true }, record: { Success: 'True' }, want: true },
    { name: 'number matches numeric text', where: { Rows: 5 }, record: { Rows: '5' }, want: true },
    { name: 'gt', where: { Rows: { gt: 0 } }, record: { Rows: 0 }, want: false },
    { name: 'lte', where: { QueuedSites: { lte: 1 } }, record: { QueuedSites: 1 }, want: true },
    { name: 'ne on a missing field holds', where: { Site: { ne: 'X' } }, record: {}, want: true },
    { name: 'eq on a missing field fails', where: { Site: 'X' }, record: {}, want: false },
    { name: 'exists: true', where: { Synthesized: { exists: true } }, record: { Synthesized: false }, want: true },
    { name: 'exists: false on null', where: { Site: { exists: false } }, record: { Site: null }, want: true },
    { name: 'notIn', where: { Site: { notIn: ['A', 'B'] } }, record: { Site: 'c' }, want: true },
    { name: 'field names are matched case-insensitively', where: { site: 'A' }, record: { Site: 'a' }, want: true },
    { name: 'all conditions must hold', where: { Site: 'A', Rows: { gte: 2 } }, record: { Site: 'A', Rows: 1 }, want: false },
  ])('where: $name', ({ where, record, want }) => {
    expect(matchesFilter(compileFilter(where), record)).toBe(want);
  });

  test('where and per apply to the gate metric', () => {
    const gates = gate("metric: ParseDuration.DurationSeconds\nwhere: { Success: true }\nexpect: max <= 10 s");
    const [result] = run(gates, [parse(1, { Success: true }), parse(50, { Success: false })]);
    expect([result!.actual, result!.samples]).toEqual([1, 1]);
  });
});

describe('metric aliases', () => {
  test('an alias field is read when the main field is absent', () => {
    const d = new MetricDictionary([{ name: 'Job.DurationMs', unit: 'ms', kind: 'duration', aliases: ['ElapsedMs'] }]);
    const gates = loadGateText('gates:\n  - id: j\n    metric: Job.DurationMs\n    expect: max <= 1 s\n', 'j.yaml', d).gates;
    const [result] = evaluateGates(gates, collectSamplesFromRecords(gates, [{ EventName: 'Job', DurationMs: 10 }, { EventName: 'job', ElapsedMs: 2000 }]), noReferences, { scenario: 's', now: NOW });
    expect([result!.actual, result!.samples, result!.verdict]).toEqual([2000, 2, 'fail']);
  });
});
