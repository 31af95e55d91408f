import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventInput, StepContext } from '../../../core/plugin.js';
import type { FactValue } from '../../../core/types.js';
import { generateStep, ingestStep, splitStep } from '../../../plugins/parser/steps.js';
import { verifyCounts } from '../../../plugins/persistence/verify.js';

function fakeContext() {
  const runDir = mkdtempSync(join(tmpdir(), 'st-steps-'));
  const facts: Record<string, FactValue> = {};
  const events: EventInput[] = [];
  const artifacts: string[] = [];
  const ctx: StepContext = {
    scenario: 'test',
    stepId: 'x',
    runDir,
    rootDir: runDir,
    telemetryFile: join(runDir, 'telemetry.jsonl'),
    emit: (e) => events.push(e),
    addTelemetry: () => undefined,
    fact: (name, value) => {
      facts[name] = value;
    },
    facts,
    outputs: {},
    artifact: (path) => artifacts.push(path),
    log: { info: () => undefined, warn: () => undefined },
    signal: new AbortController().signal,
    concurrency: 0,
  };
  return { ctx, facts, events, artifacts, runDir };
}

const ingestOptions = { historySeed: 'keep' as const, mode: 'strict' as const, scoredVendors: false, writePath: 'direct' as const, concurrency: 0 };

describe('parser and persistence steps', () => {
  it('generate → ingest → mutate → ingest → verify-counts records the facts the gates use', async () => {
    const { ctx, facts, events, artifacts } = fakeContext();
    const corpus = generateStep(ctx, { seed: 42, shape: 'default', mutate: 0, mutatePortsPerHost: 4 });
    expect(corpus).toMatchObject({ hosts: 37, interfaces: 1320, sites: ['BOYO', 'WLLS'] });
    const first = await ingestStep(ctx, { ...ingestOptions, corpus: corpus.dir as string });
    expect(first).toMatchObject({ hosts: 37, written: 37, skipped: 0, failed: 0 });
    expect(facts['persistence.rows']).toEqual({ BOYO: 120, WLLS: 1200 });
    expect(artifacts).toHaveLength(2);
    const mutated = generateStep(ctx, { out: corpus.dir as string, seed: 42, shape: 'default', mutate: 0.02, mutatePortsPerHost: 4 });
    await ingestStep(ctx, { ...ingestOptions, corpus: corpus.dir as string });
    expect(facts['ingest.hosts']).toBe(37 + (mutated.mutatedHosts as number));
    expect(facts['ingest.skipped']).toBe(37 - (mutated.mutatedHosts as number));
    expect(facts['parser.hosts']).toBe(37);
    verifyCounts(ctx, { rows: 'history', requireSites: ['BOYO', 'WLLS'], minRows: 1320 });
    const written: Record<string, number> = {};
    for (const e of events.filter((x) => x.EventName === 'RowsWritten')) written[e.Site as string] = (written[e.Site as string] ?? 0) + (e.Rows as number);
    expect(facts['persistence.rows']).toEqual(written);
    expect(facts['persistence.interfaceRows']).toEqual({ BOYO: 120, WLLS: 1200 });
    expect(facts['persistence.totalRows']).toBe(1320);
  });

  it('verify-counts fails clearly on a missing site or a missing data folder', async () => {
    const { ctx } = fakeContext();
    expect(() => verifyCounts(ctx, { rows: 'interfaces' })).toThrow(/no site databases: .* does not exist/);
    const corpus = generateStep(ctx, { seed: 1, shape: 'fleet', hosts: 3, sites: 1, mutate: 0, mutatePortsPerHost: 4 });
    await ingestStep(ctx, { ...ingestOptions, corpus: corpus.dir as string });
    expect(() => verifyCounts(ctx, { rows: 'interfaces', requireSites: ['BOYO'] })).toThrow(/site database for BOYO is missing/);
  });

  it('ingest names a missing corpus folder; split writes slices', async () => {
    const { ctx } = fakeContext();
    await expect(ingestStep(ctx, { ...ingestOptions, corpus: '/nonexistent/corpus' })).rejects.toThrow(/corpus folder \/nonexistent\/corpus does not exist/);
    generateStep(ctx, { seed: 1, shape: 'default', mutate: 0, mutatePortsPerHost: 4 });
    expect(splitStep(ctx, {})).toMatchObject({ slices: 37, rawFiles: 37, unknown: false });
  });
});
