/**
 * The per-site interface cache that persistence consults before reading a host's rows from its
 * database (implements `SiteInterfaceCache` of `plugins/persistence/cache-port.ts`), with the
 * original's lookup order and provider labels (DOMAIN §3.2):
 *
 * 1. SkipSiteCacheUpdate: only the existing-row cache is used → `Cache`/`SiteExistingCache` on a hit,
 *    `Unknown`/`SkipSiteCacheUpdate` (FetchStatus `Disabled`) on a miss.
 * 2. The site cache has no rows yet → peek at the shared store: rows → FetchStatus `SharedOnly`;
 *    none → `SkippedEmpty` and database hydration is skipped.
 * 3. Unless ForceRefresh: shared store host (stage Initial) → `SharedCache`/`SharedCacheMatch`.
 * 4. Else, hydration allowed and no force: site cache (hydrated from the database once per site, then
 *    kept current by `update`) → `Cache`/`AccessCacheHit`.
 * 5. Shared store again (stage Refresh); else a forced refresh from the database →
 *    `Refreshed`/`AccessRefresh`.
 * 6. Nothing → `Unknown`: `SharedCacheUnavailable` when hydration was skipped because everything was
 *    empty, else `DatabaseQueryFallback`; persistence then queries the database.
 *
 * After a commit, `update` pushes the host's final rows to the site cache and the shared store, except
 * with SkipSiteCacheUpdate (existing-row cache only) and except when nothing changed and the rows
 * came from the cache (the original skipped that write too).
 *
 * Every cached host map carries the source fingerprint `update` was given with it (hash + length of the
 * host's log slice and the parser version, see persistence's cache port), and every hit returns it: when
 * it equals the incoming host's, persistence reuses the cached rows without a diff (host-signature match).
 */
import { performance } from 'node:perf_hooks';
import type { EventInput } from '../../core/plugin.js';
import type { CacheLookupResult, InterfaceRow, SiteInterfaceCache } from '../persistence/cache-port.js';
import { sameRow, type PortMap } from './rows.js';
import type { SharedSiteInterfaceStore, SiteStats } from './store.js';

/** Reads every interface row of one site from its database, host → port → row (the original's `Get-InterfaceSiteCache`). */
export type SiteHydrator = (site: string) => ReadonlyMap<string, ReadonlyMap<string, InterfaceRow>> | undefined;

export interface SiteCacheOptions {
  store: SharedSiteInterfaceStore;
  emit?: (event: EventInput) => void;
  /** `STATETRACE_SKIP_SITECACHE_UPDATE`. */
  skipSiteCacheUpdate?: boolean;
  /** `STATETRACE_FORCE_SITE_CACHE_REFRESH`. */
  forceRefresh?: boolean;
  /** Database hydration; absent = the site cache only learns from `update` (no `AccessCacheHit` before). */
  hydrate?: SiteHydrator;
  /**
   * Called at the end of every `update` (after the host's commit): publish telemetry held back during
   * the timed lookup (see `DeferredEmitter`).
   */
  afterUpdate?: () => void;
}

interface SiteState {
  siteKey: string;
  hosts: Map<string, { hostname: string; ports: PortMap; fingerprint?: string }>; // key: lower-cased host
  rows: number;
  hydrated: boolean;
  /** Hydration skipped because neither the site cache nor the shared store had rows. */
  skippedEmpty: boolean;
  metricsEmitted: boolean;
}

export interface SiteCacheCounters {
  lookups: number;
  hits: number;
  misses: number;
  byProvider: Record<string, number>;
  byReason: Record<string, number>;
  updates: number;
  updatesSkippedUnchanged: number;
}

const norm = (s: string) => s.trim().toLowerCase();

export class SharedSiteCache implements SiteInterfaceCache {
  readonly store: SharedSiteInterfaceStore;
  private readonly emitEvent: ((event: EventInput) => void) | undefined;
  private readonly skip: boolean;
  private readonly forceRefresh: boolean;
  private readonly hydrate: SiteHydrator | undefined;
  private readonly afterUpdate: (() => void) | undefined;
  private readonly sites = new Map<string, SiteState>();
  /** Existing-row cache used under SkipSiteCacheUpdate: site|host → rows. */
  private readonly existingRows = new Map<string, { rows: PortMap; fingerprint?: string }>();
  /** What the last lookup returned per site|host, to skip unchanged write-backs. */
  private readonly servedFromCache = new Map<string, ReadonlyMap<string, InterfaceRow>>();
  readonly counters: SiteCacheCounters = { lookups: 0, hits: 0, misses: 0, byProvider: {}, byReason: {}, updates: 0, updatesSkippedUnchanged: 0 };

  constructor(options: SiteCacheOptions) {
    this.store = options.store;
    this.emitEvent = options.emit;
    this.skip = options.skipSiteCacheUpdate ?? false;
    this.forceRefresh = options.forceRefresh ?? false;
    this.hydrate = options.hydrate;
    this.afterUpdate = options.afterUpdate;
  }

