import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusPath, corpusSkipReason, hasCorpus, projectRoot } from '../corpus.js';
import { copyFixture, readJson, runCli } from './helpers.js';

describe('statetrace run (fixture project)', () => {
  it('passes a scenario whose gates pass and writes JUnit, Markdown and JSON reports', async () => {
    const dir = copyFixture('project');
    const run = await runCli(['run', 'fast-probes'], dir);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('fast-probes');
    for (const file of ['junit.xml', 'summary.md', 'results.json']) expect(existsSync(join(dir, 'reports', file))).toBe(true);
    const results = readJson(join(dir, 'reports', 'results.json'));
    expect(results.exitCode).toBe(0);
    expect(results.scenarios[0].gates.map((g: { gate: string; verdict: string; actual: unknown }) => [g.gate, g.verdict, g.actual])).toEqual([
      ['probe-latency-p95', 'pass', 38.5],
      ['probe-count', 'pass', 4],
    ]);
    const junit = readFileSync(join(dir, 'reports', 'junit.xml'), 'utf8');
    expect(junit).toContain('<testsuite');
    expect(junit).not.toContain('<failure');
  }, 60_000);

  it('exits 1 when a gate fails, naming the gate file and line, and reports the malformed line', async () => {
    const dir = copyFixture('project');
    const run = await runCli(['run', 'slow-probes', '--reporter', 'console,json'], dir);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/gates[\\/]probe\.yaml:10/);
    const results = readJson(join(dir, 'reports', 'results.json'));
    const scenario = results.scenarios[0];
    expect(scenario.gates.find((g: { gate: string }) => g.gate === 'probe-latency-p95').verdict).toBe('fail');
    expect(scenario.telemetry.malformed).toBe(1);
    expect(scenario.telemetry.malformedSamples[0].line).toBe(5);
  }, 60_000);

  it('exits 3 when a step crashes, skips the rest of that scenario and still runs the others', async () => {
    const dir = copyFixture('project');
    const run = await runCli(['run', 'crashing-step', 'fast-probes', '--reporter', 'json'], dir);
    expect(run.exitCode).toBe(3);
    const results = readJson(join(dir, 'reports', 'results.json'));
    const byName = Object.fromEntries(results.scenarios.map((s: { name: string }) => [s.name, s]));
    expect(byName['crashing-step'].status).toBe('error');
    expect(byName['crashing-step'].error.message).toContain('exited with 3, expected 0');
    expect(byName['crashing-step'].steps.map((s: { status: string }) => s.status)).toEqual(['failed', 'skipped']);
    expect(byName['fast-probes'].status).toBe('passed');
  }, 60_000);

  it('kills the whole process tree of a command that outlives its timeout', async () => {
    const dir = copyFixture('project');
    const run = await runCli(['run', 'hung-command', '--reporter', 'json'], dir);
    expect(run.exitCode).toBe(3);
    const results = readJson(join(dir, 'reports', 'results.json'));
    expect(results.scenarios[0].error.message).toContain('timed out');
    const pid = Number(readFileSync(join(results.scenarios[0].runDir, 'sleeper.pid'), 'utf8'));
    await new Promise((r) => setTimeout(r, 200));
    expect(isRunning(pid)).toBe(false);
  }, 60_000);

  it('runs a scenario after the one its scenario:NAME gate references, and uses history as baseline on the next run', async () => {
    const dir = copyFixture('project');
    const first = await runCli(['run', 'a-warm-probes', 'cold-probes', '--reporter', 'json'], dir);
    expect(first.exitCode).toBe(0);
    const results = readJson(join(dir, 'reports', 'results.json'));
    expect(results.scenarios.map((s: { name: string }) => s.name)).toEqual(['cold-probes', 'a-warm-probes']);
    const warm = results.scenarios[1].gates;
    expect(warm[0]).toMatchObject({ gate: 'warm-faster-than-cold', verdict: 'pass', actual: 7.5 });
    expect(warm[1]).toMatchObject({ gate: 'warm-vs-last-run', verdict: 'not_evaluated' });
    expect(warm[1].message).toMatch(/baseline/i);

    const second = await runCli(['run', 'a-warm-probes', 'cold-probes', '--reporter', 'json'], dir);
    expect(second.exitCode).toBe(0);
    const again = readJson(join(dir, 'reports', 'results.json'));
    expect(again.scenarios[1].gates[1]).toMatchObject({ gate: 'warm-vs-last-run', verdict: 'pass', baseline: 7.5 });
  }, 60_000);

  it('selects scenarios by tag and rejects a filter that matches nothing with the available names', async () => {
    const dir = copyFixture('project');
    const byTag = await runCli(['run', '--tag', 'warm,cold', '--grep', 'fast', '--reporter', 'json'], dir);
    expect(byTag.exitCode).toBe(0);
    expect(readJson(join(dir, 'reports', 'results.json')).scenarios.map((s: { name: string }) => s.name)).toEqual(['fast-probes']);
    const none = await runCli(['run', 'no-such-scenario'], dir);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('No scenario matches "no-such-scenario"');
    expect(none.stderr).toContain('fast-probes');
  }, 60_000);
});

