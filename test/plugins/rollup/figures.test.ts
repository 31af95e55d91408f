/**
 * The published figures of STATETRACE-TELEMETRY §9 items 7–10 and 12, and the fast path giving the
 * same rows as the JSON.parse path on every shared file.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createNameFilter, createPicker } from '../../../core/telemetry/scan/pick.js';
import { readTelemetry } from '../../../core/telemetry/reader.js';
import { FileRollup, dateKeyOf, rollupFiles } from '../../../plugins/rollup/engine.js';
import { ROLLUP_FIELDS, wantedEvents, type RollupRecord } from '../../../plugins/rollup/fields.js';
import { sortRows } from '../../../plugins/rollup/sort.js';
import type { RollupRow } from '../../../plugins/rollup/rows.js';
import { corpusPath, hasCorpus } from '../../corpus.js';

async function rollup(path: string): Promise<RollupRow[]> {
  return (await rollupFiles([path], { includePerSite: true, includeSiteCache: true, workers: 0 })).rows;
}

function row(rows: RollupRow[], scope: string, metric: string): RollupRow {
  const found = rows.find((r) => r.Scope === scope && r.Metric === metric);
  if (!found) throw new Error(`no ${scope}/${metric} row`);
  return found;
}

/** [Count, Average, P95, Max, Total, SecondaryTotal, Notes] */
function figures(r: RollupRow): unknown[] {
  return [r.Count, r.Average, r.P95, r.Max, r.Total, r.SecondaryTotal, r.Notes];
}

