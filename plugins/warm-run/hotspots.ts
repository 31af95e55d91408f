/**
 * Diff hotspots (`Analyze-WarmRunDiffHotspots.ps1`, STATETRACE-TELEMETRY §4.4): the warm-pass hosts
 * whose interface diff took longest, as a CSV with the original's columns. Deliberate difference:
 * the original sorted with an unstable sort, so ties (in real data every DiffComparisonDurationMs is
 * 0) came out in an arbitrary order; here ties are broken by DiffDurationMs (descending), then Site
 * and Hostname (ordinal), so the same input always gives the same file.
 */
import { field, numberOrUndefined, text, type JsonRecord } from '../shared-cache/read-records.js';
import { roundToEven } from './dotnet-math.js';
import { PASS_LABEL } from './telemetry-file.js';

export const HOTSPOT_COLUMNS = ['Site', 'Hostname', 'DiffComparisonMs', 'DiffDurationMs', 'LoadExistingMs', 'RowSetCount', 'Provider', 'ProviderReason'] as const;

export interface HotspotOptions {
  /** Rows to keep; ≤ 0 keeps all. Default 20. */
  top?: number;
  /** Minimum DiffComparisonDurationMs. Default 0. */
  minDiffComparisonMs?: number;
}

export interface HotspotRow {
  Site: string;
  Hostname: string;
  DiffComparisonMs: number;
  DiffDurationMs: number | null;
  LoadExistingMs: number | null;
  RowSetCount: number | null;
  Provider: string;
  ProviderReason: string;
}

export interface SiteHotspotAggregate {
  Site: string;
  HostCount: number;
  TotalDiffComparisonMs: number;
  TotalRowSetCount: number;
  AvgDiffComparisonMs: number;
}

const ordinal = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function selectHotspots(rows: readonly JsonRecord[], options: HotspotOptions = {}): HotspotRow[] {
  const top = options.top ?? 20;
  const minimum = options.minDiffComparisonMs ?? 0;
  const candidates: HotspotRow[] = [];
  for (const row of rows) {
    if (text(field(row, 'PassLabel')) !== PASS_LABEL.warm) continue;
    const site = text(field(row, 'Site'));
    const comparison = numberOrUndefined(field(row, 'DiffComparisonDurationMs'));
    if (!site || comparison === undefined || comparison < minimum) continue;
    const loadExisting = numberOrUndefined(field(row, 'LoadExistingDurationMs'));
    const rowSet = numberOrUndefined(field(row, 'LoadExistingRowSetCount'));
    candidates.push({
      Site: site,
      Hostname: text(field(row, 'Hostname')),
      DiffComparisonMs: roundToEven(comparison, 3),
      DiffDurationMs: numberOrUndefined(field(row, 'DiffDurationMs')) ?? null,
      LoadExistingMs: loadExisting === undefined ? null : roundToEven(loadExisting, 3),
      RowSetCount: rowSet === undefined ? null : Math.trunc(rowSet),
      Provider: text(field(row, 'Provider')),
      ProviderReason: text(field(row, 'SiteCacheProviderReason')),
    });
  }
  candidates.sort(
    (a, b) =>
      b.DiffComparisonMs - a.DiffComparisonMs ||
      (b.DiffDurationMs ?? -Infinity) - (a.DiffDurationMs ?? -Infinity) ||
      ordinal(a.Site, b.Site) ||
      ordinal(a.Hostname, b.Hostname),
  );
  return top > 0 ? candidates.slice(0, top) : candidates;
}

export function aggregateBySite(rows: readonly HotspotRow[]): SiteHotspotAggregate[] {
  const bySite = new Map<string, SiteHotspotAggregate>();
  for (const row of rows) {
    const key = row.Site.toLowerCase();
    const agg = bySite.get(key) ?? { Site: row.Site, HostCount: 0, TotalDiffComparisonMs: 0, TotalRowSetCount: 0, AvgDiffComparisonMs: 0 };
    agg.HostCount++;
    agg.TotalDiffComparisonMs += row.DiffComparisonMs;
    agg.TotalRowSetCount += row.RowSetCount ?? 0;
    bySite.set(key, agg);
  }
  return [...bySite.values()]
    .map((a) => ({ ...a, TotalDiffComparisonMs: roundToEven(a.TotalDiffComparisonMs, 3), AvgDiffComparisonMs: roundToEven(a.TotalDiffComparisonMs / a.HostCount, 3) }))
    .sort((a, b) => ordinal(a.Site, b.Site));
}

function csvCell(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  return `"${s.replace(/"/g, '""')}"`;
}

/** CSV in `Export-Csv -NoTypeInformation` style: header and every cell double-quoted, CRLF line ends (as the original). */
export function hotspotsToCsv(rows: readonly HotspotRow[]): string {
  const lines = [HOTSPOT_COLUMNS.map(csvCell).join(',')];
  for (const row of rows) lines.push(HOTSPOT_COLUMNS.map((c) => csvCell(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
