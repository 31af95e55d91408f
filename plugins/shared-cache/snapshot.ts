/**
 * Shared-cache snapshots (DOMAIN §3.3).
 *
 * Our format (written by `exportSnapshot`), versioned JSON:
 * ```json
 * { "format": "statetrace.shared-cache-snapshot", "version": 1, "createdAt": "2026-01-02T18:10:31.941Z",
 *   "source": "PostColdPass",
 *   "sites": [ { "site": "BOYO", "cachedAt": "…", "hostCount": 12, "totalRows": 120,
 *                "hosts": { "BOYO-A05-AS-02": [ { "Port": "Et1/1/1", "Name": "…", …InterfaceRow } ] },
 *                "fingerprints": { "BOYO-A05-AS-02": "sha256:…;len:…;parser:strict;v1" } } ] }
 * ```
 * `fingerprints` (optional, added within version 1: older readers ignore it, files without it load with
 * no fingerprints) holds the source fingerprint of each host's rows, so a warm pass restored from the
 * snapshot can reuse unchanged hosts without a diff.
 * Also read (the original's shapes, as JSON): an array (or one object) of `{SiteKey|Site, HostMap}` or
 * `{SiteKey|Site, Entry: {HostMap, …}}`, where a host value is a port → entry dictionary or a list of
 * rows carrying `Port`/`PortId`; and the summary JSON `[{Site, Hosts, TotalRows, CachedAt}]`, which
 * carries counts only (good for guards, not for import).
 */
import { writeFileSync } from 'node:fs';
import { ErrorCode, StatetraceError } from '../../core/errors.js';
import { readJsonRecords, type JsonRecord } from './read-records.js';
import { toInterfaceRow, type InterfaceRow } from './rows.js';
import type { SharedSiteInterfaceStore } from './store.js';
import { parseCliXml } from './clixml.js';

export const SNAPSHOT_FORMAT = 'statetrace.shared-cache-snapshot';
export const SNAPSHOT_VERSION = 1;

export interface SnapshotHost {
  hostname: string;
  rows: InterfaceRow[];
  /** Source fingerprint of the rows (see persistence's cache port), when known. */
  fingerprint?: string;
}

export interface SnapshotSite {
  site: string;
  cachedAt?: string;
  hosts: SnapshotHost[];
}

/** Per-site counts, whichever format they came from. */
export interface SiteSummary {
  Site: string;
  Hosts: number;
  TotalRows: number;
  CachedAt?: string;
}

export interface SnapshotContent {
  /** `rows`: full host maps (importable); `summary`: counts only. */
  kind: 'rows' | 'summary';
  format: 'statetrace-v1' | 'original-export' | 'original-summary' | 'clixml';
  createdAt?: string;
  source?: string;
  sites: SnapshotSite[];
  summary: SiteSummary[];
}

interface SnapshotFileV1 {
  format: string;
  version: number;
  createdAt: string;
  source?: string;
  sites: Array<{
    site: string;
    cachedAt?: string;
    hostCount: number;
    totalRows: number;
    hosts: Record<string, InterfaceRow[]>;
    fingerprints?: Record<string, string>;
  }>;
}

const byOrdinal = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function summarise(sites: readonly SnapshotSite[]): SiteSummary[] {
  return sites.map((s) => ({
    Site: s.site,
    Hosts: s.hosts.length,
    TotalRows: s.hosts.reduce((n, h) => n + h.rows.length, 0),
    ...(s.cachedAt ? { CachedAt: s.cachedAt } : {}),
  }));
}

/** Merge site lists (later lists win per host), the way exports merge the store with the snapshot holder. */
export function mergeSites(...lists: ReadonlyArray<readonly SnapshotSite[]>): SnapshotSite[] {
  const sites = new Map<string, { site: string; cachedAt?: string; hosts: Map<string, SnapshotHost> }>();
  for (const list of lists) {
    for (const s of list) {
      const key = s.site.trim().toLowerCase();
      const entry = sites.get(key) ?? { site: s.site.trim(), cachedAt: s.cachedAt, hosts: new Map() };
      if (s.cachedAt) entry.cachedAt = s.cachedAt;
      for (const h of s.hosts) {
        if (h.rows.length === 0) entry.hosts.delete(h.hostname.trim().toLowerCase());
        else entry.hosts.set(h.hostname.trim().toLowerCase(), h);
      }
      sites.set(key, entry);
    }
  }
  return [...sites.values()]
    .filter((s) => s.hosts.size > 0)
    .map((s) => ({ site: s.site, cachedAt: s.cachedAt, hosts: [...s.hosts.values()] }));
}

