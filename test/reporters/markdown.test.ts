import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { GateResult } from '../../core/types.js';
import { createReporterContext } from '../../reporters/context.js';
import { DEFAULT_MARKDOWN_MAX_BYTES, MarkdownReporter, byteLength, escapeMd, renderMarkdown, truncateUtf8 } from '../../reporters/markdown.js';
import { report } from '../../reporters/types.js';
import { ROOT, gate, makeRun, scenario, stabilize } from './fixtures.js';

const md = renderMarkdown(makeRun(), ROOT);
const tableRows = (text: string) => text.split('\n').filter((l) => /^\| (❌|⚠️|⏭️|✅) /.test(l));
/** Pipes that end a cell (not escaped with a backslash). */
const cellSeparators = (line: string) => line.match(/(?<!\\)\|/g)?.length ?? 0;

describe('markdown reporter', () => {
  test('the summary matches its snapshot', async () => {
    await expect(stabilize(md)).toMatchFileSnapshot('./__snapshots__/summary.md');
  });

  test('the headline gives the verdict and the counts', () => {
    expect(md.split('\n')[0]).toBe('## 💥 statetrace: error — 1 harness error');
    expect(md).toContain('**3 scenarios** (1 error · 1 failed · 1 passed) · **7 gates**: ❌ 2 failed · ⚠️ 1 warned · ⏭️ 1 not evaluated · ✅ 3 passed · 💥 1 error · 5 malformed telemetry lines · ⏱ 3.95 s');
    expect(renderMarkdown(makeRun([scenario()]), ROOT).split('\n')[0]).toBe('## ✅ statetrace: passed');
  });

  test('scenarios: errors, then failures, then passes; rows: failures first', () => {
    const headings = md.split('\n').filter((l) => l.startsWith('### '));
    expect(headings).toEqual(['### 💥 broken — error', '### ❌ cold-ingest — failed', '### ✅ warm-ingest — passed']);
    expect(tableRows(md).map((r) => r.split(' | ')[0])).toEqual(['| ❌ fail', '| ❌ fail', '| ⚠️ warn', '| ⏭️ not evaluated', '| ✅ pass', '| ✅ pass', '| ✅ pass']);
  });

  test('a row has gate, group, observed, expected, samples, owner/plan and the gate file:line', () => {
    expect(tableRows(md)[0]).toBe('| ❌ fail | db-write-p95 | — | 1719.3 ms | p95 &lt; 950 ms | 400 | persistence · Plan B | `gates/plan-b-performance.yaml:12` |');
    expect(tableRows(md)[1]).toContain('| rows-parity | SiteB | 900 |');
  });

  test('hostile messages cannot break the table or open HTML tags', () => {
    for (const row of tableRows(md)) expect(cellSeparators(row)).toBe(9);
    expect(md).not.toMatch(/<tag/);
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(md).toContain('- ❌ **rows-parity \\[SiteB\\]**: bad  \\[31mred\\[0m \\]\\]&gt; &lt;tag attr="x"&gt; &amp; \\| \\`code\\`  end');
  });

  test('harness errors and malformed telemetry are listed', () => {
    expect(md).toContain('**Errors**\n\n- 💥 step 2-exec (exec): command "node emit.mjs" exited with code 1 bad');
    expect(md).toContain(' — Stderr `.statetrace/runs/r1/broken/exec/2-exec.stderr.log`, Stdout `.statetrace/runs/r1/broken/exec/2-exec.stdout.log`');
    expect(md).toContain('⚠️ 5 malformed telemetry lines, first at `.statetrace/runs/r1/cold/app.jsonl:17`, `.statetrace/runs/r1/cold/app.jsonl:18`');
  });

  test('a small run is not truncated', () => {
    expect(md).not.toContain('truncated');
    expect(byteLength(md)).toBeLessThan(DEFAULT_MARKDOWN_MAX_BYTES);
  });

  test('a huge run stays under 65,000 bytes: passing rows go first, failures stay, a note says how many went', () => {
    const gates: GateResult[] = [];
    for (let i = 0; i < 5000; i++) gates.push(gate({ gate: `passing-gate-${String(i).padStart(4, '0')}`, message: 'ok ✓ ünïcødé 日本語' }));
    for (let i = 0; i < 3; i++) gate({});
    gates.push(gate({ gate: 'the-failing-one', verdict: 'fail', message: 'observed too high' }));
    gates.push(gate({ gate: 'the-warning', verdict: 'warn', level: 'warn', message: 'a bit high' }));
    const text = renderMarkdown(makeRun([scenario({ status: 'failed', gates })]), ROOT);
    expect(byteLength(text)).toBeLessThanOrEqual(65_000);
    expect(byteLength(text)).toBeGreaterThan(60_000); // the cap is used, not wasted
    expect(text).toContain('| ❌ fail | the-failing-one |');
    expect(text).toContain('| ⚠️ warn | the-warning |');
    const kept = tableRows(text).filter((r) => r.startsWith('| ✅')).length;
    expect(text).toContain(`_… ${5000 - kept} more rows truncated (all passing)._`);
    expect(text).toContain(`> ✂️ ${5000 - kept} rows left out`);
    expect(text).not.toContain('\ufffd');
  });

  test('when dropping rows is not enough the text is cut at a line end, never inside a multi-byte character', () => {
    const many = Array.from({ length: 3000 }, (_, i) => scenario({ name: `場景-😀-${i}`, gates: [] }));
    const text = renderMarkdown(makeRun(many), ROOT, { maxBytes: 20_000 });
    expect(byteLength(text)).toBeLessThanOrEqual(20_000);
    expect(text).not.toContain('\ufffd');
    expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
    expect(text.trimEnd().endsWith('the full results are in the JUnit and JSON reports.')).toBe(true);
  });

  test.each([
    { name: 'ASCII fits', text: 'abc', max: 5, want: 'abc' },
    { name: 'cut before a 2-byte char', text: 'aé', max: 2, want: 'a' },
    { name: 'cut before a 4-byte emoji', text: 'ab😀', max: 5, want: 'ab' },
    { name: 'cut at the last line end', text: 'line one\nline two', max: 12, want: 'line one\n' },
    { name: 'zero budget', text: 'abc', max: 0, want: '' },
    { name: 'CJK mid-character', text: '日本語', max: 7, want: '日本' },
  ])('truncateUtf8: $name', ({ text, max, want }) => {
    expect(truncateUtf8(text, max)).toBe(want);
  });

  test.each([
    ['pipes', 'a|b', 'a\\|b'],
    ['markup', '<b>&', '&lt;b&gt;&amp;'],
    ['emphasis and links', '*x* _y_ [z]', '\\*x\\* \\_y\\_ \\[z\\]'],
    ['newlines', 'a\nb', 'a b'],
  ])('escapeMd escapes %s', (_name, input, want) => {
    expect(escapeMd(input)).toBe(want);
  });

  describe('as a reporter', () => {
    let dir: string | undefined;
    afterEach(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    test('writes <outDir>/summary.md and appends to $GITHUB_STEP_SUMMARY when set', async () => {
      dir = await mkdtemp(join(tmpdir(), 'st-md-'));
      const stepSummary = join(dir, 'step-summary.md');
      await writeFile(stepSummary, '# earlier step\n');
      const ctx = createReporterContext({ rootDir: dir, outDir: join(dir, 'out'), env: { GITHUB_STEP_SUMMARY: stepSummary }, isTTY: false });
      const reporters = [new MarkdownReporter()];
      await report(reporters, 'onInit', ctx);
      await report(reporters, 'onRunEnd', makeRun());
      const written = await readFile(join(dir, 'out', 'summary.md'), 'utf8');
      expect(written.startsWith('## 💥 statetrace')).toBe(true);
      expect(await readFile(stepSummary, 'utf8')).toBe(`# earlier step\n${written}\n`);
    });

    test('stepSummary: false leaves $GITHUB_STEP_SUMMARY alone', async () => {
      dir = await mkdtemp(join(tmpdir(), 'st-md-'));
      const stepSummary = join(dir, 'step-summary.md');
      await writeFile(stepSummary, '');
      const ctx = createReporterContext({ rootDir: dir, outDir: dir, env: { GITHUB_STEP_SUMMARY: stepSummary }, isTTY: false });
      const reporters = [new MarkdownReporter({ stepSummary: false, outputFile: 'md/s.md' })];
      await report(reporters, 'onInit', ctx);
      await report(reporters, 'onRunEnd', makeRun());
      expect(await readFile(stepSummary, 'utf8')).toBe('');
      expect(await readFile(join(dir, 'md', 's.md'), 'utf8')).toContain('statetrace');
    });
  });
});
