/**
 * Metric dictionary entries for every event the parser and persistence emit. Units and kinds follow the
 * statetrace dictionary's naming convention (…Ms → duration ms, DurationSeconds → s, numbers → count,
 * booleans → flag, RunDate/StartTime/…Utc → timestamp, other strings → label), so declaring an event both
 * plugins know is harmless.
 */
import type { MetricDefinition, MetricKind, MetricUnit } from '../../core/metrics/types.js';

const TIME = /^(StartTime|RunDate|LastIngestedUtc|SourceTimestampUtc)$/;

function kindOf(field: string, type: 'n' | 's' | 'b'): { kind: MetricKind; unit: MetricUnit } {
  if (type === 'b') return { kind: 'flag', unit: 'none' };
  if (type === 's') return TIME.test(field) ? { kind: 'timestamp', unit: 'none' } : { kind: 'label', unit: 'none' };
  if (field.endsWith('DurationSeconds')) return { kind: 'duration', unit: 's' };
  if (field.endsWith('Ms')) return { kind: 'duration', unit: 'ms' };
  return { kind: 'count', unit: 'count' };
}

/** Event → numeric (`n`), string (`s`) and boolean (`b`) fields, space-separated. */
export const EMITTED_EVENTS: Record<string, { n?: string; s?: string; b?: string }> = {
  ParseDuration: { n: 'DurationSeconds', s: 'Hostname Site StartTime FileName', b: 'Success' },
  SkippedDuplicate: { n: 'SourceLength', s: 'Hostname Site Reason FileHash LastIngestedUtc' },
  RowsWritten: { n: 'Rows DeletedRows', s: 'Hostname Site RunDate' },
  DatabaseWriteLatency: { n: 'LatencyMs', s: 'Hostname Site' },
  DatabaseWriteBreakdown: {
    n: 'SummaryDurationMs InterfaceCallDurationMs SpanDurationMs CommitDurationMs DatabaseWriteLatencyMs RefreshDurationMs InterfaceDiffDurationMs InterfaceDiffComparisonDurationMs BulkCommandExecuteDurationMs LoadExistingDurationMs LoadExistingRowSetCount RowsStaged InsertCandidates UpdateCandidates SiteCacheFetchDurationMs',
    s: 'Hostname Site SiteCacheProvider SiteCacheProviderReason SiteCacheFetchStatus SiteCacheExistingRowSource',
  },
  InterfaceSyncTiming: {
    n: 'SiteCacheFetchDurationMs CachedRowCount LoadExistingDurationMs LoadExistingRowSetCount ExistingCount DiffDurationMs DiffComparisonDurationMs FactsConsidered InsertCandidates UpdateCandidates DeleteCandidates DiffRowsCompared DiffRowsChanged DiffRowsInserted DiffRowsUnchanged DiffSeenPorts DiffDuplicatePorts DeleteDurationMs RowsStaged BulkRowsCommitted BulkStageDurationMs BulkCommandExecuteDurationMs BulkInterfaceUpdateDurationMs BulkInterfaceInsertDurationMs BulkHistoryInsertDurationMs BulkCleanupDurationMs UiCloneDurationMs StreamDispatchDurationMs DurationMs SiteCacheUpdateDurationMs',
    s: 'Hostname Site BulkBatchId SiteCacheProvider SiteCacheProviderReason SiteCacheFetchStatus SiteCacheExistingRowSource',
    b: 'LoadCacheHit LoadCacheMiss LoadCacheRefreshed BulkAttempted BulkSucceeded FallbackUsed',
  },
  InterfaceBulkInsertTiming: {
    n: 'Rows InsertRowCount UpdateRowCount UiCloneDurationMs SeedEnsureDurationMs SeedRecordsetOpenDurationMs StageDurationMs ParameterBindDurationMs CommandExecuteDurationMs InterfaceUpdateDurationMs InterfaceInsertDurationMs HistoryInsertDurationMs CleanupDurationMs TransactionCommitDurationMs TransactionLevel',
    s: 'Hostname BatchId RunDate WritePath',
    b: 'TransactionUsed TransactionCommitted TransactionRolledBack RecordsetAttempted RecordsetUsed Success',
  },
  InterfaceBulkInsert: { n: 'Rows', s: 'Hostname BatchId RunDate', b: 'Success' },
  PortBatchReady: { n: 'PortsCommitted ChunkSize EstimatedBatchCount', s: 'Hostname BatchId RunDate' },
  InterfacePersistenceFailure: { s: 'Hostname Site Error Database' },
  ConcurrencyProfileResolved: {
    n: 'DeviceCount SiteCount ProfileDeviceCount ProfileSiteCount ThreadCeiling MaxWorkersPerSite MaxActiveSites MaxConsecutiveSiteLaunches JobsPerThread MinRunspaces ResolvedThreadCeiling ResolvedMaxWorkersPerSite ResolvedMaxActiveSites ResolvedMaxConsecutiveSiteLaunches ResolvedJobsPerThread ResolvedMinRunspaces HintThreadCeiling HintMaxWorkersPerSite HintMaxActiveSites HintJobsPerThread HintMinRunspaces InterfaceBulkChunkSize WorkerThreads',
    s: 'DecisionSource',
    b: 'AutoScaleEnabled',
  },
  ParserSchedulerLaunch: { n: 'ActiveWorkers ActiveSites ThreadBudget QueuedJobs QueuedSites CurrentStreak', s: 'Site' },
};

export function emittedMetrics(source: string, events: string[]): MetricDefinition[] {
  const out: MetricDefinition[] = [];
  for (const event of events) {
    const groups = EMITTED_EVENTS[event];
    if (!groups) continue;
    for (const type of ['n', 's', 'b'] as const) {
      for (const field of (groups[type] ?? '').split(' ').filter(Boolean)) out.push({ name: `${event}.${field}`, ...kindOf(field, type), source });
    }
  }
  return out;
}

export const PARSER_EVENTS = ['ParseDuration', 'SkippedDuplicate', 'ConcurrencyProfileResolved', 'ParserSchedulerLaunch'];
export const PERSISTENCE_EVENTS = [
  'RowsWritten', 'DatabaseWriteLatency', 'DatabaseWriteBreakdown', 'InterfaceSyncTiming', 'InterfaceBulkInsertTiming',
  'InterfaceBulkInsert', 'PortBatchReady', 'InterfacePersistenceFailure',
];
