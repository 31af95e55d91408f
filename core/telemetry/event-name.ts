/**
 * Cheap look at a record's `EventName` without `JSON.parse`, for the reader's `eventNames`
 * prefilter. Only the unambiguous common case is recognised; anything else returns `undefined`
 * ("unsure") and the caller parses. The rollup scanner (`core/telemetry/scan/`) must apply the same
 * rule so both give identical counts.
 */

/** `eventCounts` key for records without a string `EventName` (e.g. scheduler-snapshot array rows). */
export const NO_EVENT_NAME = '(no EventName)';

const PREFIX = '{"EventName":"';

/**
 * The EventName of a compact record that starts exactly with `{"EventName":"` (what StateTrace's
 * writer and ours always produce), or `undefined` when that can't be seen for sure:
 * - the text (from `start`) doesn't begin with that prefix (other key order, spaces, pretty JSON);
 * - the name contains a backslash escape;
 * - the name isn't followed by `,` or `}`;
 * - `"EventName"` appears again later (a duplicate key: JSON.parse keeps the last one);
 * - the record's last non-blank character isn't `}` (a truncated line must reach the parser, which
 *   reports it as malformed).
 * Lines skipped on the strength of this check are not otherwise validated (see docs/telemetry-engine.md).
 */
export function peekEventName(text: string, start = 0): string | undefined {
  if (!text.startsWith(PREFIX, start)) return undefined;
  const nameStart = start + PREFIX.length;
  const close = text.indexOf('"', nameStart);
  if (close < 0) return undefined;
  for (let i = nameStart; i < close; i++) if (text.charCodeAt(i) === 92 /* \\ */) return undefined;
  const after = text.charCodeAt(close + 1);
  if (after !== 44 /* , */ && after !== 125 /* } */) return undefined;
  if (text.indexOf('"EventName"', close) >= 0) return undefined;
  let end = text.length - 1;
  while (end > close && isBlank(text.charCodeAt(end))) end--;
  if (text.charCodeAt(end) !== 125 /* } */) return undefined;
  return text.slice(nameStart, close);
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}
