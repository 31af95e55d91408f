import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusPath, corpusSkipReason, hasCorpus } from '../../corpus.js';
import { PLAN_G_SNAPSHOT_GUARD, testEviction, testSnapshotCoverage } from '../../../plugins/shared-cache/guards.js';
import { resolveSnapshot } from '../../../plugins/shared-cache/resolver.js';
import { generateSeed } from '../../../plugins/shared-cache/seed.js';
import { exportSnapshot, importSnapshot, readSnapshot, toSnapshotJson } from '../../../plugins/shared-cache/snapshot.js';
import { SharedSiteInterfaceStore } from '../../../plugins/shared-cache/store.js';
import type { EventInput } from '../../../core/plugin.js';

const dir = mkdtempSync(join(tmpdir(), 'statetrace-shared-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('seed and snapshot round trip (DOMAIN §8 item 24)', () => {
  it('seed: 2 sites / 6 hosts / 60 rows with the original host names', () => {
    const seed = generateSeed();
    expect(seed.map((s) => s.site)).toEqual(['BOYO', 'WLLS']);
    expect(seed[0]!.hosts.map((h) => h.hostname)).toEqual(['BOYO-A01-AS-01', 'BOYO-A01-AS-02', 'BOYO-A02-AS-03']);
    expect(seed[1]!.hosts.map((h) => h.hostname)).toEqual(['WLLS-A01-AS-01', 'WLLS-A01-AS-02', 'WLLS-A02-AS-03']);
    expect(seed.flatMap((s) => s.hosts).flatMap((h) => h.rows)).toHaveLength(60);
    expect(seed[0]!.hosts[0]!.rows[9]).toMatchObject({ Port: 'Ethernet10', Name: 'Ethernet10', PortColor: 'Green', ConfigStatus: 'Compliant' });
  });

  it('export → import preserves sites, hosts and port counts, and publishes SnapshotImported', () => {
    const source = new SharedSiteInterfaceStore();
    importSnapshot(source, { kind: 'rows', format: 'statetrace-v1', sites: generateSeed(), summary: [] });
    const path = join(dir, 'SharedCacheSnapshot-roundtrip.json');
    const exported = exportSnapshot(path, source, { source: 'Test' });
    const events: EventInput[] = [];
    const target = new SharedSiteInterfaceStore({ emit: (e) => events.push(e) });
    const content = readSnapshot(path);
    expect(content).toMatchObject({ kind: 'rows', format: 'statetrace-v1', source: 'Test' });
    importSnapshot(target, content, path);
    expect(target.stats()).toMatchObject({ sites: 2, hosts: 6, rows: 60 });
    expect(target.stats().perSite.map((s) => [s.site, s.hosts, s.rows])).toEqual(exported.summary.map((s) => [s.Site, s.Hosts, s.TotalRows]));
    expect(target.getHost('WLLS', 'WLLS-A02-AS-03')?.get('Ethernet7')).toMatchObject({ Name: 'Ethernet7', PortColor: 'Green' });
    expect(events.filter((e) => e.EventName === 'InterfaceSiteCacheSharedStoreState').map((e) => e.Operation)).toEqual(['SnapshotImported', 'InitializedWithSnapshot']);
  });

  it('reads the original export shapes ({SiteKey, HostMap} dictionaries, {Site, Entry} lists) and summaries', () => {
    const exportShape = write('orig.json', JSON.stringify([
      { SiteKey: 'BOYO', HostMap: { 'BOYO-1': { 'Et1/1/1': { Name: 'x', Learned: 'aa', StatusTag: 'Compliant', Template: 'open', AuthClient: 'bb' } } } },
      { Site: 'WLLS', Entry: { HostMap: { 'WLLS-1': [{ PortId: 'Ethernet1', PortName: 'Ethernet1' }, { Port: 'Ethernet2' }] } } },
    ]));
    const content = readSnapshot(exportShape);
    expect(content.summary).toEqual([{ Site: 'BOYO', Hosts: 1, TotalRows: 1 }, { Site: 'WLLS', Hosts: 1, TotalRows: 2 }]);
    expect(content.sites[0]!.hosts[0]!.rows[0]).toMatchObject({ Port: 'Et1/1/1', LearnedMACs: 'aa', ConfigStatus: 'Compliant', AuthTemplate: 'open', AuthClientMAC: 'bb' });
    const summary = readSnapshot(write('summary.json', '\ufeff{"Site":"BOYO","Hosts":12,"TotalRows":120,"CachedAt":"2025-12-26T12:59:27"}'));
    expect(summary).toMatchObject({ kind: 'summary', summary: [{ Site: 'BOYO', Hosts: 12, TotalRows: 120 }] });
    expect(() => importSnapshot(new SharedSiteInterfaceStore(), summary)).toThrow(/summary/);
    expect(() => readSnapshot(write('bad-version.json', JSON.stringify({ format: 'statetrace.shared-cache-snapshot', version: 9, sites: [] })))).toThrow(/version 9/);
    expect(() => readSnapshot(write('garbage.json', '[{"Foo": 1}]'))).toThrow(/entry 1/);
  });
});

