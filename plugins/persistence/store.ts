/**
 * Where site databases live and how many rows they hold. One database per site:
 * `<dataDir>/<prefix>/<site>.sqlite` (the original's `Data/<prefix>/<site>.accdb`).
 */
import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode, StatetraceError } from '../../core/errors.js';
import { SiteDatabase } from './site-db.js';

function safe(part: string): string {
  const s = part.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '_');
  return s === '' ? '_' : s;
}

/** `Get-DbPathForSite`: prefix = site up to its first `-`, unsafe characters → `_`. */
export function dbPathForSite(dataDir: string, site: string): string {
  const prefix = site.split('-')[0] || site;
  return join(dataDir, safe(prefix), `${safe(site)}.sqlite`);
}

/** Open site databases, one connection (= one writer) per site. */
export class SiteDatabases {
  private readonly open = new Map<string, SiteDatabase>();
  constructor(readonly dataDir: string) {}

  get(site: string): SiteDatabase {
    const key = site.toLowerCase();
    let db = this.open.get(key);
    if (!db) {
      db = new SiteDatabase(dbPathForSite(this.dataDir, site), site);
      this.open.set(key, db);
    }
    return db;
  }

  exists(site: string): boolean {
    return this.open.has(site.toLowerCase()) || existsSync(dbPathForSite(this.dataDir, site));
  }

  sites(): SiteDatabase[] {
    return [...this.open.values()];
  }

  closeAll(): void {
    for (const db of this.open.values()) db.close();
    this.open.clear();
  }
}

export interface SiteCounts {
  db: string;
  /** `Interfaces` rows. */
  rows: number;
  /** `InterfaceHistory` rows (one per insert or update ever written). */
  historyRows: number;
  hosts: number;
  /** Interfaces rows per host. */
  byHost: Record<string, number>;
  /** Interfaces rows grouped by `DeviceSummary.Site` (the Site telemetry carries; differs only in compat mode). */
  bySummarySite: Record<string, number>;
  historyBySummarySite: Record<string, number>;
  seedRows: number;
}

/** All `*.sqlite` site databases under `dataDir` (one folder level), with their counts read back. */
export function readSiteCounts(dataDir: string): Record<string, SiteCounts> {
  const out: Record<string, SiteCounts> = {};
  if (!existsSync(dataDir)) return out;
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'IngestionHistory') continue;
    for (const file of readdirSync(join(dataDir, entry.name), { withFileTypes: true })) {
      if (!file.isFile() || !file.name.endsWith('.sqlite')) continue;
      const path = join(dataDir, entry.name, file.name);
      let db: Database.Database;
      try {
        db = new Database(path, { readonly: true, fileMustExist: true });
      } catch (error) {
        throw new StatetraceError(ErrorCode.InputInvalid, `cannot open site database ${path}: ${(error as Error).message}`, {
          hint: 'delete the file to let the next ingest rebuild it',
        });
      }
      try {
        const one = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
        const byHost: Record<string, number> = {};
        for (const r of db.prepare('SELECT Hostname AS h, COUNT(*) AS n FROM Interfaces GROUP BY Hostname ORDER BY Hostname').all() as Array<{ h: string; n: number }>) byHost[r.h] = r.n;
        const group = (table: string): Record<string, number> => {
          const g: Record<string, number> = {};
          for (const r of db
            .prepare(`SELECT COALESCE(ds.Site, '') AS s, COUNT(*) AS n FROM ${table} t LEFT JOIN DeviceSummary ds ON ds.Hostname = t.Hostname GROUP BY ds.Site`)
            .all() as Array<{ s: string; n: number }>) g[r.s] = r.n;
          return g;
        };
        out[file.name.replace(/\.sqlite$/, '')] = {
          db: path,
          rows: one('SELECT COUNT(*) AS n FROM Interfaces'),
          historyRows: one('SELECT COUNT(*) AS n FROM InterfaceHistory'),
          hosts: one('SELECT COUNT(*) AS n FROM DeviceSummary'),
          byHost,
          bySummarySite: group('Interfaces'),
          historyBySummarySite: group('InterfaceHistory'),
          seedRows: one('SELECT COUNT(*) AS n FROM InterfaceBulkSeed'),
        };
      } finally {
        db.close();
      }
    }
  }
  return out;
}
