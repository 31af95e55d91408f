/**
 * The fast telemetry path: read many files, deliver only wanted records with only the selected
 * fields, in file order, using every core and bounded memory.
 *
 * Plan: each UTF-8 file larger than the range size is cut into byte ranges (about four per scanner
 * over the input, 4 MiB to `maxRangeBytes` each); the main thread and `workers − 1` worker threads
 * scan ranges (`scan-range.ts`, claimed as in `claims.ts`); workers post back compact results
 * (records packed into transferred typed arrays, `packed.ts`); the main thread delivers results
 * strictly in task order, turning range-local line numbers into file line numbers. Results of at
 * most ~4 full-size ranges per scanner wait for delivery, so memory does not grow with the input.
 * UTF-16 files go whole to the plain JSON.parse path (`naive.ts`). Inputs too small to repay a
 * worker (`minBytesPerThread`) are scanned inline.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { MalformedLineRecord } from '../../types.js';
import { ENCODING_SNIFF_BYTES, detectEncoding, type TelemetryEncoding } from '../encoding.js';
import { withEventName, type RangeResult, type ScanSelection } from './collector.js';
import { runInline, runParallel } from './parallel.js';
import { returnScanWorkers, takeScanWorkers } from './pool.js';
import type { ScanTask } from './tasks.js';

export interface ScanFileSummary {
  path: string;
  bytes: number;
  encoding: TelemetryEncoding;
  format: 'ndjson' | 'json-array' | 'empty';
  lines: number;
  objects: number;
  malformed: number;
  /** Lines the fast scanner handed to JSON.parse (unusual but possibly valid). */
  deferred: number;
  /** Records delivered. */
  records: number;
  eventCounts: Record<string, number>;
  malformedSamples: MalformedLineRecord[];
}

export interface ScanFilesOptions {
  selection: ScanSelection;
  /** Called for every wanted record, in file order (files in the order given). */
  onRecord(record: Record<string, unknown>, file: string, line: number): void;
  /** Called once per file after its last record. */
  onFile?(summary: ScanFileSummary): void;
  onProgress?(bytesDone: number, totalBytes: number): void;
  /**
   * Most threads that scan, the main thread included (N − 1 workers); default: available cores.
   * 0 or 1 scans inline. Fewer are used when the input is too small to repay them (`minBytesPerThread`).
   */
  workers?: number;
  /** `fast` (scanner) or `naive` (JSON.parse every line; the oracle). */
  mode?: 'fast' | 'naive';
  /** A file whose first character is `[` is a JSON document, not NDJSON: `skip` it (summary only) or read it as `lines`. */
  jsonArrays?: 'skip' | 'lines';
  maxMalformedSamples?: number;
  /** Input each scanning thread needs to repay its start-up (default 96 MiB; 0: always `workers` threads). */
  minBytesPerThread?: number;
  /** Largest byte range one task scans. */
  maxRangeBytes?: number;
  signal?: AbortSignal;
}

interface PlannedFile {
  path: string;
  bytes: number;
  encoding: TelemetryEncoding;
  format: ScanFileSummary['format'];
  tasks: ScanTask[];
}

const DEFAULT_MAX_RANGE = 16 * 1024 * 1024;
const MIN_SPLIT_RANGE = 4 * 1024 * 1024;
/**
 * A worker costs ~35 ms to start and 100–200 ms of optimizing-compiler time before it scans at full
 * speed, and on a machine with few cores it takes that time from the main thread too. Measured on
 * 2 cores (rollup, one thread vs two): 135 MB 297 vs 355 ms, 216 MB 426 vs 408 ms, 351 MB 616 vs
 * 544 ms — a second thread pays off from about 190 MB. So each thread gets at least this much.
 */
const MIN_BYTES_PER_THREAD = 96 * 1024 * 1024;

/** Threads that scan `totalBytes`: as many as allowed, but no more than the input repays. */
export function scanningThreads(totalBytes: number, options: Pick<ScanFilesOptions, 'workers' | 'minBytesPerThread'>): number {
  const allowed = Math.max(0, options.workers ?? availableParallelism());
  const perThread = options.minBytesPerThread ?? MIN_BYTES_PER_THREAD;
  const repaid = perThread <= 0 ? allowed : Math.max(1, Math.floor(totalBytes / perThread));
  const threads = Math.min(allowed, repaid);
  return threads <= 1 ? 0 : threads;
}

function sniff(path: string): { encoding: TelemetryEncoding; bomBytes: number; firstChar: number } {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(ENCODING_SNIFF_BYTES);
    const n = readSync(fd, head, 0, head.length, 0);
    const detected = detectEncoding(head.subarray(0, n));
    let i = detected.bomBytes;
    while (i < n && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
    return { ...detected, firstChar: i < n ? head[i]! : -1 };
  } finally {
    closeSync(fd);
  }
}

/**
 * The size ranges are cut to: about four per scanner over the whole input (so the threads finish
 * together), between 4 MiB and `maxRangeBytes`. Files no larger than that stay whole — a folder of
 * many small files needs no cutting, and each range costs a file open and a message.
 */
function rangeTarget(totalBytes: number, scanners: number, maxRange: number): number {
  if (scanners <= 1) return maxRange;
  return Math.max(Math.min(MIN_SPLIT_RANGE, maxRange), Math.min(maxRange, Math.ceil(totalBytes / (scanners * 4))));
}

