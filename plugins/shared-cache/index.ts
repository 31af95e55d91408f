/**
 * shared-cache plugin: the per-site interface cache persistence consults before its database
 * (site → host → port, snapshots, seed, resolver, guards) and the analyzers of its telemetry.
 * Implementation is imported lazily; other plugins import `site-cache.ts`/`store.ts` directly.
 */
import { definePlugin, defineStep, type CommandDefinition } from '../../core/plugin.js';
import { sharedCacheMetrics } from './metrics.js';
import type { CheckSnapshotOptions } from './steps.js';

const telemetryInput = {
  paths: { type: 'array', items: { type: 'string' }, description: 'Telemetry files (NDJSON or JSON arrays); default: the scenario telemetry.' },
  passLabel: { type: 'string', description: 'Only events with this PassLabel (ColdPass, WarmPass).' },
  startTimeUtc: { type: 'string', description: 'Inclusive window start (ISO 8601).' },
  endTimeUtc: { type: 'string', description: 'Inclusive window end (ISO 8601).' },
} as const;

const steps = {
  seed: defineStep<{ out?: string; sites: string[]; hostsPerSite: number; portsPerHost: number }>({
    description: 'Write the seed snapshot (default 2 sites / 6 hosts / 60 rows).',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        out: { type: 'string' },
        sites: { type: 'array', items: { type: 'string' }, default: ['BOYO', 'WLLS'] },
        hostsPerSite: { type: 'integer', minimum: 1, default: 3 },
        portsPerHost: { type: 'integer', minimum: 1, default: 10 },
      },
    },
    async run(ctx, o) {
      return (await import('./steps.js')).seedStep(ctx, o);
    },
  }),
  'resolve-snapshot': defineStep<{ snapshot?: string; snapshotDir?: string; seed?: string; requiredSites: string[]; minimumHostCount: number; maximumAgeHours: number }>({
    description: 'Resolve the snapshot to import: explicit → newest valid in a folder → seed (emits SharedCacheSnapshotResolution).',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        snapshot: { type: 'string' },
        snapshotDir: { type: 'string' },
        seed: { type: 'string' },
        requiredSites: { type: 'array', items: { type: 'string' }, default: ['BOYO', 'WLLS'] },
        minimumHostCount: { type: 'integer', default: 2 },
        maximumAgeHours: { type: 'number', default: 168 },
      },
    },
    async run(ctx, o) {
      return (await import('./steps.js')).resolveStep(ctx, o);
    },
  }),
  'check-snapshot': defineStep<CheckSnapshotOptions>({
    description: 'Snapshot coverage guard (min sites/hosts/rows, required sites) and size/eviction guard; emits SharedCacheSnapshotGuard and one SharedCacheSnapshotSite per site.',
    schema: {
      type: 'object',
      required: ['snapshot'],
      additionalProperties: false,
      properties: {
        snapshot: { type: 'string', minLength: 1 },
        minimumSiteCount: { type: 'integer', default: 1 },
        minimumHostCount: { type: 'integer', default: 1 },
        minimumTotalRowCount: { type: 'integer', default: 1 },
        requiredSites: { type: 'array', items: { type: 'string' }, default: [] },
        baselineSnapshot: { type: 'string' },
        telemetry: { type: 'array', items: { type: 'string' }, description: 'Telemetry with InterfaceSiteCacheSharedStore events, for the eviction rate.' },
        maximumSizeBytes: { type: 'integer' },
        maximumHostCount: { type: 'integer' },
        maximumRowCount: { type: 'integer' },
      },
    },
    async run(ctx, o) {
      return (await import('./steps.js')).checkSnapshotStep(ctx, o);
    },
  }),
  'analyze-store-state': defineStep<{ paths?: string[]; passLabel?: string; startTimeUtc?: string; endTimeUtc?: string; topSites: number }>({
    description: 'Count shared-store operations (SnapshotImported, Init*, GetHit/GetMiss, Set, Remove, top sites); emits SharedCacheStoreState.',
    schema: { type: 'object', additionalProperties: false, properties: { ...telemetryInput, topSites: { type: 'integer', default: 10 } } },
    async run(ctx, o) {
      return (await import('./steps.js')).analyzeStoreStateStep(ctx, o);
    },
  }),
  'analyze-provider-reasons': defineStep<{ paths?: string[]; passLabel?: string; startTimeUtc?: string; endTimeUtc?: string; sites?: string[]; topHosts: number; maximumAccessRefreshCount: number }>({
    description: 'Count InterfaceSyncTiming provider reasons per site; emits one SiteCacheProviderReasons event per site.',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ...telemetryInput,
        sites: { type: 'array', items: { type: 'string' } },
        topHosts: { type: 'integer', default: 10 },
        maximumAccessRefreshCount: { type: 'integer', default: 0 },
      },
    },
    async run(ctx, o) {
      return (await import('./steps.js')).analyzeProviderReasonsStep(ctx, o);
    },
  }),
};

