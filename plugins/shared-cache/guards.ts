/**
 * Governance checks on shared-cache snapshots and telemetry (DOMAIN §3.4, TELEMETRY §5.1); the
 * thresholds are the contract. Each returns `{ Pass, Violations, Messages, … }` like the original.
 */
import type { SiteSummary } from './snapshot.js';

export interface SnapshotGuardThresholds {
  minimumSiteCount: number;
  minimumHostCount: number;
  minimumTotalRowCount: number;
  requiredSites: string[];
}

export const DEFAULT_SNAPSHOT_GUARD: SnapshotGuardThresholds = { minimumSiteCount: 1, minimumHostCount: 1, minimumTotalRowCount: 1, requiredSites: [] };

/** Plan G's release thresholds: BOYO + WLLS, ≥ 2 sites, 37 hosts, ≥ 1,200 rows. */
export const PLAN_G_SNAPSHOT_GUARD: SnapshotGuardThresholds = { minimumSiteCount: 2, minimumHostCount: 37, minimumTotalRowCount: 1200, requiredSites: ['BOYO', 'WLLS'] };

export interface SnapshotGuardResult {
  Pass: boolean;
  Violations: Array<'SummaryEmpty' | 'SiteCount' | 'HostCount' | 'RowCount' | 'RequiredSites'>;
  Messages: string[];
  Thresholds: SnapshotGuardThresholds;
  Statistics: { SiteCount: number; TotalHostCount: number; TotalRowCount: number };
  RequiredSitesMissing: string[];
  Sites: string[];
}

/** `Test-SharedCacheSnapshot` / `Test-SharedCacheSummaryCoverage`. */
export function testSnapshotCoverage(summary: readonly SiteSummary[], thresholds: Partial<SnapshotGuardThresholds> = {}): SnapshotGuardResult {
  const t = { ...DEFAULT_SNAPSHOT_GUARD, ...thresholds };
  const siteNames = new Map<string, string>();
  let hosts = 0;
  let rows = 0;
  for (const s of summary) {
    const name = s.Site.trim();
    if (name && !siteNames.has(name.toLowerCase())) siteNames.set(name.toLowerCase(), name);
    hosts += s.Hosts;
    rows += s.TotalRows;
  }
  const result: SnapshotGuardResult = {
    Pass: true,
    Violations: [],
    Messages: [],
    Thresholds: t,
    Statistics: { SiteCount: siteNames.size, TotalHostCount: hosts, TotalRowCount: rows },
    RequiredSitesMissing: t.requiredSites.filter((r) => !siteNames.has(r.trim().toLowerCase())),
    Sites: [...siteNames.values()],
  };
  const fail = (v: SnapshotGuardResult['Violations'][number], message: string) => {
    result.Violations.push(v);
    result.Messages.push(message);
  };
  if (summary.length === 0) fail('SummaryEmpty', 'The snapshot summary has no sites.');
  if (siteNames.size < t.minimumSiteCount) fail('SiteCount', `Site count ${siteNames.size} is below the minimum ${t.minimumSiteCount}.`);
  if (hosts < t.minimumHostCount) fail('HostCount', `Host count ${hosts} is below the minimum ${t.minimumHostCount}.`);
  if (rows < t.minimumTotalRowCount) fail('RowCount', `Row count ${rows} is below the minimum ${t.minimumTotalRowCount}.`);
  if (result.RequiredSitesMissing.length > 0) fail('RequiredSites', `Missing required sites: ${result.RequiredSitesMissing.join(', ')}`);
  result.Pass = result.Violations.length === 0;
  if (result.Pass) result.Messages.push(`Snapshot covers ${siteNames.size} site(s), ${hosts} host(s), ${rows} row(s).`);
  return result;
}

export interface EvictionThresholds {
  maximumSizeBytes: number;
  maximumHostCount: number;
  maximumRowCount: number;
  /** Hosts may shrink by at most this percentage against the baseline. */
  maximumShrinkPercent: number;
  /** Remove ÷ (GetHit + GetMiss + Set + Remove), percent. */
  maximumEvictionRatePercent: number;
}

export const DEFAULT_EVICTION_THRESHOLDS: EvictionThresholds = {
  maximumSizeBytes: 50 * 1024 * 1024,
  maximumHostCount: 500,
  maximumRowCount: 50_000,
  maximumShrinkPercent: 5,
  maximumEvictionRatePercent: 10,
};

export interface EvictionInput {
  sizeBytes: number;
  hostCount: number;
  rowCount: number;
  /** Host count of the baseline snapshot, when there is one. */
  baselineHostCount?: number;
  /** Store operation counts (from `InterfaceSiteCacheSharedStore` events). */
  operations?: { GetHit?: number; GetMiss?: number; Set?: number; Remove?: number };
}

