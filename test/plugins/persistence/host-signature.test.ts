/**
 * Host-signature fast path: when the cache's rows were produced from the same source (fingerprint) as the
 * host being written, persistence reuses them without a diff; otherwise the normal diff runs.
 */
import { describe, expect, it } from 'vitest';
import type { CacheLookupResult, InterfaceRow, SiteInterfaceCache } from '../../../plugins/persistence/cache-port.js';
import { cachedRowsAsDiff } from '../../../plugins/persistence/diff.js';
import { hostSignatureStatus, type HostSignatureStatus } from '../../../plugins/persistence/site-db.js';
import { device, port, RUN1, RUN2, tempDb } from './helpers.js';

const HOST = 'WLLS-A01-AS-01';
const PORTS = ['Gi1/0/1', 'Gi1/0/2', 'Gi1/0/3', 'Gi1/0/4'];
const count = (db: ReturnType<typeof tempDb>, sql: string): number => (db.connection.prepare(sql).get() as { n: number }).n;
const byName = (events: Array<{ EventName: string }>, name: string) => events.find((e) => e.EventName === name) as Record<string, unknown>;

/** A cache that remembers rows with their fingerprint and records what `update` was handed. */
class FingerprintCache implements SiteInterfaceCache {
  hosts = new Map<string, { rows: ReadonlyMap<string, InterfaceRow>; fingerprint?: string }>();
  served: ReadonlyMap<string, InterfaceRow> | undefined;
  updates: Array<{ rows: ReadonlyMap<string, InterfaceRow>; fingerprint?: string; sameMapAsServed: boolean }> = [];
  lookup(_site: string, host: string): CacheLookupResult {
    const entry = this.hosts.get(host);
    this.served = entry?.rows;
    if (!entry) return { rows: undefined, provider: 'Unknown', reason: 'DatabaseQueryFallback' };
    return { rows: entry.rows, provider: 'SharedCache', reason: 'SharedCacheMatch', ...(entry.fingerprint ? { fingerprint: entry.fingerprint } : {}) };
  }
  update(_site: string, host: string, rows: ReadonlyMap<string, InterfaceRow>, fingerprint?: string): void {
    this.updates.push({ rows, fingerprint, sameMapAsServed: rows === this.served });
    this.hosts.set(host, { rows: new Map(rows), ...(fingerprint ? { fingerprint } : {}) });
  }
}

describe('hostSignatureStatus', () => {
  it.each<[string | undefined, string | undefined, boolean, HostSignatureStatus]>([
    ['fp-a', 'fp-a', false, 'Match'],
    ['fp-a', 'fp-b', false, 'Mismatch'],
    [undefined, 'fp-a', false, 'CachedFingerprintMissing'],
    ['', 'fp-a', false, 'CachedFingerprintMissing'],
    ['fp-a', undefined, false, 'SourceFingerprintMissing'],
    ['fp-a', 'fp-a', true, 'VlanTextQuirk'],
  ])('cached %s, incoming %s, quirk %s → %s', (cached, incoming, quirk, expected) => {
    expect(hostSignatureStatus(cached, incoming, quirk)).toBe(expected);
  });
});

describe('cachedRowsAsDiff', () => {
  it('nothing to write, every cached port unchanged; blank ports skipped, repeated ports counted as duplicates', () => {
    const cached = new Map(PORTS.map((p) => [p, { Port: p } as InterfaceRow]));
    const incoming = [...PORTS, 'gi1/0/1', ' '].map((p) => ({ Port: p }));
    expect(cachedRowsAsDiff(cached, incoming)).toEqual({ inserts: [], updates: [], deletes: [], unchanged: 4, duplicatePorts: 1, seenPorts: 4, finalCount: 4 });
  });
});

