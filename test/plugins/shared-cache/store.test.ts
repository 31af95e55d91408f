import { describe, expect, it } from 'vitest';
import type { EventInput } from '../../../core/plugin.js';
import { toInterfaceRow } from '../../../plugins/shared-cache/rows.js';
import { SharedSiteCache } from '../../../plugins/shared-cache/site-cache.js';
import { SharedSiteInterfaceStore } from '../../../plugins/shared-cache/store.js';

const ports = (...names: string[]) => new Map(names.map((n) => [n, toInterfaceRow(n, { Name: n, Status: 'connected', VLAN: 1 })]));

function recorder() {
  const events: EventInput[] = [];
  return { events, emit: (e: EventInput) => events.push(e), ops: () => events.map((e) => `${e.EventName === 'InterfaceSiteCacheSharedStore' ? '' : 'state:'}${String(e.Operation)}`) };
}

describe('shared site interface store (DOMAIN §3.1, §8 item 23)', () => {
  it('keys site → host → port case-insensitively and returns copies', () => {
    const rec = recorder();
    const store = new SharedSiteInterfaceStore({ emit: rec.emit });
    store.setHost(' WLLS ', 'WLLS-A01-AS-01', ports('Gi1/0/1', 'Gi1/0/2'));
    const read = store.getHost('wlls', 'wlls-a01-as-01 ')!;
    expect([...read.keys()]).toEqual(['Gi1/0/1', 'Gi1/0/2']);
    read.delete('Gi1/0/1');
    read.set('Gi9/9/9', toInterfaceRow('Gi9/9/9', {}));
    expect(store.getHost('WLLS', 'WLLS-A01-AS-01')!.size).toBe(2);
    expect(Object.isFrozen(read.get('Gi1/0/2'))).toBe(true);
    expect(store.getHost('WLLS', 'nope')).toBeUndefined();
    expect(rec.ops()).toEqual(['Set', 'GetHit', 'GetHit', 'GetMiss']);
  });

  it('merges writes per host: incoming hosts replace, empty or null removes, others stay', () => {
    const store = new SharedSiteInterfaceStore();
    store.setSite('BOYO', new Map([['H1', ports('a', 'b')], ['H2', ports('c')]]));
    store.setSite('BOYO', new Map([['H2', ports('d', 'e', 'f')], ['H3', ports('g')]]));
    expect(store.stats()).toMatchObject({ sites: 1, hosts: 3, rows: 6 });
    store.setSite('BOYO', new Map<string, ReturnType<typeof ports> | null>([['h1', new Map()], ['H3', null]]));
    const site = store.getSite('boyo')!;
    expect([...site.keys()]).toEqual(['H2']);
    expect(store.stats()).toMatchObject({ hosts: 1, rows: 3 });
    store.setHost('BOYO', 'H2', new Map());
    expect(store.stats().sites).toBe(0);
    expect(store.counts).toMatchObject({ Set: 3, Remove: 1, GetHit: 1 });
  });

  it('a disabled store (STATETRACE_DISABLE_SHARED_CACHE=1) misses every read and ignores writes', () => {
    const rec = recorder();
    const store = new SharedSiteInterfaceStore({ disabled: true, emit: rec.emit });
    store.setHost('BOYO', 'H1', ports('a'));
    store.setSite('BOYO', new Map([['H2', ports('b')]]));
    expect(store.getHost('BOYO', 'H1')).toBeUndefined();
    expect(store.getSite('BOYO')).toBeUndefined();
    expect(store.stats().rows).toBe(0);
    expect(rec.ops()).toEqual(['GetMiss', 'GetMiss']);
  });

  it('clear publishes ClearRequested and Cleared', () => {
    const rec = recorder();
    const store = new SharedSiteInterfaceStore({ emit: rec.emit });
    store.setHost('BOYO', 'H1', ports('a'));
    store.clear('Test');
    expect(store.stats().sites).toBe(0);
    expect(rec.ops()).toEqual(['Set', 'state:ClearRequested', 'state:Cleared']);
  });
});

