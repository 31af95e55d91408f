import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandContext, EventInput, StepContext } from '../../../core/plugin.js';
import { StatetraceError } from '../../../core/errors.js';
import type { ArtifactRecord, FactValue } from '../../../core/types.js';
import plugin from '../../../plugins/bundle/index.js';
import { buildSampleBundle, telemetryFiles } from './sample-bundle.js';
import { removeTempRoot, tempDir } from './tmp.js';

function stepContext(root: string): StepContext & { events: EventInput[]; recorded: Record<string, FactValue>; artifacts: ArtifactRecord[] } {
  const events: EventInput[] = [];
  const recorded: Record<string, FactValue> = {};
  const artifacts: ArtifactRecord[] = [];
  const runDir = tempDir('st-bundle-step-');
  return {
    scenario: 'release',
    stepId: 'verify',
    runDir,
    rootDir: root,
    telemetryFile: join(runDir, 'telemetry.jsonl'),
    emit: (e) => void events.push(e),
    addTelemetry: () => undefined,
    fact: (name, value) => void (recorded[name] = value),
    facts: recorded,
    outputs: {},
    artifact: (path, meta) => void artifacts.push({ path, ...meta }),
    log: { info: () => undefined, warn: () => undefined },
    signal: new AbortController().signal,
    concurrency: 1,
    events,
    recorded,
    artifacts,
  };
}

function commandContext(cwd: string): CommandContext & { out: string[] } {
  const out: string[] = [];
  return { cwd, stdout: (t) => void out.push(t), stderr: () => undefined, color: false, concurrency: 1, out };
}

const command = (name: string) => plugin.commands.find((c) => c.name.startsWith(name))!;

/** Options as the CLI passes them: step schema defaults applied by ajv. */
function withDefaults(schema: Record<string, unknown>, options: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(options);
  const validate = new Ajv({ useDefaults: true, strict: false }).compile(schema);
  expect(validate(copy), JSON.stringify(validate.errors)).toBe(true);
  return copy;
}

describe('bundle plugin steps', () => {
  it('bundle.verify records bundle.ready, per-area facts and a BundleVerification event whose fields are all declared metrics', async () => {
    const bundle = buildSampleBundle({ riskRegisterIn: 'Routing' });
    const ctx = stepContext(join(bundle, '..'));
    const step = plugin.steps.verify;
    const outputs = await step.run(ctx, withDefaults(step.schema, { path: 'Sample-ReleaseBundle' }) as never);
    expect(outputs).toMatchObject({ ready: false, problems: 6 });
    expect(ctx.recorded).toMatchObject({ 'bundle.ready': false, 'bundle.problems': 6, 'bundle.areas': { Routing: false, Telemetry: true }, 'bundle.ready.Telemetry': true, 'bundle.ready.Routing': false });
    const event = ctx.events.find((e) => e.EventName === 'BundleVerification')!;
    expect(event).toMatchObject({ Ready: false, Problems: 6, MissingRequired: 2, HashMismatches: 0, Unlisted: 0, ListedMissing: 3, SchemaViolations: 1 });
    const declared = new Set(plugin.metrics.map((m) => m.name));
    for (const e of ctx.events) {
      expect(declared.has(e.EventName)).toBe(true);
      for (const field of Object.keys(e)) if (field !== 'EventName' && field !== 'Rules' && field !== 'Bundle') expect(declared.has(`${e.EventName}.${field}`), `${e.EventName}.${field}`).toBe(true);
    }
    expect(ctx.events.filter((e) => e.EventName === 'BundleAreaVerification').map((e) => [e.Area, e.Ready])).toEqual([
      ['Routing', false],
      ['Telemetry', true],
    ]);
    expect(ctx.artifacts).toHaveLength(1);
    expect(JSON.parse(readFileSync(ctx.artifacts[0]!.path, 'utf8'))).toMatchObject({ Ready: false });
  });

  it('bundle.verify with failOnNotReady fails the step', async () => {
    const bundle = buildSampleBundle();
    const ctx = stepContext(join(bundle, '..'));
    await expect(plugin.steps.verify.run(ctx, { path: bundle, failOnNotReady: true })).rejects.toThrow(/not ready: 5 problem/);
  });

  it('bundle.assemble writes into <runDir>/bundles and its output feeds bundle.verify', async () => {
    const src = tempDir('st-bundle-src-');
    for (const f of telemetryFiles) writeFileSync(join(src, f.target.replace('DocSync\\', '')), f.content);
    const ctx = stepContext(src);
    const options = withDefaults(plugin.steps.assemble.schema, {
      name: 'Release',
      rollupCsv: 'IngestionMetricsSummary-20250101.csv',
      analyzer: ['SharedCacheStoreState-20250101.json', 'SiteCacheProviderReasons-20250101.json'],
      warmTelemetry: 'WarmRunTelemetry-20250101.json',
      diffHotspots: 'WarmRunDiffHotspots-20250101.csv',
      docSync: 'DocSyncChecklist.json',
      taskBoardIds: ['ST-G-007'],
    });
    const out = (await plugin.steps.assemble.run(ctx, options as never)) as { dir: string; artifacts: number };
    expect(out.dir).toBe(join(ctx.runDir, 'bundles', 'Release'));
    expect(out.artifacts).toBe(6);
    const verified = await plugin.steps.verify.run(ctx, { path: out.dir });
    expect(verified).toMatchObject({ ready: true, problems: 0 });
    expect(ctx.recorded['bundle.ready']).toBe(true);
  });

  it('step schemas reject unknown options', () => {
    const validate = new Ajv({ strict: false }).compile(plugin.steps.verify.schema);
    expect(validate({ path: 'x', requireQueueSumary: true })).toBe(false);
  });
});

