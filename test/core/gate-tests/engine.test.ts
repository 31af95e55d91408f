import { describe, expect, test } from 'vitest';
import { actualMatches, expandEvent } from '../../../core/gate-tests/index.js';
import type { GateResult } from '../../../core/types.js';
import { runTest } from './helpers.js';

/** One case, indented under `cases:`. */
const oneCase = (yaml: string) => `cases:\n${yaml.split('\n').map((line, i) => (i === 0 ? `  - ${line}` : `    ${line}`)).join('\n')}\n`;

describe('a case passes when every expectation matches its results', () => {
  test.each([
    {
      name: 'pass with actual and samples',
      yaml: `name: c\ntelemetry: [{ EventName: Probe, $values: { LatencyMs: [10, 20, 30] } }]\nexpect:\n  - { gate: latency-p95, verdict: pass, actual: 29, samples: 3 }`,
    },
    {
      name: 'fail, with the rendered value as text',
      yaml: `name: c\ntelemetry: [{ EventName: Probe, LatencyMs: 150 }]\nexpect:\n  - { gate: latency-p95, verdict: fail, actual: "150 ms" }`,
    },
    {
      name: 'warn (a level: warn gate failing)',
      yaml: `name: c\ntelemetry: [{ EventName: Probe, LatencyMs: 1 }]\nexpect:\n  - { gate: probe-count, verdict: warn, actual: 1 }`,
    },
    {
      name: 'not_evaluated: too few samples with onMissing: skip',
      yaml: `name: c\ntelemetry: [{ EventName: Probe, LatencyMs: 1 }]\nexpect:\n  - { gate: sparse, verdict: not_evaluated, samples: 1, message: "fewer than the 5 required" }`,
    },
    {
      name: 'not_evaluated: a fact no step recorded',
      yaml: `name: c\ntelemetry: [{ EventName: Probe, LatencyMs: 1, Region: eu }]\nexpect:\n  - { gate: latency-per-region, statistic: sum, verdict: not_evaluated, message: 'fact "probe.expected" was not recorded' }`,
    },
    {
      name: 'facts keyed by group, per group',
      yaml: `name: c\nfacts: { probe.expected: { EU: 30, us: 100 } }\ntelemetry:\n  - { EventName: Probe, Region: eu, $values: { LatencyMs: [10, 20] } }\n  - { EventName: Probe, Region: us, LatencyMs: 50 }\nexpect:\n  - { gate: latency-per-region, group: eu, statistic: "sum within 10% of fact:probe.expected", verdict: pass, actual: 30 }\n  - { gate: latency-per-region, group: US, statistic: sum, verdict: fail, actual: 50 }`,
    },
    {
      name: 'scenario:NAME served from the case',
      yaml: `name: c\ntags: [warm]\nscenarios: { cold: [{ EventName: Probe, LatencyMs: 100 }] }\ntelemetry: [{ EventName: Probe, LatencyMs: 60 }]\nexpect:\n  - { gate: warm-faster, verdict: fail, message: "mean of scenario:cold" }`,
    },
    {
      name: 'scenario:NAME absent → not_evaluated',
      yaml: `name: c\ntags: [warm]\ntelemetry: [{ EventName: Probe, LatencyMs: 60 }]\nexpect:\n  - { gate: warm-faster, verdict: not_evaluated, message: 'scenario "cold" is not part of this run' }`,
    },
    {
      name: 'baseline by gate id, and the cold start without one',
      yaml: `name: c\nbaseline: { latency-vs-baseline: 20 }\ntelemetry: [{ EventName: Probe, LatencyMs: 20 }]\nexpect:\n  - { gate: latency-vs-baseline, verdict: pass }\n  - { gate: latency-vs-release, verdict: not_evaluated, message: 'no baseline yet named "release-1"' }`,
    },
    {
      name: 'named baselines',
      yaml: `name: c\nbaselines: { release-1: { latency-vs-release: 25 } }\ntelemetry: [{ EventName: Probe, LatencyMs: 20 }]\nexpect:\n  - { gate: latency-vs-release, verdict: pass }\n  - { gate: latency-vs-baseline, verdict: not_evaluated }`,
    },
    {
      name: 'applies: false for a gate appliesTo leaves out',
      yaml: `name: c\ntelemetry: []\nexpect:\n  - { gate: warm-faster, applies: false }`,
    },
    {
      name: 'exhaustive, every result listed',
      yaml: `name: c\nexhaustive: true\ntelemetry: []\nexpect:\n  - { gate: latency-p95, verdict: fail }\n  - { gate: latency-per-region, verdict: fail }\n  - { gate: latency-vs-baseline, verdict: fail }\n  - { gate: latency-vs-release, verdict: fail }\n  - { gate: probe-count, verdict: warn }\n  - { gate: sparse, verdict: not_evaluated }`,
    },
  ])('$name', async ({ yaml }) => {
    const result = await runTest(oneCase(yaml));
    const testCase = result.cases[0]!;
    expect(testCase.mismatches).toEqual([]);
    expect(testCase.passed).toBe(true);
    expect(testCase.asserted.length + testCase.assertedNotApplied.length).toBeGreaterThan(0);
  });
});

