/**
 * The routing plugin: route-table capture parsing (Cisco IOS-XE, Arista EOS, Juniper, Palo Alto),
 * RouteRecords and RouteHealthSnapshots with the original's deterministic ids and health rules v1,
 * snapshot diffs, and the debounced outage detector (per-route state machine + simulator) the
 * original planned. Light on purpose: implementations load inside `run` / `action`.
 * User documentation: docs/routing.md.
 */
import { definePlugin, defineStep } from '../../core/plugin.js';
import { ROUTING_METRICS } from './metrics.js';
import type { DiffOptions, EvaluateOptions, ParseCaptureOptions, RecordsOptions, SimulateOptions, SnapshotOptions, ValidateOptions } from './steps.js';

const pathOrPaths = { anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 }] };
const duration = { type: ['string', 'number'], description: "A duration: '30s', '2m', '500ms', or a number of seconds." };
const debounceProperties = {
  for: { ...duration, description: "Hold before a route enters degraded or down (Prometheus `for`). Default '30s'." },
  keepFor: { ...duration, description: "Hold of the healthy condition before a route leaves degraded or down (Prometheus `keep_firing_for`). Default '60s'." },
  window: { ...duration, description: 'Window for "reported down more than once". Default for + keepFor.' },
  sameTime: { ...duration, description: 'Observations of a route this close together are one evaluation. Default 0.' },
  conflictPolicy: { enum: ['hold', 'worst', 'best'], description: 'What a conflicting evaluation means: no evidence (hold), the worst or the best source.' },
  runbookUrl: { type: 'string', description: "Runbook link template for transition events; {route} {site} {hostname} {vrf} {prefix} {from} {to} {kind}. Default 'docs/routing.md#runbook-{to}'." },
};
const outDir = { type: 'string', description: 'Sub-folder of the run directory for the files written. Default "routing".' };

