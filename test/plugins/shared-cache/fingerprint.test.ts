/**
 * Source fingerprints per cached host (the host-signature fast path of persistence): kept by the store and
 * the site cache, returned by lookups, cleared when rows change without one, carried through snapshots.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventInput } from '../../../core/plugin.js';
import { toInterfaceRow } from '../../../plugins/shared-cache/rows.js';
import { SharedSiteCache } from '../../../plugins/shared-cache/site-cache.js';
import { exportSnapshot, importSnapshot, readSnapshot } from '../../../plugins/shared-cache/snapshot.js';
import { SharedSiteInterfaceStore } from '../../../plugins/shared-cache/store.js';

const dir = mkdtempSync(join(tmpdir(), 'statetrace-fingerprint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ports = (...names: string[]) => new Map(names.map((n) => [n, toInterfaceRow(n, { Name: n, Status: 'connected', VLAN: 1 })]));

describe('store fingerprints', () => {
  it('setHost stores the fingerprint, viewHostEntry returns it with the rows; a write without one clears it', () => {
    const store = new SharedSiteInterfaceStore();
    store.setHost('BOYO', 'H1', ports('a', 'b'), 'fp-1');
    expect(store.viewHostEntry('boyo', ' h1 ')).toMatchObject({ fingerprint: 'fp-1' });
    expect([...store.viewHostEntry('BOYO', 'H1')!.rows.keys()]).toEqual(['a', 'b']);
    expect(store.hostFingerprint('BOYO', 'H1')).toBe('fp-1');
    store.setHost('BOYO', 'H1', ports('a'));
    expect(store.hostFingerprint('BOYO', 'H1')).toBeUndefined();
    expect(store.viewHostEntry('BOYO', 'H2')).toBeUndefined();
  });

  it('setHostFingerprint replaces the entry without a Set event and without touching the rows', () => {
    const events: EventInput[] = [];
    const store = new SharedSiteInterfaceStore({ emit: (e) => events.push(e) });
    store.setHost('BOYO', 'H1', ports('a'), 'fp-1');
    const before = store.viewHost('BOYO', 'H1');
    events.length = 0;
    store.setHostFingerprint('BOYO', 'H1', 'fp-2');
    store.setHostFingerprint('BOYO', 'missing', 'fp-2');
    expect(events).toEqual([]);
    expect(store.hostFingerprint('BOYO', 'H1')).toBe('fp-2');
    expect(store.viewHost('BOYO', 'H1')).toBe(before);
    expect(store.stats()).toMatchObject({ hosts: 1, rows: 1 });
  });

  it('a disabled store knows no fingerprints', () => {
    const store = new SharedSiteInterfaceStore({ disabled: true });
    store.setHost('BOYO', 'H1', ports('a'), 'fp-1');
    expect(store.hostFingerprint('BOYO', 'H1')).toBeUndefined();
  });
});

describe('site cache fingerprints', () => {
  it('update → lookup returns the fingerprint; the served map handed back is recognised without a compare', () => {
    const store = new SharedSiteInterfaceStore();
    const cache = new SharedSiteCache({ store });
    expect(cache.lookup('BOYO', 'H1')).not.toHaveProperty('fingerprint');
    cache.update('BOYO', 'H1', ports('a', 'b'), 'fp-1');
    const hit = cache.lookup('BOYO', 'H1');
    expect(hit).toMatchObject({ provider: 'SharedCache', reason: 'SharedCacheMatch', fingerprint: 'fp-1' });
    cache.update('BOYO', 'H1', hit.rows!, 'fp-1');
    expect(cache.counters).toMatchObject({ updates: 1, updatesSkippedUnchanged: 1 });
  });

  it('unchanged rows from a new source keep their rows and take the new fingerprint; changed rows without one drop it', () => {
    const store = new SharedSiteInterfaceStore();
    const cache = new SharedSiteCache({ store });
    cache.lookup('BOYO', 'H1');
    cache.update('BOYO', 'H1', ports('a'), 'fp-1');
    const served = cache.lookup('BOYO', 'H1');
    cache.update('BOYO', 'H1', new Map(served.rows!), 'fp-2');
    expect(cache.lookup('BOYO', 'H1').fingerprint).toBe('fp-2');
    cache.update('BOYO', 'H1', ports('a', 'b'));
    expect(cache.lookup('BOYO', 'H1').fingerprint).toBeUndefined();
    expect(store.hostFingerprint('BOYO', 'H1')).toBeUndefined();
  });

  it('a disabled store (cold pass): the site cache keeps rows and fingerprints for the post-cold snapshot', () => {
    const store = new SharedSiteInterfaceStore({ disabled: true });
    const cache = new SharedSiteCache({ store, forceRefresh: true });
    cache.lookup('WLLS', 'H1');
    cache.update('WLLS', 'H1', ports('a'), 'fp-1');
    expect(cache.siteEntries()).toEqual([{ site: 'WLLS', hosts: [{ hostname: 'H1', rows: [...ports('a').values()], fingerprint: 'fp-1' }] }]);
  });

  it('SkipSiteCacheUpdate: the existing-row cache returns the fingerprint too', () => {
    const cache = new SharedSiteCache({ store: new SharedSiteInterfaceStore(), skipSiteCacheUpdate: true });
    cache.update('BOYO', 'H1', ports('a'), 'fp-1');
    expect(cache.lookup('BOYO', 'H1')).toMatchObject({ reason: 'SiteExistingCache', fingerprint: 'fp-1' });
  });
});

describe('snapshot fingerprints', () => {
  it('export → read → import carries each host fingerprint (warm pass restored from a snapshot)', () => {
    const cold = new SharedSiteCache({ store: new SharedSiteInterfaceStore({ disabled: true }), forceRefresh: true });
    cold.update('WLLS', 'H1', ports('a'), 'fp-1');
    cold.update('WLLS', 'H2', ports('b'));
    const path = join(dir, 'SharedCacheSnapshot-fp.json');
    exportSnapshot(path, new SharedSiteInterfaceStore({ disabled: true }), { extraSites: cold.siteEntries(), source: 'PostColdPass' });
    const file = JSON.parse(readFileSync(path, 'utf8')) as { version: number; sites: Array<{ fingerprints?: Record<string, string> }> };
    expect(file.version).toBe(1);
    expect(file.sites[0]!.fingerprints).toEqual({ H1: 'fp-1' });
    const warm = new SharedSiteInterfaceStore();
    importSnapshot(warm, readSnapshot(path), path);
    expect(new SharedSiteCache({ store: warm }).lookup('WLLS', 'H1')).toMatchObject({ provider: 'SharedCache', fingerprint: 'fp-1' });
    expect(warm.hostFingerprint('WLLS', 'H2')).toBeUndefined();
  });

  it('a version-1 snapshot without fingerprints still loads (no fingerprints); a malformed fingerprints field is refused', () => {
    const rows = [{ Port: 'a', Name: 'a', Status: 'connected', VLAN: 1 }];
    const old = join(dir, 'old.json');
    writeFileSync(old, JSON.stringify({ format: 'statetrace.shared-cache-snapshot', version: 1, createdAt: '2026-01-01T00:00:00Z', sites: [{ site: 'WLLS', hostCount: 1, totalRows: 1, hosts: { H1: rows } }] }));
    const store = new SharedSiteInterfaceStore();
    importSnapshot(store, readSnapshot(old), old);
    expect(store.stats()).toMatchObject({ hosts: 1, rows: 1 });
    expect(store.hostFingerprint('WLLS', 'H1')).toBeUndefined();
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'statetrace.shared-cache-snapshot', version: 1, createdAt: '2026-01-01T00:00:00Z', sites: [{ site: 'WLLS', hosts: { H1: rows }, fingerprints: ['fp'] }] }));
    expect(() => readSnapshot(bad)).toThrow(/sites\[0\]\.fingerprints must be an object/);
  });
});
