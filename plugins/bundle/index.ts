/**
 * The bundle plugin: release evidence bundles (the original's Publish-TelemetryBundle /
 * Test-TelemetryBundleReadiness, with real integrity checks). Steps `bundle.assemble` and
 * `bundle.verify`; CLI `statetrace bundle verify <dir>` and `statetrace bundle assemble`.
 * Declarations only: the work is imported when a step or command runs.
 */
import { definePlugin, defineStep } from '../../core/plugin.js';
import type { MetricDefinition } from '../../core/metrics/types.js';
import type { AssembleStepOptions, VerifyStepOptions } from './steps.js';

const stringList = { type: 'array', items: { type: 'string' } } as const;
const pathOrPaths = { anyOf: [{ type: 'string' }, stringList] } as const;
const ruleSet = { type: 'string', enum: ['auto', 'original', 'statetrace'] } as const;

const counts = (event: string, fields: Array<[string, string]>): MetricDefinition[] =>
  fields.map(([field, description]) => ({ name: `${event}.${field}`, unit: 'count', kind: 'count', description }));

const metrics: MetricDefinition[] = [
  { name: 'BundleVerification', unit: 'count', kind: 'event', description: 'One `bundle.verify` of a whole bundle' },
  { name: 'BundleVerification.Ready', unit: 'none', kind: 'flag', description: 'True when the bundle has no problems (readiness, schema, hashes, sizes, missing, unlisted)' },
  { name: 'BundleVerification.Bundle', unit: 'none', kind: 'label', description: 'Bundle name' },
  ...counts('BundleVerification', [
    ['Problems', 'All blocking problems; 0 means ready'],
    ['MissingRequired', 'Required readiness artifacts with no matching file'],
    ['MissingOptional', 'Optional readiness artifacts with no matching file (warnings)'],
    ['SchemaViolations', 'Manifest schema violations'],
    ['HashMismatches', 'Listed artifacts whose SHA-256 differs from the manifest'],
    ['SizeMismatches', 'Listed artifacts whose size differs from the manifest'],
    ['ListedMissing', 'Artifacts listed in a manifest but not on disk'],
    ['Unlisted', 'Files on disk that no manifest lists'],
    ['Areas', 'Areas checked'],
    ['ArtifactsListed', 'Artifacts listed in the manifests'],
    ['ArtifactsVerified', 'Listed artifacts whose hash and size match'],
  ]),
  { name: 'BundleAreaVerification', unit: 'count', kind: 'event', description: 'One area of a verified bundle' },
  { name: 'BundleAreaVerification.Ready', unit: 'none', kind: 'flag', description: 'True when the area has no problems' },
  { name: 'BundleAreaVerification.Area', unit: 'none', kind: 'label', description: 'Area name (Telemetry, Routing, …)' },
  ...counts('BundleAreaVerification', [
    ['Problems', 'Problems in this area'],
    ['MissingRequired', 'Required readiness artifacts missing in this area'],
    ['ArtifactsListed', 'Artifacts listed in this area'],
    ['ArtifactsVerified', 'Listed artifacts whose hash and size match'],
  ]),
];

