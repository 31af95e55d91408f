import { describe, expect, it } from 'vitest';
import { StatetraceError } from '../../../core/errors.js';
import type { CommandContext } from '../../../core/plugin.js';
import plugin from '../../../plugins/routing/index.js';
import { ROUTING_METRICS } from '../../../plugins/routing/metrics.js';
import { corpusPath, corpusSkipReason, hasCorpus, projectRoot } from '../../corpus.js';

function command(name: string) {
  const found = plugin.commands.find((c) => c.name.startsWith(name));
  if (!found) throw new Error(`no command ${name}`);
  return found;
}

async function runCommand(name: string, args: string[], options: Record<string, unknown> = {}) {
  let stdout = '';
  let stderr = '';
  const ctx: CommandContext = { cwd: projectRoot, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), color: false, concurrency: 1 };
  const code = await command(name).action(args, options, ctx);
  return { code, stdout, stderr };
}

const RECORD_FIELDS = ['SchemaVersion', 'RecordId', 'CapturedAt', 'Site', 'Hostname', 'Vrf', 'Prefix', 'PrefixLength', 'NextHop', 'Protocol', 'RouteRole', 'RouteState', 'InterfaceName', 'AdminDistance', 'Metric', 'Tag', 'AgeSeconds', 'SourceSystem'];

describe.skipIf(!hasCorpus)(`routes parse on the corpus fixtures ${hasCorpus ? '' : corpusSkipReason}`, () => {
  it('--json prints a RouteRecord array with the §5.1 field names', async () => {
    const { code, stdout } = await runCommand('routes parse', [corpusPath('fixtures', 'Routing', 'CliCapture', 'CiscoIOSXE', 'show_ip_route.txt')], { vendor: 'CiscoIOSXE', json: true, capturedAt: '2025-12-29T12:00:00Z', site: 'WLLS', hostname: 'WLLS-A01-AS-21' });
    expect(code).toBe(0);
    const records = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(records).toHaveLength(4);
    expect(Object.keys(records[0]!)).toEqual(RECORD_FIELDS);
    expect(records[0]!.RecordId).toBe('9e717f4d05c5e00466ccbf49f98695c0e73c899f9e7313b837cc2f74eaa2c1b5');
  });

  it('a Capture.json needs no --vendor; the table names host, count and columns', async () => {
    const { stdout } = await runCommand('routes parse', [corpusPath('fixtures', 'Routing', 'CliCapture', 'AristaEOS', 'Capture.json')], { vrf: 'default' });
    expect(stdout).toContain('3 routes from 4 lines (WLLS WLLS-A01-AS-02, captured 2025-12-29T00:00:00Z)');
    expect(stdout).toMatch(/default\s+0\.0\.0\.0\/0\s+Static\s+192\.0\.2\.254\s+Ethernet2\s+1\/0/);
  });

  it('Juniper and Palo Alto transcripts take the host name from the prompt', async () => {
    const juniper = JSON.parse((await runCommand('routes parse', [corpusPath('fixtures', 'Vendors', 'Juniper', 'show_route.txt')], { vendor: 'Juniper', json: true, capturedAt: '2026-01-01T00:00:00Z' })).stdout);
    expect(juniper).toHaveLength(7);
    expect(juniper[0]).toMatchObject({ Hostname: 'EX4300-CORE', Site: 'EX4300' });
    const paloalto = JSON.parse((await runCommand('routes parse', [corpusPath('fixtures', 'Vendors', 'PaloAlto', 'show_routing_route.txt')], { vendor: 'PaloAlto', json: true, capturedAt: '2026-01-01T00:00:00Z' })).stdout);
    expect(paloalto).toHaveLength(8);
    expect(paloalto[0]).toMatchObject({ Hostname: 'PA-3220' });
  });

  it('routes snapshot and routes diff reproduce the fixtures', async () => {
    const snap = await runCommand('routes snapshot', [corpusPath('fixtures', 'Routing', 'RouteRecords.sample.json')]);
    expect(JSON.parse(snap.stdout).SnapshotId).toBe('RHS-0ec34606ba20362b4f5be74a07ebbcedf916b2c52e32d5e7eedd57e0e0886fcb');
    const dir = (n: string) => corpusPath('fixtures', 'Routing', 'RouteDiff', n);
    const diff = await runCommand('routes diff', [dir('RouteHealthSnapshot.old.json'), dir('RouteHealthSnapshot.new.json')], { oldRecords: dir('RouteRecords.old.json'), newRecords: dir('RouteRecords.new.json'), json: true });
    expect(JSON.parse(diff.stdout).Counts).toEqual({ Added: 1, Removed: 1, ChangedRoutes: 1 });
    const markdown = await runCommand('routes diff', [dir('RouteHealthSnapshot.old.json'), dir('RouteHealthSnapshot.new.json')]);
    expect(markdown.stdout).toContain('Added 1 · Removed 1 · Unchanged 2 · Changed routes 0');
  });

  it('routes validate exits 1 for a file that is not what --schema says', async () => {
    expect((await runCommand('routes validate', [corpusPath('fixtures', 'Routing', 'RouteRecords.sample.json')], { schema: 'RouteRecords' })).code).toBe(0);
    const wrong = await runCommand('routes validate', [corpusPath('fixtures', 'Routing', 'RouteRecords.sample.json')], { schema: 'RouteHealthSnapshot' });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('not a valid RouteHealthSnapshot');
  });
});

