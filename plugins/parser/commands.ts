/** CLI actions: `statetrace parse <files...>` and `statetrace corpus generate`. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ErrorCode, StatetraceError } from '../../core/errors.js';
import { ExitCode } from '../../core/exit-codes.js';
import type { CommandContext } from '../../core/plugin.js';
import { generateCorpus } from './corpus/generate.js';
import { parseDeviceLog } from './parse-log.js';
import { looksBinary, splitLines, UNKNOWN_SLICE } from './split.js';
import type { DeviceFacts } from './types.js';

/** The device as `parse --json` prints it: lower-case device keys, §1.7 interface records. */
export function deviceJson(d: DeviceFacts, file: string): Record<string, unknown> {
  return {
    hostname: d.Hostname,
    vendor: d.Make,
    model: d.Model,
    version: d.Version,
    site: d.Site,
    uptime: d.Uptime,
    location: d.Location,
    building: d.Building,
    floor: d.Floor,
    room: d.Room,
    serial: d.Serial ?? '',
    authDefaultVlan: d.AuthDefaultVLAN,
    authBlock: d.AuthBlock,
    vendorConfidence: d.VendorConfidence,
    spanningTree: d.SpanInfo,
    ...(d.Vlans ? { vlans: d.Vlans } : {}),
    ...(d.Routes ? { routes: d.Routes } : {}),
    file,
    warnings: d.Warnings,
    interfaceCount: d.Interfaces.length,
    interfaces: d.Interfaces,
  };
}

export function parseCommand(args: string[], options: Record<string, unknown>, ctx: CommandContext): number {
  if (args.length === 0) throw new StatetraceError(ErrorCode.CliUsage, 'no log files given', { hint: 'statetrace parse switch.log [more.log …] [--json]' });
  const mode = options.compat ? 'compat' : 'strict';
  const scoredVendors = options.scored !== false;
  const devices: Array<Record<string, unknown>> = [];
  let problems = 0;
  // Slices of one host are gathered across every file before parsing, as the ingest's splitter
  // appends them to one host file: a folder of one switch's `show` outputs is one device.
  const hosts = new Map<string, { host: string; lines: string[]; files: string[] }>();
  const texts: Array<{ name: string; text: string }> = [];
  for (const file of expandLogArgs(args, ctx.cwd)) {
    const name = basename(file);
    const bytes = readFileSync(file);
    if (looksBinary(bytes)) {
      ctx.stderr(`${name}: binary content (NUL bytes); skipped\n`);
      problems++;
      continue;
    }
    const text = bytes.toString('utf8');
    texts.push({ name, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text });
  }
  // One file per command, starting with the bare command (`show version`, no prompt), is a common way
  // to capture a switch; such files get the prompt of the one hostname their running-config names.
  const bare = texts.filter((t) => BARE_COMMAND.test(t.text));
  const named = [...new Set(bare.flatMap((t) => [...t.text.matchAll(/^hostname\s+(\S+)/gim)].map((m) => m[1]!)))];
  if (bare.length > 0 && named.length === 1) for (const t of bare) t.text = `${named[0]}#${t.text.replace(/^\s+/, '')}`;
  else if (bare.length > 0) ctx.stderr(`${bare.length} file(s) start with a bare command and ${named.length === 0 ? 'no' : 'more than one'} hostname names their switch; add the switch prompt (HOST#show …) to them\n`);
  for (const { name, text } of texts) {
    const { segments, unknown } = splitLines(text.split(/\r\n|\n|\r/));
    if (segments.length === 0) {
      ctx.stderr(`${name}: no host prompt or "hostname" line found; nothing parsed (the ingest would put it in ${UNKNOWN_SLICE}.log)\n`);
      problems++;
      continue;
    }
    if (unknown.length > 0) ctx.stderr(`${name}: ${unknown.length} line(s) before the first host were not attributed\n`);
    for (const segment of segments) {
      const key = segment.host.toLowerCase();
      const entry = hosts.get(key) ?? { host: segment.host, lines: [], files: [] };
      entry.lines.push(...segment.lines);
      if (!entry.files.includes(name)) entry.files.push(name);
      hosts.set(key, entry);
    }
  }
  for (const { host, lines, files } of hosts.values()) {
    const outcome = parseDeviceLog(lines.join('\n'), { mode, scoredVendors }, host);
    const from = files.length === 1 ? files[0]! : `${files.length} files`;
    if (!outcome.ok) {
      ctx.stderr(`${from}: host ${outcome.hostname}: ${outcome.message}\n`);
      problems++;
      continue;
    }
    for (const w of outcome.device.Warnings) ctx.stderr(`${from}: host ${outcome.device.Hostname}: line ${w.line} of its slice: ${w.message}\n`);
    devices.push(deviceJson(outcome.device, from));
  }
  if (options.json) {
    ctx.stdout(`${JSON.stringify(devices, null, 2)}\n`);
  } else {
    for (const d of devices) {
      const ifaces = d.interfaces as DeviceFacts['Interfaces'];
      ctx.stdout(`${d.hostname}  ${d.vendor} ${d.model}  version ${d.version || '-'}  site ${d.site}  ${ifaces.length} interfaces  (${d.file})\n`);
      for (const i of ifaces) {
        ctx.stdout(`  ${i.Port.padEnd(12)} ${i.Status.padEnd(12)} ${i.VLAN.padEnd(7)} ${i.AuthTemplate.padEnd(9)} ${i.Name}\n`);
      }
    }
    ctx.stdout(`${devices.length} device(s) parsed${problems ? `, ${problems} problem(s) reported on stderr` : ''}\n`);
  }
  return devices.length > 0 ? ExitCode.Passed : ExitCode.InvalidInput;
}

