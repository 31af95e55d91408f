/**
 * The cold/warm comparison run (`Invoke-WarmRunTelemetry.ps1`, DOMAIN §4.1, TELEMETRY §4.3):
 *
 * 1. Cold pass: fresh databases, shared cache disabled and cleared, forced site-cache refresh,
 *    ingestion history seeded per `coldHistorySeed` (`Empty` rewrites every history file to `[]`;
 *    `Snapshot` keeps the pre-run history — with fresh databases there is none).
 * 2. Between passes: the cache contents learned in the cold pass are written as a snapshot
 *    (`SharedCacheSnapshot-<ts>.json`, source `PostColdPass`) and the history is backed up.
 * 3. Warm pass: same databases, a new shared store restored from that snapshot (or from a resolved
 *    snapshot file when `warmCacheSource` is `Snapshot`), history per `warmHistorySeed` (`Empty`:
 *    every host re-parses against the cache; `Snapshot`: pre-run history; `ColdOutput`: the post-cold
 *    history, so every host is a HashMatch duplicate and the per-host metrics are NotApplicable).
 * 4. Per-host rows of both passes, the comparison row (recomputed as the original), a
 *    `WarmRunTelemetry-<ts>.json` file, the latest-summary file and the diff-hotspot CSV.
 *
 * The ingest itself is injected (`CompareDeps.ingest`), so the orchestration is testable without
 * parsing real logs; the step passes the parser plugin's `ingestCorpus`.
 */
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EventInput } from '../../core/plugin.js';
import type { IngestOptions, IngestResult, SchedulerSettings } from '../parser/ingest-types.js';
import type { JsonRecord } from '../shared-cache/read-records.js';
import { field, text } from '../shared-cache/read-records.js';
import { DeferredEmitter } from '../shared-cache/deferred-emitter.js';
import { SharedSiteCache } from '../shared-cache/site-cache.js';
import { SharedSiteInterfaceStore } from '../shared-cache/store.js';
import { exportSnapshot, importSnapshot, readSnapshot, type SiteSummary, type SnapshotContent } from '../shared-cache/snapshot.js';
import { resolveSnapshot, type ResolveResult } from '../shared-cache/resolver.js';
import { assertWarmCache, type WarmCacheAssertion } from './assert-warm-cache.js';
import { computeComparison, type WarmRunComparison } from './comparison.js';
import { hotspotsToCsv, selectHotspots } from './hotspots.js';
import { buildPassRows } from './per-host-rows.js';
import { fileStamp, PASS_LABEL, writeWarmRunTelemetry, type WarmRunRow } from './telemetry-file.js';
import { localTimestamp } from './timestamp.js';

export type ColdHistorySeed = 'Empty' | 'Snapshot';
export type WarmHistorySeed = 'Empty' | 'Snapshot' | 'ColdOutput';
export type WarmCacheSource = 'ColdPass' | 'Snapshot';

export type IngestFn = (options: IngestOptions) => Promise<IngestResult>;

export interface CompareOptions {
  corpus: string;
  /** Folder for databases, pass working folders and output files (emptied first). */
  workDir: string;
  coldHistorySeed?: ColdHistorySeed;
  warmHistorySeed?: WarmHistorySeed;
  warmCacheSource?: WarmCacheSource;
  /** Explicit snapshot for `warmCacheSource: Snapshot`. */
  snapshot?: string;
  /** Folder searched for `SharedCacheSnapshot-*` when the explicit snapshot is missing or invalid. */
  snapshotDir?: string;
  /** Seed snapshot, the resolver's last resort. */
  seedSnapshot?: string;
  concurrency?: number;
  scheduler?: SchedulerSettings;
  hotspotTop?: number;
  /** Compare only warm hosts that also appear in the cold pass. */
  restrictWarmComparisonToColdHosts?: boolean;
  signal?: AbortSignal;
  now?: () => Date;
}

export interface CompareDeps {
  ingest: IngestFn;
  /** Receives every event (both passes, tagged with `PassLabel`) and the comparison events. */
  emit: (event: EventInput & { Timestamp: string }) => void;
  warn?: (message: string) => void;
}

export interface PassOutcome {
  label: 'ColdPass' | 'WarmPass';
  result: IngestResult;
  events: JsonRecord[];
  /** Wall time of the whole ingest call. */
  durationMs: number;
  rows: WarmRunRow[];
  cacheCounters: SharedSiteCache['counters'];
  historySeed: string;
}