describe('resolver (DOMAIN §3.4, §8 item 25)', () => {
  const now = new Date('2026-01-05T00:00:00Z');
  const seedPath = write('SharedCacheSeed.json', toSnapshotJson(generateSeed(), 'Seed', new Date('2025-01-01T00:00:00Z')));
  const good = write('SharedCacheSnapshot-good.json', toSnapshotJson(generateSeed(), 'PostColdPass', new Date('2026-01-04T00:00:00Z')));
  const stale = write('SharedCacheSnapshot-stale.json', toSnapshotJson(generateSeed(), 'PostColdPass', new Date('2025-12-20T00:00:00Z')));
  const oneSite = write('SharedCacheSnapshot-boyo.json', toSnapshotJson(generateSeed({ sites: ['BOYO'] }), 'x', new Date('2026-01-04T00:00:00Z')));
  const oneHost = write('SharedCacheSnapshot-onehost.json', toSnapshotJson(generateSeed({ hostsPerSite: 1 }).slice(0, 2).map((s, i) => ({ ...s, hosts: i === 0 ? s.hosts : [] })), 'x', new Date('2026-01-04T00:00:00Z')));

  it.each([
    ['explicit valid', { explicitPath: good, seedPath }, { Source: 'Explicit', FallbackReason: null, Valid: true, SiteCount: 2, HostCount: 6 }],
    ['stale explicit → seed', { explicitPath: stale, seedPath }, { Source: 'Seed', FallbackReason: 'TooOld: 384h > 168h', Valid: true }],
    ['missing site → seed', { explicitPath: oneSite, seedPath }, { Source: 'Seed', FallbackReason: 'MissingSites: WLLS', Valid: true }],
    ['too few hosts → seed', { explicitPath: oneHost, seedPath }, { Source: 'Seed', FallbackReason: 'InsufficientHosts: 1 < 2' }],
    ['absent explicit → seed', { explicitPath: join(dir, 'nope.json'), seedPath }, { Source: 'Seed', FallbackReason: 'FileNotFound' }],
    ['no seed', { explicitPath: stale, seedPath: join(dir, 'no-seed.json') }, { Source: 'None', FallbackReason: 'SeedNotFound', Valid: false }],
    ['invalid seed', { seedPath: oneSite }, { Source: 'None', FallbackReason: 'SeedInvalid', Valid: false }],
  ] as const)('%s', (_n, options, expected) => {
    expect(resolveSnapshot({ ...options, now })).toMatchObject(expected);
  });

  it('insufficient hosts is reported as such', () => {
    const twoSitesOneHost = write('SharedCacheSnapshot-thin.json', toSnapshotJson(generateSeed({ hostsPerSite: 1 }).map((s, i) => ({ ...s, hosts: i === 0 ? s.hosts : s.hosts })), 'x', new Date('2026-01-04T00:00:00Z')));
    expect(resolveSnapshot({ explicitPath: twoSitesOneHost, seedPath, now, minimumHostCount: 3 })).toMatchObject({ Source: 'Seed', FallbackReason: 'InsufficientHosts: 2 < 3' });
  });

  it('auto-discovers the newest valid snapshot in a folder', () => {
    const folder = mkdtempSync(join(dir, 'auto-'));
    const older = join(folder, 'SharedCacheSnapshot-20260101-000000.json');
    const newer = join(folder, 'SharedCacheSnapshot-20260103-000000.json');
    writeFileSync(older, toSnapshotJson(generateSeed(), 'x', new Date('2026-01-01T00:00:00Z')));
    writeFileSync(newer, toSnapshotJson(generateSeed({ sites: ['BOYO'] }), 'x', new Date('2026-01-03T00:00:00Z')));
    writeFileSync(join(folder, 'SharedCacheSnapshot-latest-summary.json'), '[]');
    utimesSync(older, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    expect(resolveSnapshot({ snapshotDir: folder, seedPath, now })).toMatchObject({ Source: 'AutoDiscovered', ResolvedPath: older, Valid: true });
    expect(resolveSnapshot({ snapshotDir: join(dir, 'empty-nothing'), seedPath, now })).toMatchObject({ Source: 'Seed', FallbackReason: 'NoProductionSnapshot' });
  });
});

describe('guards (DOMAIN §3.4, §8 items 26–27)', () => {
  it('the seed passes MinimumSiteCount 2, MinimumHostCount 5, RequiredSites BOYO,WLLS; removing a site fails', () => {
    const seed = generateSeed();
    const summary = readSnapshot(write('seed-guard.json', toSnapshotJson(seed))).summary;
    const pass = testSnapshotCoverage(summary, { minimumSiteCount: 2, minimumHostCount: 5, requiredSites: ['BOYO', 'WLLS'] });
    expect(pass).toMatchObject({ Pass: true, Statistics: { SiteCount: 2, TotalHostCount: 6, TotalRowCount: 60 } });
    const fail = testSnapshotCoverage(summary.filter((s) => s.Site !== 'WLLS'), { minimumSiteCount: 2, minimumHostCount: 5, requiredSites: ['BOYO', 'WLLS'] });
    expect(fail.Violations).toEqual(['SiteCount', 'HostCount', 'RequiredSites']);
    expect(fail.Messages).toContain('Missing required sites: WLLS');
    expect(testSnapshotCoverage(summary, PLAN_G_SNAPSHOT_GUARD).Violations).toEqual(['HostCount', 'RowCount']);
  });

  it('eviction guard: > 500 hosts, > 50 000 rows, > 50 MB, > 5 % shrink, Remove rate > 10 %', () => {
    expect(testEviction({ sizeBytes: 1000, hostCount: 37, rowCount: 1320, baselineHostCount: 37, operations: { GetHit: 39, Set: 37 } })).toMatchObject({ Status: 'Pass', Violations: [] });
    const bad = testEviction({ sizeBytes: 50 * 1024 * 1024 + 1, hostCount: 501, rowCount: 50_001, baselineHostCount: 600, operations: { GetHit: 8, GetMiss: 0, Set: 0, Remove: 2 } });
    expect(bad.Status).toBe('Fail');
    expect(bad.Violations.map((v) => v.Type)).toEqual(['SizeExceeded', 'HostCountExceeded', 'RowCountExceeded', 'UnexpectedShrinkage', 'HighEvictionRate']);
    expect(testEviction({ sizeBytes: 1, hostCount: 95, rowCount: 1, baselineHostCount: 100 }).Violations).toEqual([]);
    expect(testEviction({ sizeBytes: 1, hostCount: 94, rowCount: 1, baselineHostCount: 100 }).Violations.map((v) => v.Type)).toEqual(['UnexpectedShrinkage']);
  });
});

describe.skipIf(!hasCorpus)(`original seed fixture (fixtures/CISmoke/) ${hasCorpus ? '' : corpusSkipReason}`, () => {
  it('SharedCacheSeed.clixml (UTF-16 CliXML) reads as 2 sites / 6 hosts / 60 rows and passes the seed guard', () => {
    const content = readSnapshot(corpusPath('fixtures', 'CISmoke', 'SharedCacheSeed.clixml'));
    expect(content.format).toBe('clixml');
    expect(content.summary).toEqual([{ Site: 'BOYO', Hosts: 3, TotalRows: 30 }, { Site: 'WLLS', Hosts: 3, TotalRows: 30 }]);
    expect(testSnapshotCoverage(content.summary, { minimumSiteCount: 2, minimumHostCount: 5, requiredSites: ['BOYO', 'WLLS'] }).Pass).toBe(true);
    const store = new SharedSiteInterfaceStore();
    importSnapshot(store, content);
    expect(store.getHost('BOYO', 'BOYO-A01-AS-02')?.get('Ethernet1')).toMatchObject({ Name: 'Ethernet1', PortColor: 'Green', ConfigStatus: 'Compliant' });
  });
});