const BARE_COMMAND = /^\s*(show|display|get)\s+\S/i;

/** Files as given; a folder means the files directly in it (sorted). */
function expandLogArgs(args: string[], cwd: string): string[] {
  const files: string[] = [];
  for (const arg of args) {
    const path = resolve(cwd, arg);
    if (!existsSync(path)) throw new StatetraceError(ErrorCode.InputMissing, `log file not found: ${arg}`, { hint: 'pass paths of .log/.txt files captured from the switches, or a folder of them' });
    if (statSync(path).isDirectory()) {
      files.push(...readdirSync(path, { withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(path, d.name)).sort());
    } else files.push(path);
  }
  return files;
}

function numberOption(options: Record<string, unknown>, name: string, flag: string): number | undefined {
  const v = options[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new StatetraceError(ErrorCode.CliUsage, `${flag} needs a non-negative number, got "${String(v)}"`);
  return n;
}

export function corpusGenerateCommand(_args: string[], options: Record<string, unknown>, ctx: CommandContext): number {
  const out = resolve(ctx.cwd, String(options.out ?? 'corpus'));
  const hosts = numberOption(options, 'hosts', '--hosts');
  const sites = numberOption(options, 'sites', '--sites');
  const mutate = numberOption(options, 'mutate', '--mutate');
  if (mutate !== undefined && mutate > 1) throw new StatetraceError(ErrorCode.CliUsage, `--mutate is a fraction of ports (0..1), got ${mutate}`);
  const shape = (options.shape as string | undefined) ?? (hosts !== undefined || sites !== undefined ? 'fleet' : 'default');
  if (shape !== 'default' && shape !== 'fleet') throw new StatetraceError(ErrorCode.CliUsage, `--shape must be "default" or "fleet", got "${shape}"`);
  const r = generateCorpus({
    outDir: out,
    seed: numberOption(options, 'seed', '--seed') ?? 42,
    shape,
    ...(hosts !== undefined ? { hosts } : {}),
    ...(sites !== undefined ? { sites } : {}),
    ...(mutate !== undefined ? { mutate } : {}),
    ...(options.mutateSeed !== undefined ? { mutateSeed: numberOption(options, 'mutateSeed', '--mutate-seed')! } : {}),
  });
  ctx.stdout(
    `${r.hosts} hosts, ${r.interfaces} interfaces, ${Object.keys(r.sites).length} sites, ${(r.bytes / 1e6).toFixed(1)} MB written to ${out}` +
      (r.mutatedHosts ? `; ${r.mutatedPorts} ports changed on ${r.mutatedHosts} hosts` : '') +
      '\n',
  );
  return ExitCode.Passed;
}