describe('routes commands: usage errors', () => {
  it.each([
    [['x.txt'], { vendor: 'Junos' }, 'UnsupportedVendor:Junos supported=CiscoIOSXE,AristaEOS,Juniper,PaloAlto', 'did you mean Juniper?'],
    [['x.txt'], {}, 'routes parse x.txt: --vendor is required for a transcript', '--vendor CiscoIOSXE|AristaEOS|Juniper|PaloAlto'],
  ])('parse %j %j → %s', async (args, options, message, hint) => {
    const error = await runCommand('routes parse', args, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatetraceError);
    expect((error as StatetraceError).message).toBe(message);
    expect((error as StatetraceError).hint).toBe(hint);
    expect((error as StatetraceError).exitCode).toBe(2);
  });

  it('a transcript with no route is NoRoutesParsed (exit 2), naming the file', async () => {
    const error = (await runCommand('routes parse', ['scenarios/routing/captures/wlls-core-01/0800/Capture.json'], { vendor: 'PaloAlto' }).catch((e: unknown) => e)) as StatetraceError;
    expect(error.message).toMatch(/^NoRoutesParsed: no PaloAlto route found in .*Capture\.json/);
    expect(error.exitCode).toBe(2);
  });

  it('routes simulate prints the detector summary', async () => {
    const { stdout } = await runCommand('routes simulate', [], { routes: 50, duration: '20m', json: true });
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ Routes: 50, MissedPrimaryFaults: 0 });
    expect(summary.TimeToDetectP95Ms).toBeLessThan(60_000);
  });
});

describe('plugin declaration', () => {
  it('declares every emitted event and field with a unit', () => {
    const names = new Set(ROUTING_METRICS.map((m) => m.name));
    for (const event of ['RouteStateTransition', 'RouteOutageSummary', 'RoutingCaptureParsed', 'RoutingSchemaValidation', 'RoutingHealthSnapshot', 'RoutingDiff']) expect(names.has(event)).toBe(true);
    expect(ROUTING_METRICS.find((m) => m.name === 'RouteStateTransition.DetectionLatencyMs')).toMatchObject({ unit: 'ms', kind: 'duration' });
    expect(ROUTING_METRICS.find((m) => m.name === 'RouteOutageSummary.ConflictingSignalPercent')).toMatchObject({ unit: '%', kind: 'ratio' });
    expect(ROUTING_METRICS.find((m) => m.name === 'RoutingSchemaValidation.Valid')).toMatchObject({ kind: 'flag' });
  });

  it('names its steps as the scenarios use them', () => {
    expect(Object.keys(plugin.steps).sort()).toEqual(['diff', 'evaluate', 'parse-capture', 'records', 'simulate', 'snapshot', 'validate']);
  });
});
