import { describe, expect, it } from 'vitest';
import type { CacheLookupResult, InterfaceRow, SiteInterfaceCache } from '../../../plugins/persistence/cache-port.js';
import { device, port, RUN1, RUN2, tempDb } from './helpers.js';

const PORTS = ['Gi1/0/1', 'Gi1/0/2', 'Gi1/0/3', 'Gi1/0/4'];
const count = (db: ReturnType<typeof tempDb>, sql: string): number => (db.connection.prepare(sql).get() as { n: number }).n;
const eventsByName = (events: Array<{ EventName: string }>) => Object.fromEntries(events.map((e) => [e.EventName, e as Record<string, unknown>]));

describe('per-host write (§8 items 15–17, 19)', () => {
  it('first ingest: N inserts, RowsWritten{Rows:N, DeletedRows:0}, N history rows, 1 DeviceHistory, Ports = N', () => {
    const db = tempDb();
    const r = db.writeHost(device('WLLS-A01-AS-01', PORTS.map((p) => port(p))), RUN1);
    expect([r.inserts, r.updates, r.deletedRows, r.rows]).toEqual([4, 0, 0, 4]);
    const ev = eventsByName(r.events);
    expect(ev.RowsWritten).toMatchObject({ Hostname: 'WLLS-A01-AS-01', Site: 'WLLS', RunDate: RUN1.runDate, Rows: 4, DeletedRows: 0 });
    expect(count(db, 'SELECT COUNT(*) AS n FROM Interfaces')).toBe(4);
    expect(count(db, 'SELECT COUNT(*) AS n FROM InterfaceHistory')).toBe(4);
    expect(count(db, 'SELECT COUNT(*) AS n FROM DeviceHistory')).toBe(1);
    expect(count(db, "SELECT Ports AS n FROM DeviceSummary WHERE Hostname = 'WLLS-A01-AS-01'")).toBe(4);
    expect(count(db, 'SELECT COUNT(*) AS n FROM SpanInfo')).toBe(1);
    db.close();
  });

  it('identical re-ingest writes nothing: Rows 0, no new InterfaceHistory rows', () => {
    const db = tempDb();
    const facts = device('WLLS-A01-AS-01', PORTS.map((p) => port(p, { VLAN: p === 'Gi1/0/4' ? 'trunk' : '1' })));
    db.writeHost(facts, RUN1);
    const r = db.writeHost(facts, RUN2);
    expect([r.rows, r.deletedRows, r.unchanged]).toEqual([0, 0, 4]);
    expect(count(db, 'SELECT COUNT(*) AS n FROM InterfaceHistory')).toBe(4);
    expect(count(db, 'SELECT COUNT(*) AS n FROM DeviceHistory')).toBe(2);
    // The original's quirk (VLAN text "trunk" vs stored 0) re-updates that port every run:
    const quirk = db.writeHost(facts, { ...RUN2, vlanTextQuirk: true });
    expect([quirk.rows, quirk.updates]).toEqual([1, 1]);
    db.close();
  });

  it('status change + dropped port + new port → 1 update + 1 insert (Rows 2), DeletedRows 1, history +2', () => {
    const db = tempDb();
    db.writeHost(device('WLLS-A01-AS-01', PORTS.map((p) => port(p))), RUN1);
    const next = [port('Gi1/0/1', { Status: 'notconnect' }), port('Gi1/0/2'), port('Gi1/0/3'), port('Gi1/0/5')];
    const r = db.writeHost(device('WLLS-A01-AS-01', next), RUN2);
    expect([r.updates, r.inserts, r.rows, r.deletedRows]).toEqual([1, 1, 2, 1]);
    expect(eventsByName(r.events).RowsWritten).toMatchObject({ Rows: 2, DeletedRows: 1 });
    const ports = (db.connection.prepare('SELECT Port FROM Interfaces ORDER BY Port').all() as Array<{ Port: string }>).map((x) => x.Port);
    expect(ports).toEqual(['Gi1/0/1', 'Gi1/0/2', 'Gi1/0/3', 'Gi1/0/5']);
    expect(count(db, "SELECT COUNT(*) AS n FROM Interfaces WHERE Port = 'Gi1/0/1' AND Status = 'notconnect'")).toBe(1);
    expect(count(db, 'SELECT COUNT(*) AS n FROM InterfaceHistory')).toBe(6);
    db.close();
  });

  it('bulk path: one BatchId, seed table empty afterwards, InterfaceBulkInsertTiming without RowsStaged, PortBatchReady batch count', () => {
    const db = tempDb();
    const ports = Array.from({ length: 130 }, (_, i) => port(`Gi1/0/${i + 1}`));
    const r = db.writeHost(device('WLLS-A01-AS-01', ports), { ...RUN1, writePath: 'bulk' });
    const ev = eventsByName(r.events);
    expect(count(db, 'SELECT COUNT(*) AS n FROM InterfaceBulkSeed')).toBe(0);
    expect(ev.InterfaceBulkInsertTiming).toMatchObject({ Rows: 130, InsertRowCount: 130, UpdateRowCount: 0, Success: true });
    expect(ev.InterfaceBulkInsertTiming).not.toHaveProperty('RowsStaged');
    expect(ev.PortBatchReady).toMatchObject({ PortsCommitted: 130, ChunkSize: 64, EstimatedBatchCount: 3, BatchId: ev.InterfaceBulkInsertTiming!.BatchId });
    expect(ev.InterfaceSyncTiming).toMatchObject({ RowsStaged: 130, BulkAttempted: true, BulkSucceeded: true, InsertCandidates: 130 });
    db.close();
  });

  it('the direct (per-row) path writes the same rows', () => {
    const a = tempDb();
    const b = tempDb();
    const facts = device('WLLS-A01-AS-01', PORTS.map((p) => port(p)));
    a.writeHost(facts, { ...RUN1, writePath: 'bulk' });
    b.writeHost(facts, { ...RUN1, writePath: 'direct' });
    const next = device('WLLS-A01-AS-01', [port('Gi1/0/1', { Status: 'disabled' }), port('Gi1/0/2'), port('Gi1/0/7')]);
    expect(a.writeHost(next, { ...RUN2, writePath: 'bulk' }).rows).toBe(b.writeHost(next, { ...RUN2, writePath: 'direct' }).rows);
    const history = (db: ReturnType<typeof tempDb>) => db.connection.prepare('SELECT Hostname, RunDate, Port, Status FROM InterfaceHistory ORDER BY RunDate, Port').all();
    expect(history(b)).toEqual(history(a));
    const rows = (db: ReturnType<typeof tempDb>) => db.connection.prepare('SELECT Hostname, Port, Name, Status, VLAN FROM Interfaces ORDER BY Port').all();
    expect(rows(b)).toEqual(rows(a));
    a.close();
    b.close();
  });
});

