/**
 * Step `warm-run.compare`: runs `runWarmRunComparison` with the parser plugin's `ingestCorpus`,
 * registers the output files as artifacts, emits the comparison as telemetry and records facts.
 */
import { isAbsolute, join, resolve } from 'node:path';
import { ErrorCode, StatetraceError } from '../../core/errors.js';
import type { StepContext } from '../../core/plugin.js';
import type { IngestOptions, IngestResult, SchedulerSettings } from '../parser/ingest-types.js';
import { roundToEven } from './dotnet-math.js';
import { runWarmRunComparison, type ColdHistorySeed, type IngestFn, type WarmCacheSource, type WarmHistorySeed } from './compare.js';

export interface CompareStepOptions {
  corpus: string;
  coldHistorySeed: ColdHistorySeed;
  warmHistorySeed: WarmHistorySeed;
  warmCacheSource: WarmCacheSource;
  snapshot?: string;
  snapshotDir?: string;
  seedSnapshot?: string;
  hotspotTop: number;
  restrictWarmComparisonToColdHosts: boolean;
  concurrency?: number;
  scheduler?: SchedulerSettings;
}

/** Loaded lazily so the plugin index stays light; a clear error if the parser plugin lacks it. */
export async function loadIngest(): Promise<IngestFn> {
  const specifier = '../parser/ingest.js';
  try {
    const mod = (await import(specifier)) as { ingestCorpus?: (o: IngestOptions) => Promise<IngestResult> };
    if (typeof mod.ingestCorpus !== 'function') throw new Error('plugins/parser/ingest does not export ingestCorpus');
    return mod.ingestCorpus;
  } catch (error) {
    throw new StatetraceError(ErrorCode.PluginError, `warm-run.compare needs the parser plugin's ingestCorpus: ${(error as Error).message}`, {
      hint: 'build the project (npm run build) and make sure plugins/parser/ingest.ts exists',
      cause: error,
    });
  }
}

export async function runCompareStep(ctx: StepContext, options: CompareStepOptions): Promise<Record<string, unknown>> {
  const ingest = await loadIngest();
  const abs = (p: string | undefined) => (p === undefined ? undefined : isAbsolute(p) ? p : resolve(ctx.rootDir, p));
  const result = await runWarmRunComparison(
    {
      corpus: abs(options.corpus)!,
      workDir: join(ctx.runDir, 'warm-run'),
      coldHistorySeed: options.coldHistorySeed,
      warmHistorySeed: options.warmHistorySeed,
      warmCacheSource: options.warmCacheSource,
      snapshot: abs(options.snapshot),
      snapshotDir: abs(options.snapshotDir),
      seedSnapshot: abs(options.seedSnapshot),
      concurrency: options.concurrency ?? ctx.concurrency,
      scheduler: options.scheduler,
      hotspotTop: options.hotspotTop,
      restrictWarmComparisonToColdHosts: options.restrictWarmComparisonToColdHosts,
      signal: ctx.signal,
    },
    { ingest, emit: (event) => ctx.emit(event), warn: (message) => ctx.log.warn(message) },
  );

  const { comparison, cold, warm, assertion } = result;
  for (const pass of [cold, warm]) {
    ctx.emit({
      EventName: 'WarmRunPass',
      PassLabel: pass.label,
      IngestDurationMs: roundToEven(pass.durationMs, 3),
      Hosts: pass.result.counts.processed,
      Written: pass.result.counts.written,
      Skipped: pass.result.counts.skipped,
      Failed: pass.result.counts.failed,
      CacheHits: pass.cacheCounters.hits,
      CacheMisses: pass.cacheCounters.misses,
      HistorySeedMode: pass.historySeed,
    });
  }
  const { PassLabel: _label, ...comparisonFields } = comparison;
  ctx.emit({
    EventName: 'WarmRunComparison',
    ...comparisonFields,
    ColdIngestDurationMs: roundToEven(cold.durationMs, 3),
    WarmIngestDurationMs: roundToEven(warm.durationMs, 3),
    IngestImprovementPercent: cold.durationMs > 0 ? roundToEven(((cold.durationMs - warm.durationMs) / cold.durationMs) * 100, 2) : null,
    ColdHistorySeed: options.coldHistorySeed,
    WarmHistorySeed: options.warmHistorySeed,
  });
  ctx.emit({ EventName: 'WarmRunAssertion', Pass: assertion.Pass, ViolationCount: assertion.Violations.length, Violations: assertion.Violations });

  ctx.artifact(result.files.telemetry, { category: 'WarmTelemetry', area: 'Telemetry', description: 'Cold/warm per-host rows and the WarmRunComparison row (WarmRunTelemetry format).' });
  ctx.artifact(result.files.latestSummary, { category: 'WarmTelemetry', area: 'Telemetry', description: 'Flat warm-run comparison (WarmRunTelemetry-latest-summary.json).' });
  ctx.artifact(result.files.hotspots, { category: 'DiffHotspots', area: 'Telemetry', description: `Top ${options.hotspotTop} warm-pass diff hotspots.` });
  ctx.artifact(result.files.snapshot, { category: 'SharedCacheSnapshot', area: 'Telemetry', description: 'Shared-cache snapshot written after the cold pass (PostColdPass).' });
  ctx.artifact(result.files.events, { category: 'WarmRunEvents', area: 'Telemetry', description: 'Events of both passes, tagged with PassLabel (NDJSON).' });

  ctx.fact('warm-run.improvementPercent', comparison.ImprovementPercent);
  ctx.fact('warm-run.hitRatioPercent', comparison.WarmCacheHitRatioPercent);
  ctx.fact('shared-cache.snapshot.sites', result.snapshot.sites);
  ctx.fact('shared-cache.snapshot.hosts', result.snapshot.hosts);
  ctx.fact('shared-cache.snapshot.rows', result.snapshot.rows);
  ctx.fact('shared-cache.snapshot.hostsBySite', Object.fromEntries(result.snapshot.summary.map((s) => [s.Site, s.Hosts])));
  ctx.fact('shared-cache.snapshot.rowsBySite', Object.fromEntries(result.snapshot.summary.map((s) => [s.Site, s.TotalRows])));
  ctx.log.info(
    `cold ${comparison.ColdInterfaceCallAvgMs} ms → warm ${comparison.WarmInterfaceCallAvgMs} ms (${comparison.ImprovementPercent} %), ` +
      `hit ratio ${comparison.WarmCacheHitRatioPercent} %, snapshot ${result.snapshot.sites} sites / ${result.snapshot.hosts} hosts / ${result.snapshot.rows} rows`,
  );

  return {
    telemetry: result.files.telemetry,
    summary: result.files.latestSummary,
    hotspots: result.files.hotspots,
    snapshot: result.files.snapshot,
    events: result.files.events,
    coldEvents: result.files.coldEvents,
    warmEvents: result.files.warmEvents,
    improvementPercent: comparison.ImprovementPercent,
    hitRatioPercent: comparison.WarmCacheHitRatioPercent,
    coldIngestMs: cold.durationMs,
    warmIngestMs: warm.durationMs,
  };
}
