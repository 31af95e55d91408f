/**
 * The shared-cache analyzers (TELEMETRY §4.1, §4.2), over telemetry records:
 * - `analyzeStoreState`: counts of `InterfaceSiteCacheSharedStoreState` operations (SnapshotImported,
 *   Init*, Clear*) and `InterfaceSiteCacheSharedStore` operations (GetHit/GetMiss/Set/Remove/other),
 *   per site, top sites by total, first/last timestamp; optional inclusive UTC time window.
 * - `analyzeProviderReasons`: per site (sorted), `InterfaceSyncTiming` events counted by provider
 *   reason: Total, AccessRefresh, AccessCacheHit, SharedCacheMatch, SkipSiteCacheUpdate, Unknown
 *   (other reasons count in Total only), plus a per-host AccessRefresh breakdown.
 * Grouping is case-insensitive, first spelling kept.
 */
import { roundToEven } from '../warm-run/dotnet-math.js';
import { field, numberOrUndefined, text, type JsonRecord } from './read-records.js';

export interface TimeWindow {
  startTimeUtc?: Date;
  endTimeUtc?: Date;
}

/** Parse an ISO timestamp with 0–7 fractional digits and Z/±hh:mm; NaN when unparseable. */
export function parseTimestamp(value: unknown): number {
  if (typeof value !== 'string') return NaN;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.exec(value.trim());
  if (!m) return NaN;
  const fraction = m[2] ? m[2].slice(0, 4).padEnd(4, '0') : '';
  return Date.parse(`${m[1]}${fraction}${m[3] ?? 'Z'}`);
}

export function validateWindow(window: TimeWindow): void {
  if (window.startTimeUtc && window.endTimeUtc && window.startTimeUtc > window.endTimeUtc) {
    throw new RangeError(`start time ${window.startTimeUtc.toISOString()} is after end time ${window.endTimeUtc.toISOString()}`);
  }
}

/** Keep records inside the window; without a window every record is kept. */
function inWindow(record: JsonRecord, window: TimeWindow): boolean {
  if (!window.startTimeUtc && !window.endTimeUtc) return true;
  const t = parseTimestamp(field(record, 'Timestamp'));
  if (Number.isNaN(t)) return false;
  if (window.startTimeUtc && t < window.startTimeUtc.getTime()) return false;
  if (window.endTimeUtc && t > window.endTimeUtc.getTime()) return false;
  return true;
}

export interface SiteOperations {
  Site: string;
  Total: number;
  Set: number;
  GetHit: number;
  GetMiss: number;
  Remove: number;
  Other: number;
}

export interface StoreStateSummary {
  File: string;
  SnapshotImported: number;
  InitDelegatedStore: number;
  InitNewStore: number;
  InitAdoptedStore: number;
  InitReuseStore: number;
  ClearRequested: number;
  Cleared: number;
  GetMiss: number;
  GetHit: number;
  Set: number;
  Remove: number;
  OtherOperations: number;
  /** Every state operation seen (including InitializedWithSnapshot, InitializedEmpty, …). */
  StateOperations: Record<string, number>;
  FirstTimestamp: string | null;
  LastTimestamp: string | null;
  StartTimeUtc: string | null;
  EndTimeUtc: string | null;
  TopSites: SiteOperations[];
  SiteOperations: Record<string, SiteOperations>;
}

export function analyzeStoreState(records: Iterable<JsonRecord>, options: TimeWindow & { topSites?: number; file?: string } = {}): StoreStateSummary {
  validateWindow(options);
  const state: Record<string, number> = {};
  const ops = { GetHit: 0, GetMiss: 0, Set: 0, Remove: 0, Other: 0 };
  const sites = new Map<string, SiteOperations>();
  let first: { t: number; raw: string } | undefined;
  let last: { t: number; raw: string } | undefined;
  for (const record of records) {
    const name = field(record, 'EventName');
    if (name !== 'InterfaceSiteCacheSharedStoreState' && name !== 'InterfaceSiteCacheSharedStore') continue;
    if (!inWindow(record, options)) continue;
    const t = parseTimestamp(field(record, 'Timestamp'));
    if (!Number.isNaN(t)) {
      const raw = String(field(record, 'Timestamp'));
      if (!first || t < first.t) first = { t, raw };
      if (!last || t > last.t) last = { t, raw };
    }
    const operation = text(field(record, 'Operation')) || 'Unknown';
    if (name === 'InterfaceSiteCacheSharedStoreState') {
      state[operation] = (state[operation] ?? 0) + 1;
      continue;
    }
    const siteName = text(field(record, 'Site')) || 'Unknown';
    const key = siteName.toLowerCase();
    const site = sites.get(key) ?? { Site: siteName, Total: 0, Set: 0, GetHit: 0, GetMiss: 0, Remove: 0, Other: 0 };
    site.Total++;
    if (operation === 'GetHit' || operation === 'GetMiss' || operation === 'Set' || operation === 'Remove') {
      ops[operation]++;
      site[operation]++;
    } else {
      ops.Other++;
      site.Other++;
    }
    sites.set(key, site);
  }
  const top = options.topSites ?? 10;
  const ordered = [...sites.values()].sort((a, b) => b.Total - a.Total || (a.Site < b.Site ? -1 : a.Site > b.Site ? 1 : 0));
  return {
    File: options.file ?? '',
    SnapshotImported: state.SnapshotImported ?? 0,
    InitDelegatedStore: state.InitDelegatedStore ?? 0,
    InitNewStore: state.InitNewStore ?? 0,
    InitAdoptedStore: state.InitAdoptedStore ?? 0,
    InitReuseStore: state.InitReuseStore ?? 0,
    ClearRequested: state.ClearRequested ?? 0,
    Cleared: state.Cleared ?? 0,
    GetMiss: ops.GetMiss,
    GetHit: ops.GetHit,
    Set: ops.Set,
    Remove: ops.Remove,
    OtherOperations: ops.Other,
    StateOperations: state,
    FirstTimestamp: first?.raw ?? null,
    LastTimestamp: last?.raw ?? null,
    StartTimeUtc: options.startTimeUtc?.toISOString() ?? null,
    EndTimeUtc: options.endTimeUtc?.toISOString() ?? null,
    TopSites: top > 0 ? ordered.slice(0, top) : ordered,
    SiteOperations: Object.fromEntries(ordered.map((s) => [s.Site, s])),
  };
}

