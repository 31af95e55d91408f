/**
 * What a scan of one range (or one whole file) produces, and the one place that decides what a
 * line means once it is text: blank, malformed (not JSON, or JSON but not an object), or a record
 * counted under its EventName and kept when wanted. Both the fast scanner (for lines it defers)
 * and the plain JSON.parse path use it, so they cannot disagree.
 */
import { NO_EVENT_NAME, peekEventName } from '../event-name.js';
import { describeJsonType, normalizeLine } from '../line.js';
import type { PackedRecords, PackedRecordsBuilder } from './packed.js';
import { createNameFilter, createPicker } from './pick.js';

export { NO_EVENT_NAME };

export interface ScanSelection {
  /** Event names to deliver (see `createNameFilter`). */
  eventNames: readonly string[];
  /** Top-level fields to extract from delivered records (include `EventName` to see it). */
  fields: readonly string[];
  /** Match names and fields as PowerShell does: case-insensitive, names trimmed. */
  caseInsensitive: boolean;
  /**
   * With `caseInsensitive` off, what a line JSON.parse judges (one with a case variant of a
   * selected field — `site` for `Site` —, an escape in a key, …) delivers: `pick` (default) its
   * selected fields, exact keys only; `whole` the whole record as JSON.parse gives it. A consumer
   * that looks fields up as the gates' `getField` does (the exact key, else a case variant) then
   * finds in every record what it would find in the fully parsed one: a line the scanner accepts
   * has no case variant of a selected field (the scanner hands such lines to JSON.parse).
   */
  deferredLines?: 'pick' | 'whole';
  /**
   * Skip unwanted lines without validating them when their name can be seen without parsing
   * (`peekEventName`, the rule `readTelemetry` applies with `eventNames`): much faster, but a
   * malformed line of an unwanted event is then counted as that event, not as malformed.
   * Off: every line is validated, as when every line is parsed.
   */
  prefilter?: boolean;
}


export interface RangeMalformed {
  /** 1-based line number within the range. */
  line: number;
  reason: string;
  excerpt: string;
}

export interface RangeResult {
  /** Selected fields of wanted records, in file order (empty when they were packed instead). */
  records: Array<Record<string, unknown>>;
  /** The records, packed for a worker's reply (see `RangeCollector.packInto`). */
  packed?: PackedRecords;
  /** Range-local 1-based line of each record. */
  recordLines: number[];
  /** Lines owned by the range (blank ones included). */
  lines: number;
  /** Valid JSON objects seen (wanted or not). */
  objects: number;
  malformed: number;
  malformedSamples: RangeMalformed[];
  /** Objects per EventName (`(no EventName)` when it is not a string). */
  eventCounts: Record<string, number>;
  /** Lines the scanner handed to JSON.parse. */
  deferred: number;
  bytes: number;
}

/** Whether lines JSON.parse judges are delivered whole (`deferredLines: 'whole'`, which applies only to exact matching). */
export function deliversWholeRecords(selection: ScanSelection): boolean {
  return selection.deferredLines === 'whole' && !selection.caseInsensitive;
}

/** The selection with `EventName` among the fields (names are read from it). */
export function withEventName(selection: ScanSelection): ScanSelection {
  return selection.fields.includes('EventName') ? selection : { ...selection, fields: ['EventName', ...selection.fields] };
}

export class RangeCollector {
  readonly result: RangeResult;
  private readonly counts = new Map<string, number>();
  private readonly byName = new Map<string, { count: number; wanted: boolean }>();
  private readonly isWanted: (name: unknown) => boolean;
  private readonly pick: (record: Record<string, unknown>) => Record<string, unknown>;

  private readonly prefilter: boolean;
  private readonly whole: boolean;

  constructor(
    selection: ScanSelection,
    private readonly maxSamples: number,
    bytes: number,
  ) {
    this.isWanted = createNameFilter(new Set(selection.eventNames), selection.caseInsensitive);
    this.pick = createPicker(selection);
    this.prefilter = selection.prefilter === true;
    this.whole = deliversWholeRecords(selection);
    this.result = {
      records: [],
      recordLines: [],
      lines: 0,
      objects: 0,
      malformed: 0,
      malformedSamples: [],
      // Null prototype: an EventName such as `constructor` or `__proto__` must count like any other.
      eventCounts: Object.create(null) as Record<string, number>,
      deferred: 0,
      bytes,
    };
  }

  /** Count an object under its name; true when it is wanted. */
  countAndFilter(name: unknown): boolean {
    if (typeof name === 'string') {
      // One lookup per line: the counter entry also remembers whether the name is wanted.
      let entry = this.byName.get(name);
      if (entry === undefined) {
        entry = { count: 0, wanted: this.isWanted(name) };
        this.byName.set(name, entry);
      }
      entry.count++;
      return entry.wanted;
    }
    this.counts.set(NO_EVENT_NAME, (this.counts.get(NO_EVENT_NAME) ?? 0) + 1);
    return this.isWanted(name);
  }

  /** An unwanted line recognised without parsing (prefilter mode): counted under its name only. */
  skippedLine(name: string): void {
    this.result.objects++;
    this.countAndFilter(name);
  }

  /** Whether a peeked name is one the prefilter may skip. */
  skippable(name: string | undefined): name is string {
    if (name === undefined) return false;
    const entry = this.byName.get(name);
    return entry === undefined ? !this.isWanted(name) : !entry.wanted;
  }

  /** A line as text, judged by JSON.parse (after the prefilter, when on). */
  parsedLine(raw: string, line: number): void {
    const text = normalizeLine(raw);
    if (text === undefined) return;
    if (this.prefilter) {
      const name = peekEventName(text);
      if (this.skippable(name)) {
        this.skippedLine(name);
        return;
      }
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.malformed(line, (error as Error).message, text);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.malformed(line, `a JSON ${describeJsonType(value)}, not an object (a telemetry record must be an object)`, text);
      return;
    }
    this.result.objects++;
    const record = this.whole ? (value as Record<string, unknown>) : this.pick(value as Record<string, unknown>);
    if (this.countAndFilter(record.EventName)) {
      this.keep(record, line, this.whole);
    }
  }

  /** Keep a wanted record: its selected fields, or all of it (`whole`). */
  keep(record: Record<string, unknown>, line: number, whole = false): void {
    if (this.builder === undefined) this.result.records.push(record);
    else if (whole) this.builder.addWholeRecord(record);
    else this.builder.addRecord(record);
    this.result.recordLines.push(line);
  }

  /** Records go into `builder` instead of `result.records` (and `finish` packs them). */
  packInto(builder: PackedRecordsBuilder): void {
    this.builder = builder;
  }

  /** Set by `packInto`. */
  builder: PackedRecordsBuilder | undefined;

  malformed(line: number, reason: string, text: string): void {
    this.result.malformed++;
    if (this.result.malformedSamples.length < this.maxSamples) {
      const trimmed = text.trim();
      const excerpt = trimmed.length > EXCERPT_CHARS ? `${trimmed.slice(0, EXCERPT_CHARS)}…` : trimmed;
      this.result.malformedSamples.push({ line, reason, excerpt });
    }
  }

  finish(): RangeResult {
    if (this.builder !== undefined) this.result.packed = this.builder.finish();
    for (const [name, entry] of this.byName) this.result.eventCounts[name] = entry.count;
    for (const [name, n] of this.counts) this.result.eventCounts[name] = (this.result.eventCounts[name] ?? 0) + n;
    return this.result;
  }
}

const EXCERPT_CHARS = 120;