describe('bundle CLI commands', () => {
  it('bundle verify prints the table and exits 1 for the sample, 0 for its Telemetry area; --json and --summary', async () => {
    const bundle = buildSampleBundle();
    const ctx = commandContext(join(bundle, '..'));
    expect(await command('bundle verify').action(['Sample-ReleaseBundle'], {}, ctx)).toBe(1);
    const table = ctx.out.join('');
    expect(table).toContain('Routing    Routing telemetry JSON');
    expect(table).toMatch(/ListedMissing\s+Routing\/DispatcherLogs\/BOYO-Dispatcher\.log is listed in the manifest but missing/);
    expect(table).toContain('NOT READY: 5 problem(s)');

    const json = commandContext(join(bundle, '..'));
    const summary = join(bundle, '..', 'summary', 'VerificationSummary.json');
    expect(await command('bundle verify').action(['Sample-ReleaseBundle'], { json: true, area: 'Telemetry', summary }, json)).toBe(0);
    const parsed = JSON.parse(json.out.join('')) as { Ready: boolean; Areas: Array<{ Area: string; ReadmeHash: string; RequirementState: unknown[] }> };
    expect(parsed.Ready).toBe(true);
    expect(parsed.Areas.map((a) => a.Area)).toEqual(['Telemetry']);
    expect(parsed.Areas[0]!.ReadmeHash).toMatch(/^[0-9A-F]{64}$/);
    expect(existsSync(summary)).toBe(true);
  });

  it('bundle verify of something unreadable throws an exit-2 error; bad --rules is a usage error', async () => {
    const ctx = commandContext(tmpdir());
    const error = await command('bundle verify').action(['no-such-bundle-dir'], {}, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatetraceError);
    expect((error as StatetraceError).exitCode).toBe(2);
    await expect(command('bundle verify').action([buildSampleBundle()], { rules: 'strict' }, ctx)).rejects.toThrow(/--rules must be/);
  });

  it('bundle assemble mirrors publish options (comma lists, --artifact Category=path) and prints the artifacts', async () => {
    const src = tempDir('st-bundle-src-');
    writeFileSync(join(src, 'a.json'), '{}');
    writeFileSync(join(src, 'b.csv'), 'x');
    const ctx = commandContext(src);
    const code = await command('bundle assemble').action([], { name: 'Rel', area: 'Telemetry', outputRoot: 'out', plan: 'PlanE,PlanG', analyzer: 'a.json', artifact: 'Additional=b.csv' }, ctx);
    expect(code).toBe(0);
    expect(ctx.out.join('')).toMatch(/SharedCacheAnalyzer\s+a\.json/);
    const manifest = JSON.parse(readFileSync(join(src, 'out', 'Rel', 'Telemetry', 'TelemetryBundle.json'), 'utf8')) as { PlanReferences: string[] };
    expect(manifest.PlanReferences).toEqual(['PlanE', 'PlanG']);
    await expect(command('bundle assemble').action([], { outputRoot: 'out' }, ctx)).rejects.toThrow(/--name/);
  });
});

afterAll(removeTempRoot);
