/**
 * The parser plugin: split raw switch logs into host slices, parse Cisco/Brocade/Arista (and, opted in,
 * Juniper/Aruba/Palo Alto), generate a realistic corpus, and ingest it into per-site SQLite databases
 * with the original StateTrace telemetry. Implementation is loaded lazily inside `run`/`action`.
 * User documentation: docs/parser.md.
 */
import { definePlugin, defineStep } from '../../core/plugin.js';
import type { GenerateStepOptions, IngestStepOptions } from './steps.js';
import { emittedMetrics, PARSER_EVENTS } from './metrics.js';

const schedulerSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'ParserSettings of the original (DOMAIN §2.7).',
  properties: {
    autoScale: { type: 'boolean' },
    threadCeiling: { type: 'integer', minimum: 0 },
    maxWorkersPerSite: { type: 'integer', minimum: 0 },
    maxActiveSites: { type: 'integer' },
    jobsPerThread: { type: 'integer', minimum: 0 },
    minRunspaces: { type: 'integer', minimum: 0 },
    maxConsecutiveSiteLaunches: { type: 'integer', minimum: 1 },
    interfaceBulkChunkSize: { type: 'integer', minimum: 1 },
    balancedOrder: { type: 'boolean' },
  },
};

export default definePlugin({
  name: 'parser',
  version: '0.1.0',
  description: 'Switch-log parsing (Cisco, Brocade, Arista; Juniper/Aruba/Palo Alto opt-in), corpus generation and ingestion.',
  metrics: emittedMetrics('parser', PARSER_EVENTS),
  steps: {
    'generate-corpus': defineStep<GenerateStepOptions>({
      description: 'Write a deterministic corpus of raw switch logs (default: the original 37-host BOYO/WLLS benchmark corpus).',
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          out: { type: 'string', description: 'Output folder (default <runDir>/corpus); relative paths are from the project root.' },
          seed: { type: 'integer', default: 42 },
          shape: { enum: ['default', 'fleet'], default: 'default', description: 'default = BOYO 12 Brocade × 10 ports + WLLS 25 Cisco × 48 ports; fleet = hosts/sites below.' },
          hosts: { type: 'integer', minimum: 1, description: 'fleet shape: number of hosts' },
          sites: { type: 'integer', minimum: 1, description: 'fleet shape: number of sites' },
          mutate: { type: 'number', minimum: 0, maximum: 1, default: 0, description: 'Fraction of all ports to change (concentrated on a few hosts).' },
          mutateSeed: { type: 'integer' },
          mutatePortsPerHost: { type: 'integer', minimum: 1, default: 4 },
        },
      },
      async run(ctx, options) {
        const { generateStep } = await import('./steps.js');
        return generateStep(ctx, options);
      },
    }),
    split: defineStep<{ corpus?: string; out?: string }>({
      description: 'Split raw logs into one slice file per host (Split-RawLogs), without parsing.',
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: { corpus: { type: 'string' }, out: { type: 'string' } },
      },
      async run(ctx, options) {
        const { splitStep } = await import('./steps.js');
        return splitStep(ctx, options);
      },
    }),
    ingest: defineStep<IngestStepOptions>({
      description: 'Split, parse (worker threads, site-aware scheduler) and persist a corpus into per-site SQLite databases; emits ParseDuration, RowsWritten, DatabaseWriteLatency, …',
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          corpus: { type: 'string', description: 'Folder of raw .log/.txt files (default <runDir>/corpus).' },
          dataDir: { type: 'string', description: 'Databases + IngestionHistory (default <runDir>/data); reuse it across ingest steps.' },
          historySeed: { enum: ['keep', 'empty'], default: 'keep', description: 'empty = forget the ingestion history first, so every host is parsed.' },
          concurrency: { type: 'integer', minimum: 0, description: 'Parse worker threads (default: config concurrency); 0 = parse on the main thread.' },
          mode: { enum: ['strict', 'compat'], default: 'strict', description: 'compat reproduces the original parser quirks (docs/parser.md).' },
          scoredVendors: { type: 'boolean', default: false, description: 'Also ingest Juniper/Aruba/Palo Alto hosts (scored vendor detection).' },
          scheduler: schedulerSchema,
          writePath: { enum: ['direct', 'bulk'], default: 'direct', description: 'direct = multi-row prepared statements; bulk = the original staged InterfaceBulkSeed path (DOMAIN §2.4).' },
        },
      },
      async run(ctx, options) {
        const { ingestStep } = await import('./steps.js');
        return ingestStep(ctx, options);
      },
    }),
  },
  commands: [
    {
      name: 'parse <files...>',
      description: 'Parse switch logs without a database and print device facts and interface records.',
      options: [
        { flags: '--json', description: 'print a JSON array of devices (hostname, vendor, model, version, site, interfaces[])' },
        { flags: '--compat', description: 'reproduce the original parser quirks (Cisco MAC table, last Version wins, 4-char site)' },
        { flags: '--no-scored', description: 'do not fall back to scored vendor detection (Juniper/Aruba/Palo Alto)' },
      ],
      examples: ['statetrace parse logs/SW1.log --json', 'statetrace parse logs/*.log', 'statetrace parse captures/LAB-SW-01/   # one switch, one file per show command'],
      async action(args, options, ctx) {
        const { parseCommand } = await import('./commands.js');
        return parseCommand(args, options, ctx);
      },
    },
    {
      name: 'corpus generate',
      description: 'Write a deterministic corpus of raw switch logs (default: the 37-host BOYO/WLLS benchmark corpus).',
      options: [
        { flags: '--out <dir>', description: 'output folder', default: 'corpus' },
        { flags: '--seed <n>', description: 'random seed', default: '42' },
        { flags: '--shape <shape>', description: 'default | fleet (fleet when --hosts/--sites are given)' },
        { flags: '--hosts <n>', description: 'number of hosts (fleet shape)' },
        { flags: '--sites <n>', description: 'number of sites (fleet shape)' },
        { flags: '--mutate <fraction>', description: 'change this fraction of ports relative to the unmutated corpus' },
        { flags: '--mutate-seed <n>', description: 'seed of the mutation (default seed + 1)' },
      ],
      examples: ['statetrace corpus generate --out corpus', 'statetrace corpus generate --out big --hosts 10000 --sites 20'],
      async action(args, options, ctx) {
        const { corpusGenerateCommand } = await import('./commands.js');
        return corpusGenerateCommand(args, options, ctx);
      },
    },
  ],
});
