/**
 * The warm-run comparison, recomputed exactly as the original's final pass
 * (`Update-ComparisonSummaryFromResults`, STATETRACE-TELEMETRY §4.3) so that replaying a stored
 * WarmRunTelemetry file reproduces its comparison row:
 * 1. Only rows with an empty SummaryType count. Warm = PassLabel `WarmPass`, minus
 *    `AccessRetry`/`Refreshed`/`AccessRefresh` retry rows (only when something remains); cold = `ColdPass`.
 * 2. Provider = `Provider` else `SiteCacheProvider`, trimmed, blank → `Unknown`; every row counts.
 *    HostCount = distinct non-blank Hostname (case-insensitive). Durations = non-null InterfaceCallDurationMs.
 * 3. Hit = Cache + SharedCache; miss = all other providers; ratio = round2(hit / (hit + miss) · 100).
 * 4. Avg/P95/Max = round3 (ToEven). ImprovementAverageMs = round3 of the difference of the *rounded*
 *    averages; ImprovementPercent = round2(ImprovementAverageMs / ColdAvg · 100) when ColdAvg > 0.
 * 5. WarmSignatureMatchMissCount counts warm rows whose HostMapSignatureMatchCount-like field ≤ 0;
 *    WarmSignatureRewriteTotal and (when the recount is 0) host counts come from an earlier computation.
 */
import { field, numberOrUndefined, text, type JsonRecord } from '../shared-cache/read-records.js';
import { mean, percentileLinear, roundToEven } from './dotnet-math.js';
import { COMPARISON_SUMMARY_TYPE, PASS_LABEL, type WarmRunRow } from './telemetry-file.js';

/** Providers that count as a cache hit (DOMAIN §3.2: "Warm-run hit = Cache or SharedCache"). */
export const HIT_PROVIDERS: ReadonlySet<string> = new Set(['Cache', 'SharedCache']);

export interface WarmRunComparison {
  PassLabel: 'WarmRunComparison';
  SummaryType: 'InterfaceCallDuration';
  ColdHostCount: number | null;
  WarmHostCount: number | null;
  ColdInterfaceCallAvgMs: number | null;
  ColdInterfaceCallP95Ms: number | null;
  ColdInterfaceCallMaxMs: number | null;
  WarmInterfaceCallAvgMs: number | null;
  WarmInterfaceCallP95Ms: number | null;
  WarmInterfaceCallMaxMs: number | null;
  ImprovementAverageMs: number | null;
  ImprovementPercent: number | null;
  WarmCacheProviderHitCount: number;
  WarmCacheProviderHitCountRaw: number;
  WarmCacheProviderMissCount: number;
  WarmCacheProviderMissCountRaw: number;
  WarmCacheHitRatioPercent: number | null;
  WarmCacheHitRatioPercentRaw: number | null;
  WarmSignatureMatchMissCount: number;
  WarmSignatureRewriteTotal: number;
  WarmProviderCounts: Record<string, number>;
  WarmProviderCountsRaw: Record<string, number>;
  ColdProviderCounts: Record<string, number>;
  ColdProviderCountsRaw: Record<string, number>;
}

/** What an earlier (in-run) computation contributes; on replay, the stored comparison row. */
export interface EarlierComparison {
  WarmSignatureRewriteTotal?: number | null;
  ColdHostCount?: number | null;
  WarmHostCount?: number | null;
}

interface PassFigures {
  providerCounts: Record<string, number>;
  hostCount: number;
  durations: number[];
}

export function providerOf(row: JsonRecord): string {
  const provider = text(field(row, 'Provider')) || text(field(row, 'SiteCacheProvider'));
  return provider || 'Unknown';
}

function isResultRow(row: JsonRecord): boolean {
  return text(field(row, 'SummaryType')) === '';
}

function isAccessRetryRow(row: JsonRecord): boolean {
  return text(field(row, 'Provider')) === 'AccessRetry'
    && text(field(row, 'CacheStatus')) === 'Refreshed'
    && text(field(row, 'SiteCacheProviderReason')) === 'AccessRefresh';
}

function passFigures(rows: readonly JsonRecord[]): PassFigures {
  const providerCounts: Record<string, number> = {};
  const hosts = new Set<string>();
  const durations: number[] = [];
  for (const row of rows) {
    const provider = providerOf(row);
    providerCounts[provider] = (providerCounts[provider] ?? 0) + 1;
    const host = text(field(row, 'Hostname'));
    if (host) hosts.add(host.toLowerCase());
    const duration = numberOrUndefined(field(row, 'InterfaceCallDurationMs'));
    if (duration !== undefined) durations.push(duration);
  }
  return { providerCounts, hostCount: hosts.size, durations };
}

function round3(value: number | undefined): number | null {
  return value === undefined ? null : roundToEven(value, 3);
}

/** Split result rows into the cold and warm sets the comparison is computed over. */
export function selectPassRows(rows: readonly WarmRunRow[]): { cold: WarmRunRow[]; warm: WarmRunRow[] } {
  const results = rows.filter(isResultRow);
  let warm = results.filter((r) => text(field(r, 'PassLabel')) === PASS_LABEL.warm);
  const withoutRetries = warm.filter((r) => !isAccessRetryRow(r));
  if (withoutRetries.length > 0) warm = withoutRetries;
  const cold = results.filter((r) => text(field(r, 'PassLabel')) === PASS_LABEL.cold);
  return { cold, warm };
}

