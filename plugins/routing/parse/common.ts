/** Helpers shared by the vendor route-table parsers. */
import type { ParsedRoute } from '../model.js';

export const IPV4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}`;

/** Result of parsing one transcript: the routes plus the original's summary counters. */
export interface RouteTableParse {
  routes: ParsedRoute[];
  /** Lines in the transcript (the original's `LinesParsedCount`). */
  lines: number;
  /** Lines that looked like route data but could not be read, with the reason (never silently dropped). */
  unreadable: Array<{ line: number; text: string; reason: string }>;
  /** VRFs / routing instances / virtual routers seen in the transcript. */
  vrfs: string[];
}

/** Splits a transcript into lines, tolerating CRLF, a UTF-8 BOM and a trailing line without newline. */
export function splitLines(text: string): string[] {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = clean.split(/\r\n|\n|\r/);
  // A final newline does not start another line (Get-Content does not count it either).
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const HMS = /^(\d+):(\d{1,2}):(\d{1,2})$/;
const UNITS = /^(?:\d+[ywdhms])+$/;
const UNIT_SECONDS: Record<string, number> = { y: 365 * 86400, w: 7 * 86400, d: 86400, h: 3600, m: 60, s: 1 };

/**
 * Route age in seconds. Understands `00:00:12` (the only form the original read), Cisco's
 * `1d02h`, `2w3d`, `1y2w`, Junos's `45d 06:15:30` / `1w2d 03:04:05`, and PAN-OS's `45d`.
 * Returns undefined for anything else.
 */
export function parseAgeSeconds(text: string): number | undefined {
  const parts = text.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0 || parts.length > 2) return undefined;
  let total = 0;
  for (const part of parts) {
    const hms = HMS.exec(part);
    if (hms) {
      total += Number(hms[1]) * 3600 + Number(hms[2]) * 60 + Number(hms[3]);
      continue;
    }
    if (!UNITS.test(part)) return undefined;
    for (const m of part.matchAll(/(\d+)([ywdhms])/g)) total += Number(m[1]) * (UNIT_SECONDS[m[2]!] ?? 0);
  }
  return total;
}

export function isAge(text: string): boolean {
  return parseAgeSeconds(text) !== undefined;
}