export interface CompareResult {
  comparison: WarmRunComparison;
  assertion: WarmCacheAssertion;
  cold: PassOutcome;
  warm: PassOutcome;
  rows: WarmRunRow[];
  snapshot: { path: string; summary: SiteSummary[]; sites: number; hosts: number; rows: number; resolved?: ResolveResult };
  files: { telemetry: string; latestSummary: string; hotspots: string; snapshot: string; coldEvents: string; warmEvents: string; events: string };
}

const historyDir = (dataDir: string) => join(dataDir, 'IngestionHistory');

function copyHistory(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  if (existsSync(from)) cpSync(from, to, { recursive: true });
}

/** Make the data folder's history equal to a backup (no backup = no history files). */
function restoreHistory(backup: string, dataDir: string): void {
  const target = historyDir(dataDir);
  rmSync(target, { recursive: true, force: true });
  if (existsSync(backup)) cpSync(backup, target, { recursive: true });
}

export async function runWarmRunComparison(options: CompareOptions, deps: CompareDeps): Promise<CompareResult> {
  const now = options.now ?? (() => new Date());
  const stamp = fileStamp(now());
  const workDir = options.workDir;
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const dataDir = join(workDir, 'data');
  const backups = { preRun: join(workDir, 'history-pre-run'), postCold: join(workDir, 'history-post-cold') };
  copyHistory(historyDir(dataDir), backups.preRun); // fresh databases: nothing to keep, but the mode is honoured
  const allEvents: JsonRecord[] = [];
  const stampNow = timestampCache(now);

  // Called inside the timed sections of the ingest (cache lookups publish events), so it only tags and
  // collects; serialising happens once, when the pass files are written.
  const passEmitter = (label: PassOutcome['label'], sink: JsonRecord[]) => (event: EventInput) => {
    const tagged = { ...event, Timestamp: event.Timestamp ?? stampNow(), PassLabel: label };
    sink.push(tagged);
    allEvents.push(tagged);
    deps.emit(tagged);
  };

  const runPass = async (label: PassOutcome['label'], cache: SharedSiteCache, historySeed: string, emit: (e: EventInput) => void, events: JsonRecord[]): Promise<Omit<PassOutcome, 'rows'>> => {
    const started = performance.now();
    const result = await deps.ingest({
      corpusDir: options.corpus,
      runDir: join(workDir, label === 'ColdPass' ? 'cold' : 'warm'),
      dataDir,
      emit,
      cache,
      historySeed: historySeed === 'Empty' ? 'empty' : 'keep',
      concurrency: options.concurrency,
      scheduler: options.scheduler,
      signal: options.signal,
      warn: deps.warn,
    });
    return { label, result, events, durationMs: performance.now() - started, cacheCounters: cache.counters, historySeed };
  };

  // --- Cold pass -------------------------------------------------------------------------------
  const coldEvents: JsonRecord[] = [];
  const coldEmit = passEmitter('ColdPass', coldEvents);
  const coldSeed = options.coldHistorySeed ?? 'Empty';
  if (coldSeed === 'Snapshot') restoreHistory(backups.preRun, dataDir);
  // Cache telemetry raised inside a host's timed write is published after the write (DeferredEmitter).
  const coldDeferred = new DeferredEmitter(coldEmit);
  const coldStore = new SharedSiteInterfaceStore({ disabled: true, emit: coldDeferred.emit });
  coldStore.clear('WarmRunTelemetryColdPass');
  const coldCache = new SharedSiteCache({ store: coldStore, emit: coldDeferred.emit, forceRefresh: true, afterUpdate: coldDeferred.flush });
  coldDeferred.flush();
  const coldPass = await runPass('ColdPass', coldCache, coldSeed, coldEmit, coldEvents);
  coldDeferred.flush();
  if (coldPass.result.counts.processed > 0 && coldPass.result.counts.written === 0 && coldPass.result.counts.skipped > 0) {
    deps.warn?.('the cold pass only skipped duplicates (history seed Snapshot with existing history); the comparison has no cold samples');
  }

  // --- Between passes ----------------------------------------------------------------------------
  const snapshotPath = join(workDir, `SharedCacheSnapshot-${stamp}.json`);
  const exported = exportSnapshot(snapshotPath, coldStore, { extraSites: coldCache.siteEntries(), source: 'PostColdPass' });
  copyHistory(historyDir(dataDir), backups.postCold);
  const betweenRows: WarmRunRow[] = [
    { PassLabel: 'SharedCacheSnapshot:PostColdPass', Timestamp: localTimestamp(now()), EntryCount: exported.sites.length, SourceStage: 'ColdPass' },
  ];

  // --- Warm pass ---------------------------------------------------------------------------------
  const warmEvents: JsonRecord[] = [];
  const warmEmit = passEmitter('WarmPass', warmEvents);
  const warmSeed = options.warmHistorySeed ?? 'Empty';
  if (warmSeed === 'Snapshot') restoreHistory(backups.preRun, dataDir);
  else if (warmSeed === 'ColdOutput') restoreHistory(backups.postCold, dataDir);

  let warmContent: SnapshotContent = exported;
  let warmSnapshotPath = snapshotPath;
  let resolved: ResolveResult | undefined;
  if ((options.warmCacheSource ?? 'ColdPass') === 'Snapshot') {
    resolved = resolveSnapshot({ explicitPath: options.snapshot, snapshotDir: options.snapshotDir, seedPath: options.seedSnapshot, now: now() });
    if (!resolved.Valid || !resolved.ResolvedPath) {
      deps.warn?.(`no usable shared-cache snapshot (${resolved.FallbackReason}); the warm pass starts with an empty cache`);
      warmContent = { kind: 'rows', format: 'statetrace-v1', sites: [], summary: [] };
    } else {
      warmSnapshotPath = resolved.ResolvedPath;
      warmContent = resolved.content ?? readSnapshot(resolved.ResolvedPath);
    }
  }
  const warmDeferred = new DeferredEmitter(warmEmit);
  const warmStore = new SharedSiteInterfaceStore({ emit: warmDeferred.emit });
  warmStore.state('InitNewStore', { Reason: 'WarmRunTelemetryWarmPass' });
  let restored = { sites: 0, hosts: 0, rows: 0 };
  if (warmContent.sites.length > 0) restored = importSnapshot(warmStore, warmContent, warmSnapshotPath);
  else warmStore.state('InitializedEmpty', { Reason: resolved?.FallbackReason ?? 'EmptySnapshot' });
  betweenRows.push(
    { PassLabel: 'SharedCacheRestore:PreWarmPass', Timestamp: localTimestamp(now()), RestoredCount: restored.sites },
    {
      PassLabel: 'SharedCacheState:PreWarmPass',
      Timestamp: localTimestamp(now()),
      DomainCacheCount: warmStore.stats().sites,
      DomainCacheSites: warmStore.siteNames(),
      ScriptCacheCount: 0,
      ScriptCacheSites: [],
    },
  );
  warmDeferred.flush();
  const warmCache = new SharedSiteCache({ store: warmStore, emit: warmDeferred.emit, afterUpdate: warmDeferred.flush });
  const warmPass = await runPass('WarmPass', warmCache, warmSeed, warmEmit, warmEvents);
  warmDeferred.flush();

  // --- Rows and comparison -----------------------------------------------------------------------
  const coldRows = buildPassRows(PASS_LABEL.cold, coldEvents);
  let warmRows = buildPassRows(PASS_LABEL.warm, warmEvents);
  if (options.restrictWarmComparisonToColdHosts) {
    const coldHosts = new Set(coldRows.map((r) => text(field(r, 'Hostname')).toLowerCase()));
    warmRows = warmRows.filter((r) => coldHosts.has(text(field(r, 'Hostname')).toLowerCase()));
  }
  const statusRows = metricStatusRows(warmEvents, warmSeed);
  const assertion = assertWarmCache(coldEvents, warmEvents);
  const comparison = computeComparison([...coldRows, ...warmRows], { WarmSignatureRewriteTotal: assertion.SignatureRewriteTotal });
  const rows: WarmRunRow[] = [...coldRows, ...betweenRows, ...warmRows, ...statusRows, { ...comparison }];

  const files = {
    telemetry: join(workDir, `WarmRunTelemetry-${stamp}.json`),
    latestSummary: join(workDir, 'WarmRunTelemetry-latest-summary.json'),
    hotspots: join(workDir, `WarmRunDiffHotspots-${stamp}.csv`),
    snapshot: snapshotPath,
    coldEvents: join(workDir, 'cold-pass.jsonl'),
    warmEvents: join(workDir, 'warm-pass.jsonl'),
    events: join(workDir, 'warm-run-events.jsonl'),
  };
  writeWarmRunTelemetry(files.telemetry, rows);
  writeFileSync(files.latestSummary, `${JSON.stringify(latestSummary(comparison, files.telemetry, now()), null, 2)}\n`, 'utf8');
  writeFileSync(files.hotspots, hotspotsToCsv(selectHotspots(rows, { top: options.hotspotTop ?? 20 })), 'utf8');
  writeFileSync(files.coldEvents, ndjson(coldEvents), 'utf8');
  writeFileSync(files.warmEvents, ndjson(warmEvents), 'utf8');
  writeFileSync(files.events, ndjson(allEvents), 'utf8');

  const snapshotStats = exported.summary.reduce((acc, s) => ({ hosts: acc.hosts + s.Hosts, rows: acc.rows + s.TotalRows }), { hosts: 0, rows: 0 });
  return {
    comparison,
    assertion,
    cold: { ...coldPass, rows: coldRows },
    warm: { ...warmPass, rows: warmRows },
    rows,
    snapshot: { path: snapshotPath, summary: exported.summary, sites: exported.summary.length, ...snapshotStats, resolved },
    files,
  };
}

