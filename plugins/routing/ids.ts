/**
 * Deterministic identifiers (DOMAIN §5.3) and the .NET round-trip timestamp rendering they depend on.
 * Both hashes are lower-hex SHA-256 of UTF-8 text joined with `|`, exactly as the original computed
 * them, so ids written by either implementation match.
 */
import { createHash } from 'node:crypto';
import type { RouteRecord } from './model.js';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The fields a RecordId is computed from. */
export type RecordIdParts = Pick<RouteRecord, 'CapturedAt' | 'Site' | 'Hostname' | 'Vrf' | 'Prefix' | 'PrefixLength' | 'NextHop' | 'Protocol' | 'RouteRole' | 'RouteState'>;

/**
 * RecordId = sha256(`CapturedAt|SITE|HOSTNAME|Vrf|Prefix|PrefixLength|NextHop|Protocol|RouteRole|RouteState`).
 * CapturedAt is the capture's string exactly as read (the original under pwsh 7 re-rendered JSON dates,
 * which changed the hash; we pin the raw string). Site and Hostname are upper-cased here.
 */
export function recordId(p: RecordIdParts): string {
  return sha256Hex(
    [p.CapturedAt, p.Site.toUpperCase(), p.Hostname.toUpperCase(), p.Vrf, p.Prefix, p.PrefixLength, p.NextHop, p.Protocol, p.RouteRole, p.RouteState].join('|'),
  );
}

/** SnapshotId = `RHS-` + sha256(`SITE|HOSTNAME|Vrf|CapturedAt|<RecordIds sorted, joined by ','>`). */
export function snapshotId(site: string, hostname: string, vrf: string, capturedAt: string, recordIds: readonly string[]): string {
  return `RHS-${sha256Hex([site, hostname, vrf, capturedAt, sortOrdinal(recordIds).join(',')].join('|'))}`;
}

/** Ordinal (UTF-16 code unit) sort: the same order on every machine and ICU version. */
export function sortOrdinal(values: readonly string[]): string[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** An ISO-8601 timestamp read with its own offset kept, like .NET's DateTimeOffset. */
export interface OffsetTimestamp {
  /** Milliseconds since the epoch (UTC), whole part. */
  epochMs: number;
  /** Sub-millisecond remainder in 100 ns ticks (0..9999), so 7-digit fractions survive. */
  subMsTicks: number;
  /** Offset from UTC in minutes (Z = 0). */
  offsetMinutes: number;
  /** Wall-clock fields as written (in the timestamp's own offset). */
  local: { year: number; month: number; day: number; hour: number; minute: number; second: number; fractionTicks: number };
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,7})\d*)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses an ISO-8601 timestamp; undefined when it is not one. A timestamp without offset is taken as
 * UTC (the original's DateTimeOffset.Parse would use the machine's zone, which no harness should depend on).
 */
export function parseOffsetTimestamp(text: string): OffsetTimestamp | undefined {
  const m = ISO_RE.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const fractionTicks = m[7] ? Number(m[7].padEnd(7, '0')) : 0;
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
  }
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wallMs);
  if (check.getUTCDate() !== day) return undefined; // 2025-02-30
  return {
    epochMs: wallMs - offsetMinutes * 60_000 + Math.floor(fractionTicks / 10_000),
    subMsTicks: fractionTicks % 10_000,
    offsetMinutes,
    local: { year, month, day, hour, minute, second, fractionTicks },
  };
}

/** Milliseconds from `a` to `b` (fractional, exact to 100 ns). */
export function diffMs(a: OffsetTimestamp, b: OffsetTimestamp): number {
  return b.epochMs - a.epochMs + (b.subMsTicks - a.subMsTicks) / 10_000;
}

export function compareTimestamps(a: OffsetTimestamp, b: OffsetTimestamp): number {
  return a.epochMs - b.epochMs || a.subMsTicks - b.subMsTicks;
}

/** .NET `DateTimeOffset.ToString('o')`: `2025-12-27T19:00:30.0000000+00:00`, in the timestamp's own offset. */
export function formatRoundTrip(t: OffsetTimestamp): string {
  const l = t.local;
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const sign = t.offsetMinutes < 0 ? '-' : '+';
  const off = Math.abs(t.offsetMinutes);
  return `${p(l.year, 4)}-${p(l.month)}-${p(l.day)}T${p(l.hour)}:${p(l.minute)}:${p(l.second)}.${p(l.fractionTicks, 7)}${sign}${p(Math.floor(off / 60))}:${p(off % 60)}`;
}

/** .NET `Math.Round` default: half to even. */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
