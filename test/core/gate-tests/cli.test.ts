/**
 * End to end: the built CLI (`npm test` builds dist/ first) on the fixtures in test/fixtures/gate-tests/
 * and on the repository's own gate tests. `test-gates` writes no files, so fixtures are used in place.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { projectRoot } from '../../corpus.js';
import { runCli } from '../../e2e/helpers.js';
import { FIXTURES } from './helpers.js';

const project = join(FIXTURES, 'project');
const ANSI = /\u001b\[/;

describe('statetrace test-gates', () => {
  test('finds the tests under the gates directory, passes, and shows coverage including a gate file no test loads', async () => {
    const run = await runCli(['test-gates', '--coverage'], project);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('gates/tests/probe.test.yaml  (gates: gates/probe.yaml)');
    expect(run.stdout).toContain('  ✓ a fast day read from a telemetry file');
    expect(run.stdout).toMatch(/latency-p95 +1 +1 +0 +0 +0 +pass and fail tested/);
    expect(run.stdout).toContain('gates/untested.yaml  (no test file loads it)');
    expect(run.stdout).toMatch(/heartbeat-seen +0 +0 +0 +0 +0 +never tested/);
    expect(run.stdout).toContain('Gate tests: 4 cases in 1 file, 4 passed, all passed');
    expect(run.stdout).not.toMatch(ANSI);
  }, 60_000);

  test('exit 1 on a failing case, with expected vs got, the observed value, the message and both file:line', async () => {
    const run = await runCli(['test-gates', 'probe-failing.test.yaml'], join(FIXTURES, 'failing'));
    expect(run.exitCode).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines).toContain('  ✗ expects a pass the telemetry does not give  probe-failing.test.yaml:5:5');
    expect(lines).toContain('      latency-p95 p95: expected pass, got fail');
    expect(lines).toContain('        observed: 150 ms · 3 samples · verdict fail · gate expects p95 <= 100 ms');
    expect(lines).toContain('        P95 of Probe.LatencyMs is 150 ms over 3 samples, does not meet <= 100 ms.');
    expect(lines).toContain('        gate ../project/gates/probe.yaml:11:13 · expectation probe-failing.test.yaml:9:9');
    expect(run.stdout).toContain('warm-faster: expected pass, got no result');
    expect(run.stdout).toContain('appliesTo tags [warm]; case tags: none');
    expect(lines).toContain('  ✓ this one is right');
    expect(run.stdout).toContain('Gate tests: 3 cases in 1 file, 1 passed, 2 failed');
  }, 60_000);

  test('--json: cases, mismatches and coverage as one document', async () => {
    const run = await runCli(['test-gates', 'probe-failing.test.yaml', '--json'], join(FIXTURES, 'failing'));
    expect(run.exitCode).toBe(1);
    const doc = JSON.parse(run.stdout);
    expect(doc.status).toBe('failed');
    expect(doc.summary).toEqual({ files: 1, cases: 3, passed: 1, failed: 2 });
    const first = doc.files[0].cases[0];
    expect(first.mismatches[0]).toMatchObject({
      kind: 'verdict',
      gate: 'latency-p95',
      expected: 'pass',
      got: 'fail',
      expectation: { file: 'probe-failing.test.yaml', line: 9, column: 9 },
      result: { actual: 150, samples: 3, verdict: 'fail', source: { file: '../project/gates/probe.yaml', line: 11 } },
    });
    expect(doc.coverage.gates.find((g: { id: string }) => g.id === 'probe-count')).toMatchObject({ status: 'fail-only', verdicts: { warn: 1 } });
  }, 60_000);

  test('exit 2 on an invalid test file, naming file:line:col and the fix', async () => {
    const run = await runCli(['test-gates', 'unknown-gate.test.yaml'], join(FIXTURES, 'invalid'));
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/unknown-gate\.test\.yaml:8:17: unknown gate "latency-p59"/);
    expect(run.stderr).toContain('did you mean "latency-p95"?');
  }, 60_000);

  test('--grep runs only matching cases; FORCE_COLOR colours the marks', async () => {
    const run = await runCli(['test-gates', '--grep', 'slow day'], project, { NO_COLOR: '', FORCE_COLOR: '1' });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(ANSI);
    expect(run.stdout).toContain('a slow day');
    expect(run.stdout).not.toContain('a fast day');
  }, 60_000);

  test("the repository's own gate tests pass and test every plan gate both ways", async () => {
    const run = await runCli(['test-gates', '--json'], projectRoot);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.summary.failed).toBe(0);
    const planGates = doc.coverage.gates.filter((g: { file: string }) => /^gates\/plan-/.test(g.file));
    expect(planGates.length).toBeGreaterThanOrEqual(19);
    expect(planGates.filter((g: { status: string }) => g.status !== 'pass-and-fail').map((g: { id: string }) => g.id)).toEqual([]);
  }, 60_000);
});
