import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../core/types.js';
import { manifestSchema } from '../../../plugins/bundle/manifest.js';
import { verifyBundle, type VerifyReport } from '../../../plugins/bundle/verify.js';
import BundleReporterDefault, { BundleReporter } from '../../../reporters/bundle.js';
import type { ReporterContext } from '../../../reporters/types.js';
import { removeTempRoot, tempDir } from './tmp.js';

/** A project folder with a gate file, a scenario file, two scenarios' telemetry and artifacts, and the RunResult describing them. */
function syntheticRun(): { root: string; run: RunResult } {
  const root = tempDir('st-bundle-run-');
  const file = (rel: string, text: string) => {
    const path = join(root, rel);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return path;
  };
  const gateFile = file('gates/plan-e-telemetry.yaml', 'plan: Plan E\ngates:\n  - id: parse-duration-p95\n    metric: ParseDuration.DurationSeconds\n    expect: p95 <= 3s\n');
  const scenarioFile = file('scenarios/cold.yaml', 'name: cold\nsteps: []\n');
  const coldTelemetry = file('.statetrace/runs/r1/cold/telemetry.jsonl', '{"EventName":"ParseDuration","DurationSeconds":1.2}\n');
  const routingTelemetry = file('.statetrace/runs/r1/routing/telemetry.jsonl', '{"EventName":"RouteHealth"}\n');
  const rollup = file('.statetrace/runs/r1/cold/IngestionMetricsSummary-20261122.csv', 'Date,Scope\r\n');
  const warm = file('.statetrace/runs/r1/cold/WarmRunTelemetry-20261122.json', '[]');
  const queue = file('.statetrace/runs/r1/routing/QueueDelaySummary-20261122.json', '{}');
  const gate = {
    gate: 'parse-duration-p95',
    scenario: 'cold',
    metric: 'ParseDuration.DurationSeconds',
    statistic: 'p95',
    operator: '<=',
    expected: '3 s',
    actual: 1.2,
    actualText: '1.2 s',
    unit: 's',
    samples: 1,
    verdict: 'pass' as const,
    level: 'error' as const,
    source: { file: gateFile, line: 3 },
    expression: 'p95 <= 3s',
    message: 'p95 1.2 s <= 3 s',
    plan: 'Plan E',
    task: 'ST-G-007',
  };
  const telemetry = (path: string) => ({ files: [{ path, events: 1, malformed: 0, format: 'ndjson' as const, encoding: 'utf8', bytes: 10 }], events: 1, malformed: 0, malformedSamples: [], eventCounts: {} });
  const run: RunResult = {
    runId: '20261122-021530-ab12',
    command: 'statetrace run --reporter bundle',
    startedAt: '2026-11-22T02:15:30.000Z',
    finishedAt: '2026-11-22T02:15:32.000Z',
    durationMs: 2000,
    status: 'passed',
    exitCode: 0,
    scenarios: [
      {
        name: 'cold',
        file: scenarioFile,
        tags: [],
        status: 'passed',
        runDir: join(root, '.statetrace/runs/r1/cold'),
        durationMs: 1000,
        steps: [],
        facts: {},
        artifacts: [
          { path: rollup, category: 'RollupCsv', area: 'Telemetry', step: 'rollup.rollup' },
          { path: warm, category: 'WarmTelemetry', step: 'warm-run.compare' },
        ],
        telemetry: telemetry(coldTelemetry),
        gates: [gate],
      },
      {
        name: 'routing',
        tags: [],
        status: 'passed',
        runDir: join(root, '.statetrace/runs/r1/routing'),
        durationMs: 1000,
        steps: [],
        facts: {},
        artifacts: [{ path: queue, category: 'QueueDelaySummary', step: 'routing.evaluate-health' }],
        telemetry: telemetry(routingTelemetry),
        gates: [],
      },
    ],
    gateFiles: [gateFile],
    environment: { statetraceVersion: '0.1.0', node: 'v20.20.2', platform: 'linux', arch: 'x64', hostname: 'ci-seat', cpus: 2, plugins: [{ name: 'bundle', version: '0.1.0' }], configLayers: [{ source: 'defaults', settings: { outDir: 'reports' } }] },
    outDir: join(root, 'reports'),
    counts: { scenarios: 2, gates: 1, passed: 1, failed: 0, warned: 0, notEvaluated: 0, errors: 0 },
  };
  return { root, run };
}

function context(root: string): ReporterContext & { out: string[] } {
  const out: string[] = [];
  return { outDir: join(root, 'reports'), rootDir: root, stdout: { write: (t: string) => out.push(t) }, stderr: { write: () => undefined }, color: false, isTTY: false, env: {}, out };
}

