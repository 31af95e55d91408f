import { describe, expect, it } from 'vitest';
import { corpusPath, corpusSkipReason, hasCorpus } from '../../corpus.js';
import { analyzeProviderReasons, analyzeStoreState, parseTimestamp } from '../../../plugins/shared-cache/analyzers.js';
import { testSharedCacheDiagnostics } from '../../../plugins/shared-cache/guards.js';
import { loadRecords } from '../../../plugins/shared-cache/inputs.js';
import { diagnosticsCommand, providerReasonsCommand, storeStateCommand } from '../../../plugins/shared-cache/commands.js';
import type { CommandContext } from '../../../core/plugin.js';

const events = [
  { EventName: 'InterfaceSiteCacheSharedStoreState', Operation: 'SnapshotImported', Timestamp: '2026-01-03T09:35:00Z' },
  { EventName: 'InterfaceSiteCacheSharedStoreState', Operation: ' ', Timestamp: '2026-01-03T09:35:00.5Z' },
  { EventName: 'InterfaceSiteCacheSharedStore', Operation: 'GetHit', Site: 'WLLS', Timestamp: '2026-01-03T09:35:01.1234567-07:00' },
  { EventName: 'InterfaceSiteCacheSharedStore', Operation: 'GetMiss', Site: 'wlls', Timestamp: '2026-01-03T16:35:02Z' },
  { EventName: 'InterfaceSiteCacheSharedStore', Operation: 'Set', Site: '', Timestamp: 'not a time' },
  { EventName: 'InterfaceSiteCacheSharedStore', Operation: 'Weird', Site: 'BOYO' },
  { EventName: 'InterfaceSyncTiming', Site: 'BOYO', SiteCacheProvider: 'Refreshed', SiteCacheProviderReason: 'AccessRefresh', Hostname: 'B1', SiteCacheFetchDurationMs: 12, Timestamp: '2026-01-03T09:35:02Z' },
  { EventName: 'InterfaceSyncTiming', Site: 'boyo', SiteCacheProvider: 'SharedCache', Hostname: 'B2', Timestamp: '2026-01-03T09:35:03Z' },
  { EventName: 'InterfaceSyncTiming', Site: 'BOYO', SiteCacheProvider: 'Unknown', SiteCacheProviderReason: 'DatabaseQueryFallback', Hostname: 'B3' },
  { EventName: 'InterfaceSyncTiming', Site: '', Hostname: 'X' },
];

describe('store-state analyzer (TELEMETRY §4.1)', () => {
  it('counts state and store operations, per site case-insensitively (first spelling kept)', () => {
    const s = analyzeStoreState(events);
    expect(s).toMatchObject({ SnapshotImported: 1, GetHit: 1, GetMiss: 1, Set: 1, Remove: 0, OtherOperations: 1 });
    expect(s.StateOperations).toEqual({ SnapshotImported: 1, Unknown: 1 });
    expect(s.TopSites.map((t) => [t.Site, t.Total])).toEqual([['WLLS', 2], ['BOYO', 1], ['Unknown', 1]]);
    expect(s.FirstTimestamp).toBe('2026-01-03T09:35:00Z');
    expect(s.LastTimestamp).toBe('2026-01-03T16:35:02Z');
  });

  it('a time window drops events without a parseable Timestamp; bounds are inclusive', () => {
    const s = analyzeStoreState(events, { startTimeUtc: new Date('2026-01-03T09:35:00.5Z'), endTimeUtc: new Date('2026-01-03T16:35:01.123Z') });
    expect(s).toMatchObject({ SnapshotImported: 0, GetHit: 1, GetMiss: 0, Set: 0, OtherOperations: 0 });
    expect(() => analyzeStoreState(events, { startTimeUtc: new Date('2026-02-01'), endTimeUtc: new Date('2026-01-01') })).toThrow(/after/);
    expect(parseTimestamp('2026-01-03T09:35:01.1234567-07:00')).toBe(Date.parse('2026-01-03T16:35:01.123Z'));
  });
});