export default definePlugin({
  name: 'routing',
  version: '0.1.0',
  description: 'Route-table parsing, RouteRecords, health snapshots, snapshot diffs, and debounced outage detection with a simulator.',
  metrics: ROUTING_METRICS,
  steps: {
    'parse-capture': defineStep<ParseCaptureOptions>({
      description: 'Parse Capture.json / Session.json route captures into RoutingDiscoveryCapture and RouteRecords files (schema-checked).',
      schema: {
        type: 'object',
        required: ['captures'],
        additionalProperties: false,
        properties: { captures: { ...pathOrPaths, description: 'Capture.json or Session.json files or globs, relative to the project root.' }, outDir },
      },
      async run(ctx, options) {
        return (await import('./steps.js')).parseCaptureStep(ctx, options);
      },
    }),
    records: defineStep<RecordsOptions>({
      description: 'Convert RoutingDiscoveryCapture files into RouteRecords (deterministic RecordIds).',
      schema: { type: 'object', required: ['discovery'], additionalProperties: false, properties: { discovery: pathOrPaths, outDir } },
      async run(ctx, options) {
        return (await import('./steps.js')).recordsStep(ctx, options);
      },
    }),
    snapshot: defineStep<SnapshotOptions>({
      description: 'Apply the health rules v1 to RouteRecords files: one RouteHealthSnapshot each.',
      schema: {
        type: 'object',
        required: ['records'],
        additionalProperties: false,
        properties: {
          records: { ...pathOrPaths, description: 'RouteRecords JSON files (e.g. ${steps.parse.recordFiles}).' },
          site: { type: 'string' },
          hostname: { type: 'string' },
          vrf: { type: 'string' },
          outDir,
        },
      },
      async run(ctx, options) {
        return (await import('./steps.js')).snapshotStep(ctx, options);
      },
    }),
    diff: defineStep<DiffOptions>({
      description: 'Compare two RouteHealthSnapshots (optionally enriched with both RouteRecords files).',
      schema: {
        type: 'object',
        required: ['old', 'new'],
        additionalProperties: false,
        properties: {
          old: { type: 'string', minLength: 1 },
          new: { type: 'string', minLength: 1 },
          oldRecords: { type: 'string', minLength: 1 },
          newRecords: { type: 'string', minLength: 1 },
          allowDifferentTargets: { type: 'boolean', default: false },
          outDir,
        },
      },
      async run(ctx, options) {
        return (await import('./steps.js')).diffStep(ctx, options);
      },
    }),
    validate: defineStep<ValidateOptions>({
      description: 'Validate JSON files against the RouteRecord(s) or RouteHealthSnapshot schema (a RoutingSchemaValidation event each).',
      schema: {
        type: 'object',
        required: ['files', 'schema'],
        additionalProperties: false,
        properties: { files: pathOrPaths, schema: { enum: ['RouteRecords', 'RouteRecord', 'RouteHealthSnapshot'] }, strict: { type: 'boolean', default: false } },
      },
      async run(ctx, options) {
        return (await import('./steps.js')).validateStep(ctx, options);
      },
    }),
    evaluate: defineStep<EvaluateOptions>({
      description: 'Run the debounced per-route state machine over an observation timeline or RouteHealthSnapshot files.',
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: { timeline: pathOrPaths, snapshots: pathOrPaths, ...debounceProperties },
      },
      async run(ctx, options) {
        return (await import('./steps.js')).evaluateStep(ctx, options);
      },
    }),
    simulate: defineStep<SimulateOptions>({
      description: 'Simulate a fleet of routes with injected failures, failovers, flaps and blips, and run the detector over it (deterministic per seed).',
      schema: {
        type: 'object',
        required: ['routes'],
        additionalProperties: false,
        properties: {
          routes: { type: 'integer', minimum: 1, maximum: 1_000_000 },
          duration: { ...duration, description: "Simulated time. Default '1h'." },
          interval: { ...duration, description: "Signal interval per route. Default '10s'." },
          start: { type: 'string', description: 'Simulated start time (ISO-8601). Default 2026-01-01T00:00:00Z.' },
          seed: { type: 'integer', default: 1 },
          sources: { type: 'array', items: { type: 'string' }, minItems: 1, description: "Signal sources observing every route. Default ['cli', 'probe']." },
          primaryFailures: { type: 'integer', minimum: 0, description: 'Primary route failures with no secondary (route down).' },
          failovers: { type: 'integer', minimum: 0, description: 'Primary failures where a secondary takes over (route degraded).' },
          flaps: { type: 'integer', minimum: 0, description: 'Flapping episodes (down half a flapPeriod, up the other half).' },
          blips: { type: 'integer', minimum: 0, description: 'Outages shorter than `for` (must not be reported).' },
          outage: { type: 'array', items: duration, minItems: 2, maxItems: 2, description: "Outage/failover length range. Default ['2m', '15m']." },
          flapPeriod: duration,
          flapDuration: duration,
          blip: duration,
          noiseRate: { type: 'number', minimum: 0, maximum: 1, description: 'Probability an observation shows a random wrong condition.' },
          conflictRate: { type: 'number', minimum: 0, maximum: 1, description: 'Probability a second source disagrees with the first.' },
          ...debounceProperties,
        },
      },
      async run(ctx, options) {
        return (await import('./steps.js')).simulateStep(ctx, options);
      },
    }),
  },
  commands: [
    {
      name: 'routes parse <transcript>',
      description: 'Parse a route-table transcript (or a Capture.json / Session.json) into RouteRecords.',
      options: [
        { flags: '--vendor <vendor>', description: 'CiscoIOSXE | AristaEOS | Juniper | PaloAlto (required for a transcript)' },
        { flags: '--json', description: 'print the RouteRecord array as JSON' },
        { flags: '--site <site>', description: 'Site for the records (default: the hostname up to its first "-")' },
        { flags: '--hostname <host>', description: 'Hostname (default: from the CLI prompt in the transcript, else the file name)' },
        { flags: '--captured-at <time>', description: 'CapturedAt, ISO-8601 (default: the file modification time; RecordIds depend on it)' },
        { flags: '--vrf <vrf>', description: 'VRF for routes outside any VRF section', default: 'default' },
      ],
      examples: ['statetrace routes parse show_ip_route.txt --vendor CiscoIOSXE', 'statetrace routes parse show_route.txt --vendor Juniper --json', 'statetrace routes parse captures/Capture.json --json'],
      async action(args, options, ctx) {
        return (await import('./commands.js')).parseCommand(args, options, ctx);
      },
    },
    {
      name: 'routes snapshot <records>',
      description: 'Apply the health rules v1 to a RouteRecords file and print the RouteHealthSnapshot.',
      options: [
        { flags: '--site <site>', description: 'only records of this site' },
        { flags: '--hostname <host>', description: 'only records of this host' },
        { flags: '--vrf <vrf>', description: 'only records of this VRF' },
        { flags: '--out <file>', description: 'write the snapshot here' },
        { flags: '--json', description: 'print the snapshot even with --out' },
      ],
      examples: ['statetrace routes snapshot RouteRecords.json --out RouteHealthSnapshot.json'],
      async action(args, options, ctx) {
        return (await import('./commands.js')).snapshotCommand(args, options, ctx);
      },
    },
    {
      name: 'routes diff <old> <new>',
      description: 'Compare two RouteHealthSnapshots; with both RouteRecords files, also the changed routes.',
      options: [
        { flags: '--old-records <file>', description: 'RouteRecords of the old snapshot' },
        { flags: '--new-records <file>', description: 'RouteRecords of the new snapshot' },
        { flags: '--allow-different-targets', description: 'compare snapshots of different Site/Hostname/Vrf' },
        { flags: '--json', description: 'print the diff JSON instead of Markdown' },
        { flags: '--out <file>', description: 'write the diff JSON here' },
        { flags: '--markdown <file>', description: 'write the Markdown summary here' },
      ],
      examples: ['statetrace routes diff old.json new.json --old-records RouteRecords.old.json --new-records RouteRecords.new.json'],
      async action(args, options, ctx) {
        return (await import('./commands.js')).diffCommand(args, options, ctx);
      },
    },
    {
      name: 'routes validate <file>',
      description: 'Validate a JSON file against a routing schema. Exit 0 valid, 1 invalid, 2 unreadable.',
      options: [
        { flags: '--schema <name>', description: 'RouteRecords | RouteRecord | RouteHealthSnapshot' },
        { flags: '--json', description: 'print the result as JSON' },
      ],
      async action(args, options, ctx) {
        return (await import('./commands.js')).validateCommand(args, options, ctx);
      },
    },
    {
      name: 'routes simulate',
      description: 'Run the outage simulator through the detector and print the summary (detections, misses, conflicts, p95 time to detect).',
      options: [
        { flags: '--routes <n>', description: 'routes in the fleet', default: 1000 },
        { flags: '--duration <d>', description: 'simulated time', default: '1h' },
        { flags: '--interval <d>', description: 'signal interval', default: '10s' },
        { flags: '--seed <n>', description: 'random seed', default: 1 },
        { flags: '--for <d>', description: 'debounce before degraded/down', default: '30s' },
        { flags: '--keep-for <d>', description: 'debounce before recovered', default: '60s' },
        { flags: '--noise-rate <p>', description: 'probability of a wrong observation', default: 0.001 },
        { flags: '--conflict-rate <p>', description: 'probability the second source disagrees', default: 0.005 },
        { flags: '--json', description: 'print JSON' },
      ],
      async action(args, options, ctx) {
        return (await import('./commands.js')).simulateCommand(args, options, ctx);
      },
    },
  ],
});