describe('statetrace replay', () => {
  it('re-gates the stored telemetry of the last run with an edited threshold and lists the flipped verdict', async () => {
    const dir = copyFixture('project');
    expect((await runCli(['run', 'fast-probes', '--reporter', 'json'], dir)).exitCode).toBe(0);
    const gateFile = join(dir, 'gates', 'probe.yaml');
    writeFileSync(gateFile, readFileSync(gateFile, 'utf8').replace('p95 <= 100ms', 'p95 <= 30ms'));
    const replay = await runCli(['replay', '--reporter', 'json'], dir);
    expect(replay.exitCode).toBe(1);
    expect(replay.stdout).toContain('1 verdict change');
    expect(replay.stdout).toMatch(/fast-probes › probe-latency-p95 {2}pass → fail {2}\(38\.5 ms → 38\.5 ms\)/);
    const changes = readJson(join(dir, 'reports', 'replay-changes.json'));
    expect(changes.changes).toHaveLength(1);
    expect(changes.changes[0]).toMatchObject({ scenario: 'fast-probes', gate: 'probe-latency-p95', before: 'pass', after: 'fail' });
  }, 60_000);
});

describe('invalid input exits 2 with file:line:col and the fix', () => {
  it('reports a unit typo, an unknown metric and broken YAML in one pass', async () => {
    const dir = copyFixture('bad-gate');
    const run = await runCli(['validate'], dir);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/typo\.yaml:5:\d+/);
    expect(run.stderr).toMatch(/ms.*s.*m.*h/);
    expect(run.stderr).toMatch(/typo\.yaml:7:\d+.*ParseDuraton/);
    expect(run.stderr).toContain('ParseDuration.DurationSeconds');
    expect(run.stderr).toMatch(/broken\.yaml:\d+:\d+/);
  }, 60_000);

  it('names the invalid config field', async () => {
    const dir = copyFixture('bad-config');
    const run = await runCli(['run'], dir);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('"concurrency"');
  }, 60_000);
});

describe.skipIf(!hasCorpus)('statetrace check on the original telemetry', () => {
  it('reproduces ParseDuration p95 1.84 s (pass) and DatabaseWriteLatency p95 1719.3 ms (fails the cold gate)', async () => {
    const run = await runCli(
      ['check', corpusPath('telemetry', '2025-12-05.json'), '--gates', 'gates/plan-e-telemetry.yaml', 'gates/plan-b-performance.yaml', '--reporter', 'console,json', '--out-dir', copyFixture('bad-config')],
      projectRoot,
    );
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('1.84 s');
    expect(run.stdout).toContain('1719.3 ms');
    expect(run.stdout).toMatch(/gates[\\/]plan-b-performance\.yaml:\d+/);
  }, 60_000);
});

describe('the shipped project (the main job)', () => {
  it('runs every shipped scenario with exit 0, and their gate unit tests pass', async () => {
    const outDir = copyFixture('bad-config');
    const run = await runCli(['run', '--reporter', 'json', '--out-dir', outDir, '--no-history'], projectRoot);
    expect(run.stderr).not.toMatch(/internal error/);
    const results = readJson(join(outDir, 'results.json'));
    expect(results.scenarios.map((s: { name: string; status: string }) => [s.name, s.status])).toEqual(
      ['cold-ingest', 'incremental-ingest', 'release-evidence', 'routing-capture', 'routing-outage', 'sample-pipeline', 'warm-run'].map((n) => [n, 'passed']),
    );
    expect(run.exitCode).toBe(0);
    expect(results.counts.failed).toBe(0);
    const gateTests = await runCli(['test-gates'], projectRoot);
    expect(gateTests.exitCode).toBe(0);
  }, 120_000);

  it('check accepts a folder of telemetry', async () => {
    const dir = copyFixture('project');
    expect((await runCli(['run', 'fast-probes', '--reporter', 'json'], dir)).exitCode).toBe(0);
    const runDir = readJson(join(dir, 'reports', 'results.json')).scenarios[0].runDir as string;
    const check = await runCli(['check', runDir, '--gates', 'gates/probe.yaml', '--reporter', 'json', '--out-dir', join(dir, 'check')], dir);
    expect(check.exitCode).toBe(0);
    const results = readJson(join(dir, 'check', 'results.json'));
    expect(results.scenarios[0].telemetry.files.map((f: { path: string }) => f.path.split(/[\\/]/).pop())).toEqual(['probe.jsonl', 'scenario-telemetry.json', 'telemetry.jsonl']);
    expect(results.scenarios[0].gates.map((g: { gate: string; verdict: string }) => [g.gate, g.verdict])).toEqual([['probe-latency-p95', 'pass'], ['probe-count', 'pass']]);
  }, 60_000);
});

describe('statetrace --version and --help', () => {
  it('prints the package version', async () => {
    const run = await runCli(['--version'], projectRoot);
    expect(run.stdout.trim()).toBe(readJson(join(projectRoot, 'package.json')).version);
  });
});
void corpusSkipReason;

/** A killed process may linger as a zombie until its (re)parent reaps it; that is not running. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const status = `/proc/${pid}/status`;
  if (!existsSync(status)) return true;
  return !/^State:\s+Z/m.test(readFileSync(status, 'utf8'));
}