  lookup(site: string, hostname: string): CacheLookupResult {
    const started = performance.now();
    const result = this.resolve(site, hostname);
    result.fetchDurationMs = performance.now() - started;
    this.count(result);
    const key = `${norm(site)}|${norm(hostname)}`;
    if (result.rows) this.servedFromCache.set(key, result.rows);
    else this.servedFromCache.delete(key);
    return result;
  }

  private resolve(site: string, hostname: string): CacheLookupResult {
    const hostKey = norm(hostname);
    if (this.skip) {
      const existing = this.existingRows.get(`${norm(site)}|${hostKey}`);
      if (existing && existing.rows.size > 0) {
        return this.answer(existing.rows, 'Cache', 'SiteExistingCache', 'Hit', 'SiteExistingCache', this.store.peekSite(site), 'Initial', existing.fingerprint);
      }
      return this.answer(undefined, 'Unknown', 'SkipSiteCacheUpdate', 'Disabled', 'DatabaseQuery', this.store.peekSite(site), 'Initial');
    }

    const state = this.siteState(site);
    const sharedStats = this.store.peekSite(site);
    let fetchStatus: string = 'Miss';
    if (state.rows === 0) {
      if (sharedStats) fetchStatus = 'SharedOnly';
      else {
        fetchStatus = 'SkippedEmpty';
        state.skippedEmpty = true;
      }
    }
    this.emitSiteMetrics(state, fetchStatus, sharedStats);

    if (!this.forceRefresh) {
      const shared = this.store.viewHostEntry(site, hostname);
      if (shared) return this.answer(shared.rows, 'SharedCache', 'SharedCacheMatch', fetchStatus === 'SharedOnly' ? 'SharedOnly' : 'Hit', 'CacheInitial', sharedStats, 'Initial', shared.fingerprint);
    }

    const hydrationAllowed = this.hydrate !== undefined && !state.skippedEmpty;
    if (!this.forceRefresh) {
      if (hydrationAllowed && !state.hydrated) this.hydrateSite(state, false);
      const cached = state.hosts.get(hostKey);
      if (cached && cached.ports.size > 0) return this.answer(cached.ports, 'Cache', 'AccessCacheHit', 'Hit', 'CacheInitial', sharedStats, 'Initial', cached.fingerprint);
    }

    if (this.forceRefresh) {
      // Stage Refresh: the shared store once more, then a forced reload of the site.
      const shared = this.store.viewHostEntry(site, hostname);
      if (shared) return this.answer(shared.rows, 'SharedCache', 'SharedCacheMatch', fetchStatus === 'SharedOnly' ? 'SharedOnly' : 'Hit', 'CacheRefresh', sharedStats, 'Refresh', shared.fingerprint);
      if (hydrationAllowed) {
        this.hydrateSite(state, true);
        // Rows re-read from the database carry no fingerprint: they are diffed.
        const refreshed = state.hosts.get(hostKey)?.ports;
        if (refreshed && refreshed.size > 0) return this.answer(refreshed, 'Refreshed', 'AccessRefresh', 'Refreshed', 'CacheRefresh', sharedStats, 'Refresh');
      }
    }

    const reason = state.skippedEmpty ? 'SharedCacheUnavailable' : 'DatabaseQueryFallback';
    return this.answer(undefined, 'Unknown', reason, state.skippedEmpty ? 'SkippedEmpty' : 'Miss', 'DatabaseQuery', sharedStats, this.forceRefresh ? 'Refresh' : 'Initial');
  }

  update(site: string, hostname: string, rows: ReadonlyMap<string, InterfaceRow>, fingerprint?: string): void {
    try {
      this.applyUpdate(site, hostname, rows, fingerprint);
    } finally {
      this.afterUpdate?.();
    }
  }

  private applyUpdate(site: string, hostname: string, rows: ReadonlyMap<string, InterfaceRow>, fingerprint: string | undefined): void {
    const key = `${norm(site)}|${norm(hostname)}`;
    if (this.skip) {
      // The original stores DB results in the existing-row cache and leaves the shared caches alone.
      const previous = this.existingRows.get(key);
      if (rows.size === 0) this.existingRows.delete(key);
      else if (previous && (previous.rows === rows || samePorts(previous.rows, rows))) previous.fingerprint = fingerprint ?? previous.fingerprint;
      else this.existingRows.set(key, { rows: new Map(rows), ...(fingerprint ? { fingerprint } : {}) });
      return;
    }
    const served = this.servedFromCache.get(key);
    this.servedFromCache.delete(key);
    // `served === rows`: persistence handed back the map it was served (host-signature match), no compare needed.
    if (served && (served === rows || samePorts(served, rows))) {
      this.counters.updatesSkippedUnchanged++;
      // Unchanged rows: nothing is written, but they now also stand for this source.
      if (fingerprint) this.rememberFingerprint(site, hostname, fingerprint);
      return;
    }
    this.counters.updates++;
    const state = this.siteState(site);
    const hostKey = norm(hostname);
    const previous = state.hosts.get(hostKey);
    if (rows.size === 0) state.hosts.delete(hostKey);
    else state.hosts.set(hostKey, { hostname: previous?.hostname ?? hostname.trim(), ports: new Map(rows), ...(fingerprint ? { fingerprint } : {}) });
    state.rows += rows.size - (previous?.ports.size ?? 0);
    this.store.setHost(site, hostname, rows, fingerprint);
  }