describe('failure and telemetry (§8 items 20–21)', () => {
  it.each(['summary', 'interfaces', 'span', 'commit'] as const)('a failure at %s rolls back and keeps what was committed', (stage) => {
    const db = tempDb();
    db.writeHost(device('WLLS-A01-AS-01', PORTS.map((p) => port(p))), RUN1);
    const before = db.connection.prepare('SELECT * FROM Interfaces ORDER BY ID').all();
    expect(() => db.writeHost(device('WLLS-A01-AS-01', [port('Gi1/0/9')]), { ...RUN2, failAt: stage })).toThrow(/injected failure/);
    expect(db.connection.prepare('SELECT * FROM Interfaces ORDER BY ID').all()).toEqual(before);
    expect(count(db, 'SELECT COUNT(*) AS n FROM DeviceHistory')).toBe(1);
    expect(count(db, 'SELECT COUNT(*) AS n FROM InterfaceBulkSeed')).toBe(0);
    // The connection is still usable.
    expect(db.writeHost(device('WLLS-A01-AS-01', PORTS.map((p) => port(p))), RUN2).rows).toBe(0);
    db.close();
  });

  it('two site databases take interleaved writes, each with its own writer', () => {
    const boyo = tempDb('BOYO');
    const wlls = tempDb('WLLS');
    for (let i = 0; i < 5; i++) {
      boyo.writeHost(device(`BOYO-A05-AS-0${i}`, [port('Et1/1/1')], { Make: 'Brocade' }), RUN1);
      wlls.writeHost(device(`WLLS-A01-AS-0${i}`, PORTS.map((p) => port(p))), RUN1);
    }
    expect(count(boyo, 'SELECT COUNT(*) AS n FROM Interfaces')).toBe(5);
    expect(count(wlls, 'SELECT COUNT(*) AS n FROM Interfaces')).toBe(20);
    boyo.close();
    wlls.close();
  });

  it('emits the original event names with LatencyMs an integer and the breakdown covering the interface call', () => {
    const db = tempDb();
    const r = db.writeHost(device('WLLS-A01-AS-01', PORTS.map((p) => port(p))), RUN1);
    expect(r.events.map((e) => e.EventName)).toEqual([
      'InterfaceBulkInsertTiming', 'InterfaceBulkInsert', 'PortBatchReady', 'InterfaceSyncTiming', 'RowsWritten', 'DatabaseWriteLatency', 'DatabaseWriteBreakdown',
    ]);
    expect(eventsByName(r.events).InterfaceBulkInsertTiming).toMatchObject({ WritePath: 'direct', Rows: 4 });
    const bulk = db.writeHost(device('WLLS-A01-AS-02', PORTS.map((p) => port(p))), { ...RUN1, writePath: 'bulk' });
    expect(eventsByName(bulk.events).InterfaceBulkInsertTiming).toMatchObject({ WritePath: 'bulk', Rows: 4 });
    // An unchanged host stages nothing and emits no bulk events.
    expect(db.writeHost(device('WLLS-A01-AS-02', PORTS.map((p) => port(p))), RUN2).events.map((e) => e.EventName)[0]).toBe('PortBatchReady');
    const ev = eventsByName(r.events);
    expect(Number.isInteger(ev.DatabaseWriteLatency!.LatencyMs)).toBe(true);
    const breakdown = ev.DatabaseWriteBreakdown as unknown as Record<string, number>;
    expect(breakdown.InterfaceCallDurationMs).toBeLessThanOrEqual(breakdown.DatabaseWriteLatencyMs!);
    expect(breakdown.SummaryDurationMs! + breakdown.InterfaceCallDurationMs! + breakdown.SpanDurationMs!).toBeLessThanOrEqual(breakdown.DatabaseWriteLatencyMs! + 0.01);
    expect(ev.DatabaseWriteBreakdown).toMatchObject({ SiteCacheProvider: 'Unknown', SiteCacheProviderReason: 'DatabaseQueryFallback' });
    db.close();
  });
});

