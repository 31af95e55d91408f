/**
 * The shared site interface store (DOMAIN §3.1): site → host → port → row, shared by every lookup of
 * one ingest (the original kept it process-wide across runspaces).
 *
 * Semantics kept from the original:
 * - sites, hosts and ports are trimmed and compared case-insensitively (first spelling kept);
 * - reads return copies (a new port map per host; rows are frozen, so sharing them is safe);
 * - writes merge per host: an incoming host replaces that host, an empty (or null) host value removes
 *   it, other hosts stay;
 * - a disabled store (`STATETRACE_DISABLE_SHARED_CACHE=1`) misses every read and ignores every write.
 * Every operation publishes an `InterfaceSiteCacheSharedStore` event (GetHit/GetMiss/Set/Remove) and
 * lifecycle changes an `InterfaceSiteCacheSharedStoreState` event, when an `emit` sink is given.
 */
import type { EventInput } from '../../core/plugin.js';
import type { InterfaceRow, PortMap } from './rows.js';

export type StoreEventSink = (event: EventInput) => void;

interface HostEntry {
  hostname: string;
  ports: Map<string, InterfaceRow>; // key: lower-cased trimmed port
  /** The same rows keyed by port name as written. Never mutated: a write replaces the whole entry. */
  byPort: ReadonlyMap<string, InterfaceRow>;
  /** Source fingerprint the rows were parsed from (see persistence's cache port), when known. */
  fingerprint?: string;
}

interface SiteEntry {
  siteKey: string;
  hosts: Map<string, HostEntry>; // key: lower-cased trimmed host
  totalRows: number;
  cachedAt: string;
}

export interface SiteStats {
  site: string;
  hosts: number;
  rows: number;
  cachedAt: string;
}

export interface StoreOptions {
  disabled?: boolean;
  emit?: StoreEventSink;
  /** Clock for `CachedAt` (tests pin it). */
  now?: () => Date;
}

export type StoreOperation = 'GetHit' | 'GetMiss' | 'Set' | 'Remove';

const norm = (s: string) => s.trim().toLowerCase();

export class SharedSiteInterfaceStore {
  readonly disabled: boolean;
  private readonly sites = new Map<string, SiteEntry>();
  private readonly emitEvent: StoreEventSink | undefined;
  private readonly now: () => Date;
  /** Operation counts since creation (what the store-state analyzer would count from telemetry). */
  readonly counts: Record<StoreOperation, number> = { GetHit: 0, GetMiss: 0, Set: 0, Remove: 0 };

  constructor(options: StoreOptions = {}) {
    this.disabled = options.disabled ?? false;
    this.emitEvent = options.emit;
    this.now = options.now ?? (() => new Date());
  }

  private op(operation: StoreOperation, site: string, extra: Record<string, unknown> = {}): void {
    this.counts[operation]++;
    this.emitEvent?.({ EventName: 'InterfaceSiteCacheSharedStore', Operation: operation, Site: site, ...extra });
  }

  /** Publish a lifecycle event (`SnapshotImported`, `InitializedEmpty`, `Cleared`, …). */
  state(operation: string, extra: Record<string, unknown> = {}): void {
    this.emitEvent?.({ EventName: 'InterfaceSiteCacheSharedStoreState', Operation: operation, ...extra });
  }

  /** Site statistics without publishing a Get event (the original's "peek"). */
  peekSite(site: string): SiteStats | undefined {
    if (this.disabled) return undefined;
    const entry = this.sites.get(norm(site));
    if (!entry || entry.hosts.size === 0) return undefined;
    return { site: entry.siteKey, hosts: entry.hosts.size, rows: entry.totalRows, cachedAt: entry.cachedAt };
  }