function ndjson(events: readonly JsonRecord[]): string {
  return events.length ? `${events.map((e) => JSON.stringify(e)).join('\n')}\n` : '';
}

/** Local timestamps, formatted at most once per millisecond (events come in bursts). */
function timestampCache(now: () => Date): () => string {
  let lastMs = -1;
  let last = '';
  return () => {
    const date = now();
    const ms = date.getTime();
    if (ms !== lastMs) {
      lastMs = ms;
      last = localTimestamp(date);
    }
    return last;
  };
}

/** `TelemetryMetricStatus` rows for a duplicate-only warm pass with a non-Empty seed (DOMAIN §4.1). */
function metricStatusRows(warmEvents: readonly JsonRecord[], seed: WarmHistorySeed): WarmRunRow[] {
  const count = (name: string) => warmEvents.filter((e) => field(e, 'EventName') === name).length;
  const parseCount = count('ParseDuration');
  const skippedCount = count('SkippedDuplicate');
  if (seed === 'Empty' || parseCount > 0 || skippedCount === 0) return [];
  return ['DatabaseWriteBreakdown', 'InterfaceSyncTiming']
    .filter((name) => count(name) === 0)
    .map((name) => ({
      PassLabel: 'TelemetryMetricStatus',
      MetricName: name,
      MetricStatus: 'NotApplicable',
      MetricStatusReason: 'SkippedDuplicateOnly',
      MetricStatusNotes: `Warm pass skipped every host as a duplicate (history seed ${seed}); no ${name} events are expected.`,
      ParseDurationCount: parseCount,
      SkippedDuplicateCount: skippedCount,
      HistorySeedMode: seed,
    }));
}

