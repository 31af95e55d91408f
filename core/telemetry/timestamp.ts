/**
 * Telemetry timestamps. StateTrace writes .NET round-trip (`o`) local time with offset and 7
 * fractional digits (`2025-12-05T16:21:54.7420355-07:00`); some writers trim trailing zeros (1–6
 * digits) or use `Z`. Windows PowerShell 5.1's `ConvertTo-Json` writes dates as `\/Date(ms)\/`.
 *
 * Parsed values are epoch milliseconds as a plain number with the sub-millisecond part kept as a
 * fraction (a double near 1.7e12 resolves ~0.25 µs, so the 7th digit is approximate; ordering and
 * durations are exact to well under a microsecond).
 */

export interface ParsedTimestamp {
  /** Milliseconds since 1970-01-01T00:00:00Z, with sub-millisecond fraction (≈0.25 µs resolution). */
  epochMs: number;
  /** Exact form: whole epoch milliseconds (floor) … */
  wholeMs: number;
  /** … plus 100-ns ticks within that millisecond (0–9999), as .NET's 7 digits carry them. */
  subMsTicks: number;
  /** Offset from UTC in minutes as written (`Z` → 0); undefined for `/Date(ms)/` without offset. */
  offsetMinutes: number | undefined;
  /** Fractional-second digits as written (0–7). */
  fractionDigits: number;
  format: 'iso' | 'ms-date';
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?(Z|[+-]\d{2}:\d{2})$/;
// `/Date(1733441314742)/`, optionally `-0700`-style offset (informational; the ms are UTC already),
// with or without the JSON escape backslashes (`\/Date(…)\/`) still present.
const MS_DATE = /^\\?\/Date\((-?\d+)([+-]\d{4})?\)\\?\/$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Details of a timestamp, or undefined when it is not one of the accepted forms or not a real date. */
export function parseTimestampParts(text: string): ParsedTimestamp | undefined {
  const iso = ISO.exec(text);
  if (iso) return parseIso(iso);
  const ms = MS_DATE.exec(text);
  if (ms) {
    const epochMs = Number(ms[1]);
    if (!Number.isSafeInteger(epochMs)) return undefined;
    const offset = ms[2];
    const offsetMinutes = offset === undefined ? undefined : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5)));
    return { epochMs, wholeMs: epochMs, subMsTicks: 0, offsetMinutes, fractionDigits: 0, format: 'ms-date' };
  }
  return undefined;
}

/** Epoch milliseconds (sub-ms kept) of an ISO-8601 / `o` / `/Date(ms)/` timestamp; undefined when invalid. */
export function parseTimestamp(text: string): number | undefined {
  return parseTimestampParts(text)?.epochMs;
}

function parseIso(m: RegExpExecArray): ParsedTimestamp | undefined {
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  const fraction = m[7] ?? '';
  const zone = m[8]!;
  if (month < 1 || month > 12 || day < 1) return undefined;
  const maxDay = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  // .NET rejects second 60 (no leap seconds) and hour 24, so do we.
  if (day > maxDay || hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 14 || om > 59 || (oh === 14 && om > 0)) return undefined;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const ticks = fraction.length === 0 ? 0 : Number(fraction.padEnd(7, '0'));
  const wholeMs = date.getTime() - offsetMinutes * 60_000 + Math.floor(ticks / 10_000);
  const subMsTicks = ticks % 10_000;
  return { epochMs: wholeMs + subMsTicks / 10_000, wholeMs, subMsTicks, offsetMinutes, fractionDigits: fraction.length, format: 'iso' };
}

/** Exact ordering of two parsed timestamps (to the 100-ns tick), for sorting and inversion counts. */
export function compareTimestamps(a: ParsedTimestamp, b: ParsedTimestamp): number {
  return a.wholeMs - b.wholeMs || a.subMsTicks - b.subMsTicks;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * Local time in .NET round-trip `o` format with 7 fractional digits and the local offset, as
 * StateTrace's writer produces: `2025-12-05T16:21:54.7420355-07:00`. Accepts a Date, epoch
 * milliseconds with a fraction (e.g. from `preciseNow()`; the 7th digit is then approximate), or
 * exact `{ wholeMs, subMsTicks }`; UTC machines get `+00:00`, like .NET for a local DateTime.
 */
export function formatLocalTimestamp(when: Date | number | Pick<ParsedTimestamp, 'wholeMs' | 'subMsTicks'> = preciseNow()): string {
  let wholeMs: number;
  let subTicks: number;
  if (typeof when === 'object' && !(when instanceof Date)) {
    // Exact: e.g. re-emitting a parsed timestamp in local time.
    wholeMs = when.wholeMs;
    subTicks = when.subMsTicks;
  } else {
    const epochMs = typeof when === 'number' ? when : when.getTime();
    wholeMs = Math.floor(epochMs);
    subTicks = Math.round((epochMs - wholeMs) * 10_000);
    if (subTicks >= 10_000) {
      wholeMs += 1;
      subTicks -= 10_000;
    }
  }
  const d = new Date(wholeMs);
  const ticks = d.getMilliseconds() * 10_000 + subTicks;
  const offset = -d.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)}` +
    `T${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2)}:${pad(d.getSeconds(), 2)}.${pad(ticks, 7)}` +
    `${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`
  );
}

/** Epoch milliseconds with sub-millisecond resolution (wall clock + monotonic fraction). */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}
