/**
 * A stand-in for the parser's `ingestCorpus` that behaves like persistence towards the cache port:
 * per host, consult the cache, else "read the database", diff, write, push the final rows back, and
 * emit the events warm-run reads. Durations are fixed by where the rows came from (no timing in tests).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IngestOptions, IngestResult } from '../../../plugins/parser/ingest-types.js';
import type { InterfaceRow } from '../../../plugins/persistence/cache-port.js';
import { toInterfaceRow } from '../../../plugins/shared-cache/rows.js';

export interface FakeHost {
  site: string;
  hostname: string;
  ports: number;
}

export function fakeCorpus(sites: Record<string, number>, ports = 10): FakeHost[] {
  return Object.entries(sites).flatMap(([site, n]) => Array.from({ length: n }, (_, i) => ({ site, hostname: `${site}-A01-AS-${String(i + 1).padStart(2, '0')}`, ports })));
}

export function fakeIngest(hosts: FakeHost[]) {
  return async (o: IngestOptions): Promise<IngestResult> => {
    const dataDir = o.dataDir ?? join(o.runDir, 'data');
    const historyDir = join(dataDir, 'IngestionHistory');
    mkdirSync(historyDir, { recursive: true });
    const dbFile = join(dataDir, 'db.json');
    const db: Record<string, Record<string, InterfaceRow>> = existsSync(dbFile) ? JSON.parse(readFileSync(dbFile, 'utf8')) : {};
    if (o.historySeed === 'empty') for (const f of readdirSync(historyDir)) writeFileSync(join(historyDir, f), '[]');
    const result: IngestResult = { hosts: [], sites: {}, counts: { hostsSeen: hosts.length, processed: 0, written: 0, skipped: 0, failed: 0, unknownSlices: 0 }, warnings: [], durationMs: 0, dataDir };
    for (const h of hosts) {
      result.counts.processed++;
      const historyFile = join(historyDir, `${h.site}.json`);
      const history: string[] = existsSync(historyFile) ? JSON.parse(readFileSync(historyFile, 'utf8')).map((r: { Hostname: string }) => r.Hostname) : [];
      if (history.includes(h.hostname)) {
        o.emit({ EventName: 'SkippedDuplicate', Hostname: h.hostname, Site: h.site, Reason: 'HashMatch' });
        result.counts.skipped++;
        continue;
      }
      const incoming = new Map(Array.from({ length: h.ports }, (_, p) => [`Gi1/0/${p + 1}`, toInterfaceRow(`Gi1/0/${p + 1}`, { Name: `port ${p + 1}`, Status: 'connected', VLAN: 1 })]));
      const lookup = o.cache?.lookup(h.site, h.hostname);
      const existing = lookup?.rows ?? new Map(Object.entries(db[h.hostname] ?? {}));
      const changed = [...incoming].filter(([port, row]) => JSON.stringify(existing.get(port)) !== JSON.stringify(row)).length;
      db[h.hostname] = Object.fromEntries(incoming);
      o.cache?.update(h.site, h.hostname, incoming);
      const fromCache = lookup?.rows !== undefined;
      const interfaceCall = (fromCache ? 2 : 20) + changed;
      const siteCache = {
        SiteCacheProvider: lookup?.provider ?? 'Unknown',
        SiteCacheProviderReason: lookup?.reason ?? 'DatabaseQueryFallback',
        SiteCacheFetchStatus: lookup?.fetchStatus ?? 'Unknown',
        SiteCacheFetchDurationMs: 0,
      };
      o.emit({ EventName: 'ParseDuration', Hostname: h.hostname, Site: h.site, DurationSeconds: 0.01, Success: true });
      o.emit({ EventName: 'DatabaseWriteLatency', Hostname: h.hostname, Site: h.site, LatencyMs: interfaceCall + 1 });
      o.emit({ EventName: 'InterfaceSyncTiming', Hostname: h.site === 'X' ? '' : h.hostname, Site: h.site, ...siteCache, DiffDurationMs: 1, DiffComparisonDurationMs: 0, LoadExistingRowSetCount: existing.size, UpdateCandidates: changed, ExistingCount: existing.size, FactsConsidered: h.ports });
      o.emit({ EventName: 'DatabaseWriteBreakdown', Hostname: h.hostname, Site: h.site, ...siteCache, InterfaceCallDurationMs: interfaceCall, DatabaseWriteLatencyMs: interfaceCall + 1 });
      writeFileSync(historyFile, JSON.stringify([...history.map((Hostname) => ({ Hostname })), { Hostname: h.hostname }]));
      result.counts.written++;
      result.hosts.push({ key: h.hostname, hostname: h.hostname, site: h.site, file: `${h.hostname}.log`, status: 'written', interfaces: h.ports, rows: changed, deletedRows: 0, interfaceCallMs: interfaceCall, provider: siteCache.SiteCacheProvider });
    }
    writeFileSync(dbFile, JSON.stringify(db));
    return result;
  };
}