export function computeComparison(rows: readonly WarmRunRow[], earlier: EarlierComparison = {}): WarmRunComparison {
  const { cold, warm } = selectPassRows(rows);
  const coldFigures = passFigures(cold);
  const warmFigures = passFigures(warm);

  let hit = 0;
  let miss = 0;
  for (const [provider, count] of Object.entries(warmFigures.providerCounts)) {
    if (HIT_PROVIDERS.has(provider)) hit += count;
    else miss += count;
  }
  const ratio = hit + miss > 0 ? roundToEven((hit / (hit + miss)) * 100, 2) : null;

  const coldAvg = round3(mean(coldFigures.durations));
  const warmAvg = round3(mean(warmFigures.durations));
  const improvement = coldAvg !== null && warmAvg !== null ? roundToEven(coldAvg - warmAvg, 3) : null;
  const improvementPercent = improvement !== null && coldAvg !== null && coldAvg > 0 ? roundToEven((improvement / coldAvg) * 100, 2) : null;

  const signatureMisses = warm.filter((r) => {
    const match = numberOrUndefined(field(r, 'SiteCacheHostMapSignatureMatchCount'));
    return match !== undefined && match <= 0;
  }).length;

  return {
    PassLabel: PASS_LABEL.comparison,
    SummaryType: COMPARISON_SUMMARY_TYPE,
    ColdHostCount: coldFigures.hostCount > 0 ? coldFigures.hostCount : (earlier.ColdHostCount ?? 0),
    WarmHostCount: warmFigures.hostCount > 0 ? warmFigures.hostCount : (earlier.WarmHostCount ?? 0),
    ColdInterfaceCallAvgMs: coldAvg,
    ColdInterfaceCallP95Ms: round3(percentileLinear(coldFigures.durations, 95)),
    ColdInterfaceCallMaxMs: round3(coldFigures.durations.length ? Math.max(...coldFigures.durations) : undefined),
    WarmInterfaceCallAvgMs: warmAvg,
    WarmInterfaceCallP95Ms: round3(percentileLinear(warmFigures.durations, 95)),
    WarmInterfaceCallMaxMs: round3(warmFigures.durations.length ? Math.max(...warmFigures.durations) : undefined),
    ImprovementAverageMs: improvement,
    ImprovementPercent: improvementPercent,
    WarmCacheProviderHitCount: hit,
    WarmCacheProviderHitCountRaw: hit,
    WarmCacheProviderMissCount: miss,
    WarmCacheProviderMissCountRaw: miss,
    WarmCacheHitRatioPercent: ratio,
    WarmCacheHitRatioPercentRaw: ratio,
    WarmSignatureMatchMissCount: signatureMisses,
    WarmSignatureRewriteTotal: earlier.WarmSignatureRewriteTotal ?? 0,
    WarmProviderCounts: warmFigures.providerCounts,
    WarmProviderCountsRaw: { ...warmFigures.providerCounts },
    ColdProviderCounts: coldFigures.providerCounts,
    ColdProviderCountsRaw: { ...coldFigures.providerCounts },
  };
}

/** The stored comparison row of a WarmRunTelemetry file (the last one, if several). */
export function storedComparison(rows: readonly WarmRunRow[]): WarmRunRow | undefined {
  const found = rows.filter((r) => text(field(r, 'PassLabel')) === PASS_LABEL.comparison);
  return found[found.length - 1];
}

export interface FieldDifference {
  field: string;
  stored: unknown;
  recomputed: unknown;
}

/** Compare a recomputed comparison with a stored row, field by field (provider-count maps as unordered maps). */
export function diffComparison(recomputed: WarmRunComparison, stored: WarmRunRow): FieldDifference[] {
  const differences: FieldDifference[] = [];
  for (const [name, value] of Object.entries(recomputed)) {
    if (name === 'PassLabel' || name === 'SummaryType') continue;
    const storedValue = field(stored, name) ?? null;
    if (!sameValue(value, storedValue)) differences.push({ field: name, stored: storedValue, recomputed: value });
  }
  return differences;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return b === null || b === undefined;
  if (typeof a === 'object' && typeof b === 'object' && b !== null) {
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    for (const key of keys) if (left[key] !== right[key]) return false;
    return true;
  }
  return a === b;
}

/** Replay: recompute the comparison of a stored file, seeding the "earlier" values from its stored row. */
export function replayComparison(rows: readonly WarmRunRow[]): { recomputed: WarmRunComparison; stored?: WarmRunRow; differences: FieldDifference[] } {
  const stored = storedComparison(rows);
  const earlier: EarlierComparison = stored
    ? {
        WarmSignatureRewriteTotal: numberOrUndefined(field(stored, 'WarmSignatureRewriteTotal')) ?? null,
        ColdHostCount: numberOrUndefined(field(stored, 'ColdHostCount')) ?? null,
        WarmHostCount: numberOrUndefined(field(stored, 'WarmHostCount')) ?? null,
      }
    : {};
  const recomputed = computeComparison(rows, earlier);
  return { recomputed, stored, differences: stored ? diffComparison(recomputed, stored) : [] };
}