  /** One host's ports (a copy), or undefined. Publishes GetHit/GetMiss. */
  getHost(site: string, hostname: string): PortMap | undefined {
    const entry = this.disabled ? undefined : this.sites.get(norm(site));
    const host = entry?.hosts.get(norm(hostname));
    if (!entry || !host) {
      this.op('GetMiss', site.trim(), { Hostname: hostname.trim() });
      return undefined;
    }
    this.op('GetHit', entry.siteKey, { Hostname: host.hostname, HostCount: entry.hosts.size, TotalRows: entry.totalRows });
    return copyPorts(host);
  }

  /**
   * One host's ports as an immutable snapshot (no copy), or undefined. Publishes GetHit/GetMiss.
   * Safe because the store never mutates a host's map after writing it (a write replaces it), so the
   * caller's view behaves like a copy; this is the cache port's hot path.
   */
  viewHost(site: string, hostname: string): ReadonlyMap<string, InterfaceRow> | undefined {
    return this.viewHostEntry(site, hostname)?.rows;
  }

  /** `viewHost` plus the source fingerprint stored with the rows (undefined when unknown). */
  viewHostEntry(site: string, hostname: string): { rows: ReadonlyMap<string, InterfaceRow>; fingerprint: string | undefined } | undefined {
    const entry = this.disabled ? undefined : this.sites.get(norm(site));
    const host = entry?.hosts.get(norm(hostname));
    if (!entry || !host) {
      this.op('GetMiss', site.trim(), { Hostname: hostname.trim() });
      return undefined;
    }
    this.op('GetHit', entry.siteKey, { Hostname: host.hostname, HostCount: entry.hosts.size, TotalRows: entry.totalRows });
    return { rows: host.byPort, fingerprint: host.fingerprint };
  }

  /** The source fingerprint stored with a host's rows, without publishing an event. */
  hostFingerprint(site: string, hostname: string): string | undefined {
    if (this.disabled) return undefined;
    return this.sites.get(norm(site))?.hosts.get(norm(hostname))?.fingerprint;
  }

  /**
   * Record the source fingerprint of a host whose rows did not change (no Set event: the rows were not
   * written). The entry object is replaced, not mutated, like every write.
   */
  setHostFingerprint(site: string, hostname: string, fingerprint: string): void {
    if (this.disabled) return;
    const entry = this.sites.get(norm(site));
    const hostKey = norm(hostname);
    const host = entry?.hosts.get(hostKey);
    if (entry && host && host.fingerprint !== fingerprint) entry.hosts.set(hostKey, { ...host, fingerprint });
  }

  /** The whole host map of a site (a copy), or undefined. Publishes GetHit/GetMiss. */
  getSite(site: string): Map<string, PortMap> | undefined {
    const entry = this.disabled ? undefined : this.sites.get(norm(site));
    if (!entry || entry.hosts.size === 0) {
      this.op('GetMiss', site.trim());
      return undefined;
    }
    this.op('GetHit', entry.siteKey, { HostCount: entry.hosts.size, TotalRows: entry.totalRows });
    const copy = new Map<string, PortMap>();
    for (const host of entry.hosts.values()) copy.set(host.hostname, copyPorts(host));
    return copy;
  }

  /**
   * Merge a fragment into a site: each host given replaces that host; an empty or null value removes it.
   * Hosts not in the fragment are kept.
   */
  setSite(
    site: string,
    fragment: ReadonlyMap<string, ReadonlyMap<string, InterfaceRow> | null | undefined>,
    /** Source fingerprints per host of the fragment (same keys); hosts without one store none. */
    fingerprints?: ReadonlyMap<string, string | undefined>,
  ): void {
    if (this.disabled) return;
    for (const [hostname, rows] of fragment) this.setHostQuiet(site, hostname, rows, fingerprints?.get(hostname));
    const entry = this.sites.get(norm(site));
    this.op('Set', entry?.siteKey ?? site.trim(), { HostCount: entry?.hosts.size ?? 0, TotalRows: entry?.totalRows ?? 0, FragmentHosts: fragment.size });
  }

