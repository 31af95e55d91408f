/** Telemetry engine: read (reader.ts), write (writer.ts), timestamps (timestamp.ts). */
export type { ReadTelemetry, ReadTelemetryOptions, RecordLocation, TelemetryRecord } from './types.js';
export { readTelemetry, DEFAULT_CHUNK_BYTES, DEFAULT_MALFORMED_SAMPLES, sniffFormat, type FileSummary } from './reader.js';
export { NO_EVENT_NAME, peekEventName } from './event-name.js';
export { detectEncoding, type TelemetryEncoding } from './encoding.js';
export { createTelemetryWriter, formatEventLine, type TelemetryWriter, type TelemetryWriterOptions } from './writer.js';
export { compareTimestamps, formatLocalTimestamp, parseTimestamp, parseTimestampParts, preciseNow, type ParsedTimestamp } from './timestamp.js';
