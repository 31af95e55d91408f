/**
 * The telemetry reader: files of StateTrace-style records in, records + an exact summary out.
 *
 * Reading is streaming and chunked (`chunkBytes`, 16 MiB by default): memory stays bounded by one
 * chunk plus the longest line (or, in a JSON array, the largest element), whatever the file size.
 *
 * Per file:
 * 1. Encoding from the first bytes (BOM, or NUL pattern for BOM-less UTF-16), see `encoding.ts`.
 * 2. Format from the first non-blank character:
 *    - `[` → a JSON array document (pretty-printed or compact); each element is one record, located
 *      at the line it starts on. An NDJSON line is always an object, never an array, so an NDJSON
 *      file can't start with `[`; if something does follow the array's closing `]`, the rest of the
 *      file is read as NDJSON, so nothing is lost either way.
 *    - a first non-blank line that is exactly `{` → a single pretty-printed object (one record), the
 *      shape of PowerShell's `ConvertTo-Json`, Python's and JS's indented output. A compact object on
 *      one line is NDJSON with one record. A truncated NDJSON first line is never a lone `{`, so it
 *      can't switch a file into this mode.
 *    - otherwise NDJSON: one record per line; CRLF or LF; blank lines skipped; every other line must
 *      be a JSON object, or it is counted and reported as malformed (file:line, reason, excerpt) and
 *      the read goes on.
 * 3. Records are counted per `EventName` (`NO_EVENT_NAME` when absent or not a string) and handed to
 *    `onRecord` — all of them, or with `eventNames` only the wanted ones (see `event-name.ts` for how
 *    unwanted ones are skipped without parsing).
 *
 * The reader only reads: selecting fields and aggregating are the caller's business, so a faster
 * scanner (core/telemetry/scan/) can replace this path and be checked against it.
 */
import { open, stat } from 'node:fs/promises';
import { ErrorCode, StatetraceError } from '../errors.js';
import type { MalformedLineRecord, TelemetrySummary } from '../types.js';
import { createStreamingDecoder, detectEncoding, type StreamingTextDecoder } from './encoding.js';
import { NO_EVENT_NAME, peekEventName } from './event-name.js';
import { JsonDocumentSplitter, type JsonDocumentKind } from './json-document.js';
import type { ReadTelemetry, ReadTelemetryOptions, TelemetryRecord } from './types.js';
import { describeJsonType, normalizeLine } from './line.js';

export { NO_EVENT_NAME } from './event-name.js';

/** Default read size. Large enough that per-chunk overhead vanishes, small enough to bound memory. */
export const DEFAULT_CHUNK_BYTES = 16 * 1024 * 1024;
/** Default number of malformed-line samples kept in the summary (totals are always exact). */
export const DEFAULT_MALFORMED_SAMPLES = 20;
/** Characters of a bad line kept in a malformed report. */
export const EXCERPT_CHARS = 120;

export type FileSummary = TelemetrySummary['files'][number];
type FileFormat = FileSummary['format'];

export const readTelemetry: ReadTelemetry = async (paths, options) => {
  // Null prototype: an EventName such as `constructor` or `__proto__` must count like any other.
  const eventCounts = Object.create(null) as Record<string, number>;
  const summary: TelemetrySummary = { files: [], events: 0, malformed: 0, malformedSamples: [], eventCounts };
  const sizes = await Promise.all(paths.map((p) => fileSize(p)));
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  const progress = { done: 0, total: totalBytes };
  for (const path of paths) {
    options.signal?.throwIfAborted();
    const file = await readOneFile(path, options, summary, progress);
    summary.files.push(file);
    summary.events += file.events;
    summary.malformed += file.malformed;
  }
  return summary;
};

