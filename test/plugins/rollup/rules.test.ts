/**
 * The original's per-event rules and PowerShell casts (STATETRACE-TELEMETRY §3.2), one synthetic
 * file per case: what counts, what is skipped, what a cast turns into, and how Notes read.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rollupFiles } from '../../../plugins/rollup/engine.js';
import type { RollupRow } from '../../../plugins/rollup/rows.js';

const dir = mkdtempSync(join(tmpdir(), 'rollup-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function rollup(events: object[], options = { includePerSite: true, includeSiteCache: true }): Promise<RollupRow[]> {
  const path = join(dir, `day-${n++}.json`);
  writeFileSync(path, `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
  return (await rollupFiles([path], { ...options, workers: 0 })).rows;
}

/** `Scope/Metric` → [Count, Average, P95, Max, Total, SecondaryTotal, Notes]. */
function table(rows: RollupRow[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const r of rows) out[`${r.Scope}/${r.Metric}${r.Metric === 'UserAction' ? `/${r.Notes}` : ''}`] = [r.Count, r.Average, r.P95, r.Max, r.Total, r.SecondaryTotal, r.Notes];
  return out;
}

describe('rollup rules', () => {
  it('ParseDuration: [double] and [bool] casts, failures', async () => {
    const rows = table(
      await rollup([
        { EventName: 'ParseDuration', DurationSeconds: '1.5' }, // numeric string parses
        { EventName: 'ParseDuration', DurationSeconds: 'abc' }, // cast fails: skipped entirely
        { EventName: 'ParseDuration', DurationSeconds: null, Success: 'false' }, // null → 0; "false" is true
        { EventName: 'ParseDuration', DurationSeconds: 2, Success: null }, // null → false: a failure
        { EventName: 'ParseDuration', DurationSeconds: 3, Success: 0 }, // 0 → false: a failure
        { EventName: 'ParseDuration', Success: false }, // no DurationSeconds: nothing
        { EventName: ' parseduration ', DurationSeconds: 1 }, // names are trimmed, case-insensitive
      ]),
    );
    expect(rows['All/ParseDurationSeconds']).toEqual([5, 1.5, 2.8, 3, 7.5, null, 'Failures=2']);
  });

  it('RowsWritten and SkippedDuplicate: counts, case-insensitive unique hosts, zero deletions blank', async () => {
    const rows = table(
      await rollup([
        { EventName: 'RowsWritten', Rows: 10, DeletedRows: 0, Hostname: 'h1' },
        { EventName: 'RowsWritten', Hostname: ' H1 ' },
        { EventName: 'RowsWritten', Rows: 'x', Hostname: '' },
        { EventName: 'SkippedDuplicate' },
        { EventName: 'SkippedDuplicate', Hostname: null },
      ]),
    );
    expect(rows['All/RowsWritten']).toEqual([3, null, null, null, 10, null, 'UniqueHosts=1']);
    expect(rows['All/SkippedDuplicate']).toEqual([2, null, null, null, 0, null, null]);
  });

  it('InterfaceSyncTiming: only with site-cache; zero and unparsable durations; merged status spellings', async () => {
    const events = [
      { EventName: 'InterfaceSyncTiming', SiteCacheFetchDurationMs: 0, SiteCacheFetchStatus: 'Refreshed', SiteCacheProvider: 'Cache' },
      { EventName: 'InterfaceSyncTiming', SiteCacheFetchDurationMs: 12.5, SiteCacheFetchStatus: 'refreshed', SiteCacheProvider: ' ' },
      { EventName: 'InterfaceSyncTiming', SiteCacheFetchDurationMs: 'n/a', SiteCacheFetchStatus: 'Skipped' },
    ];
    expect(table(await rollup(events, { includePerSite: false, includeSiteCache: false }))['All/SiteCacheFetchDurationMs']).toBeUndefined();
    expect(table(await rollup(events))['All/SiteCacheFetchDurationMs']).toEqual([1, 12.5, 12.5, 12.5, 12.5, null, 'Statuses=Refreshed=2,Skipped=1; Providers=Cache=1; ZeroCount=1']);
  });

  it('DiffUsageRate: a missing denominator gives rate 0, not blank', async () => {
    const rows = table(await rollup([{ EventName: 'DiffUsageRate', UsageNumerator: 1, Status: 'Executed' }, { EventName: 'DiffUsageRate', Status: 'Executed' }]));
    expect(rows['All/DiffUsageRate']).toEqual([1, 0, null, null, 1, 0, 'Statuses=Executed=1']);
  });

  it('DiffCompare*: non-Executed statuses are counted in Notes but not measured; totals from parts', async () => {
    const rows = table(
      await rollup([
        { EventName: 'DiffCompareDurationMs', DurationMs: 10, Status: 'Executed' },
        { EventName: 'DiffCompareDurationMs', DurationMs: 999, Status: 'Skipped' },
        { EventName: 'DiffCompareDurationMs', DurationMs: 20 }, // no status: measured
        { EventName: 'DiffCompareResultCounts', TotalCount: 0, AddedCount: 2, RemovedCount: 1, Status: 'executed' },
        { EventName: 'DiffCompareResultCounts', TotalCount: 5, Status: 'Failed' },
        { EventName: 'DiffCompareResultCounts', Status: 'Executed' }, // no counts: nothing
      ]),
    );
    expect(rows['All/DiffCompareDurationMs']).toEqual([2, 15, 19.5, 20, 30, null, 'Statuses=Executed=1,Skipped=1']);
    expect(rows['All/DiffCompareResultCounts']).toEqual([1, 3, 3, 3, 3, null, 'Added=2; Removed=1; Changed=0; Unchanged=0; Statuses=executed=2,Failed=1']);
  });

  it('UserAction: first spelling kept, (unspecified), coverage is case-insensitive', async () => {
    const rows = table(
      await rollup([
        { EventName: 'UserAction', Action: 'scanlogs' },
        { EventName: 'UserAction', Action: 'ScanLogs' },
        { EventName: 'UserAction' },
        ...['LoadFromDb', 'HelpQuickstart', 'InterfacesView', 'CompareView', 'SpanSnapshot'].map((Action) => ({ EventName: 'UserAction', Action })),
      ]),
    );
    expect(rows['All/UserAction/Action=scanlogs']).toEqual([2, null, null, null, null, null, 'Action=scanlogs']);
    expect(rows['All/UserAction/Action=(unspecified)']![0]).toBe(1);
    expect(rows['All/UserActionCoverage']).toEqual([6, null, null, null, 6, null, 'All required actions present']);
    expect(rows['All/UserActionTotal']![0]).toBe(8);
  });

  it('per-site scopes merge spellings (first one kept); blank sites count only in All', async () => {
    const rows = await rollup([
      { EventName: 'SkippedDuplicate', Site: 'sw1', Hostname: 'a' },
      { EventName: 'SkippedDuplicate', Site: 'SW1', Hostname: 'b' },
      { EventName: 'SkippedDuplicate', Site: '  ', Hostname: 'c' },
      { EventName: 'SkippedDuplicate', Site: 'BOYO', Hostname: 'd' },
    ]);
    expect(rows.map((r) => `${r.Scope}:${r.Count}`)).toEqual(['All:4', 'BOYO:1', 'sw1:2']);
  });
});
