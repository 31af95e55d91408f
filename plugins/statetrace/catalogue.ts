/**
 * The original StateTrace's event catalogue: every field seen in its real NDJSON telemetry
 * (STATETRACE-TELEMETRY.md §7.1, recomputed from the reference corpus) plus the fields its Phase 1
 * dictionary and event schemas declare (§1.3, §1.4) and the WarmRunComparison fields (§4.3).
 * Grouped by JSON type as observed: n = number, s = string, b = boolean, o = list/object. Units and kinds
 * are inferred from names in `metrics.ts`.
 */
export interface EventFields {
  n?: string;
  s?: string;
  b?: string;
  o?: string;
}

export const STATETRACE_EVENTS: Record<string, EventFields> = {
  ConcurrencyProfileResolved: {
    n: 'DeviceCount HintJobsPerThread HintMaxActiveSites HintMaxWorkersPerSite HintMinRunspaces HintThreadCeiling InterfaceBulkChunkSize JobsPerThread MaxActiveSites MaxConsecutiveSiteLaunches MaxWorkersPerSite MinRunspaces ProfileDeviceCount ProfileSiteCount ResolvedJobsPerThread ResolvedMaxActiveSites ResolvedMaxConsecutiveSiteLaunches ResolvedMaxWorkersPerSite ResolvedMinRunspaces ResolvedThreadCeiling SiteCount ThreadCeiling',
    s: 'DecisionSource',
    b: 'AdaptiveThreads AutoScaleEnabled AutoScaleProfileDisabled AutoScaleProfileRequested AutoScaleProfileResolved AutoScaleRequested ManualOverrides',
    o: 'HintInterfaceBulkChunkSize',
  },
  DatabaseWriteBreakdown: {
    n: 'BulkCommandExecuteDurationMs CommitDurationMs DatabaseWriteLatencyMs InsertCandidates InterfaceCallDurationMs InterfaceDiffComparisonDurationMs InterfaceDiffDurationMs LoadExistingDurationMs LoadExistingRowSetCount RefreshDurationMs RowsStaged SiteCacheBuildDurationMs SiteCacheComparisonCandidateCount SiteCacheComparisonMissingPortCount SiteCacheComparisonObsoletePortCount SiteCacheComparisonSignatureMatchCount SiteCacheComparisonSignatureMismatchCount SiteCacheComparisonSignatureMissingCount SiteCacheExclusiveRetryCount SiteCacheExclusiveWaitDurationMs SiteCacheExecuteDurationMs SiteCacheExistingRowCount SiteCacheFetchDurationMs SiteCacheHostCount SiteCacheHostMapCandidateFromPoolCount SiteCacheHostMapCandidateFromPreviousCount SiteCacheHostMapCandidateInvalidCount SiteCacheHostMapCandidateMissingCount SiteCacheHostMapCandidateSignatureMismatchCount SiteCacheHostMapCandidateSignatureMissingCount SiteCacheHostMapDurationMs SiteCacheHostMapEntryAllocationCount SiteCacheHostMapEntryPoolReuseCount SiteCacheHostMapLookupCount SiteCacheHostMapLookupMissCount SiteCacheHostMapSignatureMatchCount SiteCacheHostMapSignatureRewriteCount SiteCacheMaterializeDurationMs SiteCacheMaterializeObjectDurationMs SiteCacheMaterializePortSortCacheHitCount SiteCacheMaterializePortSortCacheHitRatio SiteCacheMaterializePortSortCacheMissCount SiteCacheMaterializePortSortCacheSize SiteCacheMaterializePortSortDurationMs SiteCacheMaterializePortSortUniquePortCount SiteCacheMaterializeProjectionDurationMs SiteCacheMaterializeTemplateApplyCount SiteCacheMaterializeTemplateApplyDurationMs SiteCacheMaterializeTemplateAuthTemplateMissingCount SiteCacheMaterializeTemplateCacheHitCount SiteCacheMaterializeTemplateCacheHitRatio SiteCacheMaterializeTemplateCacheMissCount SiteCacheMaterializeTemplateDefaultedCount SiteCacheMaterializeTemplateDurationMs SiteCacheMaterializeTemplateHintAppliedCount SiteCacheMaterializeTemplateLookupDurationMs SiteCacheMaterializeTemplateNoTemplateMatchCount SiteCacheMaterializeTemplateReuseCount SiteCacheMaterializeTemplateSetConfigStatusCount SiteCacheMaterializeTemplateSetPortColorCount SiteCacheQueryAttempts SiteCacheQueryDurationMs SiteCacheRecordsetDurationMs SiteCacheRecordsetProjectDurationMs SiteCacheRefreshDurationMs SiteCacheResolveInitialCacheAgeMs SiteCacheResolveInitialHostCount SiteCacheResolveInitialPortCount SiteCacheResolveInitialPortSignatureEmptyCount SiteCacheResolveInitialPortSignatureMissingCount SiteCacheResolveRefreshCacheAgeMs SiteCacheResolveRefreshHostCount SiteCacheResolveRefreshPortCount SiteCacheResolveRefreshPortSignatureEmptyCount SiteCacheResolveRefreshPortSignatureMissingCount SiteCacheResultRowCount SiteCacheSnapshotDurationMs SiteCacheSortDurationMs SiteCacheTemplateDurationMs SiteCacheUpdateDurationMs StreamCloneDurationMs StreamDispatchDurationMs StreamRowsCloned StreamRowsReceived StreamRowsReused StreamStateUpdateDurationMs SummaryDurationMs UiCloneDurationMs UpdateCandidates',
    s: 'Hostname Site SiteCacheExistingRowKeysSample SiteCacheExistingRowSource SiteCacheExistingRowValueType SiteCacheFetchStatus SiteCacheProvider SiteCacheProviderReason SiteCacheResolveInitialCachedAt SiteCacheResolveInitialEntryType SiteCacheResolveInitialKeysSample SiteCacheResolveInitialMatchedKey SiteCacheResolveInitialPortKeysSample SiteCacheResolveInitialPortSignatureSample SiteCacheResolveInitialStatus SiteCacheResolveRefreshCachedAt SiteCacheResolveRefreshEntryType SiteCacheResolveRefreshKeysSample SiteCacheResolveRefreshMatchedKey SiteCacheResolveRefreshPortKeysSample SiteCacheResolveRefreshPortSignatureSample SiteCacheResolveRefreshStatus',
    o: 'SiteCacheHostMapCandidateMissingSamples SiteCacheHostMapSignatureMismatchSamples SiteCacheMaterializePortSortMissSamples SiteCacheMaterializeTemplateApplySamples',
  },
  DatabaseWriteLatency: {
    n: 'LatencyMs',
    s: 'Hostname Site',
  },
  DeviceDetailsLoadMetrics: {
    n: 'AppendWorkMs BatchesProcessed ChunkSize DispatcherWorkMs FirstBatchMs IndicatorWorkMs InterfaceCount InvokeDurationMs PlannedBatchCount QueuePorts StreamDurationMs',
    s: 'ChunkSource Hostname',
  },
  DiffCompareDurationMs: {
    n: 'DurationMs',
    s: 'Hostname Hostname2 Port1 Port2 Site Source Status TimestampUtc Vrf',
  },
  DiffCompareResultCounts: {
    n: 'AddedCount ChangedCount RemovedCount TotalCount UnchangedCount',
    s: 'Hostname Hostname2 Port1 Port2 Site Source Status TimestampUtc Vrf',
  },
  DiffUsageRate: {
    n: 'UsageDenominator UsageNumerator',
    s: 'Hostname Hostname2 Port1 Port2 Site Source Status Vrf',
  },
  DriftDetectionTime: {
    n: 'DurationMinutes',
    s: 'ChangeDetectedAt ChangedField Hostname Site',
  },
  HandleCheck: {
    n: 'HandleCount ProcessId ThreadCount',
  },
  InterfaceBulkInsert: {
    n: 'Rows',
    s: 'BatchId Hostname RunDate',
    b: 'Success',
  },
  InterfaceBulkInsertTiming: {
    n: 'CleanupDurationMs CommandExecuteDurationMs HistoryInsertDurationMs InsertRowCount InterfaceInsertDurationMs InterfaceUpdateDurationMs ParameterBindDurationMs Rows StageDurationMs StreamCloneDurationMs StreamDispatchDurationMs StreamRowsCloned StreamRowsReceived StreamRowsReused StreamStateUpdateDurationMs TransactionCommitDurationMs TransactionLevel UiCloneDurationMs UpdateRowCount',
    s: 'BatchId Hostname RunDate',
    b: 'RecordsetAttempted RecordsetUsed Success TransactionCommitted TransactionRolledBack TransactionUsed',
  },
  InterfacePortDispatchMetrics: {
    n: 'AppendDurationMs BatchCount BatchOrdinal BatchSize DispatcherDurationMs IndicatorDurationMs PortsDelivered TotalPorts',
    s: 'BatchId Hostname',
  },
  InterfacePortQueueMetrics: {
    n: 'BatchCount ChunkSize QueueBuildDelayMs QueueBuildDurationMs TotalPorts',
    s: 'BatchId ChunkSource Hostname',
  },
  InterfacePortStreamMetrics: {
    n: 'RowsCloned RowsReceived RowsReused StreamCloneDurationMs StreamStateUpdateDurationMs',
    s: 'BatchId Hostname RunDate',
  },
  InterfaceSiteCacheClearInvocation: {
    n: 'CallStackDepth CallerLine ProcessId ThreadId',
    s: 'CallerFunction CallerScript InvocationName Reason RunspaceId',
  },
  InterfaceSiteCacheHostPersisted: {
    n: 'EntryHostCount EntryHostCountDelta EntryTotalRows EntryTotalRowsDelta PersistedPortCount PreviousHostCount PreviousPortCount',
    s: 'Hostname PreviousHostMapType Site TypedHostMapType',
    b: 'ConvertedToTyped HostMapReused PreviousHostMapWasTyped SharedStoreUpdated',
  },
  InterfaceSiteCacheMetrics: {
    n: 'BuildDurationMs ExclusiveRetryCount ExclusiveWaitDurationMs ExecuteDurationMs HostCount HostMapCandidateFromPoolCount HostMapCandidateFromPreviousCount HostMapCandidateInvalidCount HostMapCandidateMissingCount HostMapCandidateSignatureMismatchCount HostMapCandidateSignatureMissingCount HostMapDurationMs HostMapEntryAllocationCount HostMapEntryPoolReuseCount HostMapLookupCount HostMapLookupMissCount HostMapSignatureMatchCount HostMapSignatureRewriteCount HydrationDurationMs MaterializeDurationMs MaterializeObjectDurationMs MaterializePortSortCacheHits MaterializePortSortCacheMisses MaterializePortSortCacheSize MaterializePortSortDurationMs MaterializeProjectionDurationMs MaterializeTemplateApplyDurationMs MaterializeTemplateCacheHitRatio MaterializeTemplateCacheHits MaterializeTemplateCacheMisses MaterializeTemplateDurationMs MaterializeTemplateLookupDurationMs PreviousHostCount PreviousPortCount PreviousSnapshotHostCount PreviousSnapshotPortCount QueryAttempts QueryDurationMs RecordsetDurationMs RecordsetProjectDurationMs ResultRowCount SnapshotDurationMs SortDurationMs TemplateDurationMs TotalRows',
    s: 'CacheStatus PreviousHostSample PreviousSnapshotException PreviousSnapshotHostMapType PreviousSnapshotStatus Provider Site',
    b: 'Refreshed',
    o: 'HostMapCandidateMissingSamples HostMapSignatureMismatchSamples MaterializePortSortCacheHitRatio',
  },
  InterfaceSiteCacheReuseAttempt: {
    n: 'ScriptCacheHostCount ScriptCacheTotalRows SharedStoreHostCount SharedStoreTotalRows',
    s: 'RunspaceId Site',
    b: 'AdoptedFromSharedStore Refresh ScriptCacheEntryFound SharedStoreEntryFound',
  },
  InterfaceSiteCacheReuseState: {
    n: 'HostCount TotalRows',
    s: 'EntryType HostMapType KeysSample Site',
  },
  InterfaceSiteCacheRunspaceState: {
    n: 'HostCount TotalRows',
    s: 'CacheStatus CachedAt EntryType HostMapType RunspaceId Site Stage',
    b: 'CacheExists',
  },
  InterfaceSiteCacheSharedStore: {
    n: 'EntryCount HostCount ProcessId StoreHashCode ThreadId TotalRows',
    s: 'AppDomainId AppDomainName Operation RunspaceId Site',
  },
  InterfaceSiteCacheSharedStoreState: {
    n: 'EntryCount ProcessId StoreHashCode ThreadId',
    s: 'AppDomainId AppDomainName Operation RunspaceId',
  },
  InterfaceSyncTiming: {
    n: 'BulkCleanupDurationMs BulkCommandExecuteDurationMs BulkHistoryInsertDurationMs BulkInterfaceInsertDurationMs BulkInterfaceUpdateDurationMs BulkParameterBindDurationMs BulkRowsCommitted BulkRowsPrepared BulkSeedEnsureDurationMs BulkSeedRecordsetOpenDurationMs BulkStageDurationMs BulkTransactionCommitDurationMs CachePrimedRowCount CachedRowCount DeleteCandidates DeleteDurationMs DiffComparisonDurationMs DiffDuplicatePorts DiffDurationMs DiffRowsChanged DiffRowsCompared DiffRowsInserted DiffRowsUnchanged DiffSeenPorts DiffSignatureDurationMs ExistingCount FactsConsidered FallbackDurationMs IndexEnsureDurationMs InsertCandidates InsertCount LoadExistingDurationMs LoadExistingRowSetCount LoadSignatureDurationMs RowCount RowsStaged SiteCacheBuildDurationMs SiteCacheComparisonCandidateCount SiteCacheComparisonMissingPortCount SiteCacheComparisonObsoletePortCount SiteCacheComparisonSignatureMatchCount SiteCacheComparisonSignatureMismatchCount SiteCacheComparisonSignatureMissingCount SiteCacheExclusiveRetryCount SiteCacheExclusiveWaitDurationMs SiteCacheExecuteDurationMs SiteCacheExistingRowCount SiteCacheFetchDurationMs SiteCacheHostCount SiteCacheHostMapCandidateFromPoolCount SiteCacheHostMapCandidateFromPreviousCount SiteCacheHostMapCandidateInvalidCount SiteCacheHostMapCandidateMissingCount SiteCacheHostMapCandidateSignatureMismatchCount SiteCacheHostMapCandidateSignatureMissingCount SiteCacheHostMapDurationMs SiteCacheHostMapEntryAllocationCount SiteCacheHostMapEntryPoolReuseCount SiteCacheHostMapLookupCount SiteCacheHostMapLookupMissCount SiteCacheHostMapSignatureMatchCount SiteCacheHostMapSignatureRewriteCount SiteCacheMaterializeDurationMs SiteCacheMaterializeObjectDurationMs SiteCacheMaterializePortSortCacheHitCount SiteCacheMaterializePortSortCacheHitRatio SiteCacheMaterializePortSortCacheMissCount SiteCacheMaterializePortSortCacheSize SiteCacheMaterializePortSortDurationMs SiteCacheMaterializePortSortUniquePortCount SiteCacheMaterializeProjectionDurationMs SiteCacheMaterializeTemplateApplyCount SiteCacheMaterializeTemplateApplyDurationMs SiteCacheMaterializeTemplateAuthTemplateMissingCount SiteCacheMaterializeTemplateCacheHitCount SiteCacheMaterializeTemplateCacheHitRatio SiteCacheMaterializeTemplateCacheMissCount SiteCacheMaterializeTemplateDefaultedCount SiteCacheMaterializeTemplateDurationMs SiteCacheMaterializeTemplateHintAppliedCount SiteCacheMaterializeTemplateLookupDurationMs SiteCacheMaterializeTemplateNoTemplateMatchCount SiteCacheMaterializeTemplateReuseCount SiteCacheMaterializeTemplateSetConfigStatusCount SiteCacheMaterializeTemplateSetPortColorCount SiteCachePreviousHostCount SiteCachePreviousPortCount SiteCachePreviousSnapshotHostCount SiteCachePreviousSnapshotPortCount SiteCacheQueryAttempts SiteCacheQueryDurationMs SiteCacheRecordsetDurationMs SiteCacheRecordsetProjectDurationMs SiteCacheRefreshDurationMs SiteCacheResolveInitialCacheAgeMs SiteCacheResolveInitialHostCount SiteCacheResolveInitialPortCount SiteCacheResolveInitialPortSignatureEmptyCount SiteCacheResolveInitialPortSignatureMissingCount SiteCacheResolveRefreshCacheAgeMs SiteCacheResolveRefreshHostCount SiteCacheResolveRefreshPortCount SiteCacheResolveRefreshPortSignatureEmptyCount SiteCacheResolveRefreshPortSignatureMissingCount SiteCacheResultRowCount SiteCacheSnapshotDurationMs SiteCacheSortDurationMs SiteCacheTemplateDurationMs SiteCacheUpdateDurationMs StreamCloneDurationMs StreamDispatchDurationMs StreamRowsCloned StreamRowsReceived StreamRowsReused StreamStateUpdateDurationMs UiCloneDurationMs UpdateCandidates UpdateCount',
    s: 'BulkBatchId Hostname Site SiteCacheExistingRowKeysSample SiteCacheExistingRowSource SiteCacheExistingRowValueType SiteCacheFetchStatus SiteCachePreviousHostSample SiteCachePreviousSnapshotException SiteCachePreviousSnapshotHostMapType SiteCachePreviousSnapshotStatus SiteCacheProvider SiteCacheProviderReason SiteCacheResolveInitialCachedAt SiteCacheResolveInitialEntryType SiteCacheResolveInitialKeysSample SiteCacheResolveInitialMatchedKey SiteCacheResolveInitialPortKeysSample SiteCacheResolveInitialPortSignatureSample SiteCacheResolveInitialStatus SiteCacheResolveRefreshCachedAt SiteCacheResolveRefreshEntryType SiteCacheResolveRefreshKeysSample SiteCacheResolveRefreshMatchedKey SiteCacheResolveRefreshPortKeysSample SiteCacheResolveRefreshPortSignatureSample SiteCacheResolveRefreshStatus',
    b: 'BulkAttempted BulkRecordsetAttempted BulkRecordsetUsed BulkSucceeded FallbackUsed LoadCacheHit LoadCacheMiss LoadCacheRefreshed Synthesized',
    o: 'SiteCacheHostMapCandidateMissingSamples SiteCacheHostMapSignatureMismatchSamples SiteCacheMaterializePortSortMissSamples SiteCacheMaterializeTemplateApplySamples',
  },
  MemoryCheck: {
    n: 'GCTotalMemoryMB PrivateMemoryMB ProcessId VirtualMemoryMB WorkingSetMB',
  },
  ParseDuration: {
    n: 'DurationSeconds HostCount SiteCount',
    s: 'FileName Hostname Provider Site StartTime',
    b: 'Success',
  },
  ParserRunspacePoolState: {
    n: 'JobsPerThread MaxActiveSites MaxThreads MaxWorkersPerSite MinThreads',
    s: 'ModulesPath Operation PoolId PoolState Reason',
  },
  ParserSchedulerLaunch: {
    n: 'ActiveSites ActiveWorkers QueuedJobs QueuedSites ThreadBudget',
    s: 'Site',
  },
  PortBatchReady: {
    n: 'ChunkSize EstimatedBatchCount PortsCommitted',
    s: 'BatchId Hostname RunDate Site SourceEvent',
    b: 'Synthesized',
  },
  QueueDelaySummary: {
    n: 'AvgDelayMs MaxDelayMs P95DelayMs QueueDepth',
  },
  RowsWritten: {
    n: 'DeletedRows Rows',
    s: 'Hostname RunDate Site',
  },
  SchedulerLaunch: {
    n: 'HostBatchSize',
    s: 'RunspaceId TargetSite',
  },
  SiteExistingRowCacheState: {
    n: 'HostEntryRowCount SiteHostEntryCount',
    s: 'ExistingRowSource Hostname Site SkipSources',
    b: 'CacheEnabled CacheHit HostEntryExists LoadCacheHit LoadCacheMiss LoadCacheRefreshed SkipSiteCacheUpdate',
    o: 'SiteHostEntriesSample',
  },
  SkippedDuplicate: {
    n: 'SourceLength',
    s: 'FileHash Hostname LastIngestedUtc Reason Site',
  },
  UserAction: {
    n: 'RowsBound',
    s: 'Action Context Hostname Hostname2 Port1 Port2 Site View',
    o: 'Details',
  },
  WarmRunComparison: {
    n: 'ColdHostCount ColdInterfaceCallAvgMs ColdInterfaceCallMaxMs ColdInterfaceCallP95Ms CompareMs DeltaCount ImprovementAverageMs ImprovementPercent WarmCacheHitRatioPercent WarmCacheProviderHitCount WarmCacheProviderMissCount WarmHostCount WarmInterfaceCallAvgMs WarmInterfaceCallMaxMs WarmInterfaceCallP95Ms WarmSignatureMatchMissCount WarmSignatureRewriteTotal',
    s: 'HistorySeedMode Hostname PassLabel Site SummaryType',
    b: 'CacheHit',
    o: 'ColdProviderCounts WarmProviderCounts',
  },
};