async function fileSize(path: string): Promise<number> {
  try {
    const s = await stat(path);
    if (s.isDirectory()) {
      throw new StatetraceError(ErrorCode.InputInvalid, `telemetry path is a directory: ${path}`, {
        location: { file: path },
        hint: 'pass telemetry files (or a glob such as "dir/*.json"), not a folder',
      });
    }
    return s.size;
  } catch (error) {
    if (error instanceof StatetraceError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new StatetraceError(
      code === 'ENOENT' ? ErrorCode.InputMissing : ErrorCode.InputInvalid,
      code === 'ENOENT' ? `telemetry file not found: ${path}` : `cannot read telemetry file ${path}: ${(error as Error).message}`,
      { location: { file: path }, hint: 'check the path (relative paths are resolved from the current directory)', cause: error },
    );
  }
}

/** Everything the per-line and per-element handlers share while one file is read. */
class FileReadState {
  events = 0;
  malformed = 0;
  readonly wanted: ReadonlySet<string> | undefined;
  private readonly maxSamples: number;

  constructor(
    readonly path: string,
    private readonly options: ReadTelemetryOptions,
    private readonly summary: TelemetrySummary,
  ) {
    this.wanted = options.eventNames;
    this.maxSamples = options.maxMalformedSamples ?? DEFAULT_MALFORMED_SAMPLES;
  }

  /** One record's text (an NDJSON line, or an array element / the object of a JSON document). */
  record(text: string, line: number): void {
    if (this.wanted) {
      const name = peekEventName(text);
      if (name !== undefined && !this.wanted.has(name)) {
        this.count(name);
        return;
      }
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.bad(line, (error as Error).message, text);
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.bad(line, `a JSON ${describeJsonType(value)}, not an object (a telemetry record must be an object)`, text);
      return;
    }
    const record = value as TelemetryRecord;
    const name = typeof record.EventName === 'string' ? record.EventName : NO_EVENT_NAME;
    this.count(name);
    if (!this.wanted || this.wanted.has(name)) this.options.onRecord(record, { file: this.path, line });
  }

  bad(line: number, reason: string, text: string): void {
    this.malformed++;
    const trimmed = text.trim();
    const excerpt = trimmed.length > EXCERPT_CHARS ? `${trimmed.slice(0, EXCERPT_CHARS)}…` : trimmed;
    const record: MalformedLineRecord = { file: this.path, line, reason, excerpt };
    if (this.summary.malformedSamples.length < this.maxSamples) this.summary.malformedSamples.push(record);
    this.options.onMalformed?.(record);
  }

  private count(name: string): void {
    this.events++;
    const counts = this.summary.eventCounts;
    counts[name] = (counts[name] ?? 0) + 1;
  }
}

/** Splits decoded text into lines across chunk boundaries and feeds non-blank ones as records. */
class NdjsonLines {
  private carry = '';

  constructor(
    private readonly state: FileReadState,
    /** Number of the next line to start. */
    public nextLine: number,
  ) {}

  /** Whether any non-blank line was seen (for the `empty` format). */
  sawContent = false;

  feed(text: string): void {
    let start = 0;
    let newline = text.indexOf('\n');
    if (this.carry.length > 0) {
      if (newline < 0) {
        this.carry += text;
        return;
      }
      this.line(this.carry + text.slice(0, newline));
      this.carry = '';
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    while (newline >= 0) {
      this.line(text.slice(start, newline));
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    this.carry = text.slice(start);
  }

  end(): void {
    if (this.carry.length > 0) this.line(this.carry);
    this.carry = '';
  }

  private line(raw: string): void {
    const lineNumber = this.nextLine++;
    const text = normalizeLine(raw);
    if (text === undefined) return;
    this.sawContent = true;
    this.state.record(text, lineNumber);
  }
}

type Mode = { kind: 'undecided'; pending: string } | { kind: 'ndjson' } | { kind: 'document'; splitter: JsonDocumentSplitter };

async function readOneFile(
  path: string,
  options: ReadTelemetryOptions,
  summary: TelemetrySummary,
  progress: { done: number; total: number },
): Promise<FileSummary> {
  const state = new FileReadState(path, options, summary);
  const lines = new NdjsonLines(state, 1);
  const chunkBytes = Math.max(64, options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
  const handle = await open(path, 'r');
  let bytes = 0;
  let format: FileFormat = 'empty';
  let encodingName = 'utf-8';
  let decoder: StreamingTextDecoder | undefined;
  let mode: Mode = { kind: 'undecided', pending: '' };

  const toNdjson = (text: string, fromLine: number): void => {
    mode = { kind: 'ndjson' };
    lines.nextLine = fromLine;
    lines.feed(text);
  };

  const feed = (text: string): void => {
    if (mode.kind === 'undecided') {
      const pending = mode.pending + text;
      const decided = sniffFormat(pending);
      if (decided === undefined) {
        mode = { kind: 'undecided', pending };
        return;
      }
      if (decided === 'ndjson') {
        toNdjson(pending, 1);
        return;
      }
      format = decided === 'array' ? 'json-array' : 'json-object';
      const splitter = new JsonDocumentSplitter(decided, 1, {
        value: (valueText, line) => state.record(valueText, line),
        problem: (line, reason, excerpt) => state.bad(line, reason, excerpt),
      });
      mode = { kind: 'document', splitter };
      text = pending;
    }
    if (mode.kind === 'document') {
      const splitter = mode.splitter;
      const rest = splitter.feed(text);
      // After the document: the remainder of its last line and what follows are read as NDJSON.
      if (rest >= 0) toNdjson(text.slice(rest), splitter.line);
      return;
    }
    lines.feed(text);
  };

  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    for (;;) {
      options.signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null);
      if (bytesRead === 0) break;
      let chunk = buffer.subarray(0, bytesRead);
      if (decoder === undefined) {
        const detected = detectEncoding(chunk);
        encodingName = detected.encoding;
        decoder = createStreamingDecoder(detected.encoding);
        chunk = chunk.subarray(detected.bomBytes);
      }
      bytes += bytesRead;
      progress.done += bytesRead;
      feed(decoder.decode(chunk));
      options.onProgress?.(progress.done, progress.total);
    }
    if (decoder) feed(decoder.end());
    const finalMode = mode as Mode;
    if (finalMode.kind === 'undecided') {
      // Only blank text, or a lone `{`-line sniff still open at end of file: read it as NDJSON.
      toNdjson(finalMode.pending, 1);
    } else if (finalMode.kind === 'document') {
      finalMode.splitter.end();
    }
    lines.end();
  } finally {
    await handle.close();
  }
  if (format === 'empty' && lines.sawContent) format = 'ndjson';
  return { path, events: state.events, malformed: state.malformed, format, encoding: encodingName, bytes };
}

/**
 * The file's format from its beginning, or `undefined` when more text is needed: `[` first →
 * array; a first non-blank line that is only `{` → object; any other first line → NDJSON.
 */
export function sniffFormat(text: string): JsonDocumentKind | 'ndjson' | undefined {
  let i = 0;
  const n = text.length;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  if (i === n) return undefined;
  const first = text.charCodeAt(i);
  if (first === 91 /* [ */) return 'array';
  if (first !== 123 /* { */) return 'ndjson';
  for (let j = i + 1; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c === 10) return 'object';
    if (c !== 32 && c !== 9 && c !== 13) return 'ndjson';
  }
  return undefined;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff;
}