describe('provider-reason analyzer (TELEMETRY §4.2)', () => {
  it('reason falls back to the provider, then Unknown; other reasons count in Total only; sites sorted', () => {
    const r = analyzeProviderReasons(events);
    expect(r.sites.map(({ Reasons: _r, ...c }) => c)).toEqual([
      { Site: 'BOYO', Total: 3, AccessRefresh: 1, AccessCacheHit: 0, SharedCacheMatch: 0, SkipSiteCacheUpdate: 0, Unknown: 0 },
      { Site: 'Unknown', Total: 1, AccessRefresh: 0, AccessCacheHit: 0, SharedCacheMatch: 0, SkipSiteCacheUpdate: 0, Unknown: 1 },
    ]);
    expect(r.sites[0]!.Reasons).toEqual({ AccessRefresh: 1, SharedCache: 1, DatabaseQueryFallback: 1 });
    expect(r.hosts).toEqual([{ Site: 'BOYO', Hostname: 'B1', AccessRefresh: 1, AvgFetchDurationMs: 12 }]);
    expect(analyzeProviderReasons(events, { sites: ['boyo'] }).sites).toHaveLength(1);
  });

  it('Test-SharedCacheDiagnostics: SnapshotImported must be > 0, AccessRefresh ≤ 0', () => {
    const store = analyzeStoreState(events);
    const reasons = analyzeProviderReasons(events).sites;
    expect(testSharedCacheDiagnostics([store], reasons).Violations).toEqual(['AccessRefresh']);
    expect(testSharedCacheDiagnostics([{ SnapshotImported: 0 }], []).Violations).toEqual(['SnapshotImported']);
    expect(testSharedCacheDiagnostics([], []).Pass).toBe(true);
  });
});

function capture(): { ctx: CommandContext; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    ctx: { cwd: process.cwd(), stdout: (t) => (out += t), stderr: (t) => (err += t), color: false, concurrency: 1 },
    out: () => out,
    err: () => err,
  };
}

describe.skipIf(!hasCorpus)(`analyzers on shared files (summaries/, telemetry/) ${hasCorpus ? '' : corpusSkipReason}`, () => {
  const st007 = corpusPath('summaries', 'SharedCacheDiagnosticsInput-ST-B-007-20260103-095402.json');

  it('ST-B-007 diagnostics input: SnapshotImported 1, GetHit 1, TopSites TEST; reasons TEST Total 1 / SharedCacheMatch 1 (clean JSON on stdout)', () => {
    const a = capture();
    expect(storeStateCommand([st007], { topSites: '10' }, a.ctx)).toBe(0);
    const store = JSON.parse(a.out());
    expect(store).toMatchObject({ SnapshotImported: 1, GetHit: 1, GetMiss: 0, TopSites: [{ Site: 'TEST', Total: 1, GetHit: 1 }] });
    const b = capture();
    expect(providerReasonsCommand([st007], { topHosts: '10' }, b.ctx)).toBe(0);
    expect(JSON.parse(b.out())).toEqual([{ Site: 'TEST', Total: 1, AccessRefresh: 0, AccessCacheHit: 0, SharedCacheMatch: 1, SkipSiteCacheUpdate: 0, Unknown: 0 }]);
    const c = capture();
    expect(diagnosticsCommand([st007], {}, c.ctx)).toBe(0);
    expect(JSON.parse(c.out())).toMatchObject({ Pass: true, SnapshotImportedTotal: 1, AccessRefreshTotal: 0 });
  });

  it('2025-12-27.json: store operations and provider reasons per site (cross-checked with an independent count)', () => {
    const records = loadRecords([corpusPath('telemetry', '2025-12-27.json')]).records;
    const store = analyzeStoreState(records);
    expect(store).toMatchObject({ InitDelegatedStore: 14, SnapshotImported: 0, GetHit: 9, GetMiss: 432, Set: 45, Remove: 9 });
    expect(store.TopSites.map((s) => [s.Site, s.Total])).toEqual([['WLLS', 351], ['SW1', 144]]);
    const reasons = analyzeProviderReasons(records).sites;
    expect(reasons.map(({ Reasons: _r, ...c }) => c)).toEqual([
      { Site: 'SW1', Total: 27, AccessRefresh: 0, AccessCacheHit: 0, SharedCacheMatch: 0, SkipSiteCacheUpdate: 9, Unknown: 0 },
      { Site: 'WLLS', Total: 90, AccessRefresh: 0, AccessCacheHit: 36, SharedCacheMatch: 9, SkipSiteCacheUpdate: 45, Unknown: 0 },
    ]);
    expect(testSharedCacheDiagnostics([store], reasons).Violations).toEqual(['SnapshotImported']);
  });
});
