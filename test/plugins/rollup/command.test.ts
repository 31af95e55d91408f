/** `statetrace rollup` as a user runs it: files written, summary printed, exit codes. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../../core/plugin.js';
import { rollupCommand } from '../../../plugins/rollup/command.js';
import { parseRollupCsv } from '../../../plugins/rollup/output.js';
import { corpusPath, hasCorpus } from '../../corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'rollup-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function context(): CommandContext & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { cwd: dir, stdout: (t) => out.push(t), stderr: (t) => err.push(t), color: false, concurrency: 1, out, err };
}

describe.skipIf(!hasCorpus)('rollup command (needs ../shared/corpus/statetrace)', () => {
  const telemetry = hasCorpus ? corpusPath('telemetry') : '';

  it('rolls a folder up into the CSV and explains the non-NDJSON file', async () => {
    const ctx = context();
    const code = await rollupCommand([telemetry], { perSite: true, siteCache: true, output: 'out.csv', workers: 0 }, ctx);
    expect(code).toBe(0);
    const rows = parseRollupCsv(readFileSync(join(dir, 'out.csv'), 'utf8'));
    expect(new Set(rows.map((r) => r.Date))).toEqual(new Set(['2025-12-05', '2025-12-06', '2025-12-08', '2025-12-09', '2025-12-13', '2025-12-14', '2025-12-16', '2025-12-27', '2025-12-28', '2026-01-01']));
    const text = ctx.out.join('');
    expect(text).toMatch(/Rolled up 11 file\(s\), 14\.6 MB, 15,268 events into \d+ rows/);
    expect(text).toContain('Ingestion metrics summary written to out.csv');
    expect(text).toMatch(/Warnings: 1 \(0 malformed line\(s\), 1 file\(s\) that are not NDJSON\)/);
    expect(text).toContain('20251222.json: is a JSON array document');
  });

  it('--fail-on-warnings writes the CSV, then exits 2', async () => {
    const ctx = context();
    const code = await rollupCommand([telemetry], { output: 'strict.csv', failOnWarnings: true, workers: 0 }, ctx);
    expect(code).toBe(2);
    expect(existsSync(join(dir, 'strict.csv'))).toBe(true);
    expect(ctx.err.join('')).toContain('Rollup failed: 1 warning(s)');
  });

  it('--hash-manifest writes <output>.hashes.json like the original', async () => {
    const ctx = context();
    const file = corpusPath('telemetry', '2025-12-08.json');
    expect(await rollupCommand([file], { output: 'hashed.csv', hashManifest: true, workers: 0 }, ctx)).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'hashed.hashes.json'), 'utf8'));
    expect(manifest.OutputFile).toBe(join(dir, 'hashed.csv'));
    expect(manifest.InputFiles).toEqual([{ Path: file, SHA256: expect.stringMatching(/^[0-9A-F]{64}$/) }]);
    expect(manifest.GeneratedAtUtc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
    expect(manifest.WarningCount).toBe(0);
  });

  it('-o - prints the CSV; --json prints JSON rows', async () => {
    const csv = context();
    expect(await rollupCommand([corpusPath('telemetry', '2025-12-06.json')], { output: '-', perSite: true, siteCache: true, workers: 0 }, csv)).toBe(0);
    expect(parseRollupCsv(csv.out.join(''))).toHaveLength(6);
    const json = context();
    expect(await rollupCommand([corpusPath('telemetry', '2025-12-06.json')], { output: '-', json: true, workers: 0 }, json)).toBe(0);
    const parsed = JSON.parse(json.out.join(''));
    expect(parsed.rows[0]).toMatchObject({ Date: '2025-12-06', Scope: 'All' });
  });

  it('--days keeps the last N dates and writes a timestamped file into the -o folder', async () => {
    const ctx = context();
    const daily = join(dir, 'daily');
    const code = await rollupCommand([telemetry], { days: 2, today: '2025-12-06', output: `${daily}/`, perSite: true, siteCache: true, workers: 0 }, ctx);
    expect(code).toBe(0);
    const [written] = readdirSync(daily);
    expect(written).toMatch(/^IngestionMetricsSummary-\d{8}-\d{6}\.csv$/);
    const dates = new Set(parseRollupCsv(readFileSync(join(daily, written!), 'utf8')).map((r) => r.Date));
    expect(dates).toEqual(new Set(['2025-12-05', '2025-12-06']));
  });

  it('a typo in the path is an input error with a suggestion', async () => {
    await expect(rollupCommand([corpusPath('telemetry', '2025-12-5.json')], {}, context())).rejects.toMatchObject({
      code: 'STATETRACE_INPUT_MISSING',
      hint: expect.stringContaining('2025-12-05.json'),
    });
  });
});
