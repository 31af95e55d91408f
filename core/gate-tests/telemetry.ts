/**
 * The events of a test case: inline events (with the `$repeat` / `$values` shorthands expanded) or a
 * telemetry file read with the normal reader, so a fixture behaves exactly as it would in `check`.
 */
import { ErrorCode, StatetraceError, type SourceLocation } from '../errors.js';
import { readTelemetry } from '../telemetry/reader.js';
import type { TelemetryRecord } from '../telemetry/types.js';

/**
 * Expand one inline event. `$values: { Field: [a, b, c] }` makes one event per value (several fields
 * are zipped and must have the same length); `$repeat: N` repeats the result N times. Returns an
 * error text when the shorthand is inconsistent.
 */
export function expandEvent(raw: Record<string, unknown>): { events: TelemetryRecord[] } | { error: string; hint: string; key: '$values' | '$repeat' } {
  const { $repeat, $values, ...event } = raw;
  let events: TelemetryRecord[] = [event];
  if ($values !== undefined) {
    const columns = Object.entries($values as Record<string, unknown[]>);
    const lengths = new Set(columns.map(([, values]) => values.length));
    if (lengths.size > 1) {
      return {
        key: '$values',
        error: `$values lists have different lengths (${columns.map(([field, values]) => `${field}: ${values.length}`).join(', ')})`,
        hint: 'give every field under $values the same number of values: event i takes the i-th value of each',
      };
    }
    const length = columns[0]![1].length;
    events = Array.from({ length }, (_, i) => {
      const copy: TelemetryRecord = { ...event };
      for (const [field, values] of columns) copy[field] = values[i];
      return copy;
    });
  }
  const repeat = typeof $repeat === 'number' ? $repeat : 1;
  if (repeat > 1) events = Array.from({ length: repeat }, () => events.map((e) => ({ ...e }))).flat();
  return { events };
}

/**
 * Read a telemetry file into memory. A malformed line would be a silent gap in the fixture, so it is an
 * error naming the line.
 */
export async function readTelemetryFile(path: string, referencedAt: SourceLocation): Promise<TelemetryRecord[]> {
  const records: TelemetryRecord[] = [];
  let summary;
  try {
    summary = await readTelemetry([path], { onRecord: (record) => records.push(record) });
  } catch (cause) {
    if (cause instanceof StatetraceError) throw cause;
    throw new StatetraceError(ErrorCode.InputMissing, `cannot read telemetry file ${path}: ${(cause as Error).message}`, { location: referencedAt, cause });
  }
  const first = summary.malformedSamples[0];
  if (summary.malformed > 0 && first) {
    throw new StatetraceError(ErrorCode.InputInvalid, `telemetry file has ${summary.malformed} malformed line${summary.malformed === 1 ? '' : 's'}: ${first.reason}`, {
      location: { file: first.file, line: first.line },
      hint: `fix the fixture (it is referenced at ${referencedAt.file}:${referencedAt.line ?? '?'}); a gate test must not depend on lines the reader skips`,
    });
  }
  return records;
}
