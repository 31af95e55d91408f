/**
 * Summary rows of one accumulator, in the original's row order (STATETRACE-TELEMETRY §3.3),
 * with its rounding: durations 3 dp away from zero through a `[double]` parameter (so an
 * undefined statistic becomes 0, not blank), totals and note counts 0 dp to even.
 */
import { type CaseInsensitiveCounts, type MetricAccumulator, type SampleSeries } from './accumulator.js';
import { formatDotNetNumber, percentile, roundAwayFromZero, roundHalfEven } from '../../core/stats/index.js';
import { compareText } from './sort.js';

/** One output row; `null` is written as an empty, unquoted CSV field. */
export interface RollupRow {
  Date: string;
  Scope: string;
  Metric: string;
  Count: number | null;
  Average: number | null;
  P95: number | null;
  Max: number | null;
  Total: number | null;
  SecondaryTotal: number | string | null;
  Notes: string | null;
}

export const ROLLUP_COLUMNS = ['Date', 'Scope', 'Metric', 'Count', 'Average', 'P95', 'Max', 'Total', 'SecondaryTotal', 'Notes'] as const;

export const REQUIRED_USER_ACTIONS = ['ScanLogs', 'LoadFromDb', 'HelpQuickstart', 'InterfacesView', 'CompareView', 'SpanSnapshot'] as const;

/** The original's Get-RoundedValue: its `[double]` parameter turns null into 0; NaN becomes blank. */
function rounded(value: number | null | undefined): number | null {
  const number = value ?? 0;
  if (Number.isNaN(number)) return null;
  return roundAwayFromZero(number, 3);
}

function maxOf(series: SampleSeries): number | null {
  return series.max === Number.NEGATIVE_INFINITY ? null : series.max;
}

/** `Statuses=a=1,b=2`: keys sorted culture-aware case-insensitively, first spelling kept. */
function countsSummary(counts: CaseInsensitiveCounts): string {
  return counts
    .list()
    .sort((a, b) => compareText(a.label, b.label))
    .map((e) => `${e.label}=${e.count}`)
    .join(',');
}

function seriesRow(date: string, scope: string, metric: string, series: SampleSeries, notes: string | null): RollupRow {
  return {
    Date: date,
    Scope: scope,
    Metric: metric,
    Count: series.count,
    Average: rounded(series.sum / series.count),
    P95: rounded(percentile(series.values, 95, 'linear')),
    Max: rounded(maxOf(series)),
    Total: rounded(series.sum),
    SecondaryTotal: null,
    Notes: notes,
  };
}

