/**
 * Scan one byte range of a UTF-8 NDJSON file in bounded memory: read it in chunks, split lines,
 * run the validating `LineScanner` on each, fall back to `JSON.parse` where the scanner defers,
 * and keep only the selected fields of wanted records. Runs in a worker or inline.
 *
 * A range owns the lines that *start* inside it: it skips the partial line at its beginning
 * (the previous range owns it) and reads past its end to finish its last line. Line numbers are
 * local to the range; the coordinator adds the lines of earlier ranges.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { LineOutcome, LineScanner, SlotKind, StringInterner, decodeUtf8 } from './line-scanner.js';
import { PackedKind, PackedRecordsBuilder } from './packed.js';
import { PEEK_NAME_OFFSET, peekConfirm, peekNameEnd } from './peek.js';
import { RangeCollector, deliversWholeRecords, withEventName, type RangeResult, type ScanSelection } from './collector.js';

export type { RangeMalformed, RangeResult, ScanSelection } from './collector.js';

export interface RangeTask {
  path: string;
  /** First byte of the range (after any BOM for the first range). */
  start: number;
  /** End of the range (exclusive); lines starting before it belong to it. */
  end: number;
  selection: ScanSelection;
  /** `start` is known to begin a line (the first range of a file, after any BOM). */
  lineAligned?: boolean;
  /** Bytes per read; a longer line grows the buffer. */
  chunkBytes?: number;
  /** Malformed lines to keep with excerpt (all are counted). */
  maxMalformedSamples?: number;
  /**
   * Bytes of the whole scan this range is part of (default: the range's own): the JIT warm-up
   * runs when that is large enough to repay it, however small the range.
   */
  scanBytes?: number;
}

const DEFAULT_CHUNK = 1024 * 1024;
let reusableBuffer: Buffer | undefined;
const NEWLINE = 0x0a;
/** Written just past the data read: a control byte, which ends any string or number scan. */
const STOP_BYTE = 0x00;

/**
 * Validates and extracts lines for one selection: one per thread and selection, reused by every
 * range (scanRange is synchronous), so the scanner's intern tables stay warm and the hot call is
 * a method on one class — never a fresh closure per range, which optimized code would treat as
 * a new call target and throw away.
 */
class LineHandler {
  private readonly scanner: LineScanner;
  private readonly fields: readonly string[];
  private readonly nameSlot: number;
  private readonly prefilter: boolean;
  private readonly names = new StringInterner();
  /** Where lines are counted; set for each range. */
  collector: RangeCollector;
  /** Counts nothing anyone reads: holds the place between ranges, so no range's records stay referenced. */
  readonly idle: RangeCollector;

  constructor(selection: ScanSelection) {
    // In `whole` mode a case variant of a selected field must reach JSON.parse, as it does when
    // fields match case-insensitively.
    this.scanner = new LineScanner(selection.fields, selection.caseInsensitive || deliversWholeRecords(selection));
    this.fields = selection.fields;
    this.nameSlot = selection.fields.indexOf('EventName');
    this.prefilter = selection.prefilter === true;
    this.idle = new RangeCollector(selection, 0, 0);
    this.collector = this.idle;
  }

