/**
 * Which events and fields the rollup reads, and how PowerShell would have converted their values.
 * The original read each line with `ConvertFrom-Json` and then cast properties with `[double]`,
 * `[bool]` and `'' + value`; those casts have quirks (null → 0, "false" → true) that decide the
 * figures, so they are reproduced here once and used by both the fast and the reference path.
 */
import { formatDotNetNumber } from '../../core/stats/index.js';

/** Events the rollup accumulates (the original's `switch` compares trimmed names case-insensitively). */
export const ROLLUP_EVENTS = [
  'ParseDuration',
  'DatabaseWriteLatency',
  'RowsWritten',
  'SkippedDuplicate',
  'InterfaceSyncTiming',
  'DiffUsageRate',
  'DriftDetectionTime',
  'DiffCompareDurationMs',
  'DiffCompareResultCounts',
  'UserAction',
] as const;

/** Every top-level field any rollup metric looks at (PowerShell property lookup is case-insensitive). */
export const ROLLUP_FIELDS = [
  'EventName',
  'Site',
  'DurationSeconds',
  'Success',
  'LatencyMs',
  'Rows',
  'DeletedRows',
  'Hostname',
  'SiteCacheFetchDurationMs',
  'SiteCacheFetchStatus',
  'SiteCacheProvider',
  'UsageNumerator',
  'UsageDenominator',
  'Status',
  'DurationMinutes',
  'DurationMs',
  'TotalCount',
  'AddedCount',
  'RemovedCount',
  'ChangedCount',
  'UnchangedCount',
  'Action',
] as const;

export type RollupField = (typeof ROLLUP_FIELDS)[number];

/**
 * The fields of one event that the rollup needs, under their canonical names. A field that exists
 * with a null value is present (`null`); an absent field is `undefined`.
 */
export type RollupRecord = Partial<Record<RollupField, unknown>>;

/** Event names the rollup wants, given whether site-cache metrics are on. */
export function wantedEvents(includeSiteCache: boolean): string[] {
  return ROLLUP_EVENTS.filter((name) => includeSiteCache || name !== 'InterfaceSyncTiming');
}

/** `'' + value` in PowerShell: the text a value turns into when concatenated to a string. */
export function psString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatDotNetNumber(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return value.map(psString).join(' ');
  // A nested object became a PSCustomObject, which renders as @{key=value; ...}.
  const parts = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}=${psString(v)}`);
  return `@{${parts.join('; ')}}`;
}

const DOUBLE_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * `[double]value` in PowerShell, or `undefined` where the cast throws (the original then skips the
 * value or counts 0, depending on the metric). Strings parse with the invariant culture.
 */
export function psDouble(value: unknown): number | undefined {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return 0;
    if (DOUBLE_TEXT.test(text)) return Number(text);
    if (text === 'NaN') return Number.NaN;
    if (text === 'Infinity' || text === '+Infinity') return Infinity;
    if (text === '-Infinity') return -Infinity;
    return undefined;
  }
  if (Array.isArray(value) && value.length === 1) return psDouble(value[0]);
  return undefined;
}

/** `[bool]value` in PowerShell: null and 0 are false, any non-empty string (even "false") is true. */
export function psBool(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length === 0 ? false : value.length === 1 ? psBool(value[0]) : true;
  return true;
}

/** ASCII-only lower-casing: the rule both readers use to match field names case-insensitively. */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}
