/**
 * The port through which persistence consults a per-site interface cache before it reads a host's
 * existing rows from the site database (STATETRACE-DOMAIN §2.3, lookup state machine §3.2).
 *
 * Persistence owns the diff; a cache only answers "what rows does this host have right now?" and is
 * told the host's final rows after each successful commit. The shared-cache plugin implements this
 * interface; persistence never imports that plugin. Everything here is synchronous because the
 * single writer thread calls it inside a host's write (an in-memory store answers in microseconds;
 * an implementation backed by files should load them before the ingest starts).
 *
 * Stability: this file is a contract between plugins. Add optional fields; do not rename or remove.
 */

/** One `Interfaces` row as stored (column names of §2.1). `VLAN` is the stored integer (non-numeric text → 0). */
export interface InterfaceRow {
  Port: string;
  Name: string;
  Status: string;
  VLAN: number;
  Duplex: string;
  Speed: string;
  Type: string;
  /** Full comma-separated learned-MAC list. */
  LearnedMACs: string;
  AuthState: string;
  AuthMode: string;
  AuthClientMAC: string;
  AuthTemplate: string;
  Config: string;
  PortColor: string;
  ConfigStatus: string;
  ToolTip: string;
}

/** Provider labels of §3.2: where a host's existing rows came from. */
export type SiteCacheProvider = 'SharedCache' | 'Cache' | 'Refreshed' | 'Unknown';

/**
 * Reasons of §3.2. `SharedCacheMatch` (shared store hit), `AccessCacheHit` (site cache hydrated from the
 * database), `AccessRefresh` (forced refresh), `DatabaseQueryFallback` (plain miss), `SharedCacheUnavailable`
 * (miss, hydration skipped because the store is empty), `SkipSiteCacheUpdate`, `SiteExistingCache`,
 * `Undetermined`, `NotEvaluated`. Free text is allowed for implementation-specific reasons.
 */
export type SiteCacheProviderReason =
  | 'SharedCacheMatch'
  | 'AccessCacheHit'
  | 'AccessRefresh'
  | 'DatabaseQueryFallback'
  | 'SharedCacheUnavailable'
  | 'SkipSiteCacheUpdate'
  | 'SiteExistingCache'
  | 'Undetermined'
  | 'NotEvaluated'
  | (string & {});

/** `SiteCacheFetchStatus` values of §3.2. */
export type SiteCacheFetchStatus = 'SharedOnly' | 'Hit' | 'Miss' | 'Refreshed' | 'Disabled' | 'SkippedEmpty' | 'Unknown' | (string & {});

/** `SiteCacheExistingRowSource` values of §3.2. */
export type SiteCacheExistingRowSource = 'SiteExistingCache' | 'CacheRefresh' | 'CacheInitial' | 'DatabaseQuery' | 'Unknown' | (string & {});

/** What a cache answers for one host. */
export interface CacheLookupResult {
  /**
   * The host's rows keyed by trimmed port name, or `undefined` on a miss (persistence then queries the
   * database and labels the host `Unknown`/`reason` below, `DatabaseQueryFallback` when no reason is given).
   * A returned map is treated as read-only; persistence copies what it keeps.
   */
  rows: ReadonlyMap<string, InterfaceRow> | undefined;
  provider: SiteCacheProvider;
  reason: SiteCacheProviderReason;
  fetchStatus?: SiteCacheFetchStatus;
  existingRowSource?: SiteCacheExistingRowSource;
  /** Time the cache spent answering, reported as `SiteCacheFetchDurationMs`; measured by persistence when absent. */
  fetchDurationMs?: number;
  /** Extra fields to forward verbatim into `InterfaceSyncTiming` and `DatabaseWriteBreakdown` (e.g. `SiteCacheHostCount`). */
  telemetry?: Record<string, string | number | boolean | null>;
  /**
   * The source fingerprint the cached rows were produced from (what `update` was given with them), if
   * the cache knows it. When it equals the fingerprint of the host being written, persistence takes the
   * cached rows as the host's final rows without building and diffing them (host-signature match).
   */
  fingerprint?: string;
}

/**
 * A per-site interface cache. Site keys are the persistence site (`LAB`, `WLLS`, …); compare hosts and
 * ports case-insensitively inside the implementation if you need to.
 */
export interface SiteInterfaceCache {
  /** Consulted once per host, inside the host's transaction, before any database read. */
  lookup(site: string, hostname: string): CacheLookupResult;
  /**
   * Called after the host's transaction committed, with the host's complete final row map
   * (existing + updates + inserts − deletes). An empty map means the host has no rows (remove it).
   *
   * `fingerprint` identifies the source the rows were parsed from (opaque text: hash and length of the
   * host's raw log slice plus the parser mode/version, built by the ingest). Store it with the rows and
   * return it from `lookup`; absent means "unknown": a cache must not keep an older fingerprint for rows
   * that changed (unchanged rows may keep theirs).
   * On a host-signature match persistence passes back the very map `lookup` returned.
   */
  update(site: string, hostname: string, rows: ReadonlyMap<string, InterfaceRow>, fingerprint?: string): void;
}

/** The answer persistence uses when no cache is configured (a plain per-host database query). */
export const NO_CACHE_LOOKUP: CacheLookupResult = Object.freeze({
  rows: undefined,
  provider: 'Unknown',
  reason: 'DatabaseQueryFallback',
  fetchStatus: 'Unknown',
  existingRowSource: 'DatabaseQuery',
}) as CacheLookupResult;
