/**
 * `peekEventName` (core/telemetry/event-name.ts) on bytes, in two halves so a wanted line costs
 * nothing extra: `peekNameEnd` finds the name of a compact record that starts exactly with
 * `{"EventName":"` (no escape in it, followed by `,` or `}`); only when that name is unwanted does
 * `peekConfirm` check the rest of the rule (no `"EventName"` again later in the line, last
 * non-blank byte `}`). Together they skip exactly the lines `readTelemetry` skips with
 * `eventNames`. Lines the reader would first trim or strip of a BOM do not start with the prefix:
 * they take the full path, which normalises them the reader's way.
 */
const PREFIX = Buffer.from('{"EventName":"');
const KEY = Buffer.from('"EventName"');

/** Index of the quote closing the name (the name is `[start + 14, close)`), or -1. */
export function peekNameEnd(buf: Buffer, start: number, end: number): number {
  if (end - start < PREFIX.length) return -1;
  for (let k = 0; k < PREFIX.length; k++) if (buf[start + k] !== PREFIX[k]) return -1;
  let close = start + PREFIX.length;
  while (close < end && buf[close] !== 0x22) {
    if (buf[close] === 0x5c) return -1;
    close++;
  }
  if (close >= end - 1) return -1;
  const after = buf[close + 1];
  return after === 0x2c || after === 0x7d ? close : -1;
}

export const PEEK_NAME_OFFSET = PREFIX.length;

/** The rest of the rule, for a line whose name ends at `close`. */
export function peekConfirm(buf: Buffer, close: number, end: number): boolean {
  // A duplicate key later in the line (JSON.parse keeps the last): native search, bounded by the line.
  const again = buf.indexOf(KEY, close);
  if (again >= 0 && again + KEY.length <= end) return false;
  let last = end - 1;
  while (last > close && (buf[last] === 0x20 || buf[last] === 0x09 || buf[last] === 0x0d || buf[last] === 0x0a)) last--;
  return buf[last] === 0x7d;
}