  private rememberFingerprint(site: string, hostname: string, fingerprint: string): void {
    const host = this.sites.get(norm(site))?.hosts.get(norm(hostname));
    if (host) host.fingerprint = fingerprint;
    this.store.setHostFingerprint(site, hostname, fingerprint);
  }

  /** Site-cache contents learned in this ingest (merged into snapshots, like the original's snapshot holder). */
  siteEntries(): Array<{ site: string; hosts: Array<{ hostname: string; rows: InterfaceRow[]; fingerprint?: string }> }> {
    return [...this.sites.values()]
      .filter((s) => s.hosts.size > 0)
      .map((s) => ({
        site: s.siteKey,
        hosts: [...s.hosts.values()].map((h) => ({ hostname: h.hostname, rows: [...h.ports.values()], ...(h.fingerprint ? { fingerprint: h.fingerprint } : {}) })),
      }));
  }

  private siteState(site: string): SiteState {
    const key = norm(site);
    let state = this.sites.get(key);
    if (!state) {
      state = { siteKey: site.trim(), hosts: new Map(), rows: 0, hydrated: false, skippedEmpty: false, metricsEmitted: false };
      this.sites.set(key, state);
    }
    return state;
  }

  private hydrateSite(state: SiteState, refresh: boolean): void {
    const started = performance.now();
    const loaded = this.hydrate?.(state.siteKey);
    state.hydrated = true;
    if (loaded) {
      state.hosts.clear();
      state.rows = 0;
      for (const [host, ports] of loaded) {
        state.hosts.set(norm(host), { hostname: host.trim(), ports: new Map(ports) });
        state.rows += ports.size;
      }
    }
    this.emitEvent?.({
      EventName: 'InterfaceSiteCacheMetrics',
      Site: state.siteKey,
      CacheStatus: refresh ? 'Refreshed' : 'Hydrated',
      Refreshed: refresh,
      HydrationDurationMs: round3(performance.now() - started),
      HostCount: state.hosts.size,
      TotalRows: state.rows,
      Provider: refresh ? 'Refreshed' : 'Cache',
    });
  }

  /** One `InterfaceSiteCacheMetrics` summary per site when it is first touched. */
  private emitSiteMetrics(state: SiteState, fetchStatus: string, shared: SiteStats | undefined): void {
    if (state.metricsEmitted) return;
    state.metricsEmitted = true;
    this.emitEvent?.({
      EventName: 'InterfaceSiteCacheMetrics',
      Site: state.siteKey,
      CacheStatus: fetchStatus,
      Refreshed: false,
      HydrationDurationMs: 0,
      HostCount: shared?.hosts ?? state.hosts.size,
      TotalRows: shared?.rows ?? state.rows,
      Provider: fetchStatus === 'SharedOnly' ? 'SharedCache' : 'Unknown',
    });
  }

  private answer(
    rows: ReadonlyMap<string, InterfaceRow> | undefined,
    provider: CacheLookupResult['provider'],
    reason: string,
    fetchStatus: string,
    existingRowSource: string,
    shared: SiteStats | undefined,
    stage: 'Initial' | 'Refresh',
    fingerprint?: string,
  ): CacheLookupResult {
    return {
      rows,
      provider,
      reason,
      fetchStatus,
      existingRowSource,
      ...(rows && fingerprint ? { fingerprint } : {}),
      telemetry: {
        SiteCacheStage: stage,
        SiteCacheHostCount: shared?.hosts ?? 0,
        SiteCacheTotalRows: shared?.rows ?? 0,
        SiteCacheCachedRowCount: rows?.size ?? 0,
      },
    };
  }

  private count(result: CacheLookupResult): void {
    this.counters.lookups++;
    if (result.rows) this.counters.hits++;
    else this.counters.misses++;
    this.counters.byProvider[result.provider] = (this.counters.byProvider[result.provider] ?? 0) + 1;
    this.counters.byReason[result.reason] = (this.counters.byReason[result.reason] ?? 0) + 1;
  }
}

function samePorts(a: ReadonlyMap<string, InterfaceRow>, b: ReadonlyMap<string, InterfaceRow>): boolean {
  if (a.size !== b.size) return false;
  const byLower = new Map<string, InterfaceRow>();
  for (const [port, row] of a) byLower.set(port.trim().toLowerCase(), row);
  for (const [port, row] of b) {
    const other = byLower.get(port.trim().toLowerCase());
    if (!other || !sameRow(other, row)) return false;
  }
  return true;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
