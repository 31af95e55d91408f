/**
 * Contract of the telemetry engine: reading (any encoding, NDJSON or pretty-printed JSON array),
 * selecting (which events/fields a consumer needs) and aggregating stay separate, so each can be
 * made fast on its own.
 */
import type { MalformedLineRecord, TelemetrySummary } from '../types.js';

/** Where a record came from: file and 1-based line (for JSON arrays: the line the element starts on). */
export interface RecordLocation {
  file: string;
  line: number;
}

/** A parsed telemetry record: any JSON object. Events carry a string `EventName`; array rows may not. */
export type TelemetryRecord = Record<string, unknown>;

export interface ReadTelemetryOptions {
  /**
   * When set, only records whose `EventName` is in the set are parsed and delivered; other lines are
   * counted (by name) but not parsed, which is most of the speed on large files. Lines whose name
   * cannot be seen without parsing are parsed.
   */
  eventNames?: ReadonlySet<string>;
  /**
   * The top-level fields the consumer reads, when it knows them. A reader may then deliver records
   * holding only these (plus any record it had to parse whole): a field is found in the record
   * as the gates' `getField` would find it in the fully parsed one (exact key, else a case variant).
   */
  fields?: readonly string[];
  /** Called for every delivered record, in file order. */
  onRecord(record: TelemetryRecord, location: RecordLocation): void;
  /** Called for every malformed line (also summarised in the result, capped). */
  onMalformed?(malformed: MalformedLineRecord): void;
  /** Progress for long inputs: bytes read so far of the total. */
  onProgress?(bytesRead: number, totalBytes: number): void;
  signal?: AbortSignal;
  /** Malformed-line samples kept in the summary (default 20); totals are always exact. */
  maxMalformedSamples?: number;
  /** Bytes per read (default 16 MiB). Memory is bounded by one chunk plus the longest line or array element. */
  chunkBytes?: number;
}

export type ReadTelemetry = (paths: string[], options: ReadTelemetryOptions) => Promise<TelemetrySummary>;
