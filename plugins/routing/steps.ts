/**
 * The routing steps' implementations (loaded lazily by `index.ts`). Each step reads its inputs,
 * calls the pure modules (parse, records, health, diff, detector), writes its JSON files under the
 * scenario's run directory, registers them as `Routing` artifacts, emits telemetry and records facts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import fg from 'fast-glob';
import { parseDurationMs } from '../../core/duration.js';
import { ErrorCode, StatetraceError } from '../../core/errors.js';
import type { StepContext } from '../../core/plugin.js';
import { ingestHostCapture, loadCaptureOrSession } from './capture.js';
import { OutageEvaluator, type ConflictPolicy, type Observation } from './detector/evaluator.js';
import { observationsFromSnapshots, readTimelineFile } from './detector/observations.js';
import { runSimulation, type SimulationOptions } from './detector/simulate.js';
import type { Transition } from './detector/state-machine.js';
import { diffSnapshots, diffToMarkdown } from './diff.js';
import { recordsToSnapshot } from './health.js';
import { parseOffsetTimestamp } from './ids.js';
import { readJsonFile } from './json-file.js';
import type { RoutingDiscoveryCapture } from './model.js';
import { discoveryToRecords } from './records.js';
import { validateAgainst, type SchemaName } from './schemas.js';
import { DEFAULT_RUNBOOK_URL, labelsOfRoute, summaryEvent, transitionEvent } from './telemetry.js';

// ── helpers ─────────────────────────────────────────────────────────────────────────────────────

/** Files named by paths or globs (relative to the project root); a name that matches nothing is an error. */
export function resolveInputs(rootDir: string, patterns: string | string[], what: string): string[] {
  const out: string[] = [];
  for (const pattern of Array.isArray(patterns) ? patterns : [patterns]) {
    const absolute = isAbsolute(pattern) ? pattern : resolve(rootDir, pattern);
    if (!fg.isDynamicPattern(pattern)) {
      out.push(absolute);
      continue;
    }
    const matches = (isAbsolute(pattern) ? fg.sync(pattern, { absolute: true, onlyFiles: true }) : fg.sync(pattern, { cwd: rootDir, absolute: true, onlyFiles: true })).sort();
    if (matches.length === 0) {
      throw new StatetraceError(ErrorCode.InputMissing, `${what}: the pattern "${pattern}" matches no file`, { hint: `patterns resolve against the project root ${rootDir}` });
    }
    out.push(...matches);
  }
  return out;
}

