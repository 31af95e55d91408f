import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventInput } from '../../../core/plugin.js';
import { generateCorpus } from '../../../plugins/parser/corpus/generate.js';
import { ingestCorpus } from '../../../plugins/parser/ingest.js';
import { dbPathForSite, readSiteCounts } from '../../../plugins/persistence/store.js';
import { corpusSkipReason, hasCorpus } from '../../corpus.js';
import { liveSwitchLog, vendorLog } from './fixture-logs.js';

function setup() {
  const root = mkdtempSync(join(tmpdir(), 'st-ingest-'));
  const corpus = join(root, 'corpus');
  generateCorpus({ outDir: corpus, seed: 7 });
  const events: EventInput[] = [];
  const run = (extra: Partial<Parameters<typeof ingestCorpus>[0]> = {}) =>
    ingestCorpus({ corpusDir: corpus, runDir: root, emit: (e) => events.push(e), concurrency: 0, ...extra });
  const of = (name: string) => events.filter((e) => e.EventName === name);
  return { root, corpus, events, run, of };
}

describe('ingestCorpus (inline parsing)', () => {
  it('ingests the default corpus cold: 37 hosts, 1,320 rows, telemetry per host with the original field names', async () => {
    const t = setup();
    const r = await t.run();
    expect(r.counts).toMatchObject({ hostsSeen: 37, processed: 37, skipped: 0, failed: 0 });
    expect(r.sites).toMatchObject({ BOYO: { hosts: 12, rows: 120 }, WLLS: { hosts: 25, rows: 1200 } });
    expect(r.warnings).toEqual([]);
    expect(t.of('ConcurrencyProfileResolved')).toHaveLength(1);
    expect(t.of('ParserSchedulerLaunch')).toHaveLength(37);
    for (const name of ['ParseDuration', 'RowsWritten', 'DatabaseWriteLatency', 'DatabaseWriteBreakdown', 'InterfaceSyncTiming', 'PortBatchReady', 'InterfaceBulkInsertTiming']) {
      expect(t.of(name), name).toHaveLength(37);
    }
    const pd = t.of('ParseDuration')[0]!;
    expect(Object.keys(pd).sort()).toEqual(['DurationSeconds', 'EventName', 'FileName', 'Hostname', 'Site', 'StartTime', 'Success']);
    expect(pd.StartTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
    const rows: Record<string, number> = {};
    for (const e of t.of('RowsWritten')) rows[e.Site as string] = (rows[e.Site as string] ?? 0) + (e.Rows as number);
    expect(rows).toEqual({ BOYO: 120, WLLS: 1200 });
  });

  it('an unchanged re-run is all SkippedDuplicate (no ParseDuration, no writes); a deleted site DB forces a re-parse (§8 item 12)', async () => {
    const t = setup();
    await t.run();
    t.events.length = 0;
    const second = await t.run();
    expect(second.counts).toMatchObject({ processed: 0, skipped: 37 });
    expect(t.of('ParseDuration')).toHaveLength(0);
    expect(t.of('RowsWritten')).toHaveLength(0);
    expect(t.of('SkippedDuplicate')[0]).toMatchObject({ Reason: 'HashMatch', SourceLength: expect.any(Number), FileHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    rmSync(join(t.root, 'data', 'BOYO'), { recursive: true });
    t.events.length = 0;
    const third = await t.run();
    expect(third.counts).toMatchObject({ processed: 12, skipped: 25 });
    expect(readSiteCounts(join(t.root, 'data')).BOYO!.rows).toBe(120);
  });

  it('history seed "empty" re-parses every host; unchanged hosts then write 0 rows', async () => {
    const t = setup();
    await t.run();
    t.events.length = 0;
    const r = await t.run({ historySeed: 'empty' });
    expect(r.counts.processed).toBe(37);
    expect(t.of('RowsWritten').every((e) => e.Rows === 0 && e.DeletedRows === 0)).toBe(true);
  });

  it('after a 2 % mutation only the touched hosts are written, with only their changed rows', async () => {
    const t = setup();
    await t.run();
    const g = generateCorpus({ outDir: t.corpus, seed: 7, mutate: 0.02 });
    t.events.length = 0;
    const r = await t.run();
    expect(r.counts.processed).toBe(g.mutatedHosts);
    expect(r.counts.skipped).toBe(37 - g.mutatedHosts);
    const written = t.of('RowsWritten').reduce((n, e) => n + (e.Rows as number), 0);
    expect(written).toBe(g.mutatedPorts);
  });

  it('bad input: a host-less file, an unknown vendor, a binary file, a truncated log and a path-like hostname are reported; the rest is ingested', async () => {
    const t = setup();
    writeFileSync(join(t.corpus, 'notes.txt'), 'just some notes\nno prompt here\n');
    writeFileSync(join(t.corpus, 'mystery.log'), 'MYST-A01-AS-01#show version\nAcme SwitchOS 2.1\nMYST-A01-AS-01#\n');
    writeFileSync(join(t.corpus, 'blob.log'), Buffer.from([0x41, 0x00, 0x42, 0x23, 0x0a]));
    writeFileSync(join(t.corpus, 'cut.log'), 'CUT-A01-AS-01#show version\nCisco IOS Software, Version 15.2(7)E4\nCUT-A01-AS-01#show interfaces status\nPort         Name               Status       Vlan       Duplex  Speed Type\nGi1/0/1                         connected    1          a-full a-1000 10/100/1000BaseTX\nGi1/0/2      half a ro');
    writeFileSync(join(t.corpus, 'evil.log'), 'hostname ../../etc/passwd\n../../etc/passwd#show version\nCisco IOS Software, Version 15.2\n');
    const warnings: string[] = [];
    const r = await t.run({ warn: (m) => warnings.push(m) });
    expect(r.counts).toMatchObject({ hostsSeen: 40, processed: 39, failed: 1 });
    expect(warnings.some((w) => w.includes('notes.txt') && w.includes('no host prompt'))).toBe(true);
    expect(warnings.some((w) => w.includes('blob.log') && w.includes('binary'))).toBe(true);
    expect(warnings.some((w) => w.includes('MYST-A01-AS-01') && w.includes('unknown vendor'))).toBe(true);
    expect(warnings.some((w) => w.includes('Gi1/0/2') && w.includes('not understood'))).toBe(true);
    expect(warnings.some((w) => w.includes('path characters'))).toBe(true);
    expect(t.of('ParseDuration').filter((e) => e.Success === false).map((e) => e.Hostname)).toEqual(['MYST-A01-AS-01']);
    expect(r.sites.BOYO!.rows + r.sites.WLLS!.rows).toBe(1320);
    expect(r.sites.CUT!.rows).toBe(1);
    // The path-like hostname stays text in the database; files stay inside the data folder.
    expect(dbPathForSite(r.dataDir, '..')).toBe(join(r.dataDir, '_', '_.sqlite'));
  });

  it('an empty corpus folder is reported, not fatal', async () => {
    const root = mkdtempSync(join(tmpdir(), 'st-ingest-'));
    mkdirSync(join(root, 'corpus'));
    const r = await ingestCorpus({ corpusDir: join(root, 'corpus'), runDir: root, emit: () => undefined, concurrency: 0 });
    expect(r.counts.hostsSeen).toBe(0);
    expect(r.warnings[0]!.message).toMatch(/no \.log or \.txt files/);
  });

  it('stops at an aborted signal', async () => {
    const t = setup();
    const ac = new AbortController();
    ac.abort(new Error('step timed out'));
    await expect(t.run({ signal: ac.signal })).rejects.toThrow('step timed out');
  });

  it('an abort mid-run stops launching; every committed host is complete', async () => {
    const t = setup();
    const ac = new AbortController();
    let parsed = 0;
    const run = ingestCorpus({
      corpusDir: t.corpus,
      runDir: t.root,
      concurrency: 0,
      signal: ac.signal,
      emit: (e) => {
        if (e.EventName === 'ParseDuration' && ++parsed === 5) ac.abort(new Error('timeout'));
      },
    });
    await expect(run).rejects.toThrow('timeout');
    const counts = readSiteCounts(join(t.root, 'data'));
    const hosts = Object.values(counts).flatMap((c) => Object.entries(c.byHost));
    expect(hosts.length).toBeGreaterThanOrEqual(5);
    expect(hosts.length).toBeLessThan(37);
    for (const [host, rows] of hosts) expect(rows, host).toBe(host.startsWith('BOYO') ? 10 : 48);
  });

  it.skipIf(!hasCorpus)(`ingests Juniper/Aruba/Palo Alto only with scored vendor detection (${corpusSkipReason})`, async () => {
    const root = mkdtempSync(join(tmpdir(), 'st-ingest-'));
    mkdirSync(join(root, 'corpus'));
    for (const v of ['Juniper', 'Aruba', 'PaloAlto'] as const) writeFileSync(join(root, 'corpus', `${v}.log`), vendorLog(v));
    const plain = await ingestCorpus({ corpusDir: join(root, 'corpus'), runDir: root, emit: () => undefined, concurrency: 0 });
    expect(plain.counts).toMatchObject({ processed: 0, failed: 3 });
    const scored = await ingestCorpus({ corpusDir: join(root, 'corpus'), runDir: root, emit: () => undefined, concurrency: 0, scoredVendorDetection: true });
    expect(scored.counts).toMatchObject({ processed: 3, failed: 0 });
    expect(scored.sites['EX4300']!.rows).toBe(16);
    expect(scored.sites['PA']!.rows).toBe(10);
    expect(scored.sites['ARUBA']!.rows).toBe(12);
  });

  it.skipIf(!hasCorpus)(`compat mode writes the original's summary site "LAB-" into the LAB database (LiveSwitch; ${corpusSkipReason})`, async () => {
    const root = mkdtempSync(join(tmpdir(), 'st-ingest-'));
    mkdirSync(join(root, 'corpus'));
    writeFileSync(join(root, 'corpus', 'lab.log'), liveSwitchLog());
    const events: EventInput[] = [];
    const strict = await ingestCorpus({ corpusDir: join(root, 'corpus'), runDir: join(root, 'a'), emit: (e) => events.push(e), concurrency: 0 });
    expect(strict.sites.LAB).toMatchObject({ rows: 52 });
    expect(events.find((e) => e.EventName === 'RowsWritten')).toMatchObject({ Site: 'LAB', Rows: 52 });
    events.length = 0;
    const compat = await ingestCorpus({ corpusDir: join(root, 'corpus'), runDir: join(root, 'b'), emit: (e) => events.push(e), concurrency: 0, mode: 'compat', vlanTextQuirk: true });
    expect(compat.sites.LAB).toMatchObject({ rows: 52 });
    expect(events.find((e) => e.EventName === 'RowsWritten')).toMatchObject({ Site: 'LAB-', Rows: 52 });
    expect(readSiteCounts(join(root, 'b', 'data')).LAB!.bySummarySite).toEqual({ 'LAB-': 52 });
  });

  it('a site whose database cannot be written fails its hosts with InterfacePersistenceFailure; other sites are ingested', async () => {
    const t = setup();
    mkdirSync(join(t.root, 'data', 'WLLS', 'WLLS.sqlite'), { recursive: true }); // a folder where the database should be
    const warnings: string[] = [];
    const r = await t.run({ warn: (m) => warnings.push(m) });
    expect(r.counts).toMatchObject({ processed: 12, failed: 25 });
    expect(t.of('InterfacePersistenceFailure')).toHaveLength(25);
    expect(t.of('InterfacePersistenceFailure')[0]).toMatchObject({ Site: 'WLLS', Database: join(t.root, 'data', 'WLLS', 'WLLS.sqlite') });
    expect(t.of('ParseDuration').filter((e) => e.Success === false)).toHaveLength(25);
    expect(warnings.filter((w) => w.includes('database write failed'))).toHaveLength(25);
    expect(r.sites.BOYO!.rows).toBe(120);
  });
});