describe('site cache port', () => {
  class FakeCache implements SiteInterfaceCache {
    rows = new Map<string, Map<string, InterfaceRow>>();
    lookups: string[] = [];
    lookup(site: string, host: string): CacheLookupResult {
      this.lookups.push(`${site}/${host}`);
      const rows = this.rows.get(host);
      return rows ? { rows, provider: 'SharedCache', reason: 'SharedCacheMatch', fetchStatus: 'Hit', existingRowSource: 'CacheInitial', telemetry: { SiteCacheHostCount: 1 } } : { rows: undefined, provider: 'Unknown', reason: 'SharedCacheUnavailable', fetchStatus: 'SkippedEmpty' };
    }
    update(_site: string, host: string, rows: ReadonlyMap<string, InterfaceRow>): void {
      this.rows.set(host, new Map(rows));
    }
  }

  it('a miss falls back to the database; the final rows are pushed to the cache; a hit is labelled and used for the diff', () => {
    const db = tempDb();
    const cache = new FakeCache();
    const first = db.writeHost(device('WLLS-A01-AS-01', PORTS.map((p) => port(p))), { ...RUN1, cache });
    expect(first.provider).toBe('Unknown');
    expect(eventsByName(first.events).InterfaceSyncTiming).toMatchObject({ SiteCacheProviderReason: 'SharedCacheUnavailable', LoadCacheMiss: true, SiteCacheExistingRowSource: 'DatabaseQuery' });
    expect([...cache.rows.get('WLLS-A01-AS-01')!.keys()]).toEqual(PORTS);
    const second = db.writeHost(device('WLLS-A01-AS-01', PORTS.map((p) => port(p, p === 'Gi1/0/2' ? { Status: 'disabled' } : {}))), { ...RUN2, cache });
    expect([second.provider, second.providerReason, second.rows]).toEqual(['SharedCache', 'SharedCacheMatch', 1]);
    expect(eventsByName(second.events).DatabaseWriteBreakdown).toMatchObject({ SiteCacheProvider: 'SharedCache', SiteCacheHostCount: 1 });
    expect(cache.rows.get('WLLS-A01-AS-01')!.get('Gi1/0/2')!.Status).toBe('disabled');
    expect(cache.lookups).toEqual(['WLLS/WLLS-A01-AS-01', 'WLLS/WLLS-A01-AS-01']);
    db.close();
  });
});