  /**
   * The line that starts at `buf[start]` (the buffer holds data up to `limit`; `final` when no more
   * follows): validate, count, keep the selected fields of a wanted record. Returns where the next
   * line starts, or -1 when the line runs past `limit` and more data must be read first.
   */
  handleLine(buf: Buffer, start: number, limit: number, final: boolean, line: number): number {
    const collector = this.collector;
    const scanner = this.scanner;
    let end: number;
    let outcome: LineOutcome;
    if (this.prefilter) {
      // The prefilter looks at the whole line before any scanning: find its end first.
      end = lineEnd(buf, start, limit, final);
      if (end < 0) return -1;
      const close = peekNameEnd(buf, start, end);
      if (close >= 0) {
        const name = this.names.get(buf, start + PEEK_NAME_OFFSET, close);
        if (collector.skippable(name) && peekConfirm(buf, close, end)) {
          collector.skippedLine(name);
          return end < limit ? end + 1 : limit;
        }
      }
      outcome = scanner.scanLine(buf, start, end);
    } else {
      // The scanner finds the end of a valid line itself; only a deferred line is searched for it.
      outcome = scanner.scanLine(buf, start, limit);
      if (outcome === LineOutcome.Defer) {
        end = lineEnd(buf, start, limit, final);
        if (end < 0) return -1;
      } else {
        end = scanner.lineEnd;
        if (end === limit && !final) return -1;
      }
    }
    const next = end < limit ? end + 1 : limit;
    if (outcome === LineOutcome.Blank) return next;
    const result = collector.result;
    if (outcome === LineOutcome.Defer) {
      result.deferred++;
      collector.parsedLine(decodeUtf8(buf, start, end), line);
      return next;
    }
    result.objects++;
    const name = this.nameSlot >= 0 ? scanner.internedValue(this.nameSlot) : undefined;
    if (!collector.countAndFilter(name)) return next;
    const fields = this.fields;
    const builder = collector.builder;
    if (builder !== undefined) {
      // Packed for a worker's reply: straight from the slots, no object.
      const at = builder.beginRecord();
      for (let slot = 0; slot < fields.length; slot++) {
        const kind = scanner.kinds[slot];
        if (kind === SlotKind.Absent) continue;
        if (kind === SlotKind.String) builder.setString(at + slot, scanner.internedValue(slot) as string);
        else if (kind === SlotKind.Number) builder.setNumber(at + slot, scanner.value(slot) as number);
        else if (kind === SlotKind.True) builder.setLiteral(at + slot, PackedKind.True);
        else if (kind === SlotKind.False) builder.setLiteral(at + slot, PackedKind.False);
        else if (kind === SlotKind.Null) builder.setLiteral(at + slot, PackedKind.Null);
        else builder.setValue(at + slot, scanner.value(slot));
      }
      result.recordLines.push(line);
      return next;
    }
    const record: Record<string, unknown> = {};
    for (let slot = 0; slot < fields.length; slot++) {
      if (scanner.kinds[slot] !== 0) record[fields[slot]!] = scanner.internedValue(slot);
    }
    result.records.push(record);
    result.recordLines.push(line);
    return next;
  }
}

/** Index of the newline ending the line at `start`, `limit` for a last line without one, or -1 when more data is needed. */
function lineEnd(buf: Buffer, start: number, limit: number, final: boolean): number {
  const nl = buf.indexOf(NEWLINE, start);
  if (nl >= 0 && nl < limit) return nl;
  return final ? limit : -1;
}

const handlers = new Map<string, LineHandler>();

/**
 * This thread's handler for a selection, created on first use; the JIT is warmed up when the scan
 * is large enough to repay it (a small input finishes before the warm-up would pay off).
 */
function handlerFor(selection: ScanSelection, scanBytes: number, pack: boolean): LineHandler {
  const key = JSON.stringify(selection);
  let handler = handlers.get(key);
  if (handler === undefined) {
    handler = new LineHandler(selection);
    if (handlers.size < 16) handlers.set(key, handler);
    if (scanBytes >= WARM_UP_MIN_SCAN_BYTES) warmUp(selection, handler, pack);
  }
  return handler;
}

/**
 * JIT warm-up, once per thread and selection. The optimizing compiler specialises the scanner on
 * the paths it has seen run; a path first met later in real data (an escaped string, a fraction,
 * a nested array, a literal) throws the optimized code away and the scanner runs interpreted
 * again until it is recompiled — on real telemetry that cycle repeated over the first ~10 MB.
 * A few kilobytes of synthetic lines that take every common path (each selected field with each
 * kind of value, wanted and unwanted names, nested values, whitespace, a deferred line) before
 * the real data make the first optimized code the lasting one. The results are thrown away.
 */
const WARM_UP_ROUNDS = 6;
/**
 * Scans smaller than this do not start with a warm-up (it costs ~20–40 ms before the optimizer has
 * even run). Larger ones do, even when cut in small ranges: without it, 100 files of 3.5 MB took
 * ~25% longer than one file of 351 MB.
 */
const WARM_UP_MIN_SCAN_BYTES = 8 * 1024 * 1024;

