/**
 * `readTelemetry` on the fast scanner, for consumers that say which fields they read (the gates'
 * sample collector): `statetrace check` and scenario gates then share the rollup's engine.
 *
 * The result is the reference reader's — the same records as far as the named fields go, looked
 * up as the gates' `getField` looks them up (the exact key, else a case variant), the same counts
 * per EventName, the same malformed lines and summary — because the scanner runs in the reader's
 * own modes: names matched exactly, unwanted lines skipped by the same prefilter rule, and every
 * line the scanner hands to JSON.parse (a case variant of a selected field among them) delivered
 * whole (`deferredLines: 'whole'`). Tested against `readTelemetry`.
 *
 * The reference reader stays in charge where the scanner would not pay or does not apply: inputs
 * under `minBytes`, any file that is not UTF-8 NDJSON (JSON documents, UTF-16), a path that is
 * missing or a folder (the reader's errors), a consumer that wants every field or every
 * malformed line as it happens.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { MalformedLineRecord, TelemetrySummary } from '../../types.js';
import { detectEncoding } from '../encoding.js';
import { DEFAULT_MALFORMED_SAMPLES, readTelemetry, sniffFormat } from '../reader.js';
import type { ReadTelemetry } from '../types.js';
import { scanTelemetryFiles, type ScanFileSummary, type ScanFilesOptions } from './scan-files.js';

/** Below this much input the reference reader is as fast (one day file is ~3–35 MB). */
export const FAST_READER_MIN_BYTES = 32 * 1024 * 1024;
const HEAD_BYTES = 64 * 1024;

export interface FastReaderOptions {
  /** Inputs smaller than this go to the reference reader (default 32 MiB). */
  minBytes?: number;
  /** Scan settings (threads, range sizes; tests use them to exercise workers on small inputs). */
  scan?: Pick<ScanFilesOptions, 'workers' | 'minBytesPerThread' | 'maxRangeBytes'>;
}

export function createFastReader(options: FastReaderOptions = {}): ReadTelemetry {
  const minBytes = options.minBytes ?? FAST_READER_MIN_BYTES;
  return async (paths, read) => {
    if (read.fields === undefined || read.eventNames === undefined || read.onMalformed !== undefined) return readTelemetry(paths, read);
    const total = totalBytesOfFiles(paths);
    if (total === undefined || total < minBytes || !paths.every(isUtf8Ndjson)) return readTelemetry(paths, read);
    const maxSamples = read.maxMalformedSamples ?? DEFAULT_MALFORMED_SAMPLES;
    const files = await scanTelemetryFiles(paths, {
      selection: { eventNames: [...read.eventNames], fields: read.fields, caseInsensitive: false, prefilter: true, deferredLines: 'whole' },
      onRecord: (record, file, line) => read.onRecord(record, { file, line }),
      ...(read.onProgress ? { onProgress: read.onProgress } : {}),
      ...(read.signal ? { signal: read.signal } : {}),
      maxMalformedSamples: maxSamples,
      ...options.scan,
    });
    return summaryOf(files, maxSamples);
  };
}

/** The reader's summary from the scanner's per-file ones. */
function summaryOf(files: ScanFileSummary[], maxSamples: number): TelemetrySummary {
  // Null prototype, as the reader's: an EventName such as `constructor` counts like any other.
  const eventCounts = Object.create(null) as Record<string, number>;
  const malformedSamples: MalformedLineRecord[] = [];
  const summary: TelemetrySummary = { files: [], events: 0, malformed: 0, malformedSamples, eventCounts };
  for (const file of files) {
    summary.files.push({
      path: file.path,
      events: file.objects,
      malformed: file.malformed,
      // The reader's `empty`: no line with anything on it (every such line is an object or malformed).
      format: file.objects + file.malformed === 0 ? 'empty' : 'ndjson',
      encoding: file.encoding,
      bytes: file.bytes,
    });
    summary.events += file.objects;
    summary.malformed += file.malformed;
    for (const [name, count] of Object.entries(file.eventCounts)) eventCounts[name] = (eventCounts[name] ?? 0) + count;
    for (const sample of file.malformedSamples) if (malformedSamples.length < maxSamples) malformedSamples.push(sample);
  }
  return summary;
}

/** Total size of the paths, or undefined when one is missing or not a file (the reader reports it). */
function totalBytesOfFiles(paths: readonly string[]): number | undefined {
  let total = 0;
  for (const path of paths) {
    try {
      const stats = statSync(path);
      if (!stats.isFile()) return undefined;
      total += stats.size;
    } catch {
      return undefined;
    }
  }
  return total;
}

/** UTF-8 (with or without BOM) and line-delimited, as the reader would decide from its start. */
function isUtf8Ndjson(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, head, 0, head.length, 0);
    const { encoding } = detectEncoding(head.subarray(0, n));
    if (encoding !== 'utf-8' && encoding !== 'utf-8-bom') return false;
    return sniffFormat(new TextDecoder('utf-8').decode(head.subarray(0, n))) === 'ndjson';
  } finally {
    closeSync(fd);
  }
}
