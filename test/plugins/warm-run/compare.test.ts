import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventInput } from '../../../core/plugin.js';
import { runWarmRunComparison, type CompareOptions } from '../../../plugins/warm-run/compare.js';
import { replayComparison } from '../../../plugins/warm-run/comparison.js';
import { assertWarmCache } from '../../../plugins/warm-run/assert-warm-cache.js';
import { readWarmRunTelemetry, WARM_RUN_COLUMNS } from '../../../plugins/warm-run/telemetry-file.js';
import { readSnapshot, toSnapshotJson } from '../../../plugins/shared-cache/snapshot.js';
import { generateSeed } from '../../../plugins/shared-cache/seed.js';
import { fakeCorpus, fakeIngest } from './fake-ingest.js';

const root = mkdtempSync(join(tmpdir(), 'statetrace-warm-run-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

async function run(options: Partial<CompareOptions> = {}, hosts = fakeCorpus({ BOYO: 12, WLLS: 25 })) {
  const events: EventInput[] = [];
  const warnings: string[] = [];
  const result = await runWarmRunComparison(
    { corpus: join(root, 'corpus'), workDir: join(root, `run-${n++}`), now: () => new Date('2026-01-02T11:10:00'), ...options },
    { ingest: fakeIngest(hosts), emit: (e) => events.push(e), warn: (w) => warnings.push(w) },
  );
  return { result, events, warnings };
}

describe('warm-run.compare orchestration (DOMAIN §4.1, §8 items 29–31)', () => {
  it('Empty/Empty: the cold pass parses every host with the shared cache disabled; the warm pass re-parses every host from the restored cache', async () => {
    const { result, events } = await run();
    expect(result.cold.result.counts.written).toBe(37);
    expect(result.cold.rows.every((r) => r.Provider === 'Unknown')).toBe(true);
    expect(result.warm.result.counts.written).toBe(37);
    expect(result.warm.rows.map((r) => r.Provider)).toEqual(Array(37).fill('SharedCache'));
    expect(result.comparison).toMatchObject({ ColdHostCount: 37, WarmHostCount: 37, WarmCacheProviderHitCount: 37, WarmCacheProviderMissCount: 0, WarmCacheHitRatioPercent: 100, WarmProviderCounts: { SharedCache: 37 } });
    expect(result.comparison.ImprovementPercent).toBeGreaterThan(60);
    // The cold store is disabled: every shared read misses and nothing is written to it.
    const coldStore = events.filter((e) => e.PassLabel === 'ColdPass' && e.EventName === 'InterfaceSiteCacheSharedStore');
    expect(new Set(coldStore.map((e) => e.Operation))).toEqual(new Set(['GetMiss']));
    // The warm store starts from the post-cold snapshot.
    const warmState = events.filter((e) => e.PassLabel === 'WarmPass' && e.EventName === 'InterfaceSiteCacheSharedStoreState').map((e) => e.Operation);
    expect(warmState).toEqual(['InitNewStore', 'SnapshotImported', 'InitializedWithSnapshot']);
    expect(result.snapshot).toMatchObject({ sites: 2, hosts: 37, rows: 370 });
    expect(assertWarmCache(result.cold.events, result.warm.events).Pass).toBe(true);
  });

  it('writes a WarmRunTelemetry file (84 columns) whose replay reproduces its comparison row, plus summary, hotspots, snapshot and events', async () => {
    const { result } = await run();
    const rows = readWarmRunTelemetry(result.files.telemetry);
    for (const row of rows) expect(Object.keys(row)).toEqual([...WARM_RUN_COLUMNS]);
    expect(rows.map((r) => r.PassLabel)).toContain('SharedCacheSnapshot:PostColdPass');
    expect(rows.at(-1)).toMatchObject({ PassLabel: 'WarmRunComparison', SummaryType: 'InterfaceCallDuration' });
    expect(replayComparison(rows).differences).toEqual([]);
    expect(JSON.parse(readFileSync(result.files.latestSummary, 'utf8'))).toMatchObject({ ImprovementPercent: result.comparison.ImprovementPercent });
    const csv = readFileSync(result.files.hotspots, 'utf8').split('\r\n');
    expect(csv[0]).toBe('"Site","Hostname","DiffComparisonMs","DiffDurationMs","LoadExistingMs","RowSetCount","Provider","ProviderReason"');
    expect(csv).toHaveLength(22);
    expect(readSnapshot(result.files.snapshot).summary).toEqual([{ Site: 'BOYO', Hosts: 12, TotalRows: 120 }, { Site: 'WLLS', Hosts: 25, TotalRows: 250 }]);
    expect(readFileSync(result.files.warmEvents, 'utf8').split('\n').filter(Boolean).every((l) => JSON.parse(l).PassLabel === 'WarmPass')).toBe(true);
  });

  it('warm seed ColdOutput: every warm host is a HashMatch duplicate; breakdown metrics are marked NotApplicable', async () => {
    const { result } = await run({ warmHistorySeed: 'ColdOutput' });
    expect(result.warm.result.counts).toMatchObject({ written: 0, skipped: 37 });
    const status = result.rows.filter((r) => r.PassLabel === 'TelemetryMetricStatus');
    expect(status.map((r) => [r.MetricName, r.MetricStatus, r.MetricStatusReason, r.SkippedDuplicateCount, r.HistorySeedMode])).toEqual([
      ['DatabaseWriteBreakdown', 'NotApplicable', 'SkippedDuplicateOnly', 37, 'ColdOutput'],
      ['InterfaceSyncTiming', 'NotApplicable', 'SkippedDuplicateOnly', 37, 'ColdOutput'],
    ]);
    expect(result.comparison.ImprovementPercent).toBeNull();
    expect(assertWarmCache(result.cold.events, result.warm.events).Violations).toEqual(['NoWarmEvents']);
  });

  it('warm seed Snapshot restores the pre-run history (none with fresh databases): every host re-parses', async () => {
    const { result } = await run({ warmHistorySeed: 'Snapshot' });
    expect(result.warm.result.counts.written).toBe(37);
    expect(result.rows.some((r) => r.PassLabel === 'TelemetryMetricStatus')).toBe(false);
  });

  it('warm cache from a resolved snapshot: the seed covers 6 of the hosts, the rest miss (hit ratio and assertion show it)', async () => {
    const seed = join(root, 'seed.json');
    writeFileSync(seed, toSnapshotJson(generateSeed({ sites: ['BOYO', 'WLLS'], hostsPerSite: 3 }), 'Seed'));
    const hosts = fakeCorpus({ BOYO: 3, WLLS: 3 }).map((h, i) => ({ ...h, hostname: ['BOYO-A01-AS-01', 'BOYO-A01-AS-02', 'BOYO-A02-AS-03', 'WLLS-A01-AS-01', 'WLLS-A01-AS-02', 'WLLS-Z99'][i]! }));
    const { result } = await run({ warmCacheSource: 'Snapshot', snapshot: join(root, 'missing.json'), seedSnapshot: seed }, hosts);
    expect(result.snapshot.resolved).toMatchObject({ Source: 'Seed', FallbackReason: 'FileNotFound' });
    expect(result.comparison).toMatchObject({ WarmCacheProviderHitCount: 5, WarmCacheProviderMissCount: 1, WarmCacheHitRatioPercent: 83.33 });
    const assertion = assertWarmCache(result.cold.events, result.warm.events);
    expect(assertion.Violations).toEqual(['WarmCacheMiss']);
    expect(assertion.WarmMissHosts).toEqual(['WLLS-Z99']);
  });

  it('no usable snapshot and no seed: the warm store starts empty (InitializedEmpty), every warm host misses, a warning says why', async () => {
    const { result, events, warnings } = await run({ warmCacheSource: 'Snapshot', snapshot: join(root, 'absent.json'), seedSnapshot: join(root, 'absent-seed.json') }, fakeCorpus({ BOYO: 2 }));
    expect(result.snapshot.resolved).toMatchObject({ Source: 'None', FallbackReason: 'SeedNotFound', Valid: false });
    expect(events.filter((e) => e.PassLabel === 'WarmPass' && e.EventName === 'InterfaceSiteCacheSharedStoreState').map((e) => e.Operation)).toEqual(['InitNewStore', 'InitializedEmpty']);
    expect(result.comparison).toMatchObject({ WarmCacheProviderHitCount: 0, WarmCacheProviderMissCount: 2, WarmCacheHitRatioPercent: 0 });
    expect(warnings.join('\n')).toMatch(/SeedNotFound/);
  });

  it('assert mode fails when the warm average is not below the cold average', () => {
    const bd = (Hostname: string, SiteCacheProvider: string, InterfaceCallDurationMs: number) => ({ EventName: 'DatabaseWriteBreakdown', Hostname, SiteCacheProvider, InterfaceCallDurationMs });
    const a = assertWarmCache([bd('H1', 'Unknown', 100)], [bd('H1', 'SharedCache', 150)]);
    expect(a.Violations).toEqual(['WarmNotFaster']);
    expect(assertWarmCache([bd('H1', 'Unknown', 100)], [bd('H1', 'Cache', 10), { ...bd('H2', 'Cache', 10), SiteCacheHostMapSignatureMatchCount: 0, SiteCacheHostMapSignatureRewriteCount: 2 }]).Violations).toEqual(['SignatureMiss', 'SignatureRewrite']);
  });

  it('restrictWarmComparisonToColdHosts drops warm hosts the cold pass never saw', async () => {
    const { result } = await run({ restrictWarmComparisonToColdHosts: true });
    expect(result.comparison.WarmHostCount).toBe(37);
    expect(existsSync(result.files.events)).toBe(true);
  });
});