function warmUp(selection: ScanSelection, handler: LineHandler, pack: boolean): void {
  for (let round = 0; round < WARM_UP_ROUNDS; round++) {
    // A new buffer and new strings each round: real scans switch read buffers and meet new
    // strings all the time, and code that never saw either would be thrown away at the first.
    const buf = warmUpLines(selection, round);
    handler.collector = new RangeCollector(selection, 0, buf.length);
    // Only the way this thread keeps records: packed (a worker) or objects (the main thread).
    // Warming both made every thread compile, and keep, code for a path it never takes.
    if (pack) handler.collector.packInto(new PackedRecordsBuilder(selection.fields));
    // As in a real read buffer, a stop byte follows the data. Every other round also hands each
    // line over with the data ending right after it, as happens at the end of every read, so the
    // scanner's end-of-data paths run too.
    const limit = buf.length - 1;
    let line = 0;
    for (let start = 0; start < limit; ) {
      if (round % 2 === 0) {
        start = handler.handleLine(buf, start, limit, true, ++line);
      } else {
        const nl = buf.indexOf(NEWLINE, start);
        handler.handleLine(buf, start, nl, true, ++line);
        start = nl + 1;
      }
    }
    handler.collector.finish();
  }
  handler.collector = handler.idle;
}

/**
 * Synthetic, valid lines for `warmUp`: every selected field with every kind of value, and between
 * them lines that take the rarer paths (whitespace, empty objects, an escaped key, a selected key
 * in other letter case), so those paths have run often before the compiler looks. Strings carry
 * `round`, so each round brings new ones.
 */
export function warmUpLines(selection: ScanSelection, round = 0): Buffer {
  const wanted = selection.eventNames[0] ?? 'WarmUp';
  // Short strings (under 4 bytes) and raw UTF-8 take their own branches of the string interner.
  const values = [`"text-${round}"`, '"a \\"quoted\\" caf\\u00e9 and then a longer run of plain text \\\\ to the end"', '0', '17', '-3', '2.5', '1.25e3', '-0.5E-2', 'true', 'false', 'null', '""', `"SomeLongerPlainTextValue-${round}-0123456789"`, `"${round % 10}"`, '"ab"', `"a${round % 10}c"`, '"café"'];
  const selected = new Set(selection.fields.map((f) => f.toLowerCase()));
  // Keys a selected field's length and first byte let through to the byte-by-byte comparison,
  // which then fails on a letter or on a non-letter (real data is full of such near misses).
  const nearMisses = selection.fields.flatMap((field) =>
    field.length < 2 ? [] : [`${field.slice(0, -1)}${field.endsWith('q') || field.endsWith('Q') ? 'x' : 'q'}`, `${field.slice(0, -1)}_`].filter((key) => !selected.has(key.toLowerCase())),
  );
  const name = JSON.stringify(wanted);
  const caseOnly = selection.fields.find((f) => f !== 'EventName' && f.toUpperCase() !== f);
  const rare = [` { "EventName" : ${name} , "a" : [ 1 , 2 ] , "b" : { } } `, `{"EventName":${name},"ab":1}`, `{"EventName":${name},"c":"d"}`, '', '{}', '{"Event\\u004eame":"x"}'];
  // A key that names a selected field in other letter case: the line goes to JSON.parse.
  if (caseOnly !== undefined) rare.push(`{"EventName":${name},${JSON.stringify(caseOnly.toUpperCase())}:1}`);
  const lines: string[] = [];
  for (let v = 0; v < values.length * 2; v++) {
    const parts = [`"EventName":${JSON.stringify(v % 3 === 0 ? 'WarmUpUnwantedEvent' : wanted)}`, '"Timestamp":"2025-12-05T16:21:52.1976652-07:00"'];
    selection.fields.forEach((field, k) => {
      if (field !== 'EventName') parts.push(`${JSON.stringify(field)}:${values[(v + k) % values.length]}`);
    });
    parts.push(
      '"UnselectedSampleList":[1,{"a":[true,null,-2.5e1]},"x","a longer string inside an array, with no escapes"]',
      '"UnselectedDetails":{"k":"v","LongerNestedKeyName":"a longer nested value with an escape\\t inside","n":-1.5,"e":{}}',
      '"Empty":[]',
      '"Count":12345',
      ...(v % 4 === 0 ? nearMisses.map((key, k) => `${JSON.stringify(key)}:${k}`) : []),
    );
    // Lines end on each kind of value, so the byte loops that finish a line's last bytes run too.
    const last = v % 4 === 0 ? '"Tail":"ab"' : v % 4 === 1 ? '"Tail":["x\\n"]' : v % 4 === 2 ? '"Tail":{"k":"y"}' : '"Tail":"e\\"q"';
    lines.push(`{${parts.join(',')},${last}}`, rare[v % rare.length]!);
  }
  return Buffer.from(`${lines.join('\n')}\n\0`);
}