function plan(paths: readonly string[], sizes: readonly number[], options: ScanFilesOptions, scanners: number, totalBytes: number): PlannedFile[] {
  const selection = withEventName(options.selection);
  const maxSamples = options.maxMalformedSamples ?? 10;
  const target = rangeTarget(totalBytes, scanners, options.maxRangeBytes ?? DEFAULT_MAX_RANGE);
  return paths.map((path, index) => {
    const bytes = sizes[index]!;
    const { encoding, bomBytes, firstChar } = sniff(path);
    const planned: PlannedFile = { path, bytes, encoding, format: 'ndjson', tasks: [] };
    if (bytes <= bomBytes) {
      planned.format = 'empty';
      return planned;
    }
    if (firstChar === 0x5b && (options.jsonArrays ?? 'skip') === 'skip') {
      planned.format = 'json-array';
      return planned;
    }
    if (options.mode === 'naive' || !(encoding === 'utf-8' || encoding === 'utf-8-bom')) {
      planned.tasks.push({ kind: 'whole-file', path, selection, maxMalformedSamples: maxSamples });
      return planned;
    }
    const body = bytes - bomBytes;
    const pieces = Math.max(1, Math.ceil(body / target));
    const size = Math.ceil(body / pieces);
    for (let k = 0; k < pieces; k++) {
      const start = bomBytes + k * size;
      const end = Math.min(bytes, start + size);
      if (start >= end) break;
      planned.tasks.push({ kind: 'range', range: { path, start, end, lineAligned: k === 0, selection, maxMalformedSamples: maxSamples, scanBytes: totalBytes } });
    }
    return planned;
  });
}

/** Scan files and deliver records in order; resolves with one summary per file. */
export async function scanTelemetryFiles(paths: readonly string[], options: ScanFilesOptions): Promise<ScanFileSummary[]> {
  const sizes = paths.map((p) => statSync(p).size);
  const totalBytes = sizes.reduce((sum, size) => sum + size, 0);
  const scannerCount = scanningThreads(totalBytes, options);
  // Take the workers first: a new one's bootstrap overlaps planning and the main thread's first range.
  let workers = scannerCount > 1 ? takeScanWorkers(scannerCount - 1) : [];
  let files: PlannedFile[];
  try {
    files = plan(paths, sizes, options, scannerCount, totalBytes);
  } catch (error) {
    await returnScanWorkers(workers, true);
    throw error;
  }

  // Flatten tasks, remembering which file each belongs to.
  const queue: Array<{ file: number; task: ScanTask }> = [];
  files.forEach((f, file) => f.tasks.forEach((task) => queue.push({ file, task })));

  const summaries: ScanFileSummary[] = files.map((f) => ({
    path: f.path,
    bytes: f.bytes,
    encoding: f.encoding,
    format: f.format,
    lines: 0,
    objects: 0,
    malformed: 0,
    deferred: 0,
    records: 0,
    // Null prototype: an EventName such as `constructor` or `__proto__` must count like any other.
    eventCounts: Object.create(null) as Record<string, number>,
    malformedSamples: [],
  }));
  const maxSamples = options.maxMalformedSamples ?? 10;
  let bytesDone = 0;
  let nextFileToClose = 0;

  const bytesDelivered = files.map(() => 0);
  const closeFilesBefore = (fileIndex: number): void => {
    while (nextFileToClose < fileIndex) {
      // Bytes not scanned (a BOM, a skipped JSON document) still count as done.
      const rest = files[nextFileToClose]!.bytes - bytesDelivered[nextFileToClose]!;
      if (rest > 0) {
        bytesDone += rest;
        options.onProgress?.(bytesDone, totalBytes);
      }
      options.onFile?.(summaries[nextFileToClose]!);
      nextFileToClose++;
    }
  };

  const deliver = (file: number, result: RangeResult): void => {
    closeFilesBefore(file);
    const summary = summaries[file]!;
    const path = files[file]!.path;
    const lineBase = summary.lines;
    for (let k = 0; k < result.records.length; k++) options.onRecord(result.records[k]!, path, lineBase + result.recordLines[k]!);
    summary.lines += result.lines;
    summary.objects += result.objects;
    summary.malformed += result.malformed;
    summary.deferred += result.deferred;
    summary.records += result.records.length;
    for (const [name, n] of Object.entries(result.eventCounts)) summary.eventCounts[name] = (summary.eventCounts[name] ?? 0) + n;
    for (const m of result.malformedSamples) {
      if (summary.malformedSamples.length < maxSamples) summary.malformedSamples.push({ file: path, line: lineBase + m.line, reason: m.reason, excerpt: m.excerpt });
    }
    bytesDone += result.bytes;
    bytesDelivered[file]! += result.bytes;
    options.onProgress?.(bytesDone, totalBytes);
  };

  // More workers than tasks besides the main thread's: stop the extra ones.
  const useful = Math.max(0, Math.min(workers.length, queue.length - 1));
  if (useful < workers.length) {
    const extra = workers.slice(useful);
    workers = workers.slice(0, useful);
    void returnScanWorkers(extra, true);
  }
  if (workers.length === 0) {
    for (const { file, task } of queue) {
      if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
      deliver(file, runInline(task));
    }
  } else {
    // Results may wait for delivery up to ~4 full-size ranges per scanner, however small the ranges.
    const averageTaskBytes = totalBytes / queue.length;
    const window = Math.max(4 * scannerCount, Math.ceil((4 * scannerCount * DEFAULT_MAX_RANGE) / Math.max(1, averageTaskBytes)));
    await runParallel(queue, workers, deliver, options.signal, window);
  }
  closeFilesBefore(files.length);
  return summaries;
}
