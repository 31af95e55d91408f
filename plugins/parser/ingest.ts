/**
 * `ingestCorpus`: the programmatic ingest pass (split → schedule → parse in workers → persist on this
 * thread → history), emitting the original's telemetry. The `parser.ingest` step, the warm-run plugin
 * and the benchmark all call this. Types: `./ingest-types.ts` (a contract; keep it stable).
 *
 * Threads: workers only parse (CPU-bound, pure). Every database write happens on the calling thread,
 * which makes "one writer per site database" true by construction and keeps transactions short.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EventInput } from '../../core/plugin.js';
import { dbPathForSite, readSiteCounts, SiteDatabases } from '../persistence/store.js';
import { formatRunDate, type HostWriteResult } from '../persistence/site-db.js';
import { emptyHistory, IngestionHistory } from './history.js';
import type { HostResult, IngestOptions, IngestResult, IngestWarning } from './ingest-types.js';
import type { ParseJob, ParseJobResult } from './parse-job.js';
import type { ParseOptions } from './types.js';
import { balancedOrder, resolveConcurrency, SiteScheduler } from './scheduler.js';
import { siteFromHostname } from './site.js';
import { splitRawLogs } from './split.js';
import { WorkerPool } from './worker-pool.js';

export type { HostResult, IngestOptions, IngestResult } from './ingest-types.js';

/** ISO-8601 UTC with 7 fractional digits, like .NET's round-trip `o` format. */
export function utcRoundTrip(date: Date): string {
  return date.toISOString().replace('Z', '0000Z');
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

/**
 * Version of what the parser makes of a slice, part of every source fingerprint. Bump it whenever the
 * parser or `toInterfaceRow` produce different rows for the same input: caches (and snapshots) holding
 * rows fingerprinted with an older version then stop matching, and those hosts are diffed again.
 */
export const PARSER_ROWS_VERSION = 1;

/**
 * The source fingerprint persistence stores with a host's rows in the site cache: SHA-256 and length of
 * the host's raw log slice (the duplicate-detection fingerprint) plus everything else that shapes the
 * parsed rows (parser mode, scored vendor detection, `PARSER_ROWS_VERSION`). Equal fingerprints → equal
 * rows, so a cached host map with this fingerprint can be reused without a diff.
 */
export function sourceFingerprint(hash: string, length: number, parse: ParseOptions): string {
  return `sha256:${hash};len:${length};parser:${parse.mode ?? 'strict'}${parse.scoredVendors ? '+scored' : ''};v${PARSER_ROWS_VERSION}`;
}

/** Characters that would be path syntax if a hostname were used as a file name. */
const PATH_CHARACTERS = /[\\/:*?"<>|]|\.\./;

export async function ingestCorpus(options: IngestOptions): Promise<IngestResult> {
  const started = performance.now();
  const dataDir = options.dataDir ?? join(options.runDir, 'data');
  const extractedDir = join(options.runDir, 'extracted');
  const emit = options.emit;
  const warnings: IngestWarning[] = [];
  const warn = (w: IngestWarning): void => {
    warnings.push(w);
    options.warn?.(`${w.file}${w.line ? `:${w.line}` : ''}: ${w.message}`);
  };
  const settings = options.scheduler ?? {};
  const chunkSize = settings.interfaceBulkChunkSize ?? 64;
  const mode = options.mode ?? 'strict';

  if (options.historySeed === 'empty') emptyHistory(dataDir);

  // 1. Split raw logs into host slices.
  const split = splitRawLogs(options.corpusDir, extractedDir, { inPlace: true });
  for (const f of split.binaryFiles) warn({ file: f, message: 'binary content (NUL bytes); file skipped, nothing ingested from it' });
  for (const f of split.filesWithoutHost) warn({ file: f, message: 'no host prompt or `hostname` line found; its lines went to _unknown.log and are not ingested' });
  if (split.rawFiles === 0) warn({ file: options.corpusDir, message: 'no .log or .txt files in the corpus folder' });

  // 2. Schedule: per-site queues, fair launching.
  const slices = split.sliceFiles;
  const ordered = settings.balancedOrder === false ? slices : balancedOrder(slices, (s) => siteFromHostname(s.key).toLowerCase());
  const cpu = Math.max(1, availableParallelism());
  const budget = options.concurrency ?? cpu;
  const profile = resolveConcurrency(ordered.map((s) => s.key), Math.max(1, Math.min(cpu, budget || 1)), settings);
  const threads = budget <= 0 ? 0 : Math.max(1, Math.min(profile.ThreadCeiling, budget));
  emit({
    EventName: 'ConcurrencyProfileResolved',
    AutoScaleEnabled: settings.autoScale ?? true,
    DecisionSource: profile.DecisionSource,
    DeviceCount: profile.DeviceCount,
    SiteCount: profile.SiteCount,
    ProfileDeviceCount: profile.DeviceCount,
    ProfileSiteCount: profile.SiteCount,
    ThreadCeiling: profile.ThreadCeiling,
    MaxWorkersPerSite: profile.MaxWorkersPerSite,
    MaxActiveSites: profile.MaxActiveSites,
    MaxConsecutiveSiteLaunches: profile.MaxConsecutiveSiteLaunches,
    JobsPerThread: profile.JobsPerThread,
    MinRunspaces: profile.MinRunspaces,
    ResolvedThreadCeiling: profile.ThreadCeiling,
    ResolvedMaxWorkersPerSite: profile.MaxWorkersPerSite,
    ResolvedMaxActiveSites: profile.MaxActiveSites,
    ResolvedMaxConsecutiveSiteLaunches: profile.MaxConsecutiveSiteLaunches,
    ResolvedJobsPerThread: profile.JobsPerThread,
    ResolvedMinRunspaces: profile.MinRunspaces,
    HintThreadCeiling: settings.threadCeiling ?? 0,
    HintMaxWorkersPerSite: settings.maxWorkersPerSite ?? 0,
    HintMaxActiveSites: settings.maxActiveSites ?? 0,
    HintJobsPerThread: settings.jobsPerThread ?? 0,
    HintMinRunspaces: settings.minRunspaces ?? 1,
    InterfaceBulkChunkSize: chunkSize,
    WorkerThreads: threads,
  });
  const scheduler = new SiteScheduler<{ file: string; key: string }>({
    // Each worker parses one host at a time; a per-site cap below the pool size would idle workers on a
    // one-site corpus, so the cap is at least threads ÷ sites (it is a fairness rule, not a lock).
    maxWorkersPerSite: Math.max(profile.MaxWorkersPerSite, Math.ceil(Math.max(threads, 1) / Math.max(1, profile.SiteCount))),
    maxActiveSites: profile.MaxActiveSites,
    maxConsecutive: profile.MaxConsecutiveSiteLaunches,
    threadBudget: Math.max(threads, 1),
  });
  // The scheduler groups sites case-insensitively; telemetry keeps the first spelling seen.
  const siteSpelling = new Map<string, string>();
  for (const s of ordered) {
    const site = siteFromHostname(s.key);
    if (!siteSpelling.has(site.toLowerCase())) siteSpelling.set(site.toLowerCase(), site);
    scheduler.enqueue(site.toLowerCase(), s);
  }

  // Sites whose database is missing are re-parsed in full, even for hosts the history knows (decided once,
  // before the pass: the original checked per host, so after its first host re-created the database the
  // site's other hosts were skipped again and stayed missing).
  const missingSites = new Set<string>();
  for (const s of slices) {
    const site = siteFromHostname(s.key);
    if (!existsSync(dbPathForSite(dataDir, site))) missingSites.add(site.toLowerCase());
  }

  // 3. Parse in workers, persist here.
  const history = new IngestionHistory(dataDir);
  const databases = new SiteDatabases(dataDir);
  const pool = new WorkerPool(threads);
  const capacity = Math.max(1, threads);
  const hosts: HostResult[] = [];
  let nextId = 0;
  let lastFlush = performance.now();

  const handle = (job: ParseJob, result: ParseJobResult): void => {
    const key = job.key;
    const historySiteName = siteFromHostname(key);
    if (result.kind === 'error') {
      warn({ file: job.file, message: `could not read or parse: ${result.message}` });
      emit({ EventName: 'ParseDuration', Hostname: key, Site: historySiteName, StartTime: utcRoundTrip(new Date(result.startedAt)), DurationSeconds: 0, Success: false, FileName: job.file });
      hosts.push({ key, hostname: key, site: historySiteName, file: job.file, status: 'failed', interfaces: 0, rows: 0, deletedRows: 0, reason: result.message });
      return;
    }
    if (result.kind === 'skipped') {
      const record = history.get(key);
      emit({
        EventName: 'SkippedDuplicate',
        Hostname: key,
        Site: record?.Site || historySiteName,
        Reason: 'HashMatch',
        FileHash: result.hash,
        SourceLength: result.length,
        LastIngestedUtc: record?.LastIngestedUtc ?? '',
      });
      hosts.push({ key, hostname: record?.ActualHostname ?? key, site: record?.Site || historySiteName, file: job.file, status: 'skipped', interfaces: 0, rows: 0, deletedRows: 0, reason: 'HashMatch' });
      return;
    }
    const outcome = result.outcome;
    const startTime = utcRoundTrip(new Date(result.startedAt));
    if (!outcome.ok) {
      warn({ file: job.file, message: `${outcome.message}; host ${outcome.hostname || key} skipped` });
      emit({ EventName: 'ParseDuration', Hostname: outcome.hostname || key, Site: historySiteName, StartTime: startTime, DurationSeconds: round3(result.parseMs / 1000), Success: false, FileName: job.file });
      hosts.push({ key, hostname: outcome.hostname || key, site: historySiteName, file: job.file, status: 'failed', interfaces: 0, rows: 0, deletedRows: 0, reason: outcome.reason });
      return;
    }
    const device = outcome.device;
    if (PATH_CHARACTERS.test(device.Hostname)) {
      warn({ file: job.file, message: `hostname "${device.Hostname}" contains path characters; stored as text, file names use "${key}"` });
    }
    for (const w of device.Warnings) warn({ file: job.file, line: w.line, message: w.message });
    const writeStart = performance.now();
    let written: HostWriteResult;
    try {
      written = databases.get(device.Site).writeHost(device, {
        runDate: formatRunDate(),
        cache: options.cache,
        vlanTextQuirk: options.vlanTextQuirk,
        chunkSize,
        fingerprint: sourceFingerprint(result.hash, result.length, job.options),
        ...(options.writePath ? { writePath: options.writePath } : {}),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      warn({ file: job.file, message: `database write failed and was rolled back: ${message}` });
      emit({ EventName: 'InterfacePersistenceFailure', Hostname: device.Hostname, Site: device.SummarySite, Error: message, Database: dbPathForSite(dataDir, device.Site) });
      emit({ EventName: 'ParseDuration', Hostname: device.Hostname, Site: device.SummarySite, StartTime: startTime, DurationSeconds: round3((result.parseMs + performance.now() - writeStart) / 1000), Success: false, FileName: job.file });
      hosts.push({ key, hostname: device.Hostname, site: device.SummarySite, file: job.file, status: 'failed', vendor: device.Make, interfaces: device.Interfaces.length, rows: 0, deletedRows: 0, reason: message });
      return;
    }
    // Committed: now the telemetry, the history record and the ParseDuration that closes the host.
    for (const event of written.events) emit(event as EventInput);
    history.record({
      Hostname: key,
      ActualHostname: device.Hostname,
      Site: historySiteName,
      FileHash: result.hash,
      SourceLength: result.length,
      SourceTimestampUtc: result.mtimeUtc.replace('Z', '0000Z'),
      LastIngestedUtc: utcRoundTrip(new Date()),
    });
    const durationMs = result.parseMs + (performance.now() - writeStart);
    emit({ EventName: 'ParseDuration', Hostname: device.Hostname, Site: device.SummarySite, StartTime: startTime, DurationSeconds: round3(durationMs / 1000), Success: true, FileName: job.file });
    hosts.push({
      key,
      hostname: device.Hostname,
      site: device.SummarySite,
      file: job.file,
      status: 'written',
      vendor: device.Make,
      interfaces: device.Interfaces.length,
      rows: written.rows,
      deletedRows: written.deletedRows,
      writeLatencyMs: written.latencyMs,
      interfaceCallMs: written.interfaceCallMs,
      durationMs,
      provider: written.provider,
      providerReason: written.providerReason,
    });
    if (performance.now() - lastFlush > 2000) {
      history.flush();
      lastFlush = performance.now();
    }
  };

  try {
    await new Promise<void>((resolve, reject) => {
      let inFlight = 0;
      let failed = false;
      const onAbort = (): void => {
        failed = true;
        reject(options.signal?.reason instanceof Error ? options.signal.reason : new Error('ingest aborted'));
      };
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const pump = (): void => {
        if (failed) return;
        while (inFlight < capacity && pool.available > 0) {
          const next = scheduler.next();
          if (!next) break;
          emit({ EventName: 'ParserSchedulerLaunch', ...next.launch, Site: siteSpelling.get(next.launch.Site) ?? next.launch.Site });
          const record = history.get(next.job.key);
          const site = siteFromHostname(next.job.key);
          // A duplicate is only skipped while its site database exists (the original re-parsed otherwise).
          const expected = record && !missingSites.has(site.toLowerCase()) ? { hash: record.FileHash, length: record.SourceLength } : undefined;
          const job: ParseJob = { id: nextId++, file: next.job.file, key: next.job.key, options: { mode, scoredVendors: options.scoredVendorDetection ?? false }, ...(expected ? { expected } : {}) };
          inFlight++;
          pool.run(job).then(
            (result) => {
              inFlight--;
              scheduler.finished(next.site);
              // After an abort the databases are closing; late results are dropped, not written.
              if (failed) return;
              try {
                handle(job, result);
              } catch (error) {
                failed = true;
                reject(error);
                return;
              }
              pump();
            },
            (error: unknown) => {
              failed = true;
              reject(error);
            },
          );
        }
        if (inFlight === 0 && scheduler.queuedJobs === 0) {
          options.signal?.removeEventListener('abort', onAbort);
          resolve();
        }
      };
      pump();
    });
  } finally {
    history.flush();
    databases.closeAll();
    await pool.close();
  }

  // 4. Read the databases back.
  const counts = readSiteCounts(dataDir);
  const sites: IngestResult['sites'] = {};
  for (const [site, c] of Object.entries(counts)) sites[site] = { hosts: c.hosts, rows: c.rows, db: c.db };
  for (const inv of history.invalidRecords) warn({ file: inv.file, message: `${inv.count} unreadable history record(s) ignored` });
  const count = (status: HostResult['status']): number => hosts.filter((h) => h.status === status).length;
  return {
    hosts,
    sites,
    counts: {
      hostsSeen: slices.length,
      processed: count('written'),
      written: count('written'),
      skipped: count('skipped'),
      failed: count('failed'),
      unknownSlices: split.unknownFile ? 1 : 0,
    },
    warnings,
    durationMs: performance.now() - started,
    dataDir,
  };
}