export interface ProviderReasonSummary {
  Site: string;
  Total: number;
  AccessRefresh: number;
  AccessCacheHit: number;
  SharedCacheMatch: number;
  SkipSiteCacheUpdate: number;
  Unknown: number;
  /** Every reason seen at this site (the original kept the others in Total only). */
  Reasons: Record<string, number>;
}

export interface HostAccessRefresh {
  Site: string;
  Hostname: string;
  AccessRefresh: number;
  AvgFetchDurationMs: number | null;
}

const NAMED_REASONS = ['AccessRefresh', 'AccessCacheHit', 'SharedCacheMatch', 'SkipSiteCacheUpdate', 'Unknown'] as const;

export function analyzeProviderReasons(
  records: Iterable<JsonRecord>,
  options: TimeWindow & { sites?: string[]; topHosts?: number } = {},
): { sites: ProviderReasonSummary[]; hosts: HostAccessRefresh[] } {
  validateWindow(options);
  const wanted = options.sites && options.sites.length > 0 ? new Set(options.sites.map((s) => s.trim().toLowerCase())) : undefined;
  const sites = new Map<string, ProviderReasonSummary>();
  const hosts = new Map<string, { Site: string; Hostname: string; AccessRefresh: number; fetch: number[] }>();
  for (const record of records) {
    if (field(record, 'EventName') !== 'InterfaceSyncTiming') continue;
    if (!inWindow(record, options)) continue;
    const siteName = text(field(record, 'Site')) || 'Unknown';
    if (wanted && !wanted.has(siteName.toLowerCase())) continue;
    const provider = text(field(record, 'SiteCacheProvider')) || 'Unknown';
    const reason = text(field(record, 'SiteCacheProviderReason')) || provider || 'Unknown';
    const key = siteName.toLowerCase();
    const site = sites.get(key) ?? { Site: siteName, Total: 0, AccessRefresh: 0, AccessCacheHit: 0, SharedCacheMatch: 0, SkipSiteCacheUpdate: 0, Unknown: 0, Reasons: {} };
    site.Total++;
    site.Reasons[reason] = (site.Reasons[reason] ?? 0) + 1;
    const named = NAMED_REASONS.find((n) => n.toLowerCase() === reason.toLowerCase());
    if (named) site[named]++;
    sites.set(key, site);
    const hostname = text(field(record, 'Hostname')) || 'Unknown';
    const hostKey = `${key}|${hostname.toLowerCase()}`;
    const host = hosts.get(hostKey) ?? { Site: siteName, Hostname: hostname, AccessRefresh: 0, fetch: [] };
    if (named === 'AccessRefresh') host.AccessRefresh++;
    const fetch = numberOrUndefined(field(record, 'SiteCacheFetchDurationMs'));
    if (fetch !== undefined && fetch > 0) host.fetch.push(fetch);
    hosts.set(hostKey, host);
  }
  const topHosts = options.topHosts ?? 10;
  const hostRows = [...hosts.values()]
    .filter((h) => h.AccessRefresh > 0)
    .sort((a, b) => b.AccessRefresh - a.AccessRefresh || (a.Hostname < b.Hostname ? -1 : 1))
    .slice(0, topHosts > 0 ? topHosts : undefined)
    .map((h) => ({
      Site: h.Site,
      Hostname: h.Hostname,
      AccessRefresh: h.AccessRefresh,
      AvgFetchDurationMs: h.fetch.length ? roundToEven(h.fetch.reduce((a, b) => a + b, 0) / h.fetch.length, 3) : null,
    }));
  return {
    sites: [...sites.values()].sort((a, b) => (a.Site.toLowerCase() < b.Site.toLowerCase() ? -1 : a.Site.toLowerCase() > b.Site.toLowerCase() ? 1 : 0)),
    hosts: hostRows,
  };
}
