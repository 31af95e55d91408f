/**
 * The `warm-run.compare` step end to end with the real parser/persistence ingest on a small generated
 * corpus, then the shared-cache steps on its outputs, through a recording StepContext. Asserts what
 * the passes did (labels, counts, files, events), never timings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventInput, StepContext } from '../../../core/plugin.js';
import type { ArtifactRecord, FactValue } from '../../../core/types.js';
import { generateCorpus } from '../../../plugins/parser/corpus/generate.js';
import { runCompareStep } from '../../../plugins/warm-run/compare-step.js';
import { runWarmRunComparison } from '../../../plugins/warm-run/compare.js';
import { ingestCorpus } from '../../../plugins/parser/ingest.js';
import { analyzeProviderReasonsStep, analyzeStoreStateStep, checkSnapshotStep, seedStep } from '../../../plugins/shared-cache/steps.js';

const root = mkdtempSync(join(tmpdir(), 'statetrace-warm-run-step-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function recordingContext(runDir: string) {
  const events: EventInput[] = [];
  const facts: Record<string, FactValue> = {};
  const artifacts: Array<Omit<ArtifactRecord, 'path' | 'step'> & { path: string }> = [];
  const ctx: StepContext = {
    scenario: 'warm-run-test',
    stepId: 'compare',
    runDir,
    rootDir: root,
    telemetryFile: join(runDir, 'telemetry.jsonl'),
    emit: (e) => events.push(e),
    addTelemetry: () => {},
    fact: (name, value) => (facts[name] = value),
    facts,
    outputs: {},
    artifact: (path, meta) => artifacts.push({ path, ...meta }),
    log: { info: () => {}, warn: () => {} },
    signal: new AbortController().signal,
    concurrency: 1,
  };
  return { ctx, events, facts, artifacts };
}

describe('warm-run.compare with the real ingest (plugins/parser ingestCorpus + persistence cache port)', () => {
  const run = recordingContext(join(root, 'run'));
  let outputs: Record<string, unknown>;
  beforeAll(async () => {
    const corpus = generateCorpus({ outDir: join(root, 'corpus'), seed: 42 });
    outputs = await runCompareStep(run.ctx, { corpus: corpus.dir, coldHistorySeed: 'Empty', warmHistorySeed: 'Empty', warmCacheSource: 'ColdPass', hotspotTop: 20, restrictWarmComparisonToColdHosts: false, concurrency: 1 });
  }, 30_000);

  it('serves every warm host from the shared cache and writes nothing again', () => {
    const comparison = run.events.find((e) => e.EventName === 'WarmRunComparison')!;
    expect(comparison).toMatchObject({ ColdHostCount: 37, WarmHostCount: 37, WarmCacheProviderHitCount: 37, WarmCacheProviderMissCount: 0, WarmCacheHitRatioPercent: 100, WarmProviderCounts: { SharedCache: 37 } });
    const warmRows = run.events.filter((e) => e.EventName === 'RowsWritten' && e.PassLabel === 'WarmPass');
    expect(warmRows).toHaveLength(37);
    expect(warmRows.every((e) => e.Rows === 0 && e.DeletedRows === 0)).toBe(true);
    const warmSync = run.events.filter((e) => e.EventName === 'InterfaceSyncTiming' && e.PassLabel === 'WarmPass');
    expect(new Set(warmSync.map((e) => `${e.SiteCacheProvider}/${e.SiteCacheProviderReason}/${e.SiteCacheFetchStatus}`))).toEqual(new Set(['SharedCache/SharedCacheMatch/SharedOnly']));
    expect(run.events.find((e) => e.EventName === 'WarmRunAssertion')).toMatchObject({ Violations: expect.not.arrayContaining(['WarmCacheMiss', 'NoWarmEvents']) });
    expect(run.facts).toMatchObject({ 'shared-cache.snapshot.sites': 2, 'shared-cache.snapshot.hosts': 37, 'shared-cache.snapshot.rows': 1320, 'shared-cache.snapshot.hostsBySite': { BOYO: 12, WLLS: 25 } });
    expect(run.artifacts.map((a) => a.category).sort()).toEqual(['DiffHotspots', 'SharedCacheSnapshot', 'WarmRunEvents', 'WarmTelemetry', 'WarmTelemetry']);
    expect(run.artifacts.every((a) => a.area === 'Telemetry')).toBe(true);
  });

  it('every warm host is a host-signature match (fingerprints carried by the post-cold snapshot): no diff, no signature miss or rewrite', () => {
    const warm = run.events.filter((e) => e.EventName === 'DatabaseWriteBreakdown' && e.PassLabel === 'WarmPass');
    expect(warm).toHaveLength(37);
    expect(new Set(warm.map((e) => `${e.SiteCacheHostMapSignatureStatus}/${e.SiteCacheHostMapSignatureMatchCount}/${e.SiteCacheHostMapSignatureRewriteCount}`))).toEqual(new Set(['Match/1/0']));
    expect(run.events.find((e) => e.EventName === 'WarmRunAssertion')).toMatchObject({ Violations: expect.not.arrayContaining(['SignatureMiss', 'SignatureRewrite']) });
    expect(run.events.find((e) => e.EventName === 'WarmRunComparison')).toMatchObject({ WarmSignatureMatchMissCount: 0, WarmSignatureRewriteTotal: 0 });
  });

  it('the shared-cache steps on its outputs: snapshot guard (Plan G), store state and provider reasons', () => {
    const guard = recordingContext(join(root, 'run'));
    const result = checkSnapshotStep(guard.ctx, { snapshot: outputs.snapshot as string, minimumSiteCount: 2, minimumHostCount: 37, minimumTotalRowCount: 1200, requiredSites: ['BOYO', 'WLLS'], telemetry: [outputs.events as string] });
    expect(result).toMatchObject({ pass: true, evictionPass: true, sites: 2, hosts: 37, rows: 1320 });
    expect(guard.events.filter((e) => e.EventName === 'SharedCacheSnapshotSite').map((e) => e.Site)).toEqual(['BOYO', 'WLLS']);

    const store = recordingContext(join(root, 'run'));
    analyzeStoreStateStep(store.ctx, { paths: [outputs.events as string], passLabel: 'WarmPass', topSites: 10 });
    expect(store.events[0]).toMatchObject({ EventName: 'SharedCacheStoreState', SnapshotImported: 1, GetHit: 37, GetMiss: 0, Scope: 'WarmPass' });

    const reasons = recordingContext(join(root, 'run'));
    const r = analyzeProviderReasonsStep(reasons.ctx, { paths: [outputs.events as string], topHosts: 10, maximumAccessRefreshCount: 0 });
    expect(r.accessRefresh).toBe(0);
    expect(reasons.events.map((e) => [e.Site, e.Total, e.SharedCacheMatch])).toEqual([['BOYO', 24, 12], ['WLLS', 50, 25]]);
  });

  it('warm seed ColdOutput with the real ingest: every warm host is a HashMatch duplicate, metrics NotApplicable', async () => {
    const result = await runWarmRunComparison(
      { corpus: join(root, 'corpus'), workDir: join(root, 'cold-output'), warmHistorySeed: 'ColdOutput', concurrency: 1 },
      { ingest: ingestCorpus, emit: () => {} },
    );
    expect(result.cold.result.counts.written).toBe(37);
    expect(result.warm.result.counts).toMatchObject({ written: 0, skipped: 37 });
    expect(result.warm.events.filter((e) => e.EventName === 'SkippedDuplicate').every((e) => e.Reason === 'HashMatch')).toBe(true);
    expect(result.rows.filter((r) => r.PassLabel === 'TelemetryMetricStatus').map((r) => r.MetricName)).toEqual(['DatabaseWriteBreakdown', 'InterfaceSyncTiming']);
  }, 30_000);

  it('seed step writes the 2/6/60 seed', () => {
    const seed = recordingContext(join(root, 'run'));
    expect(seedStep(seed.ctx, { sites: ['BOYO', 'WLLS'], hostsPerSite: 3, portsPerHost: 10 })).toMatchObject({ sites: 2, hosts: 6, rows: 60 });
  });
});