function writeJson(path: string, value: unknown): void {
  mkdirSync(resolve(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(value, null, 2) + '\n');
}

function durationOption(value: string | number | undefined, name: string, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  // Bare numbers in step options are seconds (`for: 30`), strings carry their unit (`for: 30s`).
  const ms = typeof value === 'number' ? value * 1000 : parseDurationMs(value);
  if (ms === undefined) throw new StatetraceError(ErrorCode.InputInvalid, `${name}: "${String(value)}" is not a duration`, { hint: 'write e.g. 30s, 2m, 500ms, or a number of seconds' });
  return ms;
}

function emitValidation(ctx: StepContext, schema: SchemaName, file: string, value: unknown): boolean {
  const result = validateAgainst(schema, value);
  ctx.emit({
    EventName: 'RoutingSchemaValidation',
    Schema: schema,
    File: file,
    Valid: result.valid,
    Items: Array.isArray(value) ? value.length : 1,
    ErrorCount: result.errors.length,
    ...(result.errors.length > 0 ? { Errors: result.errors.slice(0, 5).join('; ') } : {}),
  });
  if (!result.valid) ctx.log.warn(`${file} does not satisfy ${schema}: ${result.errors.slice(0, 3).join('; ')}`);
  return result.valid;
}

// ── routing.parse-capture ───────────────────────────────────────────────────────────────────────

export interface ParseCaptureOptions {
  captures: string | string[];
  /** Sub-folder of the run directory the files go to. */
  outDir?: string;
}

export async function parseCaptureStep(ctx: StepContext, options: ParseCaptureOptions): Promise<Record<string, unknown>> {
  const files = resolveInputs(ctx.rootDir, options.captures, 'routing.parse-capture captures');
  const outRoot = join(ctx.runDir, options.outDir ?? 'routing');
  const hosts: Array<Record<string, unknown>> = [];
  const recordFiles: string[] = [];
  let routes = 0;
  for (const file of files) {
    for (const capture of loadCaptureOrSession(file)) {
      const started = performance.now();
      const ingestion = ingestHostCapture(capture);
      const conversion = discoveryToRecords(ingestion.discovery);
      if (conversion.errors.length > 0) {
        throw new StatetraceError(ErrorCode.InputInvalid, `RouteRecord conversion failed for ${capture.Hostname}: ${conversion.errors.join('; ')}`, { location: { file: capture.sourcePath } });
      }
      const hostDir = join(outRoot, capture.Hostname.toUpperCase(), safeName(capture.CapturedAt));
      const discoveryPath = join(hostDir, 'RoutingDiscoveryCapture.json');
      const recordsPath = join(hostDir, 'RouteRecords.json');
      const summaryPath = join(hostDir, 'RoutingCliIngestionSummary.json');
      writeJson(discoveryPath, ingestion.discovery);
      writeJson(recordsPath, conversion.records);
      writeJson(summaryPath, { Timestamp: new Date().toISOString(), ...ingestion.summary, OutputPath: discoveryPath, RouteRecordsPath: recordsPath });
      ctx.artifact(discoveryPath, { category: 'RoutingDiscoveryCapture', area: 'Routing', description: `Routes parsed from ${basename(capture.transcriptPath)} (${capture.Vendor})` });
      ctx.artifact(recordsPath, { category: 'RouteRecords', area: 'Routing', description: `RouteRecords of ${capture.Hostname} at ${capture.CapturedAt}` });
      ctx.artifact(summaryPath, { category: 'RoutingCliIngestionSummary', area: 'Routing' });
      const valid = emitValidation(ctx, 'RouteRecords', recordsPath, conversion.records);
      ctx.emit({
        EventName: 'RoutingCaptureParsed',
        Site: capture.Site.toUpperCase(),
        Hostname: capture.Hostname.toUpperCase(),
        Vendor: capture.Vendor,
        Vrf: capture.Vrf,
        Status: valid ? ingestion.summary.Status : 'Fail',
        RoutesParsedCount: ingestion.summary.RoutesParsedCount,
        LinesParsedCount: ingestion.summary.LinesParsedCount,
        LinesSkippedCount: ingestion.summary.LinesSkippedCount,
        UnreadableLineCount: ingestion.summary.UnreadableLines.length,
        RouteRecordCount: conversion.records.length,
        VrfCount: new Set(ingestion.routes.map((r) => r.Vrf ?? capture.Vrf)).size,
        DurationMs: Math.round((performance.now() - started) * 1000) / 1000,
      });
      for (const u of ingestion.summary.UnreadableLines) ctx.log.warn(`${capture.transcriptPath}:${u.line}: ${u.reason}: ${u.text}`);
      routes += conversion.records.length;
      recordFiles.push(recordsPath);
      hosts.push({ hostname: capture.Hostname.toUpperCase(), vendor: capture.Vendor, capturedAt: capture.CapturedAt, routes: conversion.records.length, records: recordsPath, discovery: discoveryPath });
    }
  }
  ctx.fact('routing.hosts', hosts.length);
  ctx.fact('routing.routes', routes);
  return { hosts, recordFiles, records: recordFiles[0], routes };
}

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '');
}

// ── routing.records ─────────────────────────────────────────────────────────────────────────────

export interface RecordsOptions {
  discovery: string | string[];
  outDir?: string;
}

export async function recordsStep(ctx: StepContext, options: RecordsOptions): Promise<Record<string, unknown>> {
  const files = resolveInputs(ctx.rootDir, options.discovery, 'routing.records discovery');
  const recordFiles: string[] = [];
  for (const file of files) {
    const { value } = readJsonFile(file, 'RoutingDiscoveryCapture');
    const conversion = discoveryToRecords(value as RoutingDiscoveryCapture);
    if (conversion.errors.length > 0) {
      throw new StatetraceError(ErrorCode.InputInvalid, `RoutingDiscoveryCapture ${file} is invalid: ${conversion.errors.join('; ')}`, { location: { file }, hint: 'see docs/routing.md for the RoutingDiscoveryCapture fields' });
    }
    const out = join(ctx.runDir, options.outDir ?? 'routing', `RouteRecords-${basename(file, '.json')}.json`);
    writeJson(out, conversion.records);
    ctx.artifact(out, { category: 'RouteRecords', area: 'Routing', description: `RouteRecords from ${basename(file)}` });
    emitValidation(ctx, 'RouteRecords', out, conversion.records);
    recordFiles.push(out);
  }
  return { recordFiles, records: recordFiles[0] };
}

// ── routing.snapshot ────────────────────────────────────────────────────────────────────────────

export interface SnapshotOptions {
  records: string | string[];
  site?: string;
  hostname?: string;
  vrf?: string;
  outDir?: string;
}

