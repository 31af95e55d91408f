import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { computeCoverage, coverageStatus, formatCoverage, loadGateTestFile, runGateTestFile, type CoverageStatus } from '../../../core/gate-tests/index.js';
import { loadProject } from '../../../core/project.js';
import { projectRoot } from '../../corpus.js';
import { FIXTURES, loadTest, NOW, runTest } from './helpers.js';

describe('coverageStatus', () => {
  test.each([
    { counts: { pass: 0, fail: 0, warn: 0, not_evaluated: 0 }, notApplied: 0, want: 'untested' },
    { counts: { pass: 0, fail: 0, warn: 0, not_evaluated: 0 }, notApplied: 2, want: 'not-applied-only' },
    { counts: { pass: 0, fail: 0, warn: 0, not_evaluated: 1 }, notApplied: 0, want: 'not-evaluated-only' },
    { counts: { pass: 3, fail: 0, warn: 0, not_evaluated: 1 }, notApplied: 0, want: 'pass-only' },
    { counts: { pass: 0, fail: 1, warn: 0, not_evaluated: 0 }, notApplied: 0, want: 'fail-only' },
    { counts: { pass: 1, fail: 1, warn: 0, not_evaluated: 0 }, notApplied: 0, want: 'pass-and-fail' },
    { counts: { pass: 1, fail: 0, warn: 1, not_evaluated: 0 }, notApplied: 0, want: 'pass-and-fail' }, // a warn-level gate fails as warn
  ])('$counts, $notApplied not applied → $want', ({ counts, notApplied, want }) => {
    expect(coverageStatus(counts, notApplied)).toBe(want);
  });
});

describe('computeCoverage', () => {
  test('counts only asserted, matching results; per expectation and per group seen', async () => {
    const result = await runTest(
      [
        'cases:',
        '  - name: eu fast, us slow (only eu asserted)',
        '    facts: { probe.expected: { eu: 10, us: 500 } }',
        '    telemetry:',
        '      - { EventName: Probe, LatencyMs: 10, Region: eu }',
        '      - { EventName: Probe, LatencyMs: 500, Region: us }',
        '    expect:',
        '      - { gate: latency-per-region, group: eu, verdict: pass }',
        '      - { gate: latency-p95, verdict: fail }',
        '      - { gate: warm-faster, applies: false }',
        '  - name: a wrong expectation proves nothing',
        '    telemetry: [{ EventName: Probe, LatencyMs: 10 }]',
        '    expect:',
        '      - { gate: latency-p95, verdict: fail }',
        '',
      ].join('\n'),
    );
    expect(result.cases.map((c) => c.passed)).toEqual([true, false]);
    const test = await loadTest(result.file);
    const coverage = computeCoverage([{ gateFile: test.gateFiles[0]!, referenced: true }], [result]);
    const byId = Object.fromEntries(coverage.gates.map((g) => [g.id, g]));
    expect(byId['latency-p95']).toMatchObject({ status: 'fail-only', verdicts: { pass: 0, fail: 1, warn: 0, not_evaluated: 0 } });
    expect(byId['latency-per-region']!.status).toBe('pass-only');
    expect(byId['latency-per-region']!.expectations.map((e) => [e.expression, e.status])).toEqual([
      ['max <= 200 ms', 'pass-only'],
      ['sum within 10% of fact:probe.expected', 'pass-only'],
    ]);
    expect(byId['latency-per-region']!.groups.map((g) => [g.group, g.status])).toEqual([
      ['(none)', 'untested'], // the second case's event has no Region
      ['eu', 'pass-only'],
      ['us', 'untested'],
    ]);
    expect(byId['warm-faster']).toMatchObject({ status: 'not-applied-only', notApplied: 1 });
    expect(byId['sparse']!.status).toBe('untested');
    expect(coverage.totals).toMatchObject({ gates: 7, untested: 4, 'pass-only': 1, 'fail-only': 1, 'not-applied-only': 1 } satisfies Partial<Record<CoverageStatus | 'gates', number>>);
    const table = formatCoverage(coverage, { cwd: FIXTURES, color: false });
    expect(table).toContain('Gate coverage: 7 gates');
    expect(table).toMatch(/latency-p95 +0 +1 +0 +0 +0 +only failing tested/);
    expect(table).toMatch(/\[us\] +0 +0 +0 +0 +never tested/);
  });
});

describe('the shipped plan gate tests', () => {
  const plans = ['plan-a-routing', 'plan-b-performance', 'plan-e-telemetry', 'plan-h-adoption'];
  test.each(plans)('gates/tests/%s.test.yaml passes and tests every gate with pass and fail', async (plan) => {
    // The plan files use metrics of every configured plugin (plan A's outage gates: the routing plugin),
    // so they compile against the project's dictionary, as `statetrace test-gates` does.
    const { dictionary } = await loadProject({ cwd: projectRoot });
    const test = await loadGateTestFile(join(projectRoot, 'gates', 'tests', `${plan}.test.yaml`), { dictionary, now: NOW });
    const result = runGateTestFile(test);
    expect(result.cases.filter((c) => !c.passed).map((c) => ({ name: c.name, mismatches: c.mismatches.map((m) => `${m.gate}: ${m.expected} / ${m.got}`) }))).toEqual([]);
    const coverage = computeCoverage(test.gateFiles.map((gateFile) => ({ gateFile, referenced: true })), [result]);
    expect(coverage.gates.filter((g) => g.status !== 'pass-and-fail').map((g) => `${g.id}: ${g.status}`)).toEqual([]);
    for (const g of coverage.gates) for (const e of g.expectations) expect(e.status, `${g.id} ${e.expression}`).toBe('pass-and-fail');
  });
});