async function report(options: ConstructorParameters<typeof BundleReporter>[0] = {}): Promise<{ root: string; run: RunResult; dir: string; ctx: ReturnType<typeof context> }> {
  const { root, run } = syntheticRun();
  const reporter = new BundleReporter(options);
  const ctx = context(root);
  reporter.onInit(ctx);
  await reporter.onRunEnd(run);
  return { root, run, dir: reporter.lastBundleDir!, ctx };
}

const problems = (r: VerifyReport) => [...r.Problems, ...r.Areas.flatMap((a) => a.Problems)].map((p) => `${p.kind} ${p.file}`).sort();

describe('bundle reporter', () => {
  it('is the default export and implements the Reporter hooks', () => {
    expect(BundleReporterDefault).toBe(BundleReporter);
    expect(new BundleReporter().name).toBe('bundle');
  });

  it('writes <outDir>/bundles/statetrace-<runId> with Telemetry, Routing and Verification areas that verify accepts', async () => {
    const { root, dir, ctx } = await report();
    expect(dir).toBe(join(root, 'reports', 'bundles', 'statetrace-20261122-021530-ab12'));
    expect(readdirSync(dir).sort()).toEqual(['README.md', 'Routing', 'Telemetry', 'Verification', 'statetrace-bundle.json']);
    const manifest = (area: string) => JSON.parse(readFileSync(join(dir, area, 'TelemetryBundle.json'), 'utf8')) as { Artifacts: Array<{ Category: string; TargetFile: string }>; PlanReferences: string[]; TaskBoardIds: string[] };
    expect(manifest('Telemetry').Artifacts.map((a) => `${a.Category} ${a.TargetFile}`)).toEqual([
      'ScenarioTelemetry telemetry/cold/telemetry.jsonl',
      'RollupCsv IngestionMetricsSummary-20261122.csv',
      'WarmTelemetry WarmRunTelemetry-20261122.json',
      'ScenarioTelemetry telemetry/routing/telemetry.jsonl',
    ]);
    expect(manifest('Routing').Artifacts.map((a) => `${a.Category} ${a.TargetFile}`)).toEqual(['QueueDelaySummary QueueDelaySummary-20261122.json']);
    expect(manifest('Verification').Artifacts.map((a) => `${a.Category} ${a.TargetFile}`)).toEqual([
      'RunResult RunResult.json',
      'GateResults GateResults.json',
      'Environment Environment.json',
      'GateFile gates/plan-e-telemetry.yaml',
      'ScenarioFile scenarios/cold.yaml',
    ]);
    expect(manifest('Verification').PlanReferences).toEqual(['Plan E']);
    expect(manifest('Verification').TaskBoardIds).toEqual(['ST-G-007']);
    const env = JSON.parse(readFileSync(join(dir, 'Verification', 'Environment.json'), 'utf8')) as { configLayers: unknown[] };
    expect(env.configLayers).toHaveLength(1);
    const result = await verifyBundle(dir);
    expect(problems(result)).toEqual([]);
    expect(result.Ready).toBe(true);
    expect(result.Rules).toBe('statetrace');
    expect(ctx.out.join('')).toContain('3 areas, 10 artifacts');
  });

  it('READMEs say what was run (exact command), the plans/tasks, the verdict per gate and list the artifacts', async () => {
    const { dir } = await report();
    const root = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(root).toContain('statetrace run --reporter bundle');
    expect(root).toMatch(/\| Telemetry \| 4 \| Telemetry\/TelemetryBundle\.json \|/);
    expect(root).toContain('- Plans: Plan E');
    expect(root).toContain('- Task Board IDs: ST-G-007');
    expect(root).toContain('| cold | parse-duration-p95 |  | pass | error | 1.2 s | p95 <= 3 s | 1 | Plan E | ST-G-007 | gates/plan-e-telemetry.yaml:3 |');
    const verification = readFileSync(join(dir, 'Verification', 'README.md'), 'utf8');
    expect(verification).toContain('## Gate verdicts');
    expect(verification).toMatch(/\| RunResult \| RunResult\.json \| statetrace run --reporter bundle \| [0-9A-F]{12} \| \d+ \|/);
  });

  it('every manifest it writes validates against the manifest schema', async () => {
    const { dir } = await report();
    const validate = new Ajv({ strict: false }).compile(manifestSchema);
    for (const area of ['Telemetry', 'Routing', 'Verification']) {
      expect(validate(JSON.parse(readFileSync(join(dir, area, 'TelemetryBundle.json'), 'utf8'))), area).toBe(true);
    }
  });

  const tampering: Array<{ what: string; tamper: (dir: string) => void; expected: string[] }> = [
    {
      what: 'one byte of the RunResult changed',
      tamper: (dir) => {
        const path = join(dir, 'Verification', 'RunResult.json');
        const bytes = readFileSync(path);
        bytes[10] = bytes[10]! ^ 1;
        writeFileSync(path, bytes);
      },
      expected: ['HashMismatch Verification/RunResult.json'],
    },
    { what: 'a telemetry file deleted', tamper: (dir) => rmSync(join(dir, 'Telemetry', 'telemetry', 'cold', 'telemetry.jsonl')), expected: ['ListedMissing Telemetry/telemetry/cold/telemetry.jsonl'] },
    { what: 'an unlisted file added', tamper: (dir) => writeFileSync(join(dir, 'Routing', 'sneaky.log'), 'x'), expected: ['Unlisted Routing/sneaky.log'] },
    { what: 'a gate file edited', tamper: (dir) => writeFileSync(join(dir, 'Verification', 'gates', 'plan-e-telemetry.yaml'), 'plan: Plan E\ngates: []\n'), expected: ['SizeMismatch Verification/gates/plan-e-telemetry.yaml'] },
  ];
  it.each(tampering)('verify fails naming the file when $what', async ({ tamper, expected }) => {
    const { dir } = await report();
    tamper(dir);
    const result = await verifyBundle(dir);
    expect(result.Ready).toBe(false);
    expect(problems(result)).toEqual(expected);
  });

  it('a registered artifact that vanished before the bundle was written makes the bundle not ready, naming it', async () => {
    const { root, run } = syntheticRun();
    const gone = run.scenarios[0]!.artifacts[1]!.path;
    rmSync(gone);
    const reporter = new BundleReporter({ name: 'with-gap' });
    reporter.onInit(context(root));
    await reporter.onRunEnd(run);
    const result = await verifyBundle(reporter.lastBundleDir!);
    expect(problems(result)).toEqual([`ListedMissing ${gone}`]);
    expect(readFileSync(join(reporter.lastBundleDir!, 'README.md'), 'utf8')).toContain(`WarmTelemetry ${gone}`);
  });

  it('one area folder of a statetrace bundle is verified with the index one level up', async () => {
    const { dir } = await report();
    const area = await verifyBundle(join(dir, 'Telemetry'));
    expect([area.Rules, area.Ready, area.Areas.map((a) => a.Area)]).toEqual(['statetrace', true, ['Telemetry']]);
    writeFileSync(join(dir, 'Telemetry', 'README.md'), 'edited');
    expect(problems(await verifyBundle(join(dir, 'Telemetry')))).toEqual(['IndexMismatch README.md']);
  });

  it('a second run with the same name gets a -1 suffix; outputRoot and includeTelemetry options apply', async () => {
    const { root, run } = syntheticRun();
    const make = async () => {
      const reporter = new BundleReporter({ name: 'Release', outputRoot: 'evidence', includeTelemetry: false });
      reporter.onInit(context(root));
      await reporter.onRunEnd(run);
      return reporter.lastBundleDir!;
    };
    expect([await make(), await make()]).toEqual([join(root, 'evidence', 'Release'), join(root, 'evidence', 'Release-1')]);
    const telemetryManifest = JSON.parse(readFileSync(join(root, 'evidence', 'Release', 'Telemetry', 'TelemetryBundle.json'), 'utf8')) as { Artifacts: Array<{ Category: string }> };
    expect(telemetryManifest.Artifacts.map((a) => a.Category)).toEqual(['RollupCsv', 'WarmTelemetry']);
  });

  it('keeps only the newest `keep` run bundles and never deletes a named one', async () => {
    const { root, run } = syntheticRun();
    const bundles = join(root, 'reports', 'bundles');
    const older = ['statetrace-20250101-000000-aaaa', 'statetrace-20250102-000000-bbbb', 'statetrace-20250103-000000-cccc'];
    for (const name of [...older, 'Release-2025-12-05']) mkdirSync(join(bundles, name), { recursive: true });
    const reporter = new BundleReporter({ keep: 2 });
    reporter.onInit(context(root));
    await reporter.onRunEnd(run);
    expect(readdirSync(bundles).sort()).toEqual(['Release-2025-12-05', 'statetrace-20250103-000000-cccc', basename(reporter.lastBundleDir!)].sort());
  });
});

afterAll(removeTempRoot);

describe('bundle reporter through the reporter registry', () => {
  it("createReporters(['bundle']) loads it and onRunEnd writes a bundle", async () => {
    const { createReporters, report: callHook } = await import('../../../reporters/index.js');
    const { root, run } = syntheticRun();
    const reporters = await createReporters([['bundle', { name: 'via-registry' }]], context(root));
    await callHook(reporters, 'onRunEnd', run);
    expect((await verifyBundle(join(root, 'reports', 'bundles', 'via-registry'))).Ready).toBe(true);
  });
});
