/** Actions of `statetrace routes …` (loaded lazily by index.ts). */
import { statSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { closestMatches, ErrorCode, StatetraceError } from '../../core/errors.js';
import { ExitCode } from '../../core/exit-codes.js';
import type { CommandContext } from '../../core/plugin.js';
import { ingestHostCapture, loadCaptureOrSession, toDiscoveryCapture } from './capture.js';
import { diffSnapshots, diffToMarkdown } from './diff.js';
import { recordsToSnapshot } from './health.js';
import { readJsonFile, readTextFile } from './json-file.js';
import { VENDORS, isVendor, type ParsedRoute, type RouteRecord } from './model.js';
import { hostnameFromPrompt, parseRouteTable } from './parse/index.js';
import { discoveryToRecords } from './records.js';
import { SCHEMAS, validateAgainst, type SchemaName } from './schemas.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function usage(message: string, hint: string): StatetraceError {
  return new StatetraceError(ErrorCode.CliUsage, message, { hint });
}

/** `routes parse <transcript|Capture.json|Session.json> [--vendor V] [--json]` */
export async function parseCommand(args: string[], options: Record<string, unknown>, ctx: CommandContext): Promise<number> {
  const input = args[0];
  if (!input) throw usage('routes parse needs a transcript (or a Capture.json / Session.json)', 'statetrace routes parse show_ip_route.txt --vendor CiscoIOSXE');
  const path = resolve(ctx.cwd, input);
  const vendorText = str(options.vendor);
  const results: Array<{ records: RouteRecord[]; routes: ParsedRoute[]; unreadable: Array<{ line: number; text: string; reason: string }>; source: string; lines: number }> = [];

  if (path.toLowerCase().endsWith('.json') && !vendorText) {
    for (const capture of loadCaptureOrSession(path)) {
      const ingestion = ingestHostCapture(capture);
      results.push({ records: toRecords(ingestion.discovery, capture.sourcePath), routes: ingestion.routes, unreadable: ingestion.summary.UnreadableLines, source: capture.transcriptPath, lines: ingestion.summary.LinesParsedCount });
    }
  } else {
    if (!vendorText) throw usage(`routes parse ${input}: --vendor is required for a transcript`, `--vendor ${VENDORS.join('|')}`);
    if (!isVendor(vendorText)) {
      throw usage(`UnsupportedVendor:${vendorText} supported=${VENDORS.join(',')}`, `did you mean ${closestMatches(vendorText, VENDORS, 1)[0]}?`);
    }
    const text = readTextFile(path, 'Transcript');
    const parsed = parseRouteTable(text, vendorText);
    if (parsed.routes.length === 0) {
      throw new StatetraceError(ErrorCode.InputInvalid, `NoRoutesParsed: no ${vendorText} route found in ${path} (${parsed.lines} lines read)`, {
        location: { file: path },
        hint: `check that this is the routing table output (${vendorText === 'Juniper' ? 'show route' : vendorText === 'PaloAlto' ? 'show routing route' : 'show ip route'}) and that the vendor is right`,
      });
    }
    const hostname = str(options.hostname) ?? hostnameFromPrompt(text) ?? basename(path).replace(/[_.].*$/, '');
    const meta = {
      CapturedAt: str(options.capturedAt) ?? statSync(path).mtime.toISOString(),
      Site: str(options.site) ?? hostname.split('-')[0] ?? hostname,
      Hostname: hostname,
      Vrf: str(options.vrf) ?? 'default',
    };
    results.push({ records: toRecords(toDiscoveryCapture(meta, parsed.routes), path), routes: parsed.routes, unreadable: parsed.unreadable, source: path, lines: parsed.lines });
  }

  for (const r of results) for (const u of r.unreadable) ctx.stderr(`${r.source}:${u.line}: ${u.reason}: ${u.text}\n`);
  const all = results.flatMap((r) => r.records);
  if (options.json) {
    ctx.stdout(JSON.stringify(all, null, 2) + '\n');
    return ExitCode.Passed;
  }
  for (const r of results) {
    const first = r.records[0];
    ctx.stdout(`${r.source}: ${r.records.length} routes from ${r.lines} lines${first ? ` (${first.Site} ${first.Hostname}, captured ${first.CapturedAt})` : ''}${r.unreadable.length ? `, ${r.unreadable.length} unreadable` : ''}\n`);
    ctx.stdout(table(['Vrf', 'Prefix', 'Protocol', 'NextHop', 'Interface', 'AD/Metric', 'Age s', 'Role', 'State'], r.records.map((x) => [x.Vrf, `${x.Prefix}/${x.PrefixLength}`, x.Protocol, x.NextHop, x.InterfaceName ?? '', `${x.AdminDistance ?? 0}/${x.Metric ?? 0}`, String(x.AgeSeconds ?? 0), x.RouteRole, x.RouteState])));
  }
  return ExitCode.Passed;
}