export interface EvictionResult {
  Status: 'Pass' | 'Fail';
  Pass: boolean;
  Violations: Array<{ Type: 'SizeExceeded' | 'HostCountExceeded' | 'RowCountExceeded' | 'UnexpectedShrinkage' | 'HighEvictionRate'; Message: string; Current: number; Threshold: number }>;
  Thresholds: EvictionThresholds;
  Statistics: { SizeBytes: number; HostCount: number; RowCount: number; ShrinkPercent: number | null; EvictionRatePercent: number | null };
}

/** `Test-SharedCacheEviction`. */
export function testEviction(input: EvictionInput, thresholds: Partial<EvictionThresholds> = {}): EvictionResult {
  const t = { ...DEFAULT_EVICTION_THRESHOLDS, ...thresholds };
  const violations: EvictionResult['Violations'] = [];
  if (input.sizeBytes > t.maximumSizeBytes) violations.push({ Type: 'SizeExceeded', Message: `Snapshot is ${input.sizeBytes} bytes (maximum ${t.maximumSizeBytes}).`, Current: input.sizeBytes, Threshold: t.maximumSizeBytes });
  if (input.hostCount > t.maximumHostCount) violations.push({ Type: 'HostCountExceeded', Message: `${input.hostCount} hosts (maximum ${t.maximumHostCount}).`, Current: input.hostCount, Threshold: t.maximumHostCount });
  if (input.rowCount > t.maximumRowCount) violations.push({ Type: 'RowCountExceeded', Message: `${input.rowCount} rows (maximum ${t.maximumRowCount}).`, Current: input.rowCount, Threshold: t.maximumRowCount });
  let shrink: number | null = null;
  if (input.baselineHostCount !== undefined && input.baselineHostCount > 0) {
    shrink = ((input.baselineHostCount - input.hostCount) / input.baselineHostCount) * 100;
    if (shrink > t.maximumShrinkPercent) {
      violations.push({ Type: 'UnexpectedShrinkage', Message: `Hosts shrank ${shrink.toFixed(2)} % against the baseline (${input.baselineHostCount} → ${input.hostCount}; maximum ${t.maximumShrinkPercent} %).`, Current: shrink, Threshold: t.maximumShrinkPercent });
    }
  }
  let rate: number | null = null;
  if (input.operations) {
    const o = input.operations;
    const total = (o.GetHit ?? 0) + (o.GetMiss ?? 0) + (o.Set ?? 0) + (o.Remove ?? 0);
    if (total > 0) {
      rate = ((o.Remove ?? 0) / total) * 100;
      if (rate > t.maximumEvictionRatePercent) {
        violations.push({ Type: 'HighEvictionRate', Message: `Eviction rate ${rate.toFixed(2)} % (maximum ${t.maximumEvictionRatePercent} %).`, Current: rate, Threshold: t.maximumEvictionRatePercent });
      }
    }
  }
  const pass = violations.length === 0;
  return {
    Status: pass ? 'Pass' : 'Fail',
    Pass: pass,
    Violations: violations,
    Thresholds: t,
    Statistics: { SizeBytes: input.sizeBytes, HostCount: input.hostCount, RowCount: input.rowCount, ShrinkPercent: shrink, EvictionRatePercent: rate },
  };
}

export interface DiagnosticsResult {
  Pass: boolean;
  Violations: Array<'SnapshotImported' | 'AccessRefresh'>;
  Messages: string[];
  SnapshotImportedTotal: number | null;
  AccessRefreshTotal: number | null;
}

/** `Test-SharedCacheDiagnostics`: SnapshotImported must be > 0, AccessRefresh ≤ max (0). */
export function testSharedCacheDiagnostics(
  storeSummaries: ReadonlyArray<{ SnapshotImported: number }>,
  providerSummaries: ReadonlyArray<{ AccessRefresh: number }>,
  maximumAccessRefreshCount = 0,
): DiagnosticsResult {
  const result: DiagnosticsResult = { Pass: true, Violations: [], Messages: [], SnapshotImportedTotal: null, AccessRefreshTotal: null };
  if (storeSummaries.length > 0) {
    result.SnapshotImportedTotal = storeSummaries.reduce((n, s) => n + s.SnapshotImported, 0);
    if (result.SnapshotImportedTotal <= 0) {
      result.Violations.push('SnapshotImported');
      result.Messages.push('No SnapshotImported operation was recorded: the shared cache started empty.');
    }
  }
  if (providerSummaries.length > 0) {
    result.AccessRefreshTotal = providerSummaries.reduce((n, s) => n + s.AccessRefresh, 0);
    if (result.AccessRefreshTotal > maximumAccessRefreshCount) {
      result.Violations.push('AccessRefresh');
      result.Messages.push(`AccessRefresh count ${result.AccessRefreshTotal} exceeds the maximum ${maximumAccessRefreshCount}.`);
    }
  }
  result.Pass = result.Violations.length === 0;
  return result;
}