export default definePlugin({
  name: 'bundle',
  version: '0.1.0',
  description: 'Release evidence bundles: assemble them like the original publish command, verify readiness, schema, hashes and completeness.',
  metrics,
  steps: {
    assemble: defineStep<AssembleStepOptions>({
      description: 'Write one area of a bundle from named files and/or the newest matching files in folders (like Publish-TelemetryBundle).',
      schema: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1, description: 'Bundle folder name.' },
          area: { type: 'string', default: 'Telemetry' },
          outputRoot: { type: 'string', description: 'Folder holding bundles; default <runDir>/bundles.' },
          force: { type: 'boolean', default: false, description: 'Add or replace this area in an existing bundle.' },
          planReferences: stringList,
          taskBoardIds: stringList,
          notes: { type: ['string', 'null'] },
          coldTelemetry: pathOrPaths,
          warmTelemetry: pathOrPaths,
          analyzer: pathOrPaths,
          diffHotspots: pathOrPaths,
          userActionSummary: pathOrPaths,
          freshnessSummary: pathOrPaths,
          rollupCsv: pathOrPaths,
          docSync: pathOrPaths,
          queueDelaySummary: pathOrPaths,
          additional: pathOrPaths,
          artifacts: {
            type: 'array',
            items: {
              type: 'object',
              required: ['path', 'category'],
              additionalProperties: false,
              properties: { path: { type: 'string' }, category: { type: 'string' }, target: { type: 'string' } },
            },
          },
          collect: {
            type: 'object',
            additionalProperties: false,
            properties: {
              metricsDir: { type: 'string' },
              analyzerDir: { type: 'string' },
              reportsDir: { type: 'string' },
              performanceDocsDir: { type: 'string' },
              sessionsDir: { type: 'string' },
            },
          },
          pick: {
            type: 'array',
            items: {
              type: 'object',
              required: ['category', 'from', 'pattern'],
              additionalProperties: false,
              properties: {
                category: { type: 'string' },
                from: { type: 'string' },
                pattern: { type: 'string' },
                count: { type: 'integer', minimum: 1 },
                required: { type: 'boolean' },
                targetDir: { type: 'string' },
              },
            },
          },
          allowMissing: { type: 'boolean', default: false },
          rules: { type: 'string', enum: ['original', 'statetrace'], default: 'original' },
        },
      },
      async run(ctx, options) {
        const { runAssembleStep } = await import('./steps.js');
        return runAssembleStep(ctx, options);
      },
    }),
    verify: defineStep<VerifyStepOptions>({
      description: 'Verify a bundle: readiness rules, manifest schema, SHA-256 and size of every artifact, missing and unlisted files. Records fact bundle.ready and a BundleVerification event.',
      schema: {
        type: 'object',
        required: ['path'],
        additionalProperties: false,
        properties: {
          path: { type: 'string', minLength: 1, description: 'Bundle folder (or one area folder).' },
          areas: stringList,
          rules: { ...ruleSet, default: 'auto' },
          requireQueueSummary: { type: 'boolean', default: false },
          requireDiversitySummary: { type: 'boolean', default: false },
          requireHashManifest: { type: 'boolean', default: false },
          failOnNotReady: { type: 'boolean', default: false, description: 'Fail the step itself; normally a gate on BundleVerification decides.' },
        },
      },
      async run(ctx, options) {
        const { runVerifyStep } = await import('./steps.js');
        return runVerifyStep(ctx, options);
      },
    }),
  },
  commands: [
    {
      name: 'bundle verify <dir>',
      description: 'Check a telemetry bundle: readiness rules, manifest schema, hashes, sizes, missing and unlisted files. Exit 0 ready, 1 not ready, 2 unreadable.',
      options: [
        { flags: '--json', description: 'print the JSON summary instead of the table' },
        { flags: '--area <areas>', description: 'only these areas (comma-separated), e.g. Telemetry,Routing' },
        { flags: '--rules <set>', description: 'readiness rules: auto (default: the set recorded in statetrace-bundle.json, else original), original, statetrace' },
        { flags: '--require-queue-summary', description: 'Telemetry area: the queue delay summary is required (original -RequireQueueSummary)' },
        { flags: '--require-diversity-summary', description: 'Telemetry area: the port diversity summary is required' },
        { flags: '--require-hash-manifest', description: 'Telemetry area: a *.hashes.json file is required' },
        { flags: '--summary <file>', description: 'also write the JSON summary to this file (original -SummaryPath)' },
      ],
      examples: ['statetrace bundle verify reports/bundles/statetrace-20261122-021530-ab12', 'statetrace bundle verify Logs/TelemetryBundles/Release-2025-12-23 --area Routing --json'],
      async action(args, options, ctx) {
        const { verifyCommand } = await import('./commands.js');
        return verifyCommand(args, options, ctx);
      },
    },
    {
      name: 'bundle assemble',
      description: 'Write one area of a release bundle from named files and/or the newest files in folders (like Publish-TelemetryBundle).',
      options: [
        { flags: '--name <name>', description: 'bundle folder name (required)' },
        { flags: '--area <area>', description: 'area name', default: 'Telemetry' },
        { flags: '--output-root <dir>', description: 'folder holding bundles', default: 'reports/bundles' },
        { flags: '--force', description: 'add or replace this area in an existing bundle' },
        { flags: '--plan <plans>', description: 'plan references (comma-separated)' },
        { flags: '--task <ids>', description: 'task board IDs (comma-separated)' },
        { flags: '--notes <text>', description: 'manifest notes' },
        { flags: '--cold-telemetry <paths>', description: 'ColdTelemetry file(s)' },
        { flags: '--warm-telemetry <paths>', description: 'WarmTelemetry file(s)' },
        { flags: '--analyzer <paths>', description: 'SharedCacheAnalyzer file(s)' },
        { flags: '--diff-hotspots <paths>', description: 'DiffHotspots file(s)' },
        { flags: '--user-action-summary <paths>', description: 'UserActionSummary file(s)' },
        { flags: '--freshness-summary <paths>', description: 'FreshnessSummary file(s)' },
        { flags: '--rollup-csv <paths>', description: 'RollupCsv file(s)' },
        { flags: '--doc-sync <paths>', description: 'DocSync evidence (copied to DocSync/)' },
        { flags: '--queue-delay-summary <paths>', description: 'QueueDelaySummary file(s)' },
        { flags: '--additional <paths>', description: 'Additional file(s)' },
        { flags: '--artifact <specs>', description: 'other files as Category=path (comma-separated)' },
        { flags: '--metrics-dir <dir>', description: 'auto-collect the newest cold/warm telemetry, analyzers, diff hotspots, rollup (and queue summaries for Routing*) from here' },
        { flags: '--analyzer-dir <dir>', description: 'where shared-cache analyzer outputs are (default: --metrics-dir)' },
        { flags: '--reports-dir <dir>', description: 'auto-collect user-action/freshness summaries, history CSVs, diversity summary from here' },
        { flags: '--performance-docs-dir <dir>', description: 'auto-collect the newest SchedulerVsPortDiversity-*.md from here' },
        { flags: '--sessions-dir <dir>', description: 'the newest *.md here is the DocSync evidence' },
        { flags: '--allow-missing', description: 'assemble even when required auto-collected files are missing' },
        { flags: '--rules <set>', description: 'readiness rules verify applies by default: original (default) or statetrace' },
      ],
      examples: [
        'statetrace bundle assemble --name Release-2026-01-05 --metrics-dir Logs/IngestionMetrics --sessions-dir docs/agents/sessions --plan PlanE,PlanG --task ST-G-007',
        'statetrace bundle assemble --name Release-2026-01-05 --area Routing --force --queue-delay-summary Logs/IngestionMetrics/QueueDelaySummary-2026-01-01.json',
      ],
      async action(args, options, ctx) {
        const { assembleCommand } = await import('./commands.js');
        return assembleCommand(args, options, ctx);
      },
    },
  ],
});