describe('mismatches say what differs and why', () => {
  test.each([
    {
      name: 'wrong verdict',
      yaml: `name: c\ntelemetry: [{ EventName: Probe, LatencyMs: 150 }]\nexpect:\n  - { gate: latency-p95, verdict: pass }`,
      want: [{ kind: 'verdict', expected: 'pass', got: 'fail', detail: /P95 of Probe\.LatencyMs is 150 ms over 1 sample, does not meet <= 100 ms/ }],
    },
    {
      name: 'wrong actual and samples on one result',
      yaml: `name: c\ntelemetry: [{ EventName: Probe, LatencyMs: 50 }]\nexpect:\n  - { gate: latency-p95, verdict: pass, actual: 40, samples: 2 }`,
      want: [
        { kind: 'actual', expected: 'actual 40', got: 'actual 50 (50 ms)' },
        { kind: 'samples', expected: '2 samples', got: '1 samples' },
      ],
    },
    {
      name: 'message not contained',
      yaml: `name: c\ntelemetry: [{ EventName: Probe, LatencyMs: 50 }]\nexpect:\n  - { gate: latency-p95, verdict: pass, message: "no baseline" }`,
      want: [{ kind: 'message', expected: 'message containing "no baseline"' }],
    },
    {
      name: 'gate left out by appliesTo',
      yaml: `name: c\ntelemetry: []\nexpect:\n  - { gate: warm-faster, verdict: pass }`,
      want: [{ kind: 'missing', got: 'no result', detail: /does not apply to this case: appliesTo tags \[warm\]; case tags: none/ }],
    },
    {
      name: 'group not in the telemetry',
      yaml: `name: c\ntelemetry: [{ EventName: Probe, LatencyMs: 5, Region: eu }]\nexpect:\n  - { gate: latency-per-region, group: asia, statistic: max, verdict: pass }`,
      want: [{ kind: 'missing', detail: /No group "asia".*groups seen: eu/ }],
    },
    {
      name: 'applies: false but the gate ran',
      yaml: `name: c\ntags: [warm]\ntelemetry: []\nexpect:\n  - { gate: warm-faster, applies: false }`,
      want: [{ kind: 'unexpected', expected: 'no result (applies: false)', got: 'fail' }],
    },
    {
      name: 'every selected result is checked (both groups)',
      yaml: `name: c\ntelemetry:\n  - { EventName: Probe, LatencyMs: 5, Region: eu }\n  - { EventName: Probe, LatencyMs: 500, Region: us }\nexpect:\n  - { gate: latency-per-region, statistic: max, verdict: pass }`,
      want: [{ kind: 'verdict', group: 'us', statistic: 'max', got: 'fail' }],
    },
    {
      name: 'exhaustive: an unlisted result',
      yaml: `name: c\nexhaustive: true\ntelemetry: [{ EventName: Probe, LatencyMs: 5 }]\nexpect:\n  - { gate: latency-p95, verdict: pass }\n  - { gate: latency-per-region, verdict: pass }\n  - { gate: latency-vs-baseline, verdict: not_evaluated }\n  - { gate: latency-vs-release, verdict: not_evaluated }\n  - { gate: sparse, verdict: not_evaluated }`,
      want: [{ kind: 'verdict', gate: 'latency-per-region', got: 'not_evaluated' }, { kind: 'unexpected', gate: 'probe-count', got: 'warn' }],
    },
  ])('$name', async ({ yaml, want }) => {
    const testCase = (await runTest(oneCase(yaml))).cases[0]!;
    expect(testCase.passed).toBe(false);
    expect(testCase.mismatches).toHaveLength(want.length);
    testCase.mismatches.forEach((m, i) => {
      const { detail, ...rest } = want[i]! as Record<string, unknown>;
      expect(m).toMatchObject(rest);
      if (detail) expect(m.detail).toMatch(detail as RegExp);
      expect(m.gateLocation.file).toMatch(/probe\.yaml$/);
      expect(m.gateLocation.line).toBeGreaterThan(0);
    });
  });

  test('a mismatch points at the expectation line and at the gate line', async () => {
    const result = await runTest(`cases:\n  - name: c\n    telemetry: [{ EventName: Probe, LatencyMs: 150 }]\n    expect:\n      - { gate: latency-p95, verdict: pass }\n`);
    const m = result.cases[0]!.mismatches[0]!;
    expect(m.expectation).toMatchObject({ line: 6, column: 9 });
    expect(m.result?.source).toMatchObject({ line: 11, column: 13 }); // `expect: p95 <= 100 ms` in probe.yaml
    expect(m.gateLocation.line).toBe(9); // `- id: latency-p95`
  });
});

