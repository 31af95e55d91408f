/** Implementations of the shared-cache steps (declared in `index.ts`). */
import { statSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import type { StepContext } from '../../core/plugin.js';
import { analyzeProviderReasons, analyzeStoreState } from './analyzers.js';
import { testEviction, testSharedCacheDiagnostics, testSnapshotCoverage } from './guards.js';
import { loadRecords, windowOf } from './inputs.js';
import { resolveSnapshot } from './resolver.js';
import { generateSeed } from './seed.js';
import { readSnapshot, toSnapshotJson } from './snapshot.js';
import { writeFileSync } from 'node:fs';
import { field, text } from './read-records.js';

const abs = (ctx: StepContext, p: string) => (isAbsolute(p) ? p : resolve(ctx.rootDir, p));

export function seedStep(ctx: StepContext, o: { out?: string; sites: string[]; hostsPerSite: number; portsPerHost: number }) {
  const path = o.out ? abs(ctx, o.out) : join(ctx.runDir, 'SharedCacheSeed.json');
  const sites = generateSeed({ sites: o.sites, hostsPerSite: o.hostsPerSite, portsPerHost: o.portsPerHost });
  writeFileSync(path, toSnapshotJson(sites, 'Seed'), 'utf8');
  ctx.artifact(path, { category: 'SharedCacheSnapshot', area: 'Telemetry', description: 'Generated shared-cache seed snapshot.' });
  const hosts = sites.reduce((n, s) => n + s.hosts.length, 0);
  return { path, sites: sites.length, hosts, rows: sites.reduce((n, s) => n + s.hosts.reduce((r, h) => r + h.rows.length, 0), 0) };
}

export function resolveStep(ctx: StepContext, o: { snapshot?: string; snapshotDir?: string; seed?: string; requiredSites: string[]; minimumHostCount: number; maximumAgeHours: number }) {
  const r = resolveSnapshot({
    explicitPath: o.snapshot ? abs(ctx, o.snapshot) : undefined,
    snapshotDir: o.snapshotDir ? abs(ctx, o.snapshotDir) : undefined,
    seedPath: o.seed ? abs(ctx, o.seed) : undefined,
    requiredSites: o.requiredSites,
    minimumHostCount: o.minimumHostCount,
    maximumAgeHours: o.maximumAgeHours,
  });
  const { content: _content, ...result } = r;
  ctx.emit({ EventName: 'SharedCacheSnapshotResolution', ...result });
  if (!r.Valid) ctx.log.warn(`no valid shared-cache snapshot: ${r.FallbackReason}`);
  return { path: r.ResolvedPath, source: r.Source, fallbackReason: r.FallbackReason, valid: r.Valid };
}

/** `with:` of `shared-cache.check-snapshot` (schema in index.ts). */
export interface CheckSnapshotOptions {
  snapshot: string;
  minimumSiteCount: number;
  minimumHostCount: number;
  minimumTotalRowCount: number;
  requiredSites: string[];
  baselineSnapshot?: string;
  telemetry?: string[];
  maximumSizeBytes?: number;
  maximumHostCount?: number;
  maximumRowCount?: number;
}

export function checkSnapshotStep(ctx: StepContext, o: CheckSnapshotOptions) {
  const path = abs(ctx, o.snapshot);
  const content = readSnapshot(path);
  const coverage = testSnapshotCoverage(content.summary, {
    minimumSiteCount: o.minimumSiteCount,
    minimumHostCount: o.minimumHostCount,
    minimumTotalRowCount: o.minimumTotalRowCount,
    requiredSites: o.requiredSites,
  });
  const baseline = o.baselineSnapshot ? readSnapshot(abs(ctx, o.baselineSnapshot)).summary.reduce((n, s) => n + s.Hosts, 0) : undefined;
  let operations: Record<string, number> | undefined;
  if (o.telemetry && o.telemetry.length > 0) {
    const store = analyzeStoreState(loadRecords(o.telemetry.map((p) => abs(ctx, p))).records);
    operations = { GetHit: store.GetHit, GetMiss: store.GetMiss, Set: store.Set, Remove: store.Remove };
  }
  const sizeBytes = statSync(path).size;
  const eviction = testEviction(
    { sizeBytes, hostCount: coverage.Statistics.TotalHostCount, rowCount: coverage.Statistics.TotalRowCount, baselineHostCount: baseline, operations },
    {
      ...(o.maximumSizeBytes !== undefined ? { maximumSizeBytes: o.maximumSizeBytes } : {}),
      ...(o.maximumHostCount !== undefined ? { maximumHostCount: o.maximumHostCount } : {}),
      ...(o.maximumRowCount !== undefined ? { maximumRowCount: o.maximumRowCount } : {}),
    },
  );
  for (const s of content.summary) ctx.emit({ EventName: 'SharedCacheSnapshotSite', Snapshot: basename(path), Site: s.Site, Hosts: s.Hosts, TotalRows: s.TotalRows });
  ctx.emit({
    EventName: 'SharedCacheSnapshotGuard',
    Snapshot: basename(path),
    SiteCount: coverage.Statistics.SiteCount,
    HostCount: coverage.Statistics.TotalHostCount,
    TotalRows: coverage.Statistics.TotalRowCount,
    RequiredSitesMissing: coverage.RequiredSitesMissing.length,
    Pass: coverage.Pass,
    Violations: coverage.Violations,
    SizeBytes: sizeBytes,
    EvictionPass: eviction.Pass,
    EvictionViolations: eviction.Violations.map((v) => v.Type),
  });
  ctx.fact('shared-cache.guard.sites', coverage.Statistics.SiteCount);
  ctx.fact('shared-cache.guard.hosts', coverage.Statistics.TotalHostCount);
  ctx.fact('shared-cache.guard.rows', coverage.Statistics.TotalRowCount);
  const report = join(ctx.runDir, `SharedCacheSnapshotGuard-${basename(path).replace(/\.[^.]+$/, '')}.json`);
  writeFileSync(report, `${JSON.stringify({ Snapshot: path, Coverage: coverage, Eviction: eviction }, null, 2)}\n`, 'utf8');
  ctx.artifact(report, { category: 'SharedCacheGuard', area: 'Telemetry', description: 'Snapshot coverage and size/eviction guard results.' });
  for (const m of coverage.Violations.length ? coverage.Messages : []) ctx.log.warn(m);
  return { pass: coverage.Pass, evictionPass: eviction.Pass, sites: coverage.Statistics.SiteCount, hosts: coverage.Statistics.TotalHostCount, rows: coverage.Statistics.TotalRowCount, report };
}

interface AnalyzeOptions {
  paths?: string[];
  passLabel?: string;
  startTimeUtc?: string;
  endTimeUtc?: string;
}

function analyzerInput(ctx: StepContext, o: AnalyzeOptions) {
  const paths = (o.paths && o.paths.length > 0 ? o.paths : [ctx.telemetryFile]).map((p) => abs(ctx, p));
  const loaded = loadRecords(paths, o.passLabel);
  if (loaded.malformed > 0) ctx.log.warn(`${loaded.malformed} malformed telemetry line(s) skipped (${loaded.files.filter((f) => f.malformed).map((f) => `${f.path}:${f.firstMalformedLine}`).join(', ')})`);
  return { paths, loaded, window: windowOf(o.startTimeUtc, o.endTimeUtc) };
}

export function analyzeStoreStateStep(ctx: StepContext, o: AnalyzeOptions & { topSites: number }) {
  const { paths, loaded, window } = analyzerInput(ctx, o);
  const summary = analyzeStoreState(loaded.records, { ...window, topSites: o.topSites, file: paths.join(', ') });
  const { TopSites: _t, SiteOperations: _s, StateOperations: _o, File: _f, ...counts } = summary;
  ctx.emit({ EventName: 'SharedCacheStoreState', ...counts, Scope: o.passLabel ?? 'All' });
  const out = join(ctx.runDir, `SharedCacheStoreState${o.passLabel ? `-${o.passLabel}` : ''}.json`);
  writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`, 'utf8');
  ctx.artifact(out, { category: 'SharedCacheDiagnostics', area: 'Telemetry', description: 'Shared-cache store-state analysis.' });
  return { snapshotImported: summary.SnapshotImported, getHit: summary.GetHit, getMiss: summary.GetMiss, report: out };
}

export function analyzeProviderReasonsStep(ctx: StepContext, o: AnalyzeOptions & { sites?: string[]; topHosts: number; maximumAccessRefreshCount: number }) {
  const { loaded, window } = analyzerInput(ctx, o);
  const result = analyzeProviderReasons(loaded.records, { ...window, sites: o.sites, topHosts: o.topHosts });
  for (const site of result.sites) {
    const { Reasons: _r, ...counts } = site;
    ctx.emit({ EventName: 'SiteCacheProviderReasons', ...counts, Scope: o.passLabel ?? 'All' });
  }
  const diagnostics = testSharedCacheDiagnostics([], result.sites, o.maximumAccessRefreshCount);
  const out = join(ctx.runDir, `SiteCacheProviderReasons${o.passLabel ? `-${o.passLabel}` : ''}.json`);
  writeFileSync(out, `${JSON.stringify({ Sites: result.sites, AccessRefreshHosts: result.hosts, Diagnostics: diagnostics }, null, 2)}\n`, 'utf8');
  ctx.artifact(out, { category: 'SharedCacheDiagnostics', area: 'Telemetry', description: 'Site-cache provider reasons per site.' });
  const accessRefresh = result.sites.reduce((n, s) => n + s.AccessRefresh, 0);
  const providers = new Set(loaded.records.filter((r) => field(r, 'EventName') === 'InterfaceSyncTiming').map((r) => text(field(r, 'SiteCacheProvider'))));
  return { sites: result.sites.length, accessRefresh, providers: [...providers].sort(), report: out };
}
