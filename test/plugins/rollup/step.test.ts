/** The `rollup.rollup` step inside a scenario: artifact, facts, and the RollupGenerated event. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventInput, StepContext } from '../../../core/plugin.js';
import type { ArtifactRecord, FactValue } from '../../../core/types.js';
import plugin from '../../../plugins/rollup/index.js';

const dir = mkdtempSync(join(tmpdir(), 'rollup-step-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeContext(telemetryFile: string) {
  const events: EventInput[] = [];
  const facts: Record<string, FactValue> = {};
  const artifacts: Array<Omit<ArtifactRecord, 'step'>> = [];
  const ctx: StepContext = {
    scenario: 's',
    stepId: 'rollup',
    runDir: join(dir, 'run'),
    rootDir: dir,
    telemetryFile,
    emit: (e) => events.push(e),
    addTelemetry: () => {},
    fact: (name, value) => {
      facts[name] = value;
    },
    facts,
    outputs: {},
    artifact: (path, meta) => artifacts.push({ path, ...meta }),
    log: { info: () => {}, warn: () => {} },
    signal: new AbortController().signal,
    concurrency: 1,
  };
  return { ctx, events, facts, artifacts };
}

const lines = [
  '{"EventName":"ParseDuration","Timestamp":"2025-12-05T16:21:53.1178871-07:00","Site":"BOYO","DurationSeconds":1.5,"Success":true}',
  '{"EventName":"ParseDuration","Timestamp":"2025-12-05T16:21:54.1178871-07:00","Site":"boyo","DurationSeconds":2.5,"Success":false}',
  '{"EventName":"UserAction","Timestamp":"2025-12-05T16:21:55.1178871-07:00","Action":"ScanLogs"}',
];

describe('rollup.rollup step', () => {
  it('rolls up the scenario telemetry by default and registers a RollupCsv artifact', async () => {
    const telemetry = join(dir, 'telemetry.jsonl');
    writeFileSync(telemetry, `${lines.join('\n')}\n`);
    const { ctx, events, facts, artifacts } = fakeContext(telemetry);
    const step = plugin.steps.rollup;
    const outputs = await step.run(ctx, { output: 'rollup/summary.csv', perSite: true, siteCache: true, json: false, filter: [], failOnWarnings: false, hashManifest: false });
    const csvPath = join(dir, 'run', 'rollup', 'summary.csv');
    expect(outputs).toMatchObject({ output: csvPath, rows: 5, warnings: 0 });
    expect(artifacts).toEqual([expect.objectContaining({ path: csvPath, category: 'RollupCsv', area: 'Telemetry' })]);
    expect(facts).toMatchObject({ 'rollup.rows': 5, 'rollup.files': 1, 'rollup.warnings': 0 });
    expect(typeof facts['rollup.generatedAt']).toBe('string');
    expect(events).toEqual([expect.objectContaining({ EventName: 'RollupGenerated', OutputPath: csvPath, Rows: 5, Warnings: 0 })]);
    const csv = readFileSync(csvPath, 'utf8');
    expect(csv).toContain('"telemetry","All","ParseDurationSeconds","2","2","2.45","2.5","4",,"Failures=1"');
    expect(csv).toContain('"telemetry","BOYO","ParseDurationSeconds","2"');
  });

  it('failOnWarnings fails the step after writing, naming the file and line', async () => {
    const telemetry = join(dir, 'bad.jsonl');
    writeFileSync(telemetry, `${lines[0]}\n{"EventName":\n`);
    const { ctx, artifacts } = fakeContext(telemetry);
    await expect(
      plugin.steps.rollup.run(ctx, { output: 'bad.csv', perSite: false, siteCache: false, json: false, filter: [], failOnWarnings: true, hashManifest: false }),
    ).rejects.toMatchObject({ code: 'STATETRACE_INPUT_INVALID', location: { file: telemetry, line: 2 } });
    expect(artifacts).toHaveLength(1);
  });

  it('declares the RollupGenerated metrics a freshness gate needs', () => {
    const names = plugin.metrics.map((m) => `${m.name}:${m.kind}`);
    expect(names).toContain('RollupGenerated:event');
    expect(names).toContain('RollupGenerated.Timestamp:timestamp');
  });

  it('a scenario without telemetry yet gives an empty rollup, not an error', async () => {
    const { ctx, artifacts, facts } = fakeContext(join(dir, 'never-written.jsonl'));
    const outputs = await plugin.steps.rollup.run(ctx, { output: 'x.csv', perSite: true, siteCache: true, json: false, filter: [], failOnWarnings: false, hashManifest: false });
    expect(outputs).toMatchObject({ output: null, rows: 0 });
    expect(artifacts).toEqual([]);
    expect(facts['rollup.rows']).toBe(0);
  });
});
