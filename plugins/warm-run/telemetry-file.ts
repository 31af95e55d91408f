/**
 * The `WarmRunTelemetry-<yyyyMMdd-HHmmss>.json` format of the original (STATETRACE-TELEMETRY §4.3):
 * a pretty-printed JSON array of rows, every row projected onto the same 84 columns (missing → null).
 * Reading accepts the 77-column files of older writers too (absent columns read as null).
 */
import { writeFileSync } from 'node:fs';
import { ErrorCode, StatetraceError } from '../../core/errors.js';
import { readJsonRecords, type JsonRecord } from '../shared-cache/read-records.js';

/** The 26 per-host interface fields copied from the first matching `InterfaceSyncTiming` event. */
export const INTERFACE_FIELDS = [
  'DiffComparisonDurationMs', 'DiffDurationMs', 'LoadExistingDurationMs', 'LoadExistingRowSetCount',
  'LoadSignatureDurationMs', 'LoadCacheHit', 'LoadCacheMiss', 'LoadCacheRefreshed', 'CachedRowCount',
  'CachePrimedRowCount', 'RowsStaged', 'InsertCandidates', 'UpdateCandidates', 'DeleteCandidates',
  'DiffRowsCompared', 'DiffRowsChanged', 'DiffRowsInserted', 'DiffRowsUnchanged', 'DiffSeenPorts',
  'DiffDuplicatePorts', 'UiCloneDurationMs', 'DeleteDurationMs', 'FallbackDurationMs', 'FallbackUsed',
  'FactsConsidered', 'ExistingCount',
] as const;

/** Fields of the comparison row (PassLabel `WarmRunComparison`, SummaryType `InterfaceCallDuration`). */
export const COMPARISON_FIELDS = [
  'ColdHostCount', 'WarmHostCount', 'ColdInterfaceCallAvgMs', 'ColdInterfaceCallP95Ms', 'ColdInterfaceCallMaxMs',
  'WarmInterfaceCallAvgMs', 'WarmInterfaceCallP95Ms', 'WarmInterfaceCallMaxMs', 'ImprovementAverageMs',
  'ImprovementPercent', 'WarmCacheProviderHitCount', 'WarmCacheProviderHitCountRaw', 'WarmCacheProviderMissCount',
  'WarmCacheProviderMissCountRaw', 'WarmCacheHitRatioPercent', 'WarmCacheHitRatioPercentRaw',
  'WarmSignatureMatchMissCount', 'WarmSignatureRewriteTotal', 'WarmProviderCounts', 'WarmProviderCountsRaw',
  'ColdProviderCounts', 'ColdProviderCountsRaw',
] as const;

/** All 84 columns, in the original's order. */
export const WARM_RUN_COLUMNS = [
  'PassLabel', 'SummaryType', 'Site', 'Hostname', 'Timestamp', 'CacheStatus', 'Provider', 'SiteCacheProviderReason',
  'HydrationDurationMs', 'SnapshotDurationMs', 'HostMapDurationMs', 'HostCount', 'TotalRows',
  'HostMapSignatureMatchCount', 'HostMapSignatureRewriteCount', 'HostMapCandidateMissingCount',
  'HostMapCandidateFromPrevious', 'PreviousHostCount', 'PreviousSnapshotStatus', 'PreviousSnapshotHostMapType',
  'EntryCount', 'RestoredCount', 'SourceStage',
  ...COMPARISON_FIELDS,
  'ScriptCacheCount', 'ScriptCacheSites', 'DomainCacheCount', 'DomainCacheSites',
  'InterfaceCallDurationMs', 'DatabaseWriteLatencyMs',
  ...INTERFACE_FIELDS,
  'MetricName', 'MetricStatus', 'MetricStatusReason', 'MetricStatusNotes', 'ParseDurationCount',
  'SkippedDuplicateCount', 'HistorySeedMode',
] as const;

export type WarmRunRow = JsonRecord;

export const PASS_LABEL = { cold: 'ColdPass', warm: 'WarmPass', comparison: 'WarmRunComparison' } as const;
export const COMPARISON_SUMMARY_TYPE = 'InterfaceCallDuration';

/** Project a row onto the 84 columns (missing → null); extra keys are dropped, as the original did. */
export function projectRow(row: WarmRunRow): WarmRunRow {
  const out: WarmRunRow = {};
  for (const column of WARM_RUN_COLUMNS) out[column] = row[column] ?? null;
  return out;
}

/** Read a WarmRunTelemetry array. A single object (older summary shape) is returned as one row. */
export function readWarmRunTelemetry(path: string): WarmRunRow[] {
  const result = readJsonRecords(path);
  if (result.shape === 'empty') {
    throw new StatetraceError(ErrorCode.InputInvalid, `${path} is empty`, {
      location: { file: path },
      hint: 'pass a WarmRunTelemetry-<timestamp>.json file written by warm-run.compare or Invoke-WarmRunTelemetry.ps1',
    });
  }
  if (result.malformed.length > 0) {
    const first = result.malformed[0]!;
    throw new StatetraceError(ErrorCode.InputInvalid, `${path} is not valid JSON (${result.malformed.length} bad line(s); first: ${first.reason})`, {
      location: { file: path, line: first.line },
      hint: 'a WarmRunTelemetry file is one JSON array of rows',
    });
  }
  return result.records.map((r) => r.record);
}

/** Write rows as a pretty-printed (2-space) JSON array projected onto the 84 columns. */
export function writeWarmRunTelemetry(path: string, rows: readonly WarmRunRow[]): void {
  writeFileSync(path, `${JSON.stringify(rows.map(projectRow), null, 2)}\n`, 'utf8');
}

/** Local time `yyyyMMdd-HHmmss`, the original's file-name stamp. */
export function fileStamp(date: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}
