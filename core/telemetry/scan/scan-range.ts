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
import { LineOutcome, LineScanner, StringInterner, decodeUtf8 } from './line-scanner.js';
import { PEEK_NAME_OFFSET, peekConfirm, peekNameEnd } from './peek.js';
import { RangeCollector, withEventName, type RangeResult, type ScanSelection } from './collector.js';

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
}

const DEFAULT_CHUNK = 4 * 1024 * 1024;
let reusableBuffer: Buffer | undefined;
const NEWLINE = 0x0a;

export function scanRange(task: RangeTask): RangeResult {
  const selection = withEventName(task.selection);
  const scanner = new LineScanner(selection.fields, selection.caseInsensitive);
  const nameSlot = selection.fields.indexOf('EventName');
  const collector = new RangeCollector(selection, task.maxMalformedSamples ?? 10, task.end - task.start);
  const result = collector.result;

  const prefilter = selection.prefilter === true;
  const names = new StringInterner();
  const handleLine = (buf: Buffer, start: number, end: number, line: number): void => {
    if (prefilter) {
      const close = peekNameEnd(buf, start, end);
      if (close >= 0) {
        const name = names.get(buf, start + PEEK_NAME_OFFSET, close);
        if (collector.skippable(name) && peekConfirm(buf, close, end)) {
          collector.skippedLine(name);
          return;
        }
      }
    }
    const outcome = scanner.scanLine(buf, start, end);
    if (outcome === LineOutcome.Blank) return;
    if (outcome === LineOutcome.Defer) {
      result.deferred++;
      collector.parsedLine(decodeUtf8(buf, start, end), line);
      return;
    }
    result.objects++;
    const name = nameSlot >= 0 ? scanner.internedValue(nameSlot) : undefined;
    if (!collector.countAndFilter(name)) return;
    const record: Record<string, unknown> = {};
    for (let slot = 0; slot < selection.fields.length; slot++) {
      if (scanner.kinds[slot] !== 0) record[selection.fields[slot]!] = scanner.internedValue(slot);
    }
    result.records.push(record);
    result.recordLines.push(line);
  };

  const fd = openSync(task.path, 'r');
  try {
    const chunk = task.chunkBytes ?? DEFAULT_CHUNK;
    // One read buffer per thread, reused by every range it scans (scanRange is synchronous), so a
    // long scan does not leave a trail of 4 MB buffers for the garbage collector.
    let buf = reusableBuffer !== undefined && reusableBuffer.length >= chunk && chunk === DEFAULT_CHUNK ? reusableBuffer : Buffer.allocUnsafe(chunk);
    let filled = 0; // bytes of buf holding file data
    const skipPartial = task.start > 0 && !task.lineAligned;
    let bufBase = skipPartial ? task.start - 1 : task.start; // file offset of buf[0]
    let position = bufBase; // file offset of the next read
    let eof = false;
    const readMore = (): void => {
      if (filled === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const n = readSync(fd, buf, filled, buf.length - filled, position);
      if (n === 0) eof = true;
      filled += n;
      position += n;
    };

    let lineStart = 0; // index in buf of the current line
    if (skipPartial) {
      // Reading from start - 1 tells whether the range begins at a line start; if not, the
      // line in progress belongs to the previous range.
      for (;;) {
        readMore();
        const nl = buf.indexOf(NEWLINE, 0);
        if (nl >= 0 && nl < filled) {
          lineStart = nl + 1;
          break;
        }
        if (eof) return result;
        bufBase += filled;
        filled = 0;
      }
      if (bufBase + lineStart >= task.end) return result;
    }
    for (;;) {
      const nl = lineStart < filled ? buf.indexOf(NEWLINE, lineStart) : -1;
      if (nl >= 0 && nl < filled) {
        result.lines++;
        handleLine(buf, lineStart, nl, result.lines);
        lineStart = nl + 1;
        if (bufBase + lineStart >= task.end) break;
        continue;
      }
      if (eof) {
        if (lineStart < filled) {
          result.lines++;
          handleLine(buf, lineStart, filled, result.lines);
        }
        break;
      }
      // Move the partial line to the front and read more after it.
      if (lineStart > 0) {
        buf.copy(buf, 0, lineStart, filled);
        filled -= lineStart;
        bufBase += lineStart;
        lineStart = 0;
      }
      readMore();
    }
    if (chunk === DEFAULT_CHUNK) reusableBuffer = buf;
  } finally {
    closeSync(fd);
  }
  return collector.finish();
}