function toRecords(discovery: Parameters<typeof discoveryToRecords>[0], file: string): RouteRecord[] {
  const conversion = discoveryToRecords(discovery);
  if (conversion.errors.length > 0) throw new StatetraceError(ErrorCode.InputInvalid, `RouteRecord conversion failed: ${conversion.errors.join('; ')}`, { location: { file } });
  return conversion.records;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

/** `routes snapshot <RouteRecords.json> [--site S] [--hostname H] [--vrf V] [--out file] [--json]` */
export async function snapshotCommand(args: string[], options: Record<string, unknown>, ctx: CommandContext): Promise<number> {
  const input = args[0];
  if (!input) throw usage('routes snapshot needs a RouteRecords JSON file', 'statetrace routes snapshot RouteRecords.json');
  const path = resolve(ctx.cwd, input);
  const { value } = readJsonFile(path, 'RouteRecords');
  const { snapshot, summary } = recordsToSnapshot(value, { site: str(options.site), hostname: str(options.hostname), vrf: str(options.vrf) });
  if (!snapshot) {
    throw new StatetraceError(ErrorCode.InputInvalid, `RouteHealthSnapshot generation failed: ${summary.Errors.join('; ')}`, {
      location: { file: path },
      hint: summary.Errors.some((e) => e.startsWith('MultipleRouteRecordGroups')) ? 'pick one group with --site, --hostname and/or --vrf' : 'fix the records named above',
    });
  }
  const text = JSON.stringify(snapshot, null, 2) + '\n';
  if (str(options.out)) writeFileSync(resolve(ctx.cwd, str(options.out)!), text);
  if (options.json || !str(options.out)) ctx.stdout(text);
  else ctx.stdout(`${snapshot.SnapshotId}: ${snapshot.HealthState} (primary ${snapshot.PrimaryRouteStatus}, secondary ${snapshot.SecondaryRouteStatus}), ${snapshot.RouteRecordIds.length} records → ${str(options.out)}\n`);
  return ExitCode.Passed;
}

/** `routes diff <old> <new> [--old-records F --new-records F] [--allow-different-targets] [--json] [--out F] [--markdown F]` */
export async function diffCommand(args: string[], options: Record<string, unknown>, ctx: CommandContext): Promise<number> {
  const [oldArg, newArg] = args;
  if (!oldArg || !newArg) throw usage('routes diff needs two RouteHealthSnapshot files', 'statetrace routes diff old.json new.json --old-records RouteRecords.old.json --new-records RouteRecords.new.json');
  const oldPath = resolve(ctx.cwd, oldArg);
  const newPath = resolve(ctx.cwd, newArg);
  const records = (key: string, label: string) => (str(options[key]) ? readJsonFile(resolve(ctx.cwd, str(options[key])!), label).value : undefined);
  const diff = diffSnapshots({
    old: readJsonFile(oldPath, 'Old RouteHealthSnapshot').value as Record<string, unknown>,
    new: readJsonFile(newPath, 'New RouteHealthSnapshot').value as Record<string, unknown>,
    oldPath,
    newPath,
    oldRecords: records('oldRecords', 'Old RouteRecords'),
    newRecords: records('newRecords', 'New RouteRecords'),
    allowDifferentTargets: options.allowDifferentTargets === true,
  });
  if (str(options.out)) writeFileSync(resolve(ctx.cwd, str(options.out)!), JSON.stringify(diff, null, 2) + '\n');
  if (str(options.markdown)) writeFileSync(resolve(ctx.cwd, str(options.markdown)!), diffToMarkdown(diff));
  ctx.stdout(options.json ? JSON.stringify(diff, null, 2) + '\n' : diffToMarkdown(diff));
  for (const w of diff.Warnings) ctx.stderr(`warning: ${w}\n`);
  return ExitCode.Passed;
}

/** `routes validate <file> --schema RouteRecords|RouteRecord|RouteHealthSnapshot` (exit 1 when invalid). */
export async function validateCommand(args: string[], options: Record<string, unknown>, ctx: CommandContext): Promise<number> {
  const input = args[0];
  const schema = str(options.schema);
  if (!input || !schema) throw usage('routes validate needs a file and --schema', `--schema ${Object.keys(SCHEMAS).join('|')}`);
  if (!(schema in SCHEMAS)) throw usage(`unknown schema "${schema}"`, `one of ${Object.keys(SCHEMAS).join(', ')}; did you mean ${closestMatches(schema, Object.keys(SCHEMAS), 1)[0]}?`);
  const result = validateAgainst(schema as SchemaName, readJsonFile(resolve(ctx.cwd, input), schema).value);
  if (options.json) ctx.stdout(JSON.stringify(result, null, 2) + '\n');
  else ctx.stdout(result.valid ? `${input}: valid ${schema}\n` : `${input}: not a valid ${schema}\n${result.errors.map((e) => `  ${e}\n`).join('')}`);
  return result.valid ? ExitCode.Passed : ExitCode.GatesFailed;
}

/** `routes simulate [--routes N] [--duration 1h] …`: runs the simulator + detector and prints what it found. */
export async function simulateCommand(_args: string[], options: Record<string, unknown>, ctx: CommandContext): Promise<number> {
  const { simulationOptions } = await import('./steps.js');
  const { runSimulation } = await import('./detector/simulate.js');
  const num = (key: string, fallback: number): number => {
    const v = options[key];
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw usage(`--${key} must be a non-negative number, got ${String(v)}`, `e.g. --${key} 10`);
    return n;
  };
  const routes = num('routes', 1000);
  const sim = simulationOptions({
    routes,
    duration: str(options.duration) ?? '1h',
    interval: str(options.interval) ?? '10s',
    seed: num('seed', 1),
    primaryFailures: num('primaryFailures', Math.ceil(routes / 50)),
    failovers: num('failovers', Math.ceil(routes / 50)),
    flaps: num('flaps', Math.ceil(routes / 100)),
    blips: num('blips', Math.ceil(routes / 100)),
    noiseRate: num('noiseRate', 0.001),
    conflictRate: num('conflictRate', 0.005),
    for: str(options.for) ?? '30s',
    keepFor: str(options.keepFor) ?? '60s',
  });
  const latencies: number[] = [];
  const started = performance.now();
  const result = runSimulation(sim, (t) => {
    if (t.kind === 'failure' && t.fault && t.fault.kind !== 'flap' && t.fault.kind !== 'blip') latencies.push(t.detectedAt - t.fault.start);
  });
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const p95 = latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil(0.95 * latencies.length) - 1)]! : null;
  const out = { ...result.summary, TimeToDetectP95Ms: p95, ObservationsPerSecond: Math.round(result.summary.Observations / (elapsed / 1000)) };
  if (options.json) ctx.stdout(JSON.stringify(out, null, 2) + '\n');
  else ctx.stdout(Object.entries(out).map(([k, v]) => `${k.padEnd(32)} ${String(v)}`).join('\n') + '\n');
  return ExitCode.Passed;
}