  /**
   * Replace one host's ports; empty/null removes the host (publishes Remove instead of Set). The
   * fingerprint replaces the stored one too (absent = unknown), since it describes the new rows.
   */
  setHost(site: string, hostname: string, rows: ReadonlyMap<string, InterfaceRow> | null | undefined, fingerprint?: string): void {
    if (this.disabled) return;
    const removed = this.setHostQuiet(site, hostname, rows, fingerprint);
    const entry = this.sites.get(norm(site));
    this.op(removed ? 'Remove' : 'Set', entry?.siteKey ?? site.trim(), {
      Hostname: hostname.trim(),
      HostCount: entry?.hosts.size ?? 0,
      TotalRows: entry?.totalRows ?? 0,
    });
  }

  /** Returns true when the call removed (or found nothing to keep for) the host. */
  private setHostQuiet(site: string, hostname: string, rows: ReadonlyMap<string, InterfaceRow> | null | undefined, fingerprint?: string): boolean {
    const siteKey = norm(site);
    const hostKey = norm(hostname);
    if (!siteKey || !hostKey) return false;
    let entry = this.sites.get(siteKey);
    if (!rows || rows.size === 0) {
      if (entry) {
        const old = entry.hosts.get(hostKey);
        if (old) {
          entry.totalRows -= old.ports.size;
          entry.hosts.delete(hostKey);
          entry.cachedAt = this.now().toISOString();
        }
        if (entry.hosts.size === 0) this.sites.delete(siteKey);
      }
      return true;
    }
    if (!entry) {
      entry = { siteKey: site.trim(), hosts: new Map(), totalRows: 0, cachedAt: '' };
      this.sites.set(siteKey, entry);
    }
    const ports = new Map<string, InterfaceRow>();
    const byPort = new Map<string, InterfaceRow>();
    for (const [port, row] of rows) {
      const portName = port.trim();
      if (!portName) continue;
      const key = portName.toLowerCase();
      const stored = Object.isFrozen(row) && row.Port === portName ? row : Object.freeze({ ...row, Port: portName });
      const replaced = ports.get(key);
      if (replaced) byPort.delete(replaced.Port);
      ports.set(key, stored);
      byPort.set(portName, stored);
    }
    const previous = entry.hosts.get(hostKey);
    entry.totalRows += ports.size - (previous?.ports.size ?? 0);
    entry.hosts.set(hostKey, { hostname: previous?.hostname ?? hostname.trim(), ports, byPort, ...(fingerprint ? { fingerprint } : {}) });
    entry.cachedAt = this.now().toISOString();
    return false;
  }

  /** Detach everything (the original only dropped its AppDomain slot and logged it). */
  clear(reason = 'Unspecified'): void {
    this.state('ClearRequested', { Reason: reason });
    this.sites.clear();
    this.state('Cleared', { Reason: reason });
  }

  siteNames(): string[] {
    return [...this.sites.values()].map((s) => s.siteKey);
  }

  stats(): { sites: number; hosts: number; rows: number; perSite: SiteStats[] } {
    const perSite = [...this.sites.values()].map((s) => ({ site: s.siteKey, hosts: s.hosts.size, rows: s.totalRows, cachedAt: s.cachedAt }));
    return {
      sites: perSite.length,
      hosts: perSite.reduce((n, s) => n + s.hosts, 0),
      rows: perSite.reduce((n, s) => n + s.rows, 0),
      perSite,
    };
  }

  /** Every site's host map, without publishing events (for snapshots). Rows are shared, frozen. */
  entries(): Array<{ site: string; cachedAt: string; hosts: Array<{ hostname: string; rows: InterfaceRow[]; fingerprint?: string }> }> {
    return [...this.sites.values()].map((s) => ({
      site: s.siteKey,
      cachedAt: s.cachedAt,
      hosts: [...s.hosts.values()].map((h) => ({ hostname: h.hostname, rows: [...h.ports.values()], ...(h.fingerprint ? { fingerprint: h.fingerprint } : {}) })),
    }));
  }
}

function copyPorts(host: HostEntry): PortMap {
  const copy: PortMap = new Map();
  for (const row of host.ports.values()) copy.set(row.Port, row);
  return copy;
}
