/**
 * One site database: opened once, WAL, one writer (the ingest's writer thread owns the connection), a
 * transaction per host (DOMAIN §2.2). `writeHost` runs summary → interfaces (diff + staged bulk write)
 * → spanning tree → commit, and returns the telemetry payloads; the caller emits them only after the
 * commit, so a rolled-back host leaves no success events behind.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DeviceFacts } from '../parser/types.js';
import { NO_CACHE_LOOKUP, type CacheLookupResult, type InterfaceRow, type SiteInterfaceCache } from './cache-port.js';
import { cachedRowsAsDiff, diffInterfaces, portKey, type DiffOutcome, type IncomingRow } from './diff.js';
import { rowFromDb, rowValues, toInterfaceRow } from './rows.js';
import { INTERFACE_COLUMNS, SCHEMA_DDL, SCHEMA_VERSION } from './schema.js';

export type WritePath = 'bulk' | 'direct';

export interface WriteHostOptions {
  /** `yyyy-MM-dd HH:mm:ss` local; taken once per host. */
  runDate: string;
  cache?: SiteInterfaceCache;
  vlanTextQuirk?: boolean;
  /**
   * `direct` (default) = prepared statements, multi-row inserts, history copied from the written rows (the
   * original's non-ADODB path, 1.4× faster here); `bulk` = the staged seed-table path of §2.4.
   */
  writePath?: WritePath;
  /** `InterfaceBulkChunkSize` (default 64). */
  chunkSize?: number;
  /**
   * Fingerprint of the source the host's rows are parsed from (hash + length of the raw log slice and the
   * parser mode/version; built by the ingest, opaque here). When the cache returns the same fingerprint
   * with its rows, the rows are identical by construction and the diff is skipped (host-signature match).
   */
  fingerprint?: string;
  /** Test hook: throw at a named stage to exercise rollback. */
  failAt?: 'summary' | 'interfaces' | 'span' | 'commit';
}

export type Payload = Record<string, string | number | boolean | null>;

/**
 * Outcome of comparing the cached host map's fingerprint with the incoming one (the original's
 * `SiteCacheHostMapSignature*` fields): `Match` = diff skipped; the others say why the diff ran.
 * Only evaluated when the cache served rows.
 */
export type HostSignatureStatus = 'Match' | 'Mismatch' | 'CachedFingerprintMissing' | 'SourceFingerprintMissing' | 'VlanTextQuirk';

/** Decide whether the cached rows can stand in for the parsed ones without a diff. */
export function hostSignatureStatus(cached: string | undefined, incoming: string | undefined, vlanTextQuirk: boolean): HostSignatureStatus {
  // The quirk compares the parsed VLAN *text* with the stored integer, so it rewrites ports even when
  // nothing changed; skipping the diff would hide that, so the quirk always diffs.
  if (vlanTextQuirk) return 'VlanTextQuirk';
  if (incoming === undefined || incoming === '') return 'SourceFingerprintMissing';
  if (cached === undefined || cached === '') return 'CachedFingerprintMissing';
  return cached === incoming ? 'Match' : 'Mismatch';
}

export interface HostWriteResult {
  hostname: string;
  site: string;
  rows: number;
  deletedRows: number;
  inserts: number;
  updates: number;
  unchanged: number;
  latencyMs: number;
  interfaceCallMs: number;
  provider: string;
  providerReason: string;
  /** Events to emit, in order, once the write is known to have committed. */
  events: Array<{ EventName: string } & Payload>;
}

/** Hosts written between explicit WAL checkpoints (bounds the WAL at roughly 1,000 hosts of rows). */
export const CHECKPOINT_EVERY_HOSTS = 1000;

const ms = (start: number): number => Math.round((performance.now() - start) * 1000) / 1000;