export async function snapshotStep(ctx: StepContext, options: SnapshotOptions): Promise<Record<string, unknown>> {
  const files = resolveInputs(ctx.rootDir, options.records, 'routing.snapshot records');
  const snapshots: string[] = [];
  const states: Record<string, string> = {};
  for (const file of files) {
    const { value } = readJsonFile(file, 'RouteRecords');
    const { snapshot, summary } = recordsToSnapshot(value, { site: options.site, hostname: options.hostname, vrf: options.vrf });
    const outDir = join(ctx.runDir, options.outDir ?? 'routing', 'snapshots');
    const stem = snapshot ? `${snapshot.Hostname}-${safeName(snapshot.CapturedAt)}` : basename(file, '.json');
    const summaryPath = join(outDir, `RouteHealthSnapshotSummary-${stem}.json`);
    writeJson(summaryPath, { Timestamp: new Date().toISOString(), ...summary, RouteRecordsPath: file });
    ctx.artifact(summaryPath, { category: 'RouteHealthSnapshotSummary', area: 'Routing' });
    if (!snapshot) {
      throw new StatetraceError(ErrorCode.InputInvalid, `RouteHealthSnapshot generation failed for ${file}: ${summary.Errors.join('; ')}`, {
        location: { file },
        hint: summary.Errors.some((e) => e.startsWith('MultipleRouteRecordGroups')) ? 'the records span several Site|Hostname|Vrf groups: set site, hostname and/or vrf to pick one' : 'fix the records named above (RouteRecord v1.0 fields)',
      });
    }
    const snapshotPath = join(outDir, `RouteHealthSnapshot-${stem}.json`);
    writeJson(snapshotPath, snapshot);
    ctx.artifact(snapshotPath, { category: 'RouteHealthSnapshot', area: 'Routing', description: `${snapshot.HealthState} (${snapshot.PrimaryRouteStatus}/${snapshot.SecondaryRouteStatus})` });
    emitValidation(ctx, 'RouteHealthSnapshot', snapshotPath, snapshot);
    ctx.emit({
      EventName: 'RoutingHealthSnapshot',
      SnapshotId: snapshot.SnapshotId,
      Site: snapshot.Site,
      Hostname: snapshot.Hostname,
      Vrf: snapshot.Vrf,
      PrimaryRouteStatus: snapshot.PrimaryRouteStatus,
      SecondaryRouteStatus: snapshot.SecondaryRouteStatus,
      HealthState: snapshot.HealthState,
      FailoverState: snapshot.FailoverState,
      HealthScore: snapshot.HealthScore,
      DetectionLatencyMs: snapshot.DetectionLatencyMs,
      RouteRecordCount: summary.RouteRecordCount,
      PrimaryRecordCount: summary.PrimaryRecordCount,
      SecondaryRecordCount: summary.SecondaryRecordCount,
    });
    states[`${snapshot.Hostname}@${snapshot.CapturedAt}`] = snapshot.HealthState;
    snapshots.push(snapshotPath);
  }
  ctx.fact('routing.snapshots', snapshots.length);
  return { snapshots, snapshot: snapshots[0], states };
}

// ── routing.diff ────────────────────────────────────────────────────────────────────────────────

export interface DiffOptions {
  old: string;
  new: string;
  oldRecords?: string;
  newRecords?: string;
  allowDifferentTargets?: boolean;
  outDir?: string;
}