export function rowsForAccumulator(acc: MetricAccumulator, date: string, scope: string, includeSiteCache: boolean): RollupRow[] {
  const rows: RollupRow[] = [];
  const base = { Date: date, Scope: scope };
  const blank = { Average: null, P95: null, Max: null } as const;

  if (acc.parseDurations.count > 0) {
    rows.push(seriesRow(date, scope, 'ParseDurationSeconds', acc.parseDurations, acc.parseFailures > 0 ? `Failures=${acc.parseFailures}` : null));
  }
  if (acc.writeLatencies.count > 0) {
    rows.push(seriesRow(date, scope, 'DatabaseWriteLatencyMs', acc.writeLatencies, null));
  }
  if (acc.rowsWrittenCount > 0 || acc.rowsWrittenTotal > 0) {
    rows.push({
      ...base,
      Metric: 'RowsWritten',
      Count: acc.rowsWrittenCount,
      ...blank,
      Total: roundHalfEven(acc.rowsWrittenTotal, 0),
      SecondaryTotal: acc.rowsDeletedTotal > 0 ? roundHalfEven(acc.rowsDeletedTotal, 0) : null,
      Notes: acc.rowsWrittenHosts.size > 0 ? `UniqueHosts=${acc.rowsWrittenHosts.size}` : null,
    });
  }
  if (acc.skippedDuplicateCount > 0) {
    rows.push({
      ...base,
      Metric: 'SkippedDuplicate',
      Count: acc.skippedDuplicateCount,
      ...blank,
      Total: acc.skippedDuplicateHosts.size,
      SecondaryTotal: null,
      Notes: acc.skippedDuplicateHosts.size > 0 ? `UniqueHosts=${acc.skippedDuplicateHosts.size}` : null,
    });
  }
  if (includeSiteCache && (acc.siteCacheFetch.count > 0 || acc.siteCacheZeroCount > 0 || acc.siteCacheStatuses.size > 0)) {
    const fetch = acc.siteCacheFetch;
    const has = fetch.count > 0;
    const notes: string[] = [];
    if (acc.siteCacheStatuses.size > 0) notes.push(`Statuses=${countsSummary(acc.siteCacheStatuses)}`);
    if (acc.siteCacheProviders.size > 0) notes.push(`Providers=${countsSummary(acc.siteCacheProviders)}`);
    if (acc.siteCacheZeroCount > 0) notes.push(`ZeroCount=${acc.siteCacheZeroCount}`);
    rows.push({
      ...base,
      Metric: 'SiteCacheFetchDurationMs',
      Count: fetch.count,
      Average: rounded(has ? fetch.sum / fetch.count : null),
      P95: rounded(has ? percentile(fetch.values, 95, 'linear') : null),
      Max: rounded(has ? maxOf(fetch) : null),
      Total: rounded(has ? fetch.sum : null),
      SecondaryTotal: null,
      Notes: notes.length > 0 ? notes.join('; ') : null,
    });
  }
  if (acc.diffUsageCount > 0) {
    rows.push({
      ...base,
      Metric: 'DiffUsageRate',
      Count: acc.diffUsageCount,
      Average: rounded(acc.diffUsageDenominator > 0 ? acc.diffUsageNumerator / acc.diffUsageDenominator : null),
      P95: null,
      Max: null,
      Total: roundHalfEven(acc.diffUsageNumerator, 0),
      SecondaryTotal: roundHalfEven(acc.diffUsageDenominator, 0),
      Notes: acc.diffUsageStatuses.size > 0 ? `Statuses=${countsSummary(acc.diffUsageStatuses)}` : null,
    });
  }
  if (acc.driftDetection.count > 0) {
    rows.push(seriesRow(date, scope, 'DriftDetectionTimeMinutes', acc.driftDetection, null));
  }
  if (acc.diffCompareDurations.count > 0) {
    const statuses = acc.diffCompareDurationStatuses;
    rows.push(seriesRow(date, scope, 'DiffCompareDurationMs', acc.diffCompareDurations, statuses.size > 0 ? `Statuses=${countsSummary(statuses)}` : null));
  }
  if (acc.diffResultTotals.count > 0) {
    const parts = [
      `Added=${formatDotNetNumber(roundHalfEven(acc.diffResultAdded, 0))}`,
      `Removed=${formatDotNetNumber(roundHalfEven(acc.diffResultRemoved, 0))}`,
      `Changed=${formatDotNetNumber(roundHalfEven(acc.diffResultChanged, 0))}`,
      `Unchanged=${formatDotNetNumber(roundHalfEven(acc.diffResultUnchanged, 0))}`,
    ];
    if (acc.diffResultStatuses.size > 0) parts.push(`Statuses=${countsSummary(acc.diffResultStatuses)}`);
    const row = seriesRow(date, scope, 'DiffCompareResultCounts', acc.diffResultTotals, parts.join('; '));
    row.Total = roundHalfEven(acc.diffResultTotals.sum, 0);
    rows.push(row);
  }
  if (acc.userActions.size > 0) {
    let total = 0;
    for (const { label, count } of acc.userActions.list()) {
      total += count;
      rows.push({ ...base, Metric: 'UserAction', Count: count, ...blank, Total: null, SecondaryTotal: null, Notes: `Action=${label}` });
    }
    const missing = REQUIRED_USER_ACTIONS.filter((action) => !acc.userActions.has(action));
    rows.push({
      ...base,
      Metric: 'UserActionCoverage',
      Count: REQUIRED_USER_ACTIONS.length - missing.length,
      ...blank,
      Total: REQUIRED_USER_ACTIONS.length,
      SecondaryTotal: missing.length > 0 ? missing.join(',') : null,
      Notes: missing.length > 0 ? `Missing=${missing.join(',')}` : 'All required actions present',
    });
    if (total > 0) {
      rows.push({ ...base, Metric: 'UserActionTotal', Count: total, ...blank, Total: null, SecondaryTotal: null, Notes: null });
    }
  }
  return rows;
}