describe('expandEvent: $values and $repeat', () => {
  test.each([
    { raw: { EventName: 'A', x: 1 }, want: [{ EventName: 'A', x: 1 }] },
    { raw: { EventName: 'A', $repeat: 3, x: 1 }, want: [{ EventName: 'A', x: 1 }, { EventName: 'A', x: 1 }, { EventName: 'A', x: 1 }] },
    {
      raw: { EventName: 'A', k: 'z', $values: { x: [1, 2], y: ['a', 'b'] } },
      want: [{ EventName: 'A', k: 'z', x: 1, y: 'a' }, { EventName: 'A', k: 'z', x: 2, y: 'b' }],
    },
    { raw: { EventName: 'A', $repeat: 2, $values: { x: [1, 2] } }, want: [1, 2, 1, 2].map((x) => ({ EventName: 'A', x })) },
  ])('$raw', ({ raw, want }) => {
    expect(expandEvent(raw)).toEqual({ events: want });
  });

  test('lists of different lengths are an error naming the lengths', () => {
    expect(expandEvent({ EventName: 'A', $values: { x: [1], y: [1, 2] } })).toMatchObject({ key: '$values', error: expect.stringContaining('x: 1, y: 2') });
  });
});

describe('actualMatches', () => {
  const result = (actual: GateResult['actual'], actualText: string, unit = 'count') => ({ actual, actualText, unit }) as GateResult;
  test.each([
    { expected: 1.84, r: result(1.84, '1.84 s'), want: true },
    { expected: 0.3, r: result(0.1 + 0.2, '0.3'), want: true },
    { expected: 0, r: result(0.3, '0.3'), want: false },
    { expected: 1.84, r: result(null, 'undefined'), want: false },
    { expected: '1.84s', r: result(1.84, '1.84 s'), want: true },
    { expected: '99%', r: result(0.99, '99 %'), want: true },
    { expected: '9', r: result(9, '9 (longest run: BOYO)'), want: true },
    { expected: 'a, b', r: result('a, b', 'a, b'), want: true },
    { expected: '2 h', r: result(7200, '2 h'), want: true },
    { expected: '3 h', r: result(7200, '2 h'), want: false },
    { expected: '55 m', r: result(3300, '0.917 h', 's'), want: true },
    { expected: '3300 s', r: result(3300, '0.917 h', 's'), want: true },
    { expected: '1.5 s', r: result(1500, '1500 ms', 'ms'), want: true },
    { expected: '99.5%', r: result(0.995, '99.5 %', 'ratio'), want: true },
    { expected: '56 m', r: result(3300, '0.917 h', 's'), want: false },
    { expected: '3 s', r: result(3, '3', 'count'), want: false },
  ])('$expected vs $r.actualText → $want', ({ expected, r, want }) => {
    expect(actualMatches(expected, r)).toBe(want);
  });
});
