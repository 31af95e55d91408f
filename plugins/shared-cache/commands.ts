/** CLI commands of the shared-cache plugin. Analyzer output is clean JSON on stdout (nothing else). */
import { statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ErrorCode, StatetraceError } from '../../core/errors.js';
import { ExitCode } from '../../core/exit-codes.js';
import type { CommandContext } from '../../core/plugin.js';
import { analyzeProviderReasons, analyzeStoreState } from './analyzers.js';
import { PLAN_G_SNAPSHOT_GUARD, testEviction, testSharedCacheDiagnostics, testSnapshotCoverage } from './guards.js';
import { loadRecords, telemetryFiles, windowOf } from './inputs.js';
import { resolveSnapshot } from './resolver.js';
import { generateSeed } from './seed.js';
import { readSnapshot, toSnapshotJson } from './snapshot.js';

const json = (ctx: CommandContext, value: unknown) => ctx.stdout(`${JSON.stringify(value, null, 2)}\n`);

function num(options: Record<string, unknown>, name: string, flag: string): number | undefined {
  const raw = options[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new StatetraceError(ErrorCode.CliUsage, `${flag} needs a number, got ${JSON.stringify(raw)}`);
  return n;
}

function list(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((s) => s.trim()).filter(Boolean);
}

function reportMalformed(ctx: CommandContext, loaded: ReturnType<typeof loadRecords>): void {
  for (const f of loaded.files) if (f.malformed) ctx.stderr(`${f.path}:${f.firstMalformedLine}: ${f.malformed} malformed line(s) skipped\n`);
}

export function storeStateCommand(args: string[], o: Record<string, unknown>, ctx: CommandContext): number {
  const window = windowOf(o.start, o.end);
  const summaries = telemetryFiles(ctx.cwd, args, o.directory as string | undefined).map((path) => {
    const loaded = loadRecords([path], o.pass as string | undefined);
    reportMalformed(ctx, loaded);
    return analyzeStoreState(loaded.records, { ...window, topSites: num(o, 'topSites', '--top-sites') ?? 10, file: path });
  });
  json(ctx, summaries.length === 1 ? summaries[0] : summaries);
  return ExitCode.Passed;
}

export function providerReasonsCommand(args: string[], o: Record<string, unknown>, ctx: CommandContext): number {
  const loaded = loadRecords(telemetryFiles(ctx.cwd, args, o.directory as string | undefined), o.pass as string | undefined);
  reportMalformed(ctx, loaded);
  const result = analyzeProviderReasons(loaded.records, { ...windowOf(o.start, o.end), sites: list(o.site), topHosts: num(o, 'topHosts', '--top-hosts') ?? 10 });
  const sites = result.sites.map(({ Reasons, ...counts }) => (o.allReasons ? { ...counts, Reasons } : counts));
  json(ctx, o.includeHostBreakdown ? { Sites: sites, AccessRefreshHosts: result.hosts } : sites);
  return ExitCode.Passed;
}

export function diagnosticsCommand(args: string[], o: Record<string, unknown>, ctx: CommandContext): number {
  const loaded = loadRecords(telemetryFiles(ctx.cwd, args, o.directory as string | undefined), o.pass as string | undefined);
  reportMalformed(ctx, loaded);
  const window = windowOf(o.start, o.end);
  const store = analyzeStoreState(loaded.records, window);
  const reasons = analyzeProviderReasons(loaded.records, window);
  const result = testSharedCacheDiagnostics([store], reasons.sites, num(o, 'maximumAccessRefresh', '--maximum-access-refresh') ?? 0);
  json(ctx, result);
  return result.Pass ? ExitCode.Passed : ExitCode.GatesFailed;
}

export function seedCommand(args: string[], o: Record<string, unknown>, ctx: CommandContext): number {
  const sites = generateSeed({ sites: list(o.sites).length ? list(o.sites) : undefined, hostsPerSite: num(o, 'hosts', '--hosts'), portsPerHost: num(o, 'ports', '--ports') });
  const text = toSnapshotJson(sites, 'Seed');
  if (args[0]) {
    writeFileSync(resolve(ctx.cwd, args[0]), text, 'utf8');
    ctx.stderr(`wrote ${resolve(ctx.cwd, args[0])}\n`);
  } else ctx.stdout(text);
  return ExitCode.Passed;
}

export function resolveCommand(_args: string[], o: Record<string, unknown>, ctx: CommandContext): number {
  const r = resolveSnapshot({
    explicitPath: o.snapshot ? resolve(ctx.cwd, String(o.snapshot)) : undefined,
    snapshotDir: o.snapshotDir ? resolve(ctx.cwd, String(o.snapshotDir)) : undefined,
    seedPath: o.seed ? resolve(ctx.cwd, String(o.seed)) : undefined,
    requiredSites: list(o.requiredSites).length ? list(o.requiredSites) : undefined,
    minimumHostCount: num(o, 'minimumHosts', '--minimum-hosts'),
    maximumAgeHours: num(o, 'maximumAgeHours', '--maximum-age-hours'),
  });
  const { content: _c, ...result } = r;
  json(ctx, result);
  return r.Valid ? ExitCode.Passed : ExitCode.GatesFailed;
}

export function checkCommand(args: string[], o: Record<string, unknown>, ctx: CommandContext): number {
  const path = resolve(ctx.cwd, args[0]!);
  const content = readSnapshot(path);
  const preset = o.planG ? PLAN_G_SNAPSHOT_GUARD : {};
  const coverage = testSnapshotCoverage(content.summary, {
    ...preset,
    ...(num(o, 'minimumSites', '--minimum-sites') !== undefined ? { minimumSiteCount: num(o, 'minimumSites', '--minimum-sites')! } : {}),
    ...(num(o, 'minimumHosts', '--minimum-hosts') !== undefined ? { minimumHostCount: num(o, 'minimumHosts', '--minimum-hosts')! } : {}),
    ...(num(o, 'minimumRows', '--minimum-rows') !== undefined ? { minimumTotalRowCount: num(o, 'minimumRows', '--minimum-rows')! } : {}),
    ...(list(o.requiredSites).length ? { requiredSites: list(o.requiredSites) } : {}),
  });
  json(ctx, { Snapshot: path, Format: content.format, Kind: content.kind, ...coverage });
  return coverage.Pass ? ExitCode.Passed : ExitCode.GatesFailed;
}

export function evictionCommand(args: string[], o: Record<string, unknown>, ctx: CommandContext): number {
  const path = resolve(ctx.cwd, args[0]!);
  const summary = readSnapshot(path).summary;
  const baseline = o.baseline ? readSnapshot(resolve(ctx.cwd, String(o.baseline))).summary.reduce((n, s) => n + s.Hosts, 0) : undefined;
  let operations: Record<string, number> | undefined;
  if (o.telemetry) {
    const store = analyzeStoreState(loadRecords(list(o.telemetry).map((p) => resolve(ctx.cwd, p))).records);
    operations = { GetHit: store.GetHit, GetMiss: store.GetMiss, Set: store.Set, Remove: store.Remove };
  }
  const result = testEviction({
    sizeBytes: statSync(path).size,
    hostCount: summary.reduce((n, s) => n + s.Hosts, 0),
    rowCount: summary.reduce((n, s) => n + s.TotalRows, 0),
    baselineHostCount: baseline,
    operations,
  });
  json(ctx, { Snapshot: path, ...result });
  return result.Pass ? ExitCode.Passed : ExitCode.GatesFailed;
}

export function convertCommand(args: string[], _o: Record<string, unknown>, ctx: CommandContext): number {
  const content = readSnapshot(resolve(ctx.cwd, args[0]!));
  if (content.kind !== 'rows') {
    throw new StatetraceError(ErrorCode.InputInvalid, `${args[0]} is a summary (counts only); there are no rows to convert`, { location: { file: args[0]! } });
  }
  writeFileSync(resolve(ctx.cwd, args[1]!), toSnapshotJson(content.sites, `Converted:${content.format}`), 'utf8');
  ctx.stderr(`wrote ${resolve(ctx.cwd, args[1]!)} (${content.summary.length} sites)\n`);
  return ExitCode.Passed;
}

export function inspectCommand(args: string[], o: Record<string, unknown>, ctx: CommandContext): number {
  const path = resolve(ctx.cwd, args[0]!);
  const content = readSnapshot(path);
  json(ctx, {
    Snapshot: path,
    Format: content.format,
    Kind: content.kind,
    CreatedAt: content.createdAt ?? null,
    Source: content.source ?? null,
    Sites: content.summary,
    ...(o.listHosts ? { Hosts: Object.fromEntries(content.sites.map((s) => [s.site, s.hosts.map((h) => (o.showPorts ? { Hostname: h.hostname, Ports: h.rows.map((r) => r.Port) } : h.hostname))])) } : {}),
  });
  return ExitCode.Passed;
}