/** Serialise sites in our versioned format; sites, hosts and ports sorted for stable files. */
export function toSnapshotJson(sites: readonly SnapshotSite[], source?: string, createdAt = new Date()): string {
  const file: SnapshotFileV1 = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    createdAt: createdAt.toISOString(),
    ...(source ? { source } : {}),
    sites: [...sites]
      .sort((a, b) => byOrdinal(a.site, b.site))
      .map((s) => {
        const hosts: Record<string, InterfaceRow[]> = {};
        const fingerprints: Record<string, string> = {};
        for (const h of [...s.hosts].sort((a, b) => byOrdinal(a.hostname, b.hostname))) {
          hosts[h.hostname] = [...h.rows].sort((a, b) => byOrdinal(a.Port, b.Port));
          if (h.fingerprint) fingerprints[h.hostname] = h.fingerprint;
        }
        return {
          site: s.site,
          ...(s.cachedAt ? { cachedAt: s.cachedAt } : {}),
          hostCount: s.hosts.length,
          totalRows: s.hosts.reduce((n, h) => n + h.rows.length, 0),
          hosts,
          ...(Object.keys(fingerprints).length > 0 ? { fingerprints } : {}),
        };
      }),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Snapshot of a store (plus optional extra sites, e.g. a site cache's contents), written to `path`. */
export function exportSnapshot(path: string, store: SharedSiteInterfaceStore, options: { extraSites?: SnapshotSite[]; source?: string; siteFilter?: string[] } = {}): SnapshotContent {
  let sites = mergeSites(options.extraSites ?? [], store.entries());
  if (options.siteFilter && options.siteFilter.length > 0) {
    const wanted = new Set(options.siteFilter.map((s) => s.trim().toLowerCase()));
    sites = sites.filter((s) => wanted.has(s.site.toLowerCase()));
  }
  writeFileSync(path, toSnapshotJson(sites, options.source), 'utf8');
  return { kind: 'rows', format: 'statetrace-v1', source: options.source, sites, summary: summarise(sites) };
}

/**
 * Load a snapshot into a store (host maps merged per host). Publishes `SnapshotImported` and the
 * init operation (`InitializedWithSnapshot` for an empty store).
 */
export function importSnapshot(store: SharedSiteInterfaceStore, content: SnapshotContent, path?: string): { sites: number; hosts: number; rows: number } {
  if (content.kind !== 'rows') {
    throw new StatetraceError(ErrorCode.InputInvalid, `${path ?? 'snapshot'} is a summary (site counts only) and holds no rows to import`, {
      location: path ? { file: path } : undefined,
      hint: 'import a full snapshot (statetrace shared-cache export, or the original SharedCacheSnapshot export as JSON); summaries are for guards',
    });
  }
  const wasEmpty = store.stats().sites === 0;
  let hosts = 0;
  let rows = 0;
  for (const site of content.sites) {
    const fragment = new Map<string, Map<string, InterfaceRow>>();
    const fingerprints = new Map<string, string>();
    for (const host of site.hosts) {
      fragment.set(host.hostname, new Map(host.rows.map((r) => [r.Port, r])));
      if (host.fingerprint) fingerprints.set(host.hostname, host.fingerprint);
      hosts++;
      rows += host.rows.length;
    }
    if (fragment.size > 0) store.setSite(site.site, fragment, fingerprints);
  }
  store.state('SnapshotImported', { Path: path ?? null, SiteCount: content.sites.length, HostCount: hosts, TotalRows: rows });
  store.state(wasEmpty ? 'InitializedWithSnapshot' : 'InitReuseStore', { SiteCount: store.stats().sites });
  return { sites: content.sites.length, hosts, rows };
}

/** Read any supported snapshot file (see module comment). */
export function readSnapshot(path: string): SnapshotContent {
  if (/\.clixml$/i.test(path)) return fromOriginal(asRecords(parseCliXml(path)), path, 'clixml');
  const result = readJsonRecords(path);
  if (result.malformed.length > 0 || result.shape === 'empty') {
    throw new StatetraceError(ErrorCode.InputInvalid, `${path} is not a readable snapshot (${result.shape === 'empty' ? 'empty file' : result.malformed[0]!.reason})`, {
      location: { file: path, line: result.malformed[0]?.line },
      hint: 'expected statetrace snapshot JSON, the original export as JSON, or a summary [{Site, Hosts, TotalRows}]',
    });
  }
  const records = result.records.map((r) => r.record);
  const first = records[0];
  if (records.length === 1 && first && first.format === SNAPSHOT_FORMAT) return fromV1(first, path);
  return fromOriginal(records, path, undefined);
}

function asRecords(value: unknown): JsonRecord[] {
  if (Array.isArray(value)) return value.filter((v): v is JsonRecord => typeof v === 'object' && v !== null);
  return typeof value === 'object' && value !== null ? [value as JsonRecord] : [];
}

function fromV1(doc: JsonRecord, path: string): SnapshotContent {
  if (doc.version !== SNAPSHOT_VERSION) {
    throw new StatetraceError(ErrorCode.InputInvalid, `${path}: snapshot version ${String(doc.version)} is not supported (this statetrace reads version ${SNAPSHOT_VERSION})`, {
      location: { file: path },
      hint: 'upgrade statetrace or re-export the snapshot',
    });
  }
  if (!Array.isArray(doc.sites)) {
    throw new StatetraceError(ErrorCode.InputInvalid, `${path}: "sites" must be an array`, { location: { file: path } });
  }
  const sites: SnapshotSite[] = (doc.sites as JsonRecord[]).map((s, i) => {
    if (typeof s.site !== 'string' || !s.site.trim() || typeof s.hosts !== 'object' || s.hosts === null) {
      throw new StatetraceError(ErrorCode.InputInvalid, `${path}: sites[${i}] needs a "site" name and a "hosts" object`, { location: { file: path } });
    }
    const hosts = hostsFrom(s.hosts as JsonRecord);
    const fingerprints = s.fingerprints;
    if (fingerprints !== undefined && (typeof fingerprints !== 'object' || fingerprints === null || Array.isArray(fingerprints))) {
      throw new StatetraceError(ErrorCode.InputInvalid, `${path}: sites[${i}].fingerprints must be an object of hostname → fingerprint`, {
        location: { file: path },
        hint: 'remove "fingerprints" (it is optional) or re-export the snapshot',
      });
    }
    if (fingerprints) {
      const byHost = fingerprints as JsonRecord;
      for (const host of hosts) {
        const value = byHost[host.hostname];
        if (typeof value === 'string' && value) host.fingerprint = value;
      }
    }
    return { site: s.site, cachedAt: typeof s.cachedAt === 'string' ? s.cachedAt : undefined, hosts };
  });
  return {
    kind: 'rows',
    format: 'statetrace-v1',
    createdAt: typeof doc.createdAt === 'string' ? doc.createdAt : undefined,
    source: typeof doc.source === 'string' ? doc.source : undefined,
    sites,
    summary: summarise(sites),
  };
}

function fromOriginal(records: JsonRecord[], path: string, format: 'clixml' | undefined): SnapshotContent {
  const sites: SnapshotSite[] = [];
  const summary: SiteSummary[] = [];
  for (const [i, record] of records.entries()) {
    const siteName = String(record.SiteKey ?? record.Site ?? record.Key ?? (record.Entry as JsonRecord | undefined)?.SiteKey ?? '').trim();
    const entry = (record.Entry && typeof record.Entry === 'object' ? record.Entry : record) as JsonRecord;
    const hostMap = entry.HostMap;
    if (siteName && hostMap && typeof hostMap === 'object') {
      const hosts = hostsFrom(hostMap as JsonRecord);
      sites.push({ site: siteName, cachedAt: typeof entry.CachedAt === 'string' ? entry.CachedAt : undefined, hosts });
    } else if (siteName && (record.Hosts !== undefined || record.TotalRows !== undefined)) {
      summary.push({
        Site: siteName,
        Hosts: countOf(record.Hosts),
        TotalRows: countOf(record.TotalRows),
        ...(typeof record.CachedAt === 'string' ? { CachedAt: record.CachedAt } : {}),
      });
    } else {
      throw new StatetraceError(ErrorCode.InputInvalid, `${path}: entry ${i + 1} has neither {SiteKey, HostMap}, {Site, Entry.HostMap} nor {Site, Hosts, TotalRows}`, {
        location: { file: path },
        hint: 'a snapshot lists sites with their host maps; a summary lists {Site, Hosts, TotalRows}',
      });
    }
  }
  if (sites.length > 0) return { kind: 'rows', format: format ?? 'original-export', sites, summary: summarise(sites) };
  return { kind: 'summary', format: format ?? 'original-summary', sites: [], summary };
}

/** `Hosts` may be a number, or a list/dictionary of hosts (count its entries). */
function countOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return value.length;
  if (value && typeof value === 'object') return Object.keys(value).length;
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}

/** host → (port → entry) dictionary or host → list of rows carrying Port/PortId. */
function hostsFrom(hostMap: JsonRecord): SnapshotHost[] {
  const hosts: SnapshotHost[] = [];
  for (const [hostname, value] of Object.entries(hostMap)) {
    const rows: InterfaceRow[] = [];
    if (Array.isArray(value)) {
      for (const item of value as JsonRecord[]) {
        if (!item || typeof item !== 'object') continue;
        const port = String(item.Port ?? item.PortId ?? item.PortName ?? '').trim();
        if (port) rows.push(toInterfaceRow(port, item));
      }
    } else if (value && typeof value === 'object') {
      for (const [port, entry] of Object.entries(value as JsonRecord)) {
        if (port.trim() && entry && typeof entry === 'object') rows.push(toInterfaceRow(port.trim(), entry as JsonRecord));
      }
    }
    hosts.push({ hostname: hostname.trim(), rows });
  }
  return hosts;
}
