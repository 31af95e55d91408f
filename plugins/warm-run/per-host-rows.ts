/**
 * Per-pass rows of a WarmRunTelemetry file, built from one pass's events the way the original's
 * `Merge-PerHostTelemetry` did (STATETRACE-TELEMETRY §4.3): one row per Site|Hostname
 * (case-insensitive) from `DatabaseWriteBreakdown`, then from `InterfaceSyncTiming` for hosts without
 * a breakdown; Provider = SiteCacheProvider, CacheStatus = SiteCacheFetchStatus, HostCount 1;
 * InterfaceCallDurationMs and DatabaseWriteLatencyMs from the breakdown; the 26 interface fields from
 * the first matching sync event. `InterfaceSiteCacheMetrics` site summaries become rows only when
 * the pass has no per-host events.
 */
import { field, text, type JsonRecord } from '../shared-cache/read-records.js';
import { INTERFACE_FIELDS, type WarmRunRow } from './telemetry-file.js';

const hostKey = (event: JsonRecord) => `${text(field(event, 'Site')).toLowerCase()}|${hostnameOf(event).toLowerCase()}`;

function hostnameOf(event: JsonRecord): string {
  return text(field(event, 'Hostname')) || text(field(event, 'HostName')) || text(field(event, 'Host'));
}

function hostRow(passLabel: string, event: JsonRecord): WarmRunRow {
  return {
    PassLabel: passLabel,
    SummaryType: null,
    Site: text(field(event, 'Site')) || null,
    Hostname: hostnameOf(event) || null,
    Timestamp: field(event, 'Timestamp') ?? null,
    CacheStatus: field(event, 'SiteCacheFetchStatus') ?? null,
    Provider: field(event, 'SiteCacheProvider') ?? null,
    SiteCacheProviderReason: field(event, 'SiteCacheProviderReason') ?? null,
    HostCount: 1,
  };
}

export function buildPassRows(passLabel: string, events: readonly JsonRecord[]): WarmRunRow[] {
  const rows = new Map<string, WarmRunRow>();
  const syncByHost = new Map<string, JsonRecord>();
  for (const event of events) {
    if (field(event, 'EventName') !== 'InterfaceSyncTiming') continue;
    const key = hostKey(event);
    if (!syncByHost.has(key)) syncByHost.set(key, event);
  }
  for (const event of events) {
    if (field(event, 'EventName') !== 'DatabaseWriteBreakdown' || !hostnameOf(event)) continue;
    const key = hostKey(event);
    if (rows.has(key)) continue;
    const row = hostRow(passLabel, event);
    row.InterfaceCallDurationMs = field(event, 'InterfaceCallDurationMs') ?? null;
    row.DatabaseWriteLatencyMs = field(event, 'DatabaseWriteLatencyMs') ?? null;
    rows.set(key, row);
  }
  for (const [key, sync] of syncByHost) {
    if (!hostnameOf(sync)) continue;
    if (!rows.has(key)) rows.set(key, hostRow(passLabel, sync));
    const row = rows.get(key)!;
    for (const name of INTERFACE_FIELDS) {
      const value = field(sync, name);
      if (value !== undefined) row[name] = value;
    }
  }
  if (rows.size > 0) return [...rows.values()];
  // No per-host events: fall back to the site-level cache summaries.
  return events
    .filter((e) => field(e, 'EventName') === 'InterfaceSiteCacheMetrics')
    .map((e) => ({
      PassLabel: passLabel,
      SummaryType: null,
      Site: text(field(e, 'Site')) || null,
      Hostname: hostnameOf(e) || null,
      Timestamp: field(e, 'Timestamp') ?? null,
      CacheStatus: field(e, 'CacheStatus') ?? null,
      Provider: field(e, 'Provider') ?? field(e, 'SiteCacheProvider') ?? null,
      SiteCacheProviderReason: field(e, 'SiteCacheProviderReason') ?? null,
      HydrationDurationMs: field(e, 'HydrationDurationMs') ?? null,
      SnapshotDurationMs: field(e, 'SnapshotDurationMs') ?? null,
      HostMapDurationMs: field(e, 'HostMapDurationMs') ?? null,
      HostCount: field(e, 'HostCount') ?? null,
      TotalRows: field(e, 'TotalRows') ?? null,
    }));
}
