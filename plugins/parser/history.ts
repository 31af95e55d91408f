/**
 * Ingestion history per site (DOMAIN §1.9): `<dataDir>/IngestionHistory/<SITE>.json`, a JSON array of
 * `{Hostname, ActualHostname, Site, FileHash, SourceLength, SourceTimestampUtc, LastIngestedUtc}`.
 * A host whose slice has the same SHA-256 and length as its record is a duplicate (unless its site
 * database is missing). Written the way PowerShell 5.1 wrote it: 4-space indent, UTF-8 BOM.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeSiteName, siteFromHostname } from './site.js';

export interface HistoryRecord {
  Hostname: string;
  ActualHostname: string;
  Site: string;
  FileHash: string;
  SourceLength: number;
  SourceTimestampUtc: string;
  LastIngestedUtc: string;
}

/** Fingerprint of a slice: lower-case hex SHA-256 of its bytes and its byte length. */
export function fingerprint(bytes: Uint8Array): { hash: string; length: number } {
  return { hash: createHash('sha256').update(bytes).digest('hex'), length: bytes.length };
}

/** History site of a slice key: `Get-SiteFromHostname(key, 4)`, unsafe characters → `_`. */
export function historySite(key: string): string {
  return safeSiteName(siteFromHostname(key, 4));
}

export function historyDir(dataDir: string): string {
  return join(dataDir, 'IngestionHistory');
}

/**
 * Tolerant reader: scans for top-level `{…}` objects (brace depth, string-aware), so an array, a single object
 * or concatenated objects all load. Objects that do not parse, or lack a Hostname, are skipped and counted.
 */
export function parseHistoryText(text: string): { records: HistoryRecord[]; invalid: number } {
  const records: HistoryRecord[] = [];
  let invalid = 0;
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' && depth > 0) {
      depth--;
      if (depth === 0 && start >= 0) {
        try {
          const obj = JSON.parse(text.slice(start, i + 1)) as Partial<HistoryRecord>;
          if (typeof obj.Hostname === 'string' && obj.Hostname !== '') records.push(normalise(obj));
          else invalid++;
        } catch {
          invalid++;
        }
        start = -1;
      }
    }
  }
  return { records, invalid };
}

function normalise(obj: Partial<HistoryRecord>): HistoryRecord {
  return {
    Hostname: String(obj.Hostname),
    ActualHostname: String(obj.ActualHostname ?? obj.Hostname),
    Site: String(obj.Site ?? ''),
    FileHash: String(obj.FileHash ?? '').toLowerCase(),
    SourceLength: Number(obj.SourceLength ?? -1),
    SourceTimestampUtc: String(obj.SourceTimestampUtc ?? ''),
    LastIngestedUtc: String(obj.LastIngestedUtc ?? ''),
  };
}

export function readHistoryFile(file: string): { records: HistoryRecord[]; invalid: number } {
  if (!existsSync(file)) return { records: [], invalid: 0 };
  let text = readFileSync(file, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return parseHistoryText(text);
}

/** PowerShell 5.1 `ConvertTo-Json` style: 4-space indent, UTF-8 BOM; written atomically (temp + rename). */
export function writeHistoryFile(file: string, records: HistoryRecord[]): void {
  const body = JSON.stringify(records, null, 4);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `\ufeff${body}`, 'utf8');
  renameSync(tmp, file);
}

/** Rewrite every existing history file to `[]` (the warm-run `Empty` seed). */
export function emptyHistory(dataDir: string): number {
  const dir = historyDir(dataDir);
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.json')) continue;
    writeHistoryFile(join(dir, name), []);
    n++;
  }
  return n;
}

/**
 * In-memory view of the history files of one data folder. Records are looked up by slice key (case-insensitive)
 * and written back per site with `flush` (the ingest flushes periodically and at the end, not after every
 * host: rewriting a 500-host file 10,000 times would dominate a large run. A crash in between only means
 * the unflushed hosts are parsed again next time, and their diff writes nothing).
 */
export class IngestionHistory {
  private readonly sites = new Map<string, Map<string, HistoryRecord>>();
  private readonly dirty = new Set<string>();
  readonly invalidRecords: Array<{ file: string; count: number }> = [];

  constructor(readonly dataDir: string) {}

  /** Site → the history file name actually used (sites compare case-insensitively, as on Windows). */
  private readonly fileNames = new Map<string, string>();

  private fileFor(site: string): string {
    const key = site.toLowerCase();
    let name = this.fileNames.get(key);
    if (!name) {
      const dir = historyDir(this.dataDir);
      const existing = existsSync(dir) ? readdirSync(dir).find((n) => n.toLowerCase() === `${key}.json`) : undefined;
      name = existing ?? `${site}.json`;
      this.fileNames.set(key, name);
    }
    return join(historyDir(this.dataDir), name);
  }

  private site(site: string): Map<string, HistoryRecord> {
    let map = this.sites.get(site.toLowerCase());
    if (!map) {
      map = new Map();
      const file = this.fileFor(site);
      const { records, invalid } = readHistoryFile(file);
      if (invalid > 0) this.invalidRecords.push({ file, count: invalid });
      for (const r of records) map.set(r.Hostname.toLowerCase(), r);
      this.sites.set(site.toLowerCase(), map);
    }
    return map;
  }

  get(key: string): HistoryRecord | undefined {
    return this.site(historySite(key)).get(key.toLowerCase());
  }

  /** Replace the key's record (others of the site are kept). */
  record(record: HistoryRecord): void {
    const site = historySite(record.Hostname);
    this.site(site).set(record.Hostname.toLowerCase(), record);
    this.dirty.add(site.toLowerCase());
  }

  flush(): void {
    if (this.dirty.size === 0) return;
    mkdirSync(historyDir(this.dataDir), { recursive: true });
    for (const site of this.dirty) {
      writeHistoryFile(this.fileFor(site), [...this.site(site).values()]);
    }
    this.dirty.clear();
  }
}
