/**
 * warm-run plugin: the cold/warm comparison of the original `Invoke-WarmRunTelemetry.ps1`, its
 * replay and regression check, and diff hotspots. Implementation is imported lazily.
 */
import { definePlugin, defineStep } from '../../core/plugin.js';
import { warmRunMetrics } from './metrics.js';
import type { CompareStepOptions } from './compare-step.js';

const compare = defineStep<CompareStepOptions>({
  description: 'Cold pass (cache disabled, fresh databases) then warm pass (cache restored from the cold pass or a snapshot); writes WarmRunTelemetry-<ts>.json, the diff-hotspot CSV and a WarmRunComparison event.',
  schema: {
    type: 'object',
    required: ['corpus'],
    additionalProperties: false,
    properties: {
      corpus: { type: 'string', minLength: 1, description: 'Folder of raw .log/.txt device logs.' },
      coldHistorySeed: { enum: ['Empty', 'Snapshot'], default: 'Empty', description: 'Empty: every host parses. Snapshot: keep the pre-run history.' },
      warmHistorySeed: { enum: ['Empty', 'Snapshot', 'ColdOutput'], default: 'Empty', description: 'Empty: every host re-parses against the cache. ColdOutput: every host is a duplicate.' },
      warmCacheSource: { enum: ['ColdPass', 'Snapshot'], default: 'ColdPass', description: 'Restore the warm cache from the cold pass, or from a resolved snapshot file.' },
      snapshot: { type: 'string', description: 'Explicit snapshot for warmCacheSource Snapshot.' },
      snapshotDir: { type: 'string', description: 'Folder searched for SharedCacheSnapshot-* files (newest valid wins).' },
      seedSnapshot: { type: 'string', description: 'Seed snapshot, the last resort of the resolver.' },
      hotspotTop: { type: 'integer', default: 20, description: 'Rows of the diff-hotspot CSV (0 = all).' },
      restrictWarmComparisonToColdHosts: { type: 'boolean', default: false },
      concurrency: { type: 'integer', minimum: 0, description: 'Parser worker threads; default: the run\'s concurrency.' },
      scheduler: { type: 'object', description: 'SchedulerSettings passed to the ingest (threadCeiling, maxWorkersPerSite, …).' },
    },
  },
  async run(ctx, options) {
    const { runCompareStep } = await import('./compare-step.js');
    return runCompareStep(ctx, options);
  },
});

export default definePlugin({
  name: 'warm-run',
  version: '0.1.0',
  description: 'Cold/warm ingest comparison (WarmRunComparison), replay and regression check of WarmRunTelemetry files, diff hotspots.',
  steps: { compare },
  metrics: warmRunMetrics,
  commands: [
    {
      name: 'warm-run compare <file>',
      description: 'Recompute the WarmRunComparison of a WarmRunTelemetry file and compare it with the stored row.',
      options: [
        { flags: '--json', description: 'print JSON only (recomputed row, stored row, differences)' },
        { flags: '--expect-match', description: 'exit 1 when the recomputation differs from the stored row' },
      ],
      examples: ['statetrace warm-run compare Logs/IngestionMetrics/WarmRunTelemetry-20251224-161625.json'],
      async action(args, options, ctx) {
        const { compareCommand } = await import('./commands.js');
        return compareCommand(args, options, ctx);
      },
    },
    {
      name: 'warm-run check <file>',
      description: 'Test-WarmRunRegressionSummary: check a warm-run comparison (WarmRunTelemetry array, latest-summary or CISmoke fixture) against thresholds.',
      options: [
        { flags: '--minimum-improvement <percent>', description: 'minimum ImprovementPercent', default: '25' },
        { flags: '--minimum-hit-ratio <percent>', description: 'minimum WarmCacheHitRatioPercent', default: '99' },
        { flags: '--maximum-warm-misses <n>', description: 'maximum WarmCacheProviderMissCount', default: '0' },
        { flags: '--maximum-warm-average-delta <ms>', description: 'maximum warm − cold average (negative disables)', default: '0' },
        { flags: '--json', description: 'print JSON only' },
      ],
      examples: ['statetrace warm-run check WarmRunTelemetry-ST-B-005-20260102-153200.json --minimum-improvement 60'],
      async action(args, options, ctx) {
        const { checkCommand } = await import('./commands.js');
        return checkCommand(args, options, ctx);
      },
    },
    {
      name: 'warm-run hotspots <file>',
      description: 'Diff hotspots of the warm pass as CSV (Analyze-WarmRunDiffHotspots), deterministic order.',
      options: [
        { flags: '--top <n>', description: 'rows to keep (0 = all)', default: '20' },
        { flags: '--min-diff-comparison-ms <ms>', description: 'minimum DiffComparisonDurationMs', default: '0' },
        { flags: '--out <file>', description: 'write the CSV to a file instead of stdout' },
      ],
      async action(args, options, ctx) {
        const { hotspotsCommand } = await import('./commands.js');
        return hotspotsCommand(args, options, ctx);
      },
    },
  ],
});