describe('host-signature fast path in writeHost', () => {
  it('same fingerprint: cached rows reused, no interface writes, the served map handed back, Match telemetry', () => {
    const db = tempDb();
    const cache = new FingerprintCache();
    const facts = device(HOST, PORTS.map((p) => port(p)));
    const first = db.writeHost(facts, { ...RUN1, cache, fingerprint: 'fp-1' });
    // A miss: nothing to compare, so no signature fields.
    expect(byName(first.events, 'DatabaseWriteBreakdown')).not.toHaveProperty('SiteCacheHostMapSignatureMatchCount');
    expect(cache.updates[0]).toMatchObject({ fingerprint: 'fp-1', sameMapAsServed: false });

    const second = db.writeHost(facts, { ...RUN2, cache, fingerprint: 'fp-1' });
    expect([second.rows, second.deletedRows, second.unchanged, second.inserts, second.updates]).toEqual([0, 0, 4, 0, 0]);
    expect(cache.updates[1]).toMatchObject({ fingerprint: 'fp-1', sameMapAsServed: true });
    const signature = { SiteCacheHostMapSignatureMatchCount: 1, SiteCacheHostMapSignatureRewriteCount: 0, SiteCacheHostMapSignatureStatus: 'Match' };
    expect(byName(second.events, 'DatabaseWriteBreakdown')).toMatchObject({ ...signature, SiteCacheProvider: 'SharedCache', InsertCandidates: 0, UpdateCandidates: 0 });
    expect(byName(second.events, 'InterfaceSyncTiming')).toMatchObject({ ...signature, DiffRowsUnchanged: 4, DiffSeenPorts: 4, CachedRowCount: 4, FactsConsidered: 4, LoadCacheHit: true });
    expect(byName(second.events, 'PortBatchReady')).toMatchObject({ PortsCommitted: 4 });
    expect(byName(second.events, 'RowsWritten')).toMatchObject({ Rows: 0, DeletedRows: 0 });
    expect(count(db, 'SELECT COUNT(*) AS n FROM InterfaceHistory')).toBe(4);
    expect(count(db, 'SELECT COUNT(*) AS n FROM Interfaces')).toBe(4);
    // Summary and spanning tree are still written every time.
    expect(count(db, 'SELECT COUNT(*) AS n FROM DeviceHistory')).toBe(2);
    db.close();
  });

  it('a mutated host (new fingerprint) is diffed and updated: changed, new and dropped ports reach the database and the cache', () => {
    const db = tempDb();
    const cache = new FingerprintCache();
    db.writeHost(device(HOST, PORTS.map((p) => port(p))), { ...RUN1, cache, fingerprint: 'fp-1' });
    const mutated = [port('Gi1/0/1', { Status: 'notconnect' }), port('Gi1/0/2'), port('Gi1/0/3'), port('Gi1/0/5')];
    const r = db.writeHost(device(HOST, mutated), { ...RUN2, cache, fingerprint: 'fp-2' });
    expect([r.updates, r.inserts, r.deletedRows, r.rows]).toEqual([1, 1, 1, 2]);
    expect(byName(r.events, 'DatabaseWriteBreakdown')).toMatchObject({
      SiteCacheHostMapSignatureMatchCount: 0,
      SiteCacheHostMapSignatureRewriteCount: 1,
      SiteCacheHostMapSignatureStatus: 'Mismatch',
    });
    expect(count(db, "SELECT COUNT(*) AS n FROM Interfaces WHERE Port = 'Gi1/0/1' AND Status = 'notconnect'")).toBe(1);
    expect((db.connection.prepare('SELECT Port FROM Interfaces ORDER BY Port').all() as Array<{ Port: string }>).map((x) => x.Port)).toEqual(['Gi1/0/1', 'Gi1/0/2', 'Gi1/0/3', 'Gi1/0/5']);
    expect(cache.updates[1]).toMatchObject({ fingerprint: 'fp-2', sameMapAsServed: false });
    expect([...cache.hosts.get(HOST)!.rows.keys()].sort()).toEqual(['Gi1/0/1', 'Gi1/0/2', 'Gi1/0/3', 'Gi1/0/5']);
    expect(cache.hosts.get(HOST)!.rows.get('Gi1/0/1')!.Status).toBe('notconnect');
    db.close();
  });

  it('a stale cache entry carrying the incoming fingerprint is trusted (that is the contract); a changed fingerprint corrects it', () => {
    // The fast path is only as good as the fingerprint: same source → same rows. Here the cache lies on
    // purpose to show the diff is really skipped, and that the next real change repairs it.
    const db = tempDb();
    const cache = new FingerprintCache();
    const facts = device(HOST, PORTS.map((p) => port(p)));
    db.writeHost(facts, { ...RUN1, cache, fingerprint: 'fp-1' });
    const withStatus = device(HOST, PORTS.map((p) => port(p, { Status: 'disabled' })));
    expect(db.writeHost(withStatus, { ...RUN2, cache, fingerprint: 'fp-1' }).updates).toBe(0);
    expect(db.writeHost(withStatus, { ...RUN2, cache, fingerprint: 'fp-3' }).updates).toBe(4);
    expect(count(db, "SELECT COUNT(*) AS n FROM Interfaces WHERE Status = 'disabled'")).toBe(4);
    db.close();
  });

  it.each<[string, { cached?: string; incoming?: string; vlanTextQuirk?: boolean }, HostSignatureStatus, number]>([
    ['cached rows without a fingerprint (old snapshot)', { incoming: 'fp-1' }, 'CachedFingerprintMissing', 0],
    ['no source fingerprint given', { cached: 'fp-1' }, 'SourceFingerprintMissing', 0],
    ['VLAN-text quirk (re-updates trunk ports every run)', { cached: 'fp-1', incoming: 'fp-1', vlanTextQuirk: true }, 'VlanTextQuirk', 1],
  ])('%s: the normal diff runs', (_label, c, status, updates) => {
    const db = tempDb();
    const cache = new FingerprintCache();
    const facts = device(HOST, PORTS.map((p) => port(p, { VLAN: p === 'Gi1/0/4' ? 'trunk' : '1' })));
    db.writeHost(facts, RUN1);
    const rows = new Map(db.connection.prepare('SELECT * FROM Interfaces').all().map((raw) => {
      const r = raw as InterfaceRow;
      return [r.Port, { ...r }] as const;
    }));
    cache.hosts.set(HOST, { rows, ...(c.cached ? { fingerprint: c.cached } : {}) });
    const r = db.writeHost(facts, { ...RUN2, cache, ...(c.incoming ? { fingerprint: c.incoming } : {}), ...(c.vlanTextQuirk ? { vlanTextQuirk: true } : {}) });
    expect(r.updates).toBe(updates);
    expect(r.unchanged).toBe(4 - updates);
    expect(byName(r.events, 'InterfaceSyncTiming')).toMatchObject({ SiteCacheHostMapSignatureMatchCount: 0, SiteCacheHostMapSignatureRewriteCount: updates > 0 ? 1 : 0, SiteCacheHostMapSignatureStatus: status });
    db.close();
  });
});