const windowOptions = [
  { flags: '--directory <dir>', description: 'read every *.json/*.jsonl here when no files are given (default Logs/IngestionMetrics)' },
  { flags: '--start <time>', description: 'inclusive window start (ISO 8601, converted to UTC)' },
  { flags: '--end <time>', description: 'inclusive window end' },
  { flags: '--pass <label>', description: 'only events with this PassLabel (ColdPass, WarmPass)' },
];

const lazy = (name: keyof typeof import('./commands.js')): CommandDefinition['action'] => async (args, options, ctx) => {
  const commands = await import('./commands.js');
  return (commands[name] as CommandDefinition['action'])(args, options, ctx);
};

export default definePlugin({
  name: 'shared-cache',
  version: '0.1.0',
  description: 'Per-site interface cache with snapshots, seed, resolver and guards; shared-cache telemetry analyzers.',
  steps,
  metrics: sharedCacheMetrics,
  commands: [
    {
      name: 'shared-cache store-state [...files]',
      description: 'Analyze-SharedCacheStoreState: counts of store operations per file, as JSON.',
      options: [...windowOptions, { flags: '--top-sites <n>', description: 'sites listed in TopSites', default: '10' }],
      action: lazy('storeStateCommand'),
    },
    {
      name: 'shared-cache provider-reasons [...files]',
      description: 'Analyze-SiteCacheProviderReasons: InterfaceSyncTiming provider reasons per site, as JSON.',
      options: [
        ...windowOptions,
        { flags: '--site <sites>', description: 'only these sites (comma-separated, case-insensitive)' },
        { flags: '--top-hosts <n>', description: 'hosts in the AccessRefresh breakdown', default: '10' },
        { flags: '--include-host-breakdown', description: 'add hosts with AccessRefresh > 0' },
        { flags: '--all-reasons', description: 'add every reason seen per site' },
      ],
      action: lazy('providerReasonsCommand'),
    },
    {
      name: 'shared-cache diagnostics [...files]',
      description: 'Test-SharedCacheDiagnostics: SnapshotImported > 0 and AccessRefresh ≤ maximum; exit 1 on violations.',
      options: [...windowOptions, { flags: '--maximum-access-refresh <n>', description: 'allowed AccessRefresh count', default: '0' }],
      action: lazy('diagnosticsCommand'),
    },
    {
      name: 'shared-cache seed [out]',
      description: 'Write the seed snapshot (BOYO, WLLS × 3 hosts × 10 ports) as statetrace snapshot JSON.',
      options: [
        { flags: '--sites <sites>', description: 'comma-separated site keys' },
        { flags: '--hosts <n>', description: 'hosts per site' },
        { flags: '--ports <n>', description: 'ports per host' },
      ],
      action: lazy('seedCommand'),
    },
    {
      name: 'shared-cache resolve',
      description: 'Resolve-SharedCacheSnapshot: explicit → newest valid → seed, with the fallback reason; exit 1 when nothing valid.',
      options: [
        { flags: '--snapshot <file>', description: 'explicit snapshot' },
        { flags: '--snapshot-dir <dir>', description: 'folder of SharedCacheSnapshot-* files' },
        { flags: '--seed <file>', description: 'seed snapshot' },
        { flags: '--required-sites <sites>', description: 'default BOYO,WLLS' },
        { flags: '--minimum-hosts <n>', description: 'default 2' },
        { flags: '--maximum-age-hours <h>', description: 'default 168' },
      ],
      action: lazy('resolveCommand'),
    },
    {
      name: 'shared-cache check <snapshot>',
      description: 'Test-SharedCacheSnapshot: coverage guard on a snapshot or summary JSON; exit 1 on violations.',
      options: [
        { flags: '--plan-g', description: 'Plan G thresholds: BOYO+WLLS, ≥ 2 sites, ≥ 37 hosts, ≥ 1,200 rows' },
        { flags: '--minimum-sites <n>', description: 'default 1' },
        { flags: '--minimum-hosts <n>', description: 'default 1' },
        { flags: '--minimum-rows <n>', description: 'default 1' },
        { flags: '--required-sites <sites>', description: 'comma-separated' },
      ],
      action: lazy('checkCommand'),
    },
    {
      name: 'shared-cache eviction <snapshot>',
      description: 'Test-SharedCacheEviction: size ≤ 50 MB, hosts ≤ 500, rows ≤ 50,000, shrink ≤ 5 %, eviction rate ≤ 10 %; exit 1 on violations.',
      options: [
        { flags: '--baseline <snapshot>', description: 'baseline snapshot for the shrink check' },
        { flags: '--telemetry <files>', description: 'telemetry with store operations, for the eviction rate' },
      ],
      action: lazy('evictionCommand'),
    },
    {
      name: 'shared-cache convert <input> <output>',
      description: 'Convert an original snapshot (CliXML or JSON export) to statetrace snapshot JSON.',
      action: lazy('convertCommand'),
    },
    {
      name: 'shared-cache inspect <snapshot>',
      description: 'Show a snapshot\'s format, sites, hosts and rows as JSON.',
      options: [
        { flags: '--list-hosts', description: 'list hosts per site' },
        { flags: '--show-ports', description: 'with --list-hosts, list ports too' },
      ],
      action: lazy('inspectCommand'),
    },
  ],
});