export async function diffStep(ctx: StepContext, options: DiffOptions): Promise<Record<string, unknown>> {
  const [oldPath] = resolveInputs(ctx.rootDir, options.old, 'routing.diff old');
  const [newPath] = resolveInputs(ctx.rootDir, options.new, 'routing.diff new');
  const oldRecords = options.oldRecords ? readJsonFile(resolveInputs(ctx.rootDir, options.oldRecords, 'routing.diff oldRecords')[0]!, 'Old RouteRecords').value : undefined;
  const newRecords = options.newRecords ? readJsonFile(resolveInputs(ctx.rootDir, options.newRecords, 'routing.diff newRecords')[0]!, 'New RouteRecords').value : undefined;
  const diff = diffSnapshots({
    old: readJsonFile(oldPath!, 'Old RouteHealthSnapshot').value as Record<string, unknown>,
    new: readJsonFile(newPath!, 'New RouteHealthSnapshot').value as Record<string, unknown>,
    oldPath: oldPath!,
    newPath: newPath!,
    oldRecords,
    newRecords,
    allowDifferentTargets: options.allowDifferentTargets,
  });
  const outDir = join(ctx.runDir, options.outDir ?? 'routing', 'diff');
  const jsonPath = join(outDir, `RoutingDiff-${safeName(String(diff.New.Hostname))}.json`);
  const mdPath = jsonPath.replace(/\.json$/, '.md');
  writeJson(jsonPath, diff);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(mdPath, diffToMarkdown(diff));
  ctx.artifact(jsonPath, { category: 'RoutingDiff', area: 'Routing', description: `Added ${diff.Counts.Added}, Removed ${diff.Counts.Removed}, Changed ${diff.Counts.ChangedRoutes}` });
  ctx.artifact(mdPath, { category: 'RoutingDiffMarkdown', area: 'Routing' });
  for (const w of diff.Warnings) ctx.log.warn(`routing.diff: ${w}`);
  ctx.emit({
    EventName: 'RoutingDiff',
    Site: diff.New.Site,
    Hostname: diff.New.Hostname,
    Vrf: diff.New.Vrf,
    Added: diff.Counts.Added,
    Removed: diff.Counts.Removed,
    Unchanged: diff.Changes.UnchangedCount,
    ChangedRoutes: diff.Counts.ChangedRoutes,
    Warnings: diff.Warnings.length,
    Enriched: oldRecords !== undefined && newRecords !== undefined,
    OldHealthState: diff.Old.HealthState,
    NewHealthState: diff.New.HealthState,
  });
  ctx.fact('routing.diff', { added: diff.Counts.Added, removed: diff.Counts.Removed, unchanged: diff.Changes.UnchangedCount, changedRoutes: diff.Counts.ChangedRoutes });
  return { diff: jsonPath, markdown: mdPath, added: diff.Counts.Added, removed: diff.Counts.Removed, changedRoutes: diff.Counts.ChangedRoutes };
}

// ── routing.validate ────────────────────────────────────────────────────────────────────────────

export interface ValidateOptions {
  files: string | string[];
  schema: SchemaName;
  /** Fail the step on an invalid file (default false: the event records it and a gate decides). */
  strict?: boolean;
}

export async function validateStep(ctx: StepContext, options: ValidateOptions): Promise<Record<string, unknown>> {
  const files = resolveInputs(ctx.rootDir, options.files, 'routing.validate files');
  let invalid = 0;
  for (const file of files) if (!emitValidation(ctx, options.schema, file, readJsonFile(file, options.schema).value)) invalid++;
  if (options.strict && invalid > 0) throw new StatetraceError(ErrorCode.InputInvalid, `${invalid} of ${files.length} files do not satisfy ${options.schema}`, { hint: 'see the RoutingSchemaValidation events and warnings above' });
  return { files: files.length, invalid };
}

// ── routing.evaluate / routing.simulate ─────────────────────────────────────────────────────────

interface DebounceStepOptions {
  for?: string | number;
  keepFor?: string | number;
  window?: string | number;
  sameTime?: string | number;
  conflictPolicy?: ConflictPolicy;
  runbookUrl?: string;
}

export interface EvaluateOptions extends DebounceStepOptions {
  timeline?: string | string[];
  snapshots?: string | string[];
}

export async function evaluateStep(ctx: StepContext, options: EvaluateOptions): Promise<Record<string, unknown>> {
  if (!options.timeline && !options.snapshots) {
    throw new StatetraceError(ErrorCode.InputInvalid, 'routing.evaluate needs `timeline` (NDJSON observations) or `snapshots` (RouteHealthSnapshot files)', { hint: 'see docs/routing.md, "Outage detection"' });
  }
  const observations: Observation[] = [];
  const sources: string[] = [];
  if (options.timeline) {
    for (const file of resolveInputs(ctx.rootDir, options.timeline, 'routing.evaluate timeline')) observations.push(...readTimelineFile(file));
    sources.push('timeline');
  }
  if (options.snapshots) {
    observations.push(...observationsFromSnapshots(resolveInputs(ctx.rootDir, options.snapshots, 'routing.evaluate snapshots')));
    sources.push('snapshots');
  }
  observations.sort((a, b) => a.at - b.at);
  const source = sources.join('+');
  const started = performance.now();
  const runbook = options.runbookUrl ?? DEFAULT_RUNBOOK_URL;
  let withoutRunbook = 0;
  const evaluator = new OutageEvaluator(debounce(options), (t: Transition) => {
    const event = transitionEvent(t, labelsOfRoute(t.route), runbook, source);
    if (!event.RunbookUrl) withoutRunbook++;
    ctx.emit(event);
  });
  for (const o of observations) evaluator.observe(o);
  const summary = evaluator.finish();
  ctx.emit(summaryEvent(summary, source, withoutRunbook, performance.now() - started));
  ctx.fact('routing.transitions', summary.Transitions);
  return { transitions: summary.Transitions, failures: summary.Failures, routes: summary.Routes };
}

