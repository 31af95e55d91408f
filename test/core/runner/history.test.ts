import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../core/history.js';
import { buildRunResult } from '../../../core/runner/run.js';
import type { GateResult, ScenarioResult } from '../../../core/types.js';

function scenario(actual: number, verdict: GateResult['verdict'] = 'pass'): ScenarioResult {
  const gate: GateResult = {
    gate: 'parse-p50', scenario: 'cold', metric: 'ParseDuration.DurationSeconds', statistic: 'p50', operator: 'within', expected: 'within 5% of baseline',
    actual, actualText: `${actual} s`, unit: 's', samples: 10, verdict, level: 'error', source: { file: '/p/gates/plan-e.yaml', line: 4 },
    expression: 'p50 within 5% of baseline', message: '',
  };
  return { name: 'cold', tags: [], status: 'passed', runDir: '/tmp', durationMs: 1, steps: [], facts: {}, artifacts: [], telemetry: { files: [], events: 0, malformed: 0, malformedSamples: [], eventCounts: {} }, gates: [gate] };
}

function run(runId: string, startedAt: string, actual: number) {
  const result = buildRunResult({ runId, command: 'statetrace run', startedAt: new Date(startedAt), scenarios: [scenario(actual)], gateFiles: [], environment: { statetraceVersion: '0', node: 'v20', platform: 'linux', arch: 'x64', hostname: 'h', cpus: 2, plugins: [] }, outDir: '/tmp' });
  return { ...result, startedAt };
}

const query = { gateKey: 'k', gate: 'parse-p50', file: '/elsewhere/gates/plan-e.yaml', scenario: 'cold', metric: 'ParseDuration.DurationSeconds', statistic: 'p50' };

describe('HistoryStore', () => {
  it('has no baseline before any run, then the newest run, or a pinned one by name', () => {
    const store = new HistoryStore(join(mkdtempSync(join(tmpdir(), 'st-history-')), 'h.db'));
    expect(store.baseline(query)).toBeUndefined();
    store.record(run('r1', '2026-01-01T00:00:00.000Z', 1.5));
    store.record(run('r2', '2026-01-02T00:00:00.000Z', 1.25));
    expect(store.baseline(query)).toBe(1.25);
    expect(store.pin('release-1', 'r1')).toBe('r1');
    expect(store.baseline({ ...query, name: 'release-1' })).toBe(1.5);
    expect(store.baseline({ ...query, name: 'unknown' })).toBeUndefined();
    expect(store.baseline({ ...query, group: 'BOYO' })).toBeUndefined();
    expect(store.runs().map((r) => [r.runId, r.gates, r.failed])).toEqual([['r2', 1, 0], ['r1', 1, 0]]);
    expect(() => store.pin('x', 'nope')).toThrow(/not in the history/);
    store.close();
  });
});

describe('buildRunResult', () => {
  it.each([
    { name: 'all gates pass', scenarios: [scenario(1)], exit: 0, status: 'passed' },
    { name: 'a gate fails', scenarios: [scenario(1, 'fail')], exit: 1, status: 'failed' },
    { name: 'a warning only', scenarios: [scenario(1, 'warn')], exit: 0, status: 'passed' },
    { name: 'a scenario crashed', scenarios: [{ ...scenario(1, 'fail'), status: 'error' as const, error: { message: 'x', exitCode: 3 } }], exit: 3, status: 'error' },
    { name: 'a scenario had invalid input', scenarios: [{ ...scenario(1), status: 'error' as const, error: { message: 'x', exitCode: 2 } }], exit: 2, status: 'error' },
  ])('exit code when $name', ({ scenarios, exit, status }) => {
    const result = buildRunResult({ runId: 'r', command: 'c', startedAt: new Date(), scenarios, gateFiles: [], environment: {} as never, outDir: '/' });
    expect(result.exitCode).toBe(exit);
    expect(result.status).toBe(status);
  });
});
