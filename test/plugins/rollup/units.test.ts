/** Numeric primitives, PowerShell casts, CSV format, sorting and input selection. */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { psBool, psDouble, psString } from '../../../plugins/rollup/fields.js';
import { dailyFilters, resolveInputs, wildcardToRegExp } from '../../../plugins/rollup/inputs.js';
import { parseRollupCsv, rowsToCsv } from '../../../plugins/rollup/output.js';
import type { RollupRow } from '../../../plugins/rollup/rows.js';
import { sortRows } from '../../../plugins/rollup/sort.js';

describe('PowerShell casts', () => {
  it.each([
    [null, 0],
    [true, 1],
    ['  1.5 ', 1.5],
    ['', 0],
    ['1e3', 1000],
    ['abc', undefined],
    [[4], 4],
    [[1, 2], undefined],
    [{ a: 1 }, undefined],
  ])('[double]%j = %j', (value, expected) => expect(psDouble(value)).toBe(expected));
  it.each([
    [null, false],
    ['false', true],
    ['', false],
    [0, false],
    [2, true],
    [[], false],
  ])('[bool]%j = %j', (value, expected) => expect(psBool(value)).toBe(expected));
  it.each([
    [null, ''],
    [5, '5'],
    [true, 'True'],
    [['a', 'b'], 'a b'],
    [{ a: 1 }, '@{a=1}'],
  ])("'' + %j = %j", (value, expected) => expect(psString(value)).toBe(expected));
});

const base: RollupRow = { Date: 'd', Scope: 'All', Metric: 'M', Count: 1, Average: null, P95: null, Max: null, Total: null, SecondaryTotal: null, Notes: null };

describe('CSV', () => {
  it('quotes every non-null value, leaves nulls empty, uses CRLF after every line', () => {
    const csv = rowsToCsv([{ ...base, Average: 1.5, Notes: 'say "hi", ok' }]);
    expect(csv).toBe(
      '"Date","Scope","Metric","Count","Average","P95","Max","Total","SecondaryTotal","Notes"\r\n"d","All","M","1","1.5",,,,,"say ""hi"", ok"\r\n',
    );
    expect(parseRollupCsv(csv)).toEqual([{ Date: 'd', Scope: 'All', Metric: 'M', Count: '1', Average: '1.5', P95: null, Max: null, Total: null, SecondaryTotal: null, Notes: 'say "hi", ok' }]);
  });
});

describe('sort', () => {
  it('Date, Scope, Metric case-insensitively; ties by Notes', () => {
    const rows = [
      { ...base, Scope: 'WLLS' },
      { ...base, Scope: 'sw1' },
      { ...base, Scope: 'BOYO' },
      { ...base, Scope: 'All', Metric: 'UserAction', Notes: 'Action=b' },
      { ...base, Scope: 'All', Metric: 'UserAction', Notes: 'Action=A' },
      { ...base, Scope: 'SITE1' },
      { ...base, Scope: 'SITE' },
    ];
    expect(sortRows(rows).map((r) => `${r.Scope}:${r.Notes ?? ''}`)).toEqual(['All:Action=A', 'All:Action=b', 'BOYO:', 'SITE:', 'SITE1:', 'sw1:', 'WLLS:']);
  });
});

describe('inputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rollup-inputs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const names = ['2025-12-05.json', '2025-12-06.JSON', '20251222.json', 'notes.txt', 'WarmRunTelemetry-1.json'];
  names.forEach((n, k) => {
    writeFileSync(join(dir, n), '{}\n');
    utimesSync(join(dir, n), 1_700_000_000 + k, 1_700_000_000 + k);
  });
  const base = (paths: string[]) => paths.map((p) => p.split('/').pop());

  it('lists *.json at the top level, sorted by name', () => {
    expect(base(resolveInputs({ paths: [dir], cwd: dir }).files)).toEqual(['2025-12-05.json', '2025-12-06.JSON', '20251222.json', 'WarmRunTelemetry-1.json']);
  });
  it('wildcard filters are case-insensitive PowerShell -like patterns', () => {
    expect(base(resolveInputs({ paths: [dir], cwd: dir, filters: ['????-??-??.json'] }).files)).toEqual(['2025-12-05.json', '2025-12-06.JSON']);
    expect(wildcardToRegExp('warm*').test('WarmRunTelemetry-1.json')).toBe(true);
    expect(wildcardToRegExp('2025-12-0[5-6].json').test('2025-12-07.json')).toBe(false);
  });
  it('latest N by last write time, then by name', () => {
    expect(base(resolveInputs({ paths: [dir], cwd: dir, latest: 2 }).files)).toEqual(['20251222.json', 'WarmRunTelemetry-1.json']);
  });
  it('daily mode keeps the last N local dates', () => {
    expect(dailyFilters(2, new Date(2025, 11, 6))).toEqual(['2025-12-06.json', '2025-12-05.json']);
    expect(base(resolveInputs({ paths: [dir], cwd: dir, days: 2, today: new Date(2025, 11, 6) }).files)).toEqual(['2025-12-05.json', '2025-12-06.JSON']);
  });
  it('a missing path is an error that suggests what exists', () => {
    expect(() => resolveInputs({ paths: [join(dir, '2025-12-5.json')], cwd: dir })).toThrow(/telemetry path not found/);
  });
});
