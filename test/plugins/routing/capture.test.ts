import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StatetraceError } from '../../../core/errors.js';
import { ingestHostCapture, loadCaptureOrSession, loadCliCapture } from '../../../plugins/routing/capture.js';
import { discoveryToRecords } from '../../../plugins/routing/records.js';
import { validateAgainst } from '../../../plugins/routing/schemas.js';
import { corpusPath, corpusSkipReason, hasCorpus } from '../../corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'statetrace-routing-capture-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

const capture = (over: Record<string, unknown> = {}) => ({
  SchemaVersion: '1.0',
  CapturedAt: '2026-01-05T08:00:00Z',
  Site: 'wlls',
  Hostname: 'wlls-a01-as-01',
  Vendor: 'CiscoIOSXE',
  Vrf: 'default',
  Artifacts: [{ Name: 'show_ip_route', Command: 'show ip route', Path: 'routes.txt' }],
  ...over,
});

function errorOf(fn: () => unknown): StatetraceError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StatetraceError) return error;
    throw error;
  }
  throw new Error('expected a StatetraceError');
}

describe.skipIf(!hasCorpus)(`capture files (shared corpus fixtures/Routing/CliCapture*) ${hasCorpus ? '' : corpusSkipReason}`, () => {
  it.each([
    ['CliCapture/CiscoIOSXE/Capture.json', 'WLLS-A01-AS-21', 4],
    ['CliCapture/AristaEOS/Capture.json', 'WLLS-A01-AS-02', 3],
    ['CliCaptureSession/CiscoIOSXE/Session.json', 'WLLS-A01-AS-01', 4],
    ['CliCaptureSession/AristaEOS/Session.json', 'WLLS-A01-AS-02', 3],
  ])('%s → %s with %i schema-valid RouteRecords', (file, host, count) => {
    const [hostCapture, ...more] = loadCaptureOrSession(corpusPath('fixtures', 'Routing', ...file.split('/')));
    expect(more).toEqual([]);
    const ingestion = ingestHostCapture(hostCapture!);
    expect(ingestion.summary).toMatchObject({ Status: 'Pass', RoutesParsedCount: count, LinesSkippedCount: ingestion.summary.LinesParsedCount - count, Errors: [] });
    const { records, errors } = discoveryToRecords(ingestion.discovery);
    expect(errors).toEqual([]);
    expect(records).toHaveLength(count);
    expect(records.every((r) => r.Hostname === host && r.Site === 'WLLS' && r.SourceSystem === 'RoutingDiscoveryCapture')).toBe(true);
    expect(validateAgainst('RouteRecords', records)).toEqual({ schema: 'RouteRecords', valid: true, errors: [] });
  });

  it('Cisco CLI fixture → the derived RecordIds and snapshot of DOMAIN §8 item 33', async () => {
    const [hostCapture] = loadCaptureOrSession(corpusPath('fixtures', 'Routing', 'CliCapture', 'CiscoIOSXE', 'Capture.json'));
    const { records } = discoveryToRecords(ingestHostCapture(hostCapture!).discovery);
    expect(records.map((r) => `${r.RecordId.slice(0, 8)}…${r.RecordId.slice(-4)}`)).toEqual(['9e717f4d…c1b5', '9dcd3f0e…e10c', '7149d43c…8ad3', 'faa5cd01…6d97']);
    const { recordsToSnapshot } = await import('../../../plugins/routing/health.js');
    expect(recordsToSnapshot(records).snapshot).toMatchObject({
      PrimaryRouteStatus: 'Up',
      SecondaryRouteStatus: 'Missing',
      HealthState: 'Healthy',
      DetectionLatencyMs: 0,
      SnapshotId: 'RHS-b29e00bd244bd102bdaf401f63b5698d7c44d77f7c2c9050adea7a56484937a2',
    });
  });

  it('RoutingDiscoveryCapture.sample.json converts with the original rules (upper-case, RecordId, optional fields kept)', () => {
    const value = JSON.parse(readFileSync(corpusPath('fixtures', 'Routing', 'RoutingDiscoveryCapture.sample.json'), 'utf8'));
    const { records } = discoveryToRecords(value);
    expect(records.map((r) => [r.Prefix, r.RouteRole, r.Tag, r.AgeSeconds])).toEqual([
      ['10.10.0.0', 'Primary', 'CORE', 120],
      ['10.20.0.0', 'Secondary', 'EDGE', 240],
    ]);
    expect(records[0]!.RecordId).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('capture validation errors name the file, the field and the fix', () => {
  it('unsupported vendor lists the supported ones', () => {
    const error = errorOf(() => loadCliCapture(write('vendor.json', capture({ Vendor: 'Brocade' }))));
    expect(error.message).toContain('UnsupportedVendor:Brocade supported=CiscoIOSXE,AristaEOS,Juniper,PaloAlto');
    expect(error.location?.file).toMatch(/vendor\.json$/);
  });

  it('a missing field points at no line but names it; a wrong type points at the key line', () => {
    const missing = errorOf(() => loadCliCapture(write('missing.json', capture({ Hostname: undefined }))));
    expect(missing.message).toContain('MissingRequiredField:Hostname');
    const wrong = errorOf(() => loadCliCapture(write('wrong.json', capture({ Site: 42 }))));
    expect(wrong.message).toContain('InvalidType:Site expected=string actual=number');
    expect(wrong.location?.line).toBe(4);
  });

  it('schema version mismatch and missing route artifact', () => {
    expect(errorOf(() => loadCliCapture(write('v2.json', capture({ SchemaVersion: '2.0' })))).message).toContain('SchemaVersionMismatch: expected=1.0 actual=2.0');
    const noArtifact = errorOf(() => loadCliCapture(write('noart.json', capture({ Artifacts: [{ Name: 'show_version', Command: 'show version', Path: 'v.txt' }] }))));
    expect(noArtifact.message).toContain('MissingArtifact:show_ip_route');
    expect(noArtifact.hint).toContain('show_ip_route');
  });

  it('missing transcript file (MissingArtifactFile) and a transcript without routes (NoRoutesParsed)', () => {
    const hostCapture = loadCliCapture(write('nofile.json', capture({ Artifacts: [{ Name: 'show_ip_route', Command: 'show ip route', Path: 'absent.txt' }] })));
    const missing = errorOf(() => ingestHostCapture(hostCapture));
    expect(missing.message).toMatch(/^MissingArtifactFile:.*absent\.txt \(the wlls-a01-as-01 transcript named by .*nofile\.json\)$/);
    expect(missing.location?.line).toBe(12);
    expect(missing.exitCode).toBe(2);
    write('empty-routes.txt', 'Codes: C - connected\nGateway of last resort is not set\n');
    const empty = errorOf(() => ingestHostCapture(loadCliCapture(write('empty.json', capture({ Artifacts: [{ Name: 'show_ip_route', Command: 'show ip route', Path: 'empty-routes.txt' }] })))));
    expect(empty.message).toMatch(/^NoRoutesParsed: no CiscoIOSXE route found in .*empty-routes\.txt \(2 lines read\)$/);
  });

  it('broken JSON reports line and column', () => {
    const error = errorOf(() => loadCliCapture(write('broken.json', '{\n  "SchemaVersion": "1.0",\n  "Artifacts": [1, 2\n}')));
    expect(error.message).toContain('is not valid JSON');
    expect(error.location?.line).toBe(4);
  });

  it('a session resolves each host’s TranscriptPath next to Session.json; a host without the artifact is named', () => {
    write('s1.txt', 'C 10.0.0.0/24 is directly connected, Vlan1\n');
    const session = { SchemaVersion: '1.0', CapturedAt: '2026-01-05T08:00:00Z', Site: 'WLLS', Vendor: 'AristaEOS', Vrf: 'default', Hosts: [{ Hostname: 'h1', Artifacts: [{ Name: 'show_ip_route', Command: 'show ip route', TranscriptPath: 's1.txt' }] }] };
    const [host] = loadCaptureOrSession(write('Session.json', session));
    expect(host!.transcriptPath).toBe(join(dir, 's1.txt'));
    const discovery = ingestHostCapture(host!).discovery;
    expect(discovery.Routes).toHaveLength(1);
    // A blank Vrf in a discovery capture becomes `default` in the records (the original's normalisation).
    expect(discoveryToRecords({ ...discovery, Vrf: ' ' }).records[0]!.Vrf).toBe('default');
    expect(errorOf(() => loadCaptureOrSession(write('Session0.json', { ...session, Vrf: '' }))).message).toContain('EmptyRequiredField:Vrf');
    const bad = { ...session, Hosts: [{ Hostname: 'h2', Artifacts: [] }] };
    expect(errorOf(() => loadCaptureOrSession(write('Session2.json', bad))).message).toContain('MissingArtifact:show_ip_route host=h2');
  });
});

describe('records conversion errors', () => {
  it('reports every bad route with its index, and no records', () => {
    const result = discoveryToRecords({ SchemaVersion: '1.0', CapturedAt: 'x', Site: 's', Hostname: 'h', Vrf: 'default', Routes: [{ Prefix: '10.0.0.0', PrefixLength: 24.5, NextHop: '', Protocol: 'OSPF', RouteRole: 'Primary', RouteState: 'Active' }] as never });
    expect(result).toEqual({ records: [], errors: ['EmptyRequiredField:Route[0].NextHop', 'InvalidType:Route[0].PrefixLength expected=integer actual=number'] });
  });
});
