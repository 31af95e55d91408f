/**
 * Types of the programmatic ingest entry point (`ingestCorpus` in `./ingest.ts`). Other plugins
 * (warm-run, shared-cache) drive cold and warm passes through it. This is a contract: add optional
 * fields, never rename or remove.
 */
import type { EventInput } from '../../core/plugin.js';
import type { SiteInterfaceCache } from '../persistence/cache-port.js';

/** How the per-site ingestion history is prepared before the pass (DOMAIN §1.9, §4.1). */
export type HistorySeed =
  /** Use whatever history is on disk (unchanged hosts become `SkippedDuplicate`). */
  | 'keep'
  /** Rewrite every existing history file to `[]` first, so every host is parsed again. */
  | 'empty';

export interface SchedulerSettings {
  /** `AutoScaleConcurrency` (default true). */
  autoScale?: boolean;
  /** `MaxRunspaceCeiling`; 0 = derive from CPUs. */
  threadCeiling?: number;
  maxWorkersPerSite?: number;
  /** 0 = no cap, < 0 = derive. */
  maxActiveSites?: number;
  jobsPerThread?: number;
  minRunspaces?: number;
  /** `MaxConsecutiveSiteLaunches` (default 8). */
  maxConsecutiveSiteLaunches?: number;
  /** `InterfaceBulkChunkSize` (default 64): sizes `PortBatchReady.EstimatedBatchCount`. */
  interfaceBulkChunkSize?: number;
  /** Pre-interleave hosts across sites (the original's "balanced host order"). */
  balancedOrder?: boolean;
}

export interface IngestOptions {
  /** Folder of raw `.log`/`.txt` files (read non-recursively, `WarmRunTelemetry-*` skipped). */
  corpusDir: string;
  /** Working folder: `extracted/` slices and (by default) `data/` databases and history go here. */
  runDir: string;
  /** Where site databases and `IngestionHistory/` live; default `<runDir>/data`. Reuse it across passes. */
  dataDir?: string;
  /** Receives every telemetry event, in order, from the calling thread. */
  emit: (event: EventInput) => void;
  /** Per-site interface cache consulted before the database (DOMAIN §3.2). Absent = plain DB query. */
  cache?: SiteInterfaceCache;
  /** Default `keep`. */
  historySeed?: HistorySeed;
  /** Worker-thread budget (the step passes `ctx.concurrency`); default = CPU count. 0 = parse on this thread. */
  concurrency?: number;
  signal?: AbortSignal;
  scheduler?: SchedulerSettings;
  /**
   * Reproduce the original's VLAN-text quirk (§1.12): compare the incoming VLAN text (`trunk`) with the
   * stored integer (0), so such ports are re-updated every run. Default false (compare stored values).
   */
  vlanTextQuirk?: boolean;
  /**
   * `strict` (default) fixes the original parser quirks; `compat` reproduces them (Cisco MAC table unread, last
   * `Version` wins, 4-character summary site) — see docs/parser.md. Independent of `vlanTextQuirk`.
   */
  mode?: 'strict' | 'compat';
  /** Also parse Juniper/Aruba/Palo Alto hosts via the scored detector (the original skipped them). Default false. */
  scoredVendorDetection?: boolean;
  /** Persistence write path: `direct` (default, multi-row prepared statements) or `bulk` (the staged seed table of §2.4). */
  writePath?: 'direct' | 'bulk';
  /** Warnings (bad input) go here as well as into the result; default: none. */
  warn?: (message: string) => void;
}

export type HostStatus = 'written' | 'skipped' | 'failed';

export interface HostResult {
  /** History key = slice name (prompt-derived host). */
  key: string;
  hostname: string;
  site: string;
  file: string;
  status: HostStatus;
  vendor?: string;
  /** Interface records parsed. */
  interfaces: number;
  /** Inserts + updates (RowsWritten.Rows). */
  rows: number;
  deletedRows: number;
  /** DatabaseWriteLatency.LatencyMs (ms, fractional here; the event carries the int). */
  writeLatencyMs?: number;
  /** DatabaseWriteBreakdown.InterfaceCallDurationMs. */
  interfaceCallMs?: number;
  /** ParseDuration.DurationSeconds × 1000. */
  durationMs?: number;
  /** Site cache provider label for this host (`SharedCache`, `Cache`, `Refreshed`, `Unknown`). */
  provider?: string;
  providerReason?: string;
  /** Why the host failed or was skipped. */
  reason?: string;
}

export interface IngestWarning {
  file: string;
  line?: number;
  message: string;
}

export interface IngestResult {
  hosts: HostResult[];
  /** Per site: hosts seen and `Interfaces` rows read back from the database after the pass. */
  sites: Record<string, { hosts: number; rows: number; db: string }>;
  counts: { hostsSeen: number; processed: number; written: number; skipped: number; failed: number; unknownSlices: number };
  warnings: IngestWarning[];
  durationMs: number;
  dataDir: string;
}
