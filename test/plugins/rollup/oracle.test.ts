/**
 * Conformance with the original tool: rolling up each shared day file with per-site and
 * site-cache on reproduces every row of the committed oracle CSV for that date (values and
 * Notes; UserAction rows compared as a set, the original left their order to a hashtable).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rollupFiles } from '../../../plugins/rollup/engine.js';
import { parseRollupCsv, rowsToCsv } from '../../../plugins/rollup/output.js';
import { corpusPath, hasCorpus } from '../../corpus.js';

const ORACLE = 'summaries/IngestionMetricsSummary-20251222-060953.csv';

describe.skipIf(!hasCorpus)("rollup vs the original's CSV (needs ../shared/corpus/statetrace)", () => {
  const oracle = hasCorpus ? parseRollupCsv(readFileSync(corpusPath(ORACLE), 'utf8')) : [];
  const oracleDates = new Set(oracle.map((r) => r.Date));
  const dayFiles = hasCorpus
    ? readdirSync(corpusPath('telemetry'))
        .filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f) && oracleDates.has(f.replace('.json', '')))
        .sort()
    : [];

  it('covers the shared days that the oracle has', () => {
    expect(dayFiles).toEqual(['2025-12-05.json', '2025-12-06.json', '2025-12-08.json', '2025-12-09.json', '2025-12-13.json', '2025-12-14.json', '2025-12-16.json']);
  });

  it.each(dayFiles)('%s reproduces every oracle row', async (file) => {
    const date = file.replace('.json', '');
    const result = await rollupFiles([corpusPath('telemetry', file)], { includePerSite: true, includeSiteCache: true, workers: 0 });
    const ours = parseRollupCsv(rowsToCsv(result.rows));
    const expected = oracle.filter((r) => r.Date === date);
    const key = (r: Record<string, string | null>): string => JSON.stringify(r);
    const nonTie = (rows: Array<Record<string, string | null>>) => rows.filter((r) => r.Metric !== 'UserAction').map(key);
    const ties = (rows: Array<Record<string, string | null>>) => rows.filter((r) => r.Metric === 'UserAction').map(key).sort();
    expect(ours.length).toBe(expected.length);
    expect(nonTie(ours)).toEqual(nonTie(expected));
    expect(ties(ours)).toEqual(ties(expected));
    // Row positions (the order) match except inside UserAction tie groups.
    expect(ours.map((r) => `${r.Scope}|${r.Metric}`)).toEqual(expected.map((r) => `${r.Scope}|${r.Metric}`));
    expect(result.warningCount).toBe(0);
  });
});