/**
 * A file range's bytes, read in chunks into one buffer: the line being scanned stays in it while
 * more is read after it. A class rather than closures inside `scanRange`: a fresh closure per range
 * would be a new call target to the optimized loop, which would throw its code away each time.
 */
class ChunkReader {
  /** Bytes of `buf` holding file data. The byte after them is always inside the buffer and holds
   * STOP_BYTE: the scanner may look one byte past its limit, and a read past a typed array's end
   * would make the optimized scanner fall back to slower code. */
  filled = 0;
  eof = false;
  /** File offset of the next read. */
  private position: number;

  constructor(
    private readonly fd: number,
    /** File offset of `buf[0]`. */
    public base: number,
    public buf: Buffer,
  ) {
    this.position = base;
  }

  /** Read more after the data held, doubling the buffer when it is full (a line longer than it). */
  readMore(): void {
    if (this.filled >= this.buf.length - 1) {
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.filled);
      this.buf = bigger;
    }
    const n = readSync(this.fd, this.buf, this.filled, this.buf.length - 1 - this.filled, this.position);
    if (n === 0) this.eof = true;
    this.filled += n;
    this.position += n;
    this.buf[this.filled] = STOP_BYTE;
  }

  /** Forget the bytes before `from`: what follows moves to the front of the buffer. */
  discardBefore(from: number): void {
    if (from === 0) return;
    this.buf.copy(this.buf, 0, from, this.filled);
    this.filled -= from;
    this.base += from;
    this.buf[this.filled] = STOP_BYTE;
  }
}

export function scanRange(task: RangeTask, options: { pack?: boolean } = {}): RangeResult {
  const selection = withEventName(task.selection);
  const handler = handlerFor(selection, task.scanBytes ?? task.end - task.start, options.pack === true);
  const collector = new RangeCollector(selection, task.maxMalformedSamples ?? 10, task.end - task.start);
  // A worker packs its records (`packed.ts`) as it goes: cheaper to build and to post.
  if (options.pack === true) collector.packInto(new PackedRecordsBuilder(selection.fields));
  const result = collector.result;
  handler.collector = collector;

  const fd = openSync(task.path, 'r');
  try {
    const chunk = task.chunkBytes ?? DEFAULT_CHUNK;
    // One read buffer per thread, reused by every range it scans (scanRange is synchronous), so a
    // long scan does not leave a trail of buffers for the garbage collector.
    const reusable = chunk === DEFAULT_CHUNK && reusableBuffer !== undefined && reusableBuffer.length >= chunk;
    const skipPartial = task.start > 0 && !task.lineAligned;
    // Reading from start - 1 tells whether the range begins at a line start.
    const reader = new ChunkReader(fd, skipPartial ? task.start - 1 : task.start, reusable ? reusableBuffer! : Buffer.allocUnsafe(chunk));
    let lineStart = 0; // index in reader.buf of the current line
    if (skipPartial) {
      // A line in progress at the range's start belongs to the previous range.
      for (;;) {
        reader.readMore();
        const nl = reader.buf.indexOf(NEWLINE, 0);
        if (nl >= 0 && nl < reader.filled) {
          lineStart = nl + 1;
          break;
        }
        if (reader.eof) return collector.finish();
        reader.discardBefore(reader.filled);
      }
      if (reader.base + lineStart >= task.end) return collector.finish();
    }
    for (;;) {
      if (lineStart < reader.filled) {
        const next = handler.handleLine(reader.buf, lineStart, reader.filled, reader.eof, result.lines + 1);
        if (next >= 0) {
          result.lines++;
          lineStart = next;
          if (reader.base + lineStart >= task.end) break;
          continue;
        }
      } else if (reader.eof) {
        break;
      }
      // The line runs past the data read so far: move it to the front and read more after it.
      reader.discardBefore(lineStart);
      lineStart = 0;
      reader.readMore();
    }
    if (chunk === DEFAULT_CHUNK) reusableBuffer = reader.buf;
  } finally {
    closeSync(fd);
    handler.collector = handler.idle;
  }
  return collector.finish();
}