/** `yyyy-MM-dd HH:mm:ss` in local time. */
export function formatRunDate(date = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())} ${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}`;
}

const COLS = INTERFACE_COLUMNS.join(', ');

const SEED_COLS = INTERFACE_COLUMNS.map((c) => `s.${c}`).join(', ');
const tuple = (n: number): string => `(${Array(n).fill('?').join(', ')})`;
const SEED_HEAD = `INSERT INTO InterfaceBulkSeed (BatchId, Hostname, RunDateText, RunDate, ${COLS}) VALUES`;
const SEED_TUPLE = tuple(INTERFACE_COLUMNS.length + 4);
const INTERFACE_HEAD = `INSERT INTO Interfaces (Hostname, ${COLS}) VALUES`;
const INTERFACE_TUPLE = tuple(INTERFACE_COLUMNS.length + 1);
const HISTORY_HEAD = `INSERT INTO InterfaceHistory (Hostname, RunDate, ${COLS}) VALUES`;
const HISTORY_TUPLE = tuple(INTERFACE_COLUMNS.length + 2);

export class SiteDatabase {
  readonly path: string;
  readonly site: string;
  private readonly db: Database.Database;
  private readonly stmt: ReturnType<SiteDatabase['prepare']>;

  constructor(path: string, site: string) {
    this.path = path;
    this.site = site;
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // No automatic checkpoints while one writer streams hosts in: each one fsyncs, and with the history
    // tables doubling the data they cost more than the inserts. `writeHost` checkpoints every
    // CHECKPOINT_EVERY_HOSTS hosts instead, and closing the connection checkpoints the rest.
    this.db.pragma('wal_autocheckpoint = 0');
    this.db.exec(SCHEMA_DDL);
    const version = this.db.prepare('SELECT COUNT(*) AS n FROM SchemaVersion').get() as { n: number };
    if (version.n === 0) {
      this.db
        .prepare('INSERT INTO SchemaVersion (Version, MigrationName, AppliedAt, AppliedBy) VALUES (?, ?, ?, ?)')
        .run(SCHEMA_VERSION, 'Initial', formatRunDate(), 'statetrace');
    }
    this.stmt = this.prepare();
  }

  private prepare() {
    const db = this.db;
    const update = INTERFACE_COLUMNS.filter((c) => c !== 'Port').map((c) => `${c} = ?`).join(', ');
    return {
      summaryUpsert: db.prepare(
        `INSERT INTO DeviceSummary (Hostname, Make, Model, Uptime, Site, Building, Room, Ports, AuthDefaultVLAN, AuthBlock)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(Hostname) DO UPDATE SET Make=excluded.Make, Model=excluded.Model, Uptime=excluded.Uptime, Site=excluded.Site,
           Building=excluded.Building, Room=excluded.Room, Ports=excluded.Ports, AuthDefaultVLAN=excluded.AuthDefaultVLAN, AuthBlock=excluded.AuthBlock`,
      ),
      deviceHistory: db.prepare(
        `INSERT INTO DeviceHistory (Hostname, RunDate, Make, Model, Uptime, Site, Building, Room, Ports, AuthDefaultVLAN, AuthBlock)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      selectHost: db.prepare(`SELECT ${COLS} FROM Interfaces WHERE Hostname = ?`),
      updateInterface: db.prepare(`UPDATE Interfaces SET ${update} WHERE Hostname = ? AND Port = ?`),
      deletePort: db.prepare('DELETE FROM Interfaces WHERE Hostname = ? AND Port = ?'),
      historyFromHost: db.prepare(`INSERT INTO InterfaceHistory (Hostname, RunDate, ${COLS}) SELECT Hostname, ?, ${COLS} FROM Interfaces WHERE Hostname = ?`),
      seedUpdateJoin: db.prepare(
        `UPDATE Interfaces SET ${INTERFACE_COLUMNS.filter((c) => c !== 'Port').map((c) => `${c} = s.${c}`).join(', ')}
         FROM InterfaceBulkSeed AS s WHERE s.BatchId = ? AND Interfaces.Hostname = s.Hostname AND Interfaces.Port = s.Port`,
      ),
      seedInsertMissing: db.prepare(
        `INSERT INTO Interfaces (Hostname, ${COLS})
         SELECT s.Hostname, ${SEED_COLS} FROM InterfaceBulkSeed AS s
         LEFT JOIN Interfaces AS i ON i.Hostname = s.Hostname AND i.Port = s.Port
         WHERE s.BatchId = ? AND i.ID IS NULL`,
      ),
      seedHistory: db.prepare(
        `INSERT INTO InterfaceHistory (Hostname, RunDate, ${COLS})
         SELECT s.Hostname, COALESCE(s.RunDate, s.RunDateText), ${SEED_COLS} FROM InterfaceBulkSeed AS s WHERE s.BatchId = ?`,
      ),
      seedDelete: db.prepare('DELETE FROM InterfaceBulkSeed WHERE BatchId = ?'),
      spanDelete: db.prepare('DELETE FROM SpanInfo WHERE Hostname = ?'),
      spanInsert: db.prepare('INSERT INTO SpanInfo (Hostname, Vlan, RootSwitch, RootPort, Role, Upstream, LastUpdated) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      spanHistory: db.prepare('INSERT INTO SpanHistory (Hostname, RunDate, Vlan, RootSwitch, RootPort, Role, Upstream) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      begin: db.prepare('BEGIN IMMEDIATE'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
    };
  }

  private readonly multiRow = new Map<string, Database.Statement>();
  private hostsSinceCheckpoint = 0;

  /**
   * A prepared multi-row INSERT for `rows` rows (`head` = `INSERT INTO T (cols) VALUES`, `tuple` = `(?, …)`).
   * Binding 32 rows per call instead of one is what keeps the write path close to a bare insert loop.
   */
  private insertStatement(head: string, tuple: string, rows: number): Database.Statement {
    const key = `${head}|${rows}`;
    let stmt = this.multiRow.get(key);
    if (!stmt) {
      stmt = this.db.prepare(`${head} ${Array(rows).fill(tuple).join(', ')}`);
      this.multiRow.set(key, stmt);
    }
    return stmt;
  }

  /** Insert many rows (each an array of values) in chunks of 64, 16, 4 and 1. */
  private insertMany(head: string, tuple: string, rows: Array<Array<string | number>>): void {
    let i = 0;
    for (const chunk of [64, 16, 4, 1]) {
      while (rows.length - i >= chunk) {
        const params: Array<string | number> = [];
        for (let k = 0; k < chunk; k++) for (const v of rows[i + k]!) params.push(v);
        this.insertStatement(head, tuple, chunk).run(params);
        i += chunk;
      }
    }
  }

  /** Write one host in one transaction. Throws after rolling back (the caller emits `InterfacePersistenceFailure`). */
  writeHost(device: DeviceFacts, options: WriteHostOptions): HostWriteResult {
    const s = this.stmt;
    const hostname = device.Hostname;
    const site = device.SummarySite;
    const runDate = options.runDate;
    const chunkSize = options.chunkSize ?? 64;
    const fail = (stage: WriteHostOptions['failAt']): void => {
      if (options.failAt === stage) throw new Error(`injected failure at ${stage}`);
    };
    const started = performance.now();
    s.begin.run();
    let committed = false;
    try {
      // 1. Summary upsert + one DeviceHistory row.
      const summaryStart = performance.now();
      const summary = [device.Make, device.Model, device.Uptime, site, device.Building, device.Room, device.Interfaces.length, device.AuthDefaultVLAN, device.AuthBlock];
      s.summaryUpsert.run(hostname, ...summary);
      s.deviceHistory.run(hostname, runDate, ...summary);
      fail('summary');
      const summaryMs = ms(summaryStart);

      // 2. Interfaces.
      const ifaceStart = performance.now();
      const sync = this.syncInterfaces(device, options);
      fail('interfaces');
      const interfaceCallMs = ms(ifaceStart);

      // 3. Spanning tree: replace the host's rows.
      const spanStart = performance.now();
      s.spanDelete.run(hostname);
      for (const span of device.SpanInfo) {
        s.spanInsert.run(hostname, span.Vlan, span.RootSwitch, span.RootPort, span.Role, span.Upstream, runDate);
        s.spanHistory.run(hostname, runDate, span.Vlan, span.RootSwitch, span.RootPort, span.Role, span.Upstream);
      }
      fail('span');
      const spanMs = ms(spanStart);

      const commitStart = performance.now();
      fail('commit');
      s.commit.run();
      committed = true;
      const commitMs = ms(commitStart);
      const latencyMs = ms(started);
      if (++this.hostsSinceCheckpoint >= CHECKPOINT_EVERY_HOSTS) {
        this.hostsSinceCheckpoint = 0;
        this.db.pragma('wal_checkpoint(PASSIVE)');
      }

      // After commit: tell the cache the host's final rows.
      let cacheUpdateMs = 0;
      if (options.cache) {
        const cacheStart = performance.now();
        options.cache.update(device.Site, hostname, sync.finalByPort(), options.fingerprint);
        cacheUpdateMs = ms(cacheStart);
      }
      sync.timing.SiteCacheUpdateDurationMs = cacheUpdateMs;

      const rows = sync.inserts + sync.updates;
      const events: HostWriteResult['events'] = [];
      // Emitted on both write paths (the issue's telemetry contract lists it); `WritePath` says which.
      if (sync.staged > 0) {
        events.push({ EventName: 'InterfaceBulkInsertTiming', ...sync.bulk });
        events.push({ EventName: 'InterfaceBulkInsert', Hostname: hostname, BatchId: sync.batchId, Rows: sync.staged, RunDate: runDate, Success: true });
      }
      events.push({
        EventName: 'PortBatchReady',
        Hostname: hostname,
        BatchId: sync.batchId,
        RunDate: runDate,
        PortsCommitted: sync.finalCount,
        ChunkSize: chunkSize,
        EstimatedBatchCount: Math.ceil(sync.finalCount / chunkSize),
      });
      events.push({ EventName: 'InterfaceSyncTiming', Hostname: hostname, Site: site, ...sync.timing });
      events.push({ EventName: 'RowsWritten', Hostname: hostname, Site: site, RunDate: runDate, Rows: rows, DeletedRows: sync.deletes });
      events.push({ EventName: 'DatabaseWriteLatency', Hostname: hostname, Site: site, LatencyMs: Math.round(latencyMs) });
      events.push({
        EventName: 'DatabaseWriteBreakdown',
        Hostname: hostname,
        Site: site,
        SummaryDurationMs: summaryMs,
        InterfaceCallDurationMs: interfaceCallMs,
        SpanDurationMs: spanMs,
        CommitDurationMs: commitMs,
        DatabaseWriteLatencyMs: latencyMs,
        RefreshDurationMs: cacheUpdateMs,
        InterfaceDiffDurationMs: sync.timing.DiffDurationMs ?? 0,
        InterfaceDiffComparisonDurationMs: sync.timing.DiffComparisonDurationMs ?? 0,
        BulkCommandExecuteDurationMs: sync.timing.BulkCommandExecuteDurationMs ?? 0,
        LoadExistingDurationMs: sync.timing.LoadExistingDurationMs ?? 0,
        LoadExistingRowSetCount: sync.timing.LoadExistingRowSetCount ?? 0,
        RowsStaged: sync.staged,
        InsertCandidates: sync.inserts,
        UpdateCandidates: sync.updates,
        SiteCacheProvider: sync.lookup.provider,
        SiteCacheProviderReason: sync.lookup.reason,
        SiteCacheFetchStatus: sync.lookup.fetchStatus ?? 'Unknown',
        SiteCacheExistingRowSource: sync.lookup.existingRowSource ?? 'Unknown',
        SiteCacheFetchDurationMs: sync.timing.SiteCacheFetchDurationMs ?? 0,
        ...sync.signature,
        ...(sync.lookup.telemetry ?? {}),
      });
      return {
        hostname,
        site,
        rows,
        deletedRows: sync.deletes,
        inserts: sync.inserts,
        updates: sync.updates,
        unchanged: sync.unchanged,
        latencyMs,
        interfaceCallMs,
        provider: sync.lookup.provider,
        providerReason: String(sync.lookup.reason),
        events,
      };
    } catch (error) {
      if (!committed && this.db.inTransaction) s.rollback.run();
      throw error;
    }
  }

  /** `Update-InterfacesInDb`: load existing rows (cache, else DB), diff, write inserts/updates/deletes. */
  private syncInterfaces(device: DeviceFacts, options: WriteHostOptions) {
    const s = this.stmt;
    const hostname = device.Hostname;
    const timing: Payload = {};
    // Existing rows: the cache first (§3.2), else a per-host query.
    const loadStart = performance.now();
    let lookup: CacheLookupResult = NO_CACHE_LOOKUP;
    if (options.cache) {
      const fetchStart = performance.now();
      lookup = options.cache.lookup(device.Site, hostname);
      timing.SiteCacheFetchDurationMs = lookup.fetchDurationMs ?? ms(fetchStart);
    } else {
      timing.SiteCacheFetchDurationMs = 0;
    }
    const cachedRows = lookup.rows;
    const vlanTextQuirk = options.vlanTextQuirk ?? false;
    // Host-signature check (the original's SiteCacheHostMapSignature* fields): only when the cache served rows.
    const signatureStatus = cachedRows ? hostSignatureStatus(lookup.fingerprint, options.fingerprint, vlanTextQuirk) : undefined;
    const reuseCached = signatureStatus === 'Match' && cachedRows !== undefined;
    let existing: Map<string, InterfaceRow> | undefined;
    if (cachedRows) {
      // On a signature match the cached rows are the final rows; no keyed copy is needed.
      if (!reuseCached) {
        existing = new Map();
        for (const row of cachedRows.values()) existing.set(portKey(row.Port), row);
      }
      timing.LoadCacheHit = true;
      timing.LoadCacheMiss = false;
      timing.CachedRowCount = existing?.size ?? cachedRows.size;
    } else {
      existing = new Map();
      for (const raw of s.selectHost.all(hostname) as Array<Record<string, unknown>>) {
        const row = rowFromDb(raw);
        existing.set(portKey(row.Port), row);
      }
      timing.LoadCacheHit = false;
      timing.LoadCacheMiss = true;
      timing.CachedRowCount = 0;
      if (lookup.provider !== 'Unknown' || lookup.reason === 'NotEvaluated') lookup = { ...lookup, provider: 'Unknown' };
    }
    const existingCount = existing?.size ?? cachedRows?.size ?? 0;
    timing.LoadCacheRefreshed = lookup.provider === 'Refreshed';
    timing.LoadExistingDurationMs = ms(loadStart);
    timing.LoadExistingRowSetCount = existingCount;
    timing.ExistingCount = existingCount;

    // Diff — or, on a host-signature match, none: the same source parsed by the same parser gives the
    // same rows, so final = cached, every port unchanged, nothing to write.
    const diffStart = performance.now();
    let diff: DiffOutcome;
    let finalByPort: () => ReadonlyMap<string, InterfaceRow>;
    if (reuseCached) {
      diff = cachedRowsAsDiff(cachedRows, device.Interfaces);
      // The very map the cache served: the cache recognises it and skips its write-back.
      finalByPort = () => cachedRows;
    } else {
      const incoming: IncomingRow[] = device.Interfaces.map((rec) => ({ row: toInterfaceRow(rec, device), vlanText: rec.VLAN }));
      const computed = diffInterfaces(existing ?? new Map(), incoming, vlanTextQuirk);
      diff = { ...computed, finalCount: computed.final.size };
      finalByPort = () => {
        const byPort = new Map<string, InterfaceRow>();
        for (const row of computed.final.values()) byPort.set(row.Port, row);
        return byPort;
      };
    }
    timing.DiffDurationMs = ms(diffStart);
    timing.DiffComparisonDurationMs = timing.DiffDurationMs;
    timing.FactsConsidered = device.Interfaces.length;
    timing.InsertCandidates = diff.inserts.length;
    timing.UpdateCandidates = diff.updates.length;
    timing.DeleteCandidates = diff.deletes.length;
    timing.DiffRowsCompared = diff.seenPorts;
    timing.DiffRowsChanged = diff.updates.length;
    timing.DiffRowsInserted = diff.inserts.length;
    timing.DiffRowsUnchanged = diff.unchanged;
    timing.DiffSeenPorts = diff.seenPorts;
    timing.DiffDuplicatePorts = diff.duplicatePorts;
    const signature: Payload = signatureStatus === undefined
      ? {}
      : {
          SiteCacheHostMapSignatureMatchCount: reuseCached ? 1 : 0,
          // The cached host map had to be rewritten because the host's rows changed.
          SiteCacheHostMapSignatureRewriteCount: diff.inserts.length + diff.updates.length + diff.deletes.length > 0 ? 1 : 0,
          SiteCacheHostMapSignatureStatus: signatureStatus,
        };
    Object.assign(timing, signature);

    // Deletes (history is never deleted).
    const deleteStart = performance.now();
    for (const port of diff.deletes) s.deletePort.run(hostname, port);
    timing.DeleteDurationMs = ms(deleteStart);

    const batchId = randomUUID();
    const staged = diff.inserts.length + diff.updates.length;
    const bulk: Payload = {
      Hostname: hostname,
      BatchId: batchId,
      RunDate: options.runDate,
      Rows: staged,
      InsertRowCount: diff.inserts.length,
      UpdateRowCount: diff.updates.length,
      UiCloneDurationMs: 0,
      SeedEnsureDurationMs: 0,
      SeedRecordsetOpenDurationMs: 0,
      StageDurationMs: 0,
      ParameterBindDurationMs: 0,
      CommandExecuteDurationMs: 0,
      InterfaceUpdateDurationMs: 0,
      InterfaceInsertDurationMs: 0,
      HistoryInsertDurationMs: 0,
      CleanupDurationMs: 0,
      TransactionCommitDurationMs: 0,
      TransactionUsed: true,
      TransactionLevel: 2,
      TransactionCommitted: true,
      TransactionRolledBack: false,
      RecordsetAttempted: false,
      RecordsetUsed: false,
      WritePath: options.writePath ?? 'direct',
      Success: true,
    };
    const writePath = options.writePath ?? 'direct';
    if (staged > 0) {
      const execStart = performance.now();
      if (writePath === 'bulk') this.bulkWrite(hostname, options.runDate, batchId, diff.inserts, diff.updates, bulk);
      else this.directWrite(hostname, options.runDate, diff.inserts, diff.updates, staged === diff.finalCount, bulk);
      bulk.CommandExecuteDurationMs = ms(execStart);
    }
    timing.RowsStaged = staged;
    timing.BulkAttempted = staged > 0 && writePath === 'bulk';
    timing.BulkSucceeded = staged > 0 && writePath === 'bulk';
    timing.FallbackUsed = false;
    timing.BulkBatchId = batchId;
    timing.BulkRowsCommitted = staged;
    timing.BulkStageDurationMs = bulk.StageDurationMs ?? 0;
    timing.BulkCommandExecuteDurationMs = bulk.CommandExecuteDurationMs ?? 0;
    timing.BulkInterfaceUpdateDurationMs = bulk.InterfaceUpdateDurationMs ?? 0;
    timing.BulkInterfaceInsertDurationMs = bulk.InterfaceInsertDurationMs ?? 0;
    timing.BulkHistoryInsertDurationMs = bulk.HistoryInsertDurationMs ?? 0;
    timing.BulkCleanupDurationMs = bulk.CleanupDurationMs ?? 0;
    timing.UiCloneDurationMs = 0;
    timing.StreamDispatchDurationMs = 0;
    timing.SiteCacheProvider = lookup.provider;
    timing.SiteCacheProviderReason = lookup.reason;
    timing.SiteCacheFetchStatus = lookup.fetchStatus ?? 'Unknown';
    timing.SiteCacheExistingRowSource = lookup.rows ? (lookup.existingRowSource ?? 'Unknown') : 'DatabaseQuery';
    timing.DurationMs = ms(loadStart);
    for (const [k, v] of Object.entries(lookup.telemetry ?? {})) if (!(k in timing)) timing[k] = v;
    return {
      lookup,
      timing,
      signature,
      bulk,
      batchId,
      staged,
      inserts: diff.inserts.length,
      updates: diff.updates.length,
      deletes: diff.deletes.length,
      unchanged: diff.unchanged,
      finalCount: diff.finalCount,
      finalByPort,
    };
  }

  /** §2.4: stage every changed row under one BatchId, update-join, insert-where-missing, history from the seed, clear the seed. */
  private bulkWrite(hostname: string, runDate: string, batchId: string, inserts: InterfaceRow[], updates: InterfaceRow[], bulk: Payload): void {
    const s = this.stmt;
    let t = performance.now();
    const staged = [...updates, ...inserts].map((row) => [batchId, hostname, runDate, runDate, ...rowValues(row)]);
    this.insertMany(SEED_HEAD, SEED_TUPLE, staged);
    bulk.StageDurationMs = ms(t);
    this.db.exec('SAVEPOINT bulk');
    try {
      if (updates.length > 0) {
        t = performance.now();
        s.seedUpdateJoin.run(batchId);
        bulk.InterfaceUpdateDurationMs = ms(t);
      }
      if (inserts.length > 0) {
        t = performance.now();
        s.seedInsertMissing.run(batchId);
        bulk.InterfaceInsertDurationMs = ms(t);
      }
      t = performance.now();
      s.seedHistory.run(batchId);
      bulk.HistoryInsertDurationMs = ms(t);
      t = performance.now();
      this.db.exec('RELEASE bulk');
      bulk.TransactionCommitDurationMs = ms(t);
    } catch (error) {
      this.db.exec('ROLLBACK TO bulk; RELEASE bulk');
      throw error;
    } finally {
      t = performance.now();
      s.seedDelete.run(batchId);
      bulk.CleanupDurationMs = ms(t);
    }
  }

  /**
   * Prepared statements without the staging table (the original's non-ADODB path): updates row by row,
   * inserts in multi-row batches, history copied from the rows just written.
   */
  private directWrite(hostname: string, runDate: string, inserts: InterfaceRow[], updates: InterfaceRow[], allRowsChanged: boolean, bulk: Payload): void {
    const s = this.stmt;
    let t = performance.now();
    for (const row of updates) s.updateInterface.run(...rowValues(row).slice(1), hostname, row.Port);
    bulk.InterfaceUpdateDurationMs = ms(t);
    t = performance.now();
    this.insertMany(INTERFACE_HEAD, INTERFACE_TUPLE, inserts.map((row) => [hostname, ...rowValues(row)]));
    bulk.InterfaceInsertDurationMs = ms(t);
    t = performance.now();
    if (allRowsChanged) s.historyFromHost.run(runDate, hostname);
    else this.insertMany(HISTORY_HEAD, HISTORY_TUPLE, [...updates, ...inserts].map((row) => [hostname, runDate, ...rowValues(row)]));
    bulk.HistoryInsertDurationMs = ms(t);
  }

  /** Interfaces rows per host, read back from the database. */
  countsByHost(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.db.prepare('SELECT Hostname AS h, COUNT(*) AS n FROM Interfaces GROUP BY Hostname ORDER BY Hostname').all() as Array<{ h: string; n: number }>) out[r.h] = r.n;
    return out;
  }

  count(table: string): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  }

  /** The underlying connection, for read-only inspection in tests and verify steps. */
  get connection(): Database.Database {
    return this.db;
  }

  close(): void {
    // Closing the last connection checkpoints the WAL into the database file.
    if (this.db.open) this.db.close();
  }
}
