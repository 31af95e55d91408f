/** Every event and field the warm-run plugin emits. Ingest events of both passes also carry `PassLabel`. */
import type { MetricDefinition, MetricKind, MetricUnit } from '../../core/metrics/types.js';

const m = (name: string, unit: MetricUnit, kind: MetricKind, description: string): MetricDefinition => ({ name, unit, kind, description });

/**
 * Events of the ingest that warm-run.compare re-emits with a `PassLabel` (ColdPass | WarmPass), so gates
 * can filter (`where: { PassLabel: WarmPass }`) or group (`per: PassLabel`) by pass.
 */
const PASS_LABELLED_EVENTS = [
  'ParseDuration', 'SkippedDuplicate', 'ConcurrencyProfileResolved', 'ParserSchedulerLaunch', 'RowsWritten',
  'DatabaseWriteLatency', 'DatabaseWriteBreakdown', 'InterfaceSyncTiming', 'InterfaceBulkInsertTiming',
  'InterfaceBulkInsert', 'PortBatchReady', 'InterfacePersistenceFailure', 'InterfaceSiteCacheSharedStore',
  'InterfaceSiteCacheSharedStoreState', 'InterfaceSiteCacheMetrics',
];

export const warmRunMetrics: MetricDefinition[] = [
  ...PASS_LABELLED_EVENTS.map((event) => m(`${event}.PassLabel`, 'none', 'label', 'Warm-run pass the event belongs to: ColdPass or WarmPass.')),
  m('WarmRunComparison.SummaryType', 'none', 'label', 'Always InterfaceCallDuration.'),
  m('WarmRunComparison.ColdHostCount', 'count', 'count', 'Distinct hosts of the cold pass.'),
  m('WarmRunComparison.WarmHostCount', 'count', 'count', 'Distinct hosts of the warm pass.'),
  ...(['Cold', 'Warm'] as const).flatMap((pass) =>
    (['Avg', 'P95', 'Max'] as const).map((stat) =>
      m(`WarmRunComparison.${pass}InterfaceCall${stat}Ms`, 'ms', 'duration', `${pass} pass ${stat} of DatabaseWriteBreakdown.InterfaceCallDurationMs (3 dp, ToEven).`),
    ),
  ),
  m('WarmRunComparison.ImprovementAverageMs', 'ms', 'duration', 'Cold average minus warm average (of the rounded averages).'),
  m('WarmRunComparison.ImprovementPercent', '%', 'gauge', 'Improvement / cold average × 100 (2 dp); negative when warm is slower.'),
  m('WarmRunComparison.WarmCacheProviderHitCount', 'count', 'count', 'Warm rows served by Cache or SharedCache.'),
  m('WarmRunComparison.WarmCacheProviderHitCountRaw', 'count', 'count', 'Same as WarmCacheProviderHitCount (raw tally).'),
  m('WarmRunComparison.WarmCacheProviderMissCount', 'count', 'count', 'Warm rows served by any other provider.'),
  m('WarmRunComparison.WarmCacheProviderMissCountRaw', 'count', 'count', 'Same as WarmCacheProviderMissCount (raw tally).'),
  m('WarmRunComparison.WarmCacheHitRatioPercent', '%', 'ratio', 'Hit / (hit + miss) × 100 (2 dp).'),
  m('WarmRunComparison.WarmCacheHitRatioPercentRaw', '%', 'ratio', 'Same as WarmCacheHitRatioPercent (raw tally).'),
  m('WarmRunComparison.WarmSignatureMatchMissCount', 'count', 'count', 'Warm rows with SiteCacheHostMapSignatureMatchCount ≤ 0.'),
  m('WarmRunComparison.WarmSignatureRewriteTotal', 'count', 'count', 'Σ SiteCacheHostMapSignatureRewriteCount of the warm pass.'),
  m('WarmRunComparison.ColdIngestDurationMs', 'ms', 'duration', 'Wall time of the whole cold ingest.'),
  m('WarmRunComparison.WarmIngestDurationMs', 'ms', 'duration', 'Wall time of the whole warm ingest.'),
  m('WarmRunComparison.IngestImprovementPercent', '%', 'gauge', 'Whole-ingest improvement of the warm pass (2 dp).'),
  m('WarmRunComparison.ColdHistorySeed', 'none', 'label', 'Cold-pass history seed mode.'),
  m('WarmRunComparison.WarmHistorySeed', 'none', 'label', 'Warm-pass history seed mode.'),
  m('WarmRunAssertion.Pass', 'none', 'flag', 'The original -AssertWarmCache verdict (no warm events, warm misses, signature misses/rewrites, warm not faster).'),
  m('WarmRunAssertion.ViolationCount', 'count', 'count', 'Number of -AssertWarmCache violations.'),
  m('WarmRunPass.PassLabel', 'none', 'label', 'ColdPass or WarmPass.'),
  m('WarmRunPass.IngestDurationMs', 'ms', 'duration', 'Wall time of the pass.'),
  m('WarmRunPass.Hosts', 'count', 'count', 'Hosts processed in the pass.'),
  m('WarmRunPass.Written', 'count', 'count', 'Hosts written.'),
  m('WarmRunPass.Skipped', 'count', 'count', 'Hosts skipped (duplicates).'),
  m('WarmRunPass.Failed', 'count', 'count', 'Hosts that failed.'),
  m('WarmRunPass.CacheHits', 'count', 'count', 'Cache lookups answered with rows.'),
  m('WarmRunPass.HistorySeedMode', 'none', 'label', 'History seed of the pass (Empty, Snapshot, ColdOutput).'),
  m('WarmRunPass.CacheMisses', 'count', 'count', 'Cache lookups that fell back to the database.'),
];