function debounce(options: DebounceStepOptions) {
  const forMs = durationOption(options.for, 'for', 30_000);
  const keepForMs = durationOption(options.keepFor, 'keepFor', 60_000);
  return {
    forMs,
    keepForMs,
    windowMs: durationOption(options.window, 'window', forMs + keepForMs),
    sameTimeMs: durationOption(options.sameTime, 'sameTime', 0),
    conflictPolicy: options.conflictPolicy ?? 'hold',
  };
}

export interface SimulateOptions extends DebounceStepOptions {
  routes: number;
  duration?: string | number;
  interval?: string | number;
  start?: string;
  seed?: number;
  sources?: string[];
  primaryFailures?: number;
  failovers?: number;
  flaps?: number;
  blips?: number;
  outage?: [string | number, string | number];
  flapPeriod?: string | number;
  flapDuration?: string | number;
  blip?: string | number;
  noiseRate?: number;
  conflictRate?: number;
}

export function simulationOptions(options: SimulateOptions): SimulationOptions {
  const d = debounce(options);
  const start = parseOffsetTimestamp(options.start ?? '2026-01-01T00:00:00Z');
  if (!start) throw new StatetraceError(ErrorCode.InputInvalid, `start: "${options.start}" is not an ISO-8601 time`, { hint: 'e.g. 2026-01-01T00:00:00Z' });
  const outage = options.outage ?? ['2m', '15m'];
  return {
    routes: options.routes,
    startMs: start.epochMs,
    durationMs: durationOption(options.duration, 'duration', 3_600_000),
    intervalMs: durationOption(options.interval, 'interval', 10_000),
    seed: options.seed ?? 1,
    sources: options.sources ?? ['cli', 'probe'],
    primaryFailures: options.primaryFailures ?? 0,
    failovers: options.failovers ?? 0,
    flaps: options.flaps ?? 0,
    blips: options.blips ?? 0,
    outageMs: [durationOption(outage[0], 'outage[0]', 120_000), durationOption(outage[1], 'outage[1]', 900_000)],
    flapPeriodMs: durationOption(options.flapPeriod, 'flapPeriod', 80_000),
    flapDurationMs: durationOption(options.flapDuration, 'flapDuration', 600_000),
    blipMs: durationOption(options.blip, 'blip', 15_000),
    noiseRate: options.noiseRate ?? 0,
    conflictRate: options.conflictRate ?? 0,
    forMs: d.forMs,
    keepForMs: d.keepForMs,
    windowMs: d.windowMs,
    conflictPolicy: d.conflictPolicy,
  };
}

export async function simulateStep(ctx: StepContext, options: SimulateOptions): Promise<Record<string, unknown>> {
  const sim = simulationOptions(options);
  const runbook = options.runbookUrl ?? DEFAULT_RUNBOOK_URL;
  const started = performance.now();
  let withoutRunbook = 0;
  const result = runSimulation(
    sim,
    (t) => {
      const { routeInfo: r, fault } = t;
      const extra: Record<string, unknown> = {};
      if (fault) {
        extra.FaultKind = fault.kind;
        extra.InjectedAt = new Date(fault.start).toISOString();
        extra.TimeToDetectMs = t.detectedAt - fault.start;
      }
      const event = transitionEvent(t, { Site: r.site, Hostname: r.hostname, Vrf: r.vrf, Prefix: r.prefix }, runbook, 'simulator', extra);
      if (!event.RunbookUrl) withoutRunbook++;
      ctx.emit(event);
    },
    ctx.signal,
  );
  const faultsPath = join(ctx.runDir, 'routing', 'simulated-faults.json');
  writeJson(faultsPath, { options: sim, faults: result.faults.map((f) => ({ ...f, route: result.routes[f.route]!.key, start: new Date(f.start).toISOString(), end: new Date(f.end).toISOString() })) });
  ctx.artifact(faultsPath, { category: 'RoutingSimulatedFaults', area: 'Routing', description: `${result.faults.length} injected faults (seed ${sim.seed})` });
  ctx.emit(summaryEvent(result.summary, 'simulator', withoutRunbook, performance.now() - started));
  ctx.fact('routing.simulated.faults', result.faults.length);
  ctx.fact('routing.simulated.primaryFaults', result.summary.InjectedPrimaryFaults);
  return { transitions: result.summary.Transitions, failures: result.summary.Failures, missed: result.summary.MissedPrimaryFaults, faults: faultsPath };
}
