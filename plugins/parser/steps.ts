/** Implementations of the parser plugin's steps (loaded lazily by `index.ts`). */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { ErrorCode, StatetraceError } from '../../core/errors.js';
import type { StepContext } from '../../core/plugin.js';
import { readSiteCounts } from '../persistence/store.js';
import { generateCorpus } from './corpus/generate.js';
import { ingestCorpus } from './ingest.js';
import type { HistorySeed, SchedulerSettings } from './ingest-types.js';
import { splitRawLogs } from './split.js';

export interface GenerateStepOptions {
  out?: string;
  seed: number;
  shape: 'default' | 'fleet';
  hosts?: number;
  sites?: number;
  mutate: number;
  mutateSeed?: number;
  mutatePortsPerHost: number;
}

function inRun(ctx: StepContext, path: string | undefined, fallback: string): string {
  if (!path) return join(ctx.runDir, fallback);
  return isAbsolute(path) ? path : resolve(ctx.rootDir, path);
}

export function generateStep(ctx: StepContext, o: GenerateStepOptions): Record<string, unknown> {
  const dir = inRun(ctx, o.out, 'corpus');
  const result = generateCorpus({
    outDir: dir,
    seed: o.seed,
    shape: o.shape,
    ...(o.hosts !== undefined ? { hosts: o.hosts } : {}),
    ...(o.sites !== undefined ? { sites: o.sites } : {}),
    mutate: o.mutate,
    ...(o.mutateSeed !== undefined ? { mutateSeed: o.mutateSeed } : {}),
    mutatePortsPerHost: o.mutatePortsPerHost,
    signal: ctx.signal,
  });
  ctx.log.info(
    `corpus: ${result.hosts} hosts, ${result.interfaces} interfaces, ${Object.keys(result.sites).length} sites in ${dir}` +
      (result.mutatedHosts ? ` (${result.mutatedPorts} ports changed on ${result.mutatedHosts} hosts)` : ''),
  );
  ctx.fact('corpus.hosts', result.hosts);
  ctx.fact('corpus.interfaces', result.interfaces);
  return {
    dir,
    hosts: result.hosts,
    interfaces: result.interfaces,
    sites: Object.keys(result.sites),
    bytes: result.bytes,
    mutatedHosts: result.mutatedHosts,
    mutatedPorts: result.mutatedPorts,
  };
}

export function splitStep(ctx: StepContext, o: { corpus?: string; out?: string }): Record<string, unknown> {
  const corpus = inRun(ctx, o.corpus, 'corpus');
  if (!existsSync(corpus)) {
    throw new StatetraceError(ErrorCode.InputMissing, `corpus folder ${corpus} does not exist`, { hint: 'run parser.generate-corpus first or set `corpus:`' });
  }
  const out = inRun(ctx, o.out, 'extracted');
  const r = splitRawLogs(corpus, out);
  for (const f of r.filesWithoutHost) ctx.log.warn(`${f}: no host prompt or hostname line; lines went to _unknown.log`);
  for (const f of r.binaryFiles) ctx.log.warn(`${f}: binary content; skipped`);
  return { dir: out, slices: r.slices.length, rawFiles: r.rawFiles, unknown: r.unknownFile !== undefined, filesWithoutHost: r.filesWithoutHost.length, binaryFiles: r.binaryFiles.length };
}

export interface IngestStepOptions {
  corpus?: string;
  dataDir?: string;
  historySeed: HistorySeed;
  concurrency?: number;
  mode: 'strict' | 'compat';
  scoredVendors: boolean;
  scheduler?: SchedulerSettings;
  writePath: 'direct' | 'bulk';
}

const addFact = (ctx: StepContext, name: string, value: number): void => {
  const before = ctx.facts[name];
  ctx.fact(name, (typeof before === 'number' ? before : 0) + value);
};

export async function ingestStep(ctx: StepContext, o: IngestStepOptions): Promise<Record<string, unknown>> {
  const corpus = inRun(ctx, o.corpus, 'corpus');
  if (!existsSync(corpus)) {
    throw new StatetraceError(ErrorCode.InputMissing, `corpus folder ${corpus} does not exist`, {
      hint: 'add a `parser.generate-corpus` step before the ingest, or point `corpus:` at a folder of .log/.txt files',
    });
  }
  const dataDir = inRun(ctx, o.dataDir, 'data');
  const result = await ingestCorpus({
    corpusDir: corpus,
    runDir: ctx.runDir,
    dataDir,
    emit: (e) => ctx.emit(e),
    historySeed: o.historySeed,
    concurrency: o.concurrency ?? ctx.concurrency,
    signal: ctx.signal,
    scheduler: o.scheduler ?? {},
    mode: o.mode,
    vlanTextQuirk: o.mode === 'compat',
    scoredVendorDetection: o.scoredVendors,
    writePath: o.writePath,
    warn: (m) => ctx.log.warn(m),
  });
  const c = result.counts;
  ctx.log.info(
    `ingested ${c.hostsSeen} hosts in ${Math.round(result.durationMs)} ms: ${c.written} written, ${c.skipped} unchanged (SkippedDuplicate), ${c.failed} failed` +
      (result.warnings.length ? `, ${result.warnings.length} warning(s)` : ''),
  );
  // Facts accumulate over the scenario's ingest steps, because gates read the whole scenario's telemetry.
  addFact(ctx, 'ingest.hosts', c.processed);
  addFact(ctx, 'ingest.skipped', c.skipped);
  addFact(ctx, 'ingest.failed', c.failed);
  ctx.fact('parser.hosts', c.hostsSeen);
  ctx.fact('parser.hostsProcessed', c.processed);
  ctx.fact('parser.warnings', result.warnings.length);
  // Rows per site as the telemetry's Site values name them (DeviceSummary.Site), read back from the databases.
  const counts = readSiteCounts(dataDir);
  const rows: Record<string, number> = {};
  for (const site of Object.values(counts)) for (const [s, n] of Object.entries(site.bySummarySite)) rows[s] = (rows[s] ?? 0) + n;
  ctx.fact('persistence.rows', rows);
  for (const site of Object.values(counts)) ctx.artifact(site.db, { category: 'SiteDatabase', area: 'Persistence', description: `SQLite site database (${site.hosts} hosts, ${site.rows} interface rows)` });
  return {
    dataDir,
    hosts: c.hostsSeen,
    written: c.written,
    skipped: c.skipped,
    failed: c.failed,
    warnings: result.warnings.length,
    durationMs: Math.round(result.durationMs),
    sites: Object.keys(result.sites),
  };
}
