/**
 * The rollup plugin: the original's IngestionMetricsSummary (per file, per scope, per metric) as
 * a CLI command (`statetrace rollup`) and a step (`rollup.rollup`). Implementation is loaded on
 * first use so the CLI starts fast.
 */
import type { MetricDefinition } from '../../core/metrics/types.js';
import { definePlugin, defineStep } from '../../core/plugin.js';
import type { RollupStepOptions } from './step.js';
import { rollupStepSchema } from './step-schema.js';

const metrics: MetricDefinition[] = [
  { name: 'RollupGenerated', unit: 'count', kind: 'event', description: 'A rollup CSV was written; gate freshness with `age`.', source: 'rollup' },
  { name: 'RollupGenerated.Timestamp', unit: 'none', kind: 'timestamp', description: 'When the rollup was written.', source: 'rollup' },
  { name: 'RollupGenerated.Rows', unit: 'count', kind: 'count', description: 'Rows in the rollup.', source: 'rollup' },
  { name: 'RollupGenerated.Files', unit: 'count', kind: 'count', description: 'Input files rolled up.', source: 'rollup' },
  { name: 'RollupGenerated.Events', unit: 'count', kind: 'count', description: 'Events read.', source: 'rollup' },
  { name: 'RollupGenerated.Warnings', unit: 'count', kind: 'count', description: 'Malformed lines plus non-NDJSON files.', source: 'rollup' },
  { name: 'RollupGenerated.MalformedLines', unit: 'count', kind: 'count', description: 'Malformed telemetry lines skipped.', source: 'rollup' },
  { name: 'RollupGenerated.DurationMs', unit: 'ms', kind: 'duration', description: 'Time the rollup took.', source: 'rollup' },
];

export default definePlugin({
  name: 'rollup',
  version: '0.1.0',
  description: 'IngestionMetricsSummary-compatible rollups of daily telemetry (CSV/JSON), per file, scope and metric.',
  metrics,
  steps: {
    rollup: defineStep<RollupStepOptions>({
      description: "Roll telemetry up into the original's summary CSV; registers it as a RollupCsv artifact and emits RollupGenerated.",
      schema: rollupStepSchema,
      async run(ctx, options) {
        const { runRollupStep } = await import('./step.js');
        return runRollupStep(ctx, options);
      },
    }),
  },
  commands: [
    {
      name: 'rollup [...paths]',
      description: 'Roll daily telemetry files (or folders of them) up into an IngestionMetricsSummary CSV.',
      options: [
        { flags: '--per-site', description: 'Add per-Site scopes' },
        { flags: '--site-cache', description: 'Add SiteCacheFetchDurationMs (from InterfaceSyncTiming)' },
        { flags: '-o, --output <file>', description: 'Output file ("-" for stdout); default: IngestionMetricsSummary.csv beside the inputs' },
        { flags: '--json', description: 'Write JSON rows instead of CSV' },
        { flags: '--filter <pattern>', description: 'Keep folder files whose name matches a wildcard (repeatable, case-insensitive)' },
        { flags: '--latest <n>', description: 'Keep the newest N folder files (by last write time)' },
        { flags: '--days <n>', description: 'Daily mode: only yyyy-MM-dd.json of the last N days; output IngestionMetricsSummary-<stamp>.csv' },
        { flags: '--today <yyyy-MM-dd>', description: 'Anchor date for --days (default: today)' },
        { flags: '--fail-on-warnings', description: 'Exit 2 after writing when any line was malformed' },
        { flags: '--hash-manifest', description: 'Write <output>.hashes.json with SHA-256 of every input' },
        { flags: '--progress', description: 'Show progress on stderr even when it is not a terminal' },
        { flags: '--workers <n>', description: 'Most threads that scan, main thread included (default: all cores; each needs ~96 MiB of input to pay off; 1 = main thread only)' },
        { flags: '--engine <engine>', description: 'fast (default: validating scanner), prefilter (skip unwanted events unvalidated, like readTelemetry with eventNames) or naive (JSON.parse every line; the reference)' },
      ],
      examples: [
        'statetrace rollup ../shared/corpus/statetrace/telemetry --per-site --site-cache -o out.csv',
        'statetrace rollup Logs/IngestionMetrics --days 7 --per-site --site-cache',
        'statetrace rollup 2025-12-05.json -o - --json',
      ],
      async action(args, options, ctx) {
        const { rollupCommand } = await import('./command.js');
        return rollupCommand(args, options, ctx);
      },
    },
  ],
});
