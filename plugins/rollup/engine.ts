/**
 * Rolls telemetry files up into summary rows: one accumulator per file ("Date" = base name) for
 * scope All and, with per-site on, one per Site (case-insensitive, first spelling kept). Records
 * come from the fast scanner (`core/telemetry/scan`), or from the plain JSON.parse path
 * (`mode: 'naive'`), which is the oracle the fast path is tested against.
 */
import { basename, extname } from 'node:path';
import type { MalformedLineRecord } from '../../core/types.js';
import { scanTelemetryFiles, type ScanFileSummary } from '../../core/telemetry/scan/scan-files.js';
import { MetricAccumulator, lowerCaseOf } from './accumulator.js';
import { ROLLUP_FIELDS, psString, wantedEvents, type RollupRecord } from './fields.js';
import { rowsForAccumulator, type RollupRow } from './rows.js';
import { sortRows } from './sort.js';

export interface RollupOptions {
  includePerSite: boolean;
  includeSiteCache: boolean;
  mode?: 'fast' | 'naive';
  /**
   * Skip unwanted events' lines without validating them when their name is visible (the
   * `readTelemetry` prefilter rule): faster; malformed lines of unwanted events then go uncounted.
   */
  prefilter?: boolean;
  /** Most threads that scan, the main thread included (default: cores; 0 or 1 = inline; fewer for small inputs). */
  workers?: number;
  /** Input each scanning thread needs to repay its start-up (default 96 MiB; tests set 0 to exercise workers). */
  minBytesPerThread?: number;
  onProgress?(bytesDone: number, totalBytes: number): void;
  signal?: AbortSignal;
}

export interface RollupWarning {
  file: string;
  line?: number;
  message: string;
}

export interface RollupFileReport {
  path: string;
  date: string;
  summary: ScanFileSummary;
}

export interface RollupResult {
  /** Rows sorted by Date, Scope, Metric (case-insensitive), ties by Notes. */
  rows: RollupRow[];
  files: RollupFileReport[];
  /** Malformed lines plus files that are not NDJSON: what `--fail-on-warnings` counts. */
  warningCount: number;
  /** The first warnings with file and line. */
  warnings: RollupWarning[];
  events: number;
  bytes: number;
}

/** The original's "Date": the file name without its extension. */
export function dateKeyOf(path: string): string {
  const name = basename(path);
  const stem = basename(name, extname(name));
  return stem.trim() === '' ? name : stem;
}

/** The accumulators of one input file: scope All plus, with per-site on, one per Site. */
export class FileRollup {
  readonly all: MetricAccumulator;
  readonly sites = new Map<string, { label: string; acc: MetricAccumulator }>();
  constructor(private readonly options: RollupOptions) {
    this.all = new MetricAccumulator(options.includeSiteCache);
  }

  add(record: RollupRecord): void {
    const name = psString(record.EventName).trim();
    this.all.add(name, record);
    if (!this.options.includePerSite || record.Site === undefined) return;
    const site = psString(record.Site).trim();
    if (site === '') return;
    const key = lowerCaseOf(site);
    let entry = this.sites.get(key);
    if (!entry) {
      entry = { label: site, acc: new MetricAccumulator(this.options.includeSiteCache) };
      this.sites.set(key, entry);
    }
    entry.acc.add(name, record);
  }

  rows(date: string): RollupRow[] {
    const rows = rowsForAccumulator(this.all, date, 'All', this.options.includeSiteCache);
    for (const { label, acc } of this.sites.values()) rows.push(...rowsForAccumulator(acc, date, label, this.options.includeSiteCache));
    return rows;
  }
}

const MAX_WARNINGS_KEPT = 20;

export async function rollupFiles(paths: readonly string[], options: RollupOptions): Promise<RollupResult> {
  const perFile = new Map<string, FileRollup>();
  const rows: RollupRow[] = [];
  const files: RollupFileReport[] = [];
  const warnings: RollupWarning[] = [];
  let warningCount = 0;
  let events = 0;
  let bytes = 0;
  const warn = (w: RollupWarning, count = 1): void => {
    warningCount += count;
    if (warnings.length < MAX_WARNINGS_KEPT) warnings.push(w);
  };

  await scanTelemetryFiles(paths, {
    selection: { eventNames: wantedEvents(options.includeSiteCache), fields: ROLLUP_FIELDS, caseInsensitive: true, prefilter: options.prefilter === true },
    mode: options.mode ?? 'fast',
    workers: options.workers,
    minBytesPerThread: options.minBytesPerThread,
    jsonArrays: 'skip',
    maxMalformedSamples: MAX_WARNINGS_KEPT,
    signal: options.signal,
    onProgress: options.onProgress,
    onRecord(record, file) {
      let rollup = perFile.get(file);
      if (!rollup) {
        rollup = new FileRollup(options);
        perFile.set(file, rollup);
      }
      rollup.add(record as RollupRecord);
    },
    onFile(summary) {
      const date = dateKeyOf(summary.path);
      files.push({ path: summary.path, date, summary });
      events += summary.objects;
      bytes += summary.bytes;
      const rollup = perFile.get(summary.path);
      if (rollup) rows.push(...rollup.rows(date));
      perFile.delete(summary.path);
      if (summary.format === 'json-array') {
        warn({ file: summary.path, message: 'is a JSON array document, not NDJSON telemetry; it contributes no rows (the original warned once per line)' });
      }
      const samples: MalformedLineRecord[] = summary.malformedSamples;
      for (const m of samples) warn({ file: m.file, line: m.line, message: `Skipping malformed telemetry line: ${m.reason}` }, 0);
      warningCount += summary.malformed;
    },
  });
  return { rows: sortRows(rows), files, warningCount, warnings, events, bytes };
}