describe('lookup order and provider labels (DOMAIN §3.2, §8 item 28)', () => {
  const db = new Map([['H1', ports('a', 'b')], ['H2', ports('c')]]);

  it('host in the shared store → SharedCache / SharedCacheMatch / SharedOnly', () => {
    const store = new SharedSiteInterfaceStore();
    store.setHost('BOYO', 'H1', ports('a', 'b'));
    const cache = new SharedSiteCache({ store });
    const r = cache.lookup('BOYO', 'h1');
    expect(r).toMatchObject({ provider: 'SharedCache', reason: 'SharedCacheMatch', fetchStatus: 'SharedOnly', existingRowSource: 'CacheInitial' });
    expect(r.rows?.size).toBe(2);
    expect(r.telemetry).toMatchObject({ SiteCacheHostCount: 1, SiteCacheTotalRows: 2, SiteCacheCachedRowCount: 2 });
    expect(r.fetchDurationMs).toBeGreaterThanOrEqual(0);
  });

  it('site cache from the database → Cache / AccessCacheHit / Hit', () => {
    const store = new SharedSiteInterfaceStore();
    const cache = new SharedSiteCache({ store, hydrate: () => db });
    cache.update('BOYO', 'H9', ports('z')); // the site cache has rows, so hydration is allowed
    const r = cache.lookup('BOYO', 'H1');
    expect(r).toMatchObject({ provider: 'Cache', reason: 'AccessCacheHit', fetchStatus: 'Hit', existingRowSource: 'CacheInitial' });
  });

  it('forced refresh → Refreshed / AccessRefresh / Refreshed', () => {
    const store = new SharedSiteInterfaceStore({ disabled: true });
    const cache = new SharedSiteCache({ store, forceRefresh: true, hydrate: () => db });
    cache.update('BOYO', 'H9', ports('z'));
    const r = cache.lookup('BOYO', 'H2');
    expect(r).toMatchObject({ provider: 'Refreshed', reason: 'AccessRefresh', fetchStatus: 'Refreshed', existingRowSource: 'CacheRefresh' });
    expect(r.rows?.size).toBe(1);
  });

  it('nothing anywhere → Unknown / SharedCacheUnavailable (hydration skipped) or DatabaseQueryFallback', () => {
    const empty = new SharedSiteCache({ store: new SharedSiteInterfaceStore(), hydrate: () => db });
    expect(empty.lookup('BOYO', 'H1')).toMatchObject({ rows: undefined, provider: 'Unknown', reason: 'SharedCacheUnavailable', fetchStatus: 'SkippedEmpty', existingRowSource: 'DatabaseQuery' });
    const store = new SharedSiteInterfaceStore();
    store.setHost('BOYO', 'OTHER', ports('x'));
    const miss = new SharedSiteCache({ store });
    expect(miss.lookup('BOYO', 'H1')).toMatchObject({ rows: undefined, provider: 'Unknown', reason: 'DatabaseQueryFallback' });
  });

  it('SkipSiteCacheUpdate: existing-row cache only (Cache / SiteExistingCache), misses labelled SkipSiteCacheUpdate, shared store untouched', () => {
    const store = new SharedSiteInterfaceStore();
    const cache = new SharedSiteCache({ store, skipSiteCacheUpdate: true });
    expect(cache.lookup('BOYO', 'H1')).toMatchObject({ provider: 'Unknown', reason: 'SkipSiteCacheUpdate', fetchStatus: 'Disabled' });
    cache.update('BOYO', 'H1', ports('a'));
    expect(store.stats().rows).toBe(0);
    expect(cache.lookup('BOYO', 'H1')).toMatchObject({ provider: 'Cache', reason: 'SiteExistingCache', fetchStatus: 'Hit', existingRowSource: 'SiteExistingCache' });
  });

  it('update pushes final rows to the store, skips unchanged rows that came from the cache, and an empty map removes the host', () => {
    const store = new SharedSiteInterfaceStore();
    const cache = new SharedSiteCache({ store });
    cache.lookup('BOYO', 'H1');
    cache.update('BOYO', 'H1', ports('a', 'b'));
    expect(store.stats().rows).toBe(2);
    const served = cache.lookup('BOYO', 'H1');
    cache.update('BOYO', 'H1', new Map(served.rows!));
    expect(cache.counters.updatesSkippedUnchanged).toBe(1);
    cache.lookup('BOYO', 'H1');
    cache.update('BOYO', 'H1', new Map());
    expect(store.stats().rows).toBe(0);
    expect(cache.counters).toMatchObject({ lookups: 3, hits: 2, misses: 1 });
  });

  it('emits one InterfaceSiteCacheMetrics summary per site', () => {
    const rec = recorder();
    const store = new SharedSiteInterfaceStore();
    store.setHost('BOYO', 'H1', ports('a'));
    const cache = new SharedSiteCache({ store, emit: rec.emit });
    cache.lookup('BOYO', 'H1');
    cache.lookup('BOYO', 'H1');
    cache.lookup('WLLS', 'W1');
    const metrics = rec.events.filter((e) => e.EventName === 'InterfaceSiteCacheMetrics');
    expect(metrics.map((e) => [e.Site, e.CacheStatus])).toEqual([['BOYO', 'SharedOnly'], ['WLLS', 'SkippedEmpty']]);
  });
});

describe('telemetry held back during the timed lookup (DeferredEmitter)', () => {
  it('store events raised in lookup are published, in order, when update finishes', async () => {
    const { DeferredEmitter } = await import('../../../plugins/shared-cache/deferred-emitter.js');
    const published: EventInput[] = [];
    const deferred = new DeferredEmitter((e) => published.push(e));
    const store = new SharedSiteInterfaceStore({ emit: deferred.emit });
    store.setHost('BOYO', 'H1', ports('a'));
    deferred.flush();
    const cache = new SharedSiteCache({ store, emit: deferred.emit, afterUpdate: deferred.flush });
    const before = published.length;
    const r = cache.lookup('BOYO', 'H1');
    expect(published.length).toBe(before); // nothing published inside the lookup
    cache.update('BOYO', 'H1', new Map(r.rows!));
    expect(published.slice(before).map((e) => `${e.EventName}:${e.Operation ?? e.CacheStatus}`)).toEqual(['InterfaceSiteCacheMetrics:SharedOnly', 'InterfaceSiteCacheSharedStore:GetHit']);
  });
});