/** `WarmRunTelemetry-latest-summary.json`: the flat comparison the verification wrote. */
function latestSummary(c: WarmRunComparison, telemetryPath: string, at: Date): JsonRecord {
  return {
    GeneratedAtUtc: at.toISOString(),
    ColdInterfaceCallAvgMs: c.ColdInterfaceCallAvgMs,
    ColdInterfaceCallP95Ms: c.ColdInterfaceCallP95Ms,
    ColdInterfaceCallMaxMs: c.ColdInterfaceCallMaxMs,
    WarmInterfaceCallAvgMs: c.WarmInterfaceCallAvgMs,
    WarmInterfaceCallP95Ms: c.WarmInterfaceCallP95Ms,
    WarmInterfaceCallMaxMs: c.WarmInterfaceCallMaxMs,
    ImprovementAverageMs: c.ImprovementAverageMs,
    ImprovementPercent: c.ImprovementPercent,
    WarmCacheProviderHitCount: c.WarmCacheProviderHitCount,
    WarmCacheProviderMissCount: c.WarmCacheProviderMissCount,
    WarmCacheHitRatioPercent: c.WarmCacheHitRatioPercent,
    WarmSignatureMatchMissCount: c.WarmSignatureMatchMissCount,
    WarmSignatureRewriteTotal: c.WarmSignatureRewriteTotal,
    WarmProviderCounts: c.WarmProviderCounts,
    ColdProviderCounts: c.ColdProviderCounts,
    TelemetryPath: telemetryPath,
  };
}
