import { describe, expect, it } from 'vitest';
import { corpusPath, corpusSkipReason, hasCorpus } from '../../corpus.js';
import { computeComparison, replayComparison } from '../../../plugins/warm-run/comparison.js';
import { readWarmRunTelemetry } from '../../../plugins/warm-run/telemetry-file.js';

const row = (PassLabel: string, Hostname: string, Provider: string, InterfaceCallDurationMs: number | null, extra: Record<string, unknown> = {}) => ({
  PassLabel,
  SummaryType: null,
  Site: Hostname.slice(0, 4),
  Hostname,
  Provider,
  InterfaceCallDurationMs,
  ...extra,
});

describe('computeComparison (TELEMETRY §4.3)', () => {
  it('rounds averages to 3 dp, improvement from the rounded averages, percent to 2 dp (ToEven)', () => {
    const rows = [
      row('ColdPass', 'BOYO-1', 'Unknown', 100.0004),
      row('ColdPass', 'BOYO-2', 'Unknown', 200.0001),
      row('WarmPass', 'BOYO-1', 'SharedCache', 10),
      row('WarmPass', 'BOYO-2', 'Cache', 20),
    ];
    const c = computeComparison(rows);
    expect(c.ColdInterfaceCallAvgMs).toBe(150);
    expect(c.WarmInterfaceCallAvgMs).toBe(15);
    expect(c.ImprovementAverageMs).toBe(135);
    expect(c.ImprovementPercent).toBe(90);
    expect(c.ColdInterfaceCallP95Ms).toBe(195);
    expect(c.WarmCacheProviderHitCount).toBe(2);
    expect(c.WarmCacheProviderMissCount).toBe(0);
    expect(c.WarmCacheHitRatioPercent).toBe(100);
    expect(c.WarmProviderCounts).toEqual({ SharedCache: 1, Cache: 1 });
    expect(c.ColdHostCount).toBe(2);
  });

  it('counts every warm row for providers (also rows without durations); blank provider → Unknown', () => {
    const rows = [
      row('ColdPass', 'H1', 'Unknown', 100),
      row('WarmPass', 'H1', 'SharedCache', 10),
      row('WarmPass', 'H2', '', null),
      row('WarmPass', 'H3', 'Refreshed', 30),
      { ...row('WarmRunComparison', '', '', 999), SummaryType: 'InterfaceCallDuration' },
    ];
    const c = computeComparison(rows);
    expect(c.WarmProviderCounts).toEqual({ SharedCache: 1, Unknown: 1, Refreshed: 1 });
    expect(c.WarmCacheProviderMissCount).toBe(2);
    expect(c.WarmCacheHitRatioPercent).toBe(33.33);
    expect(c.WarmInterfaceCallAvgMs).toBe(20);
    expect(c.WarmHostCount).toBe(3);
  });

  it('drops AccessRetry/Refreshed/AccessRefresh warm rows only when others remain', () => {
    const retry = { CacheStatus: 'Refreshed', SiteCacheProviderReason: 'AccessRefresh' };
    const mixed = [row('WarmPass', 'H1', 'Cache', 10), row('WarmPass', 'H1', 'AccessRetry', 50, retry)];
    expect(computeComparison(mixed).WarmProviderCounts).toEqual({ Cache: 1 });
    const only = [row('WarmPass', 'H1', 'AccessRetry', 50, retry)];
    expect(computeComparison(only).WarmProviderCounts).toEqual({ AccessRetry: 1 });
  });

  it('leaves improvement null without warm durations, and takes host counts from the earlier figures when the recount is 0', () => {
    const c = computeComparison([row('ColdPass', 'H1', 'Cache', 10)], { WarmHostCount: 4, WarmSignatureRewriteTotal: 3 });
    expect(c.ImprovementPercent).toBeNull();
    expect(c.WarmInterfaceCallAvgMs).toBeNull();
    expect(c.WarmHostCount).toBe(4);
    expect(c.WarmSignatureRewriteTotal).toBe(3);
    expect(c.WarmCacheHitRatioPercent).toBeNull();
  });

  it('CISmoke: 180 → 38 ms is 78.89 %', () => {
    const c = computeComparison([row('ColdPass', 'H1', 'Cache', 180), row('WarmPass', 'H1', 'SharedCache', 38)]);
    expect(c.ImprovementPercent).toBe(78.89);
  });
});

describe.skipIf(!hasCorpus)(`replay of the shared WarmRunTelemetry files (warm-run/) ${hasCorpus ? '' : corpusSkipReason}`, () => {
  // Written by the current code (after 2025-12-23 14:12): the replay must reproduce the stored row exactly.
  const current = [
    'WarmRunTelemetry-20251223-151505.json',
    'WarmRunTelemetry-20251224-121344.json',
    'WarmRunTelemetry-20251224-161625.json',
    'WarmRunTelemetry-ST-B-005-20260102-153200.json',
    'WarmRunTelemetry-ST-B-005-20260102-154500.json',
  ];
  it.each(current)('%s reproduces its stored comparison row', (file) => {
    const { stored, differences } = replayComparison(readWarmRunTelemetry(corpusPath('warm-run', file)));
    expect(stored).toBeDefined();
    expect(differences).toEqual([]);
  });

  it('2025-12-24 16:16 figures (baseline 44.65 %)', () => {
    const { recomputed } = replayComparison(readWarmRunTelemetry(corpusPath('warm-run', 'WarmRunTelemetry-20251224-161625.json')));
    expect(recomputed).toMatchObject({
      ColdInterfaceCallAvgMs: 196.789,
      WarmInterfaceCallAvgMs: 108.93,
      ImprovementAverageMs: 87.859,
      ImprovementPercent: 44.65,
      ColdProviderCounts: { SharedCache: 33, Cache: 2, Refreshed: 2, ADODB: 2 },
      WarmProviderCounts: { SharedCache: 37 },
      ColdHostCount: 37,
      WarmHostCount: 37,
    });
  });

  // Written by older code (before the final recomputation existed): known, documented mismatches.
  it.each([
    ['WarmRunTelemetry-20251212-173043.json', ['WarmCacheProviderMissCount', 'WarmCacheProviderMissCountRaw']],
    ['WarmRunTelemetry-20251222-170626.json', ['WarmInterfaceCallAvgMs', 'ImprovementPercent']],
  ])('%s (older writer) differs from its stored row', (file, fields) => {
    const { differences } = replayComparison(readWarmRunTelemetry(corpusPath('warm-run', file)));
    const names = differences.map((d) => d.field);
    for (const f of fields) expect(names).toContain(f);
  });
});