describe.skipIf(!hasCorpus)('§9 rollup figures (needs ../shared/corpus/statetrace)', () => {
  it('item 7: 2025-12-05', async () => {
    const rows = await rollup(corpusPath('telemetry', '2025-12-05.json'));
    expect(figures(row(rows, 'All', 'ParseDurationSeconds'))).toEqual([39, 1.281, 1.84, 2.195, 49.965, null, null]);
    expect(figures(row(rows, 'All', 'DatabaseWriteLatencyMs'))).toEqual([39, 1143.769, 1719.3, 2098, 44607, null, null]);
    expect(figures(row(rows, 'All', 'RowsWritten'))).toEqual([65, null, null, null, 1294, 10, 'UniqueHosts=41']);
    expect(figures(row(rows, 'All', 'SkippedDuplicate'))).toEqual([39, null, null, null, 39, null, 'UniqueHosts=39']);
    expect(figures(row(rows, 'All', 'SiteCacheFetchDurationMs'))).toEqual([
      2, 816.458, 847.499, 850.948, 1632.915, null,
      'Statuses=Refreshed=2,SharedOnly=35,SkippedEmpty=28; Providers=Cache=8,Refreshed=2,SharedCache=35,Unknown=20; ZeroCount=63',
    ]);
    expect(figures(row(rows, 'All', 'UserActionCoverage'))).toEqual([3, null, null, null, 6, 'HelpQuickstart,CompareView,SpanSnapshot', 'Missing=HelpQuickstart,CompareView,SpanSnapshot']);
    expect(row(rows, 'All', 'UserActionTotal').Count).toBe(10);
    expect(figures(row(rows, 'BOYO', 'ParseDurationSeconds')).slice(0, 4)).toEqual([12, 1.057, 1.79, 1.836]);
    // null → 0 quirk: no positive fetch durations, yet the statistics are 0, not blank.
    expect(figures(row(rows, 'SITE', 'SiteCacheFetchDurationMs')).slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
  });

  it('item 8: case-insensitive scopes keep the first spelling', async () => {
    const dec14 = await rollup(corpusPath('telemetry', '2025-12-14.json'));
    const dec13 = await rollup(corpusPath('telemetry', '2025-12-13.json'));
    expect(new Set(dec14.map((r) => r.Scope))).toContain('sw1');
    expect(dec14.some((r) => r.Scope === 'SW1')).toBe(false);
    expect(new Set(dec13.map((r) => r.Scope))).toContain('SW1');
  });

  it('item 9: 2026-01-01', async () => {
    const rows = await rollup(corpusPath('telemetry', '2026-01-01.json'));
    expect(figures(row(rows, 'All', 'DiffUsageRate'))).toEqual([24, 1, null, null, 24, 24, 'Statuses=Executed=24']);
    expect(figures(row(rows, 'All', 'DiffCompareDurationMs')).slice(0, 5)).toEqual([24, 13.667, 37.25, 40, 328]);
    expect(figures(row(rows, 'All', 'DiffCompareResultCounts'))).toEqual([24, 1.5, 2, 2, 36, null, 'Added=12; Removed=24; Changed=0; Unchanged=0; Statuses=Executed=24']);
    expect(figures(row(rows, 'All', 'SkippedDuplicate')).slice(0, 5)).toEqual([37 * 2, null, null, null, 37]);
    const fetch = row(rows, 'All', 'SiteCacheFetchDurationMs');
    expect(fetch.Count).toBe(0);
    expect(fetch.Notes).toMatch(/ZeroCount=156$/);
  });

  it('item 10: the DiffPrototype sample', async () => {
    const rows = await rollup(corpusPath('samples', 'DiffPrototype-TelemetrySample.json'));
    expect(figures(row(rows, 'All', 'DiffUsageRate')).slice(0, 6)).toEqual([2, 0.667, null, null, 2, 3]);
    expect(figures(row(rows, 'All', 'DriftDetectionTimeMinutes')).slice(0, 5)).toEqual([2, 10, 12.25, 12.5, 20]);
    expect(figures(row(rows, 'All', 'DiffCompareDurationMs')).slice(0, 2)).toEqual([1, 150]);
    expect(figures(row(rows, 'All', 'DiffCompareResultCounts'))).toEqual([1, 4, 4, 4, 4, null, 'Added=1; Removed=1; Changed=0; Unchanged=2; Statuses=Executed=1']);
  });

  it('item 12: the CISmoke fixture yields only SiteCacheFetchDurationMs rows', async () => {
    const rows = await rollup(corpusPath('fixtures', 'CISmoke', 'IngestionMetrics.json'));
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.Metric))).toEqual(new Set(['SiteCacheFetchDurationMs']));
  });

  it('fast path = JSON.parse path on every shared telemetry file: inline, on workers, with the prefilter', async () => {
    const files = readdirSync(corpusPath('telemetry'))
      .sort()
      .map((f) => corpusPath('telemetry', f));
    const options = { includePerSite: true, includeSiteCache: true };
    const naive = await rollupFiles(files, { ...options, mode: 'naive', workers: 0 });
    const fast = await rollupFiles(files, { ...options, workers: 0 });
    const parallel = await rollupFiles(files, { ...options, workers: 2, minBytesPerThread: 0 });
    const prefiltered = await rollupFiles(files, { ...options, workers: 2, minBytesPerThread: 0, prefilter: true });
    expect(prefiltered.rows).toEqual(naive.rows);
    expect(naive.rows.length).toBeGreaterThan(200);
    expect(fast.rows).toEqual(naive.rows);
    expect(parallel.rows).toEqual(naive.rows);
    expect([fast.warningCount, fast.events]).toEqual([naive.warningCount, naive.events]);
    expect(naive.warningCount).toBe(1); // the JSON-array scheduler snapshot file
  });

  it('the core reader (readTelemetry, every line parsed) gives the same rows as the fast path', async () => {
    const days = readdirSync(corpusPath('telemetry'))
      .filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f))
      .map((f) => corpusPath('telemetry', f));
    const options = { includePerSite: true, includeSiteCache: true };
    const pick = createPicker({ fields: ROLLUP_FIELDS, caseInsensitive: true });
    const wanted = createNameFilter(new Set(wantedEvents(true)), true);
    for (const file of days) {
      const rollup = new FileRollup(options);
      const summary = await readTelemetry([file], {
        onRecord: (record) => {
          const picked = pick(record);
          if (wanted(picked.EventName)) rollup.add(picked as RollupRecord);
        },
      });
      const fast = await rollupFiles([file], { ...options, workers: 0 });
      expect(sortRows(rollup.rows(dateKeyOf(file))), file).toEqual(fast.rows);
      expect(summary.malformed).toBe(0);
      expect(summary.events).toBe(fast.events);
    }
  });
});
