/**
 * Output of `statetrace test-gates`: a readable listing (each case ✓/✗, each mismatch as expected vs
 * got with the observed value, the gate's explanation and both file:line positions), a summary, a
 * coverage table; and the same as one JSON document for tools.
 */
import { relative } from 'node:path';
import { Chalk, type ChalkInstance } from 'chalk';
import { formatLocation, type SourceLocation } from '../errors.js';
import type { GateResult } from '../types.js';
import type { CoverageReport, CoverageStatus, FileResult, GateCoverage, Mismatch, VerdictCounts } from './types.js';

export interface FormatOptions {
  /** Paths are shown relative to this directory. */
  cwd: string;
  color: boolean;
}

export const STATUS_TEXT: Record<CoverageStatus, string> = {
  untested: 'never tested',
  'not-applied-only': 'only tested not to apply',
  'not-evaluated-only': 'only not_evaluated tested',
  'pass-only': 'only passing tested',
  'fail-only': 'only failing tested',
  'pass-and-fail': 'pass and fail tested',
};

export interface Summary {
  files: number;
  cases: number;
  passed: number;
  failed: number;
}

export function summarize(files: readonly FileResult[]): Summary {
  const cases = files.flatMap((f) => f.cases);
  const passed = cases.filter((c) => c.passed).length;
  return { files: files.length, cases: cases.length, passed, failed: cases.length - passed };
}

// ── Text ────────────────────────────────────────────────────────────────────────────────────────

export function formatResults(files: readonly FileResult[], options: FormatOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const rel = (loc: SourceLocation) => formatLocation({ ...loc, file: relative(options.cwd, loc.file) || loc.file });
  const lines: string[] = [];
  for (const file of files) {
    lines.push(`${c.bold(relative(options.cwd, file.file))}  ${c.dim(`(gates: ${file.gateFiles.map((g) => relative(options.cwd, g)).join(', ')})`)}`);
    if (file.cases.length === 0) lines.push(c.dim('  no case matches the filter'));
    for (const testCase of file.cases) {
      if (testCase.passed) {
        lines.push(`  ${c.green('✓')} ${testCase.name}`);
        continue;
      }
      lines.push(`  ${c.red('✗')} ${testCase.name}  ${c.dim(rel(testCase.location))}`);
      for (const group of groupMismatches(testCase.mismatches)) lines.push(...formatMismatch(group, c, rel));
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Mismatches of one expectation on one result belong on one line (verdict, actual, samples together). */
function groupMismatches(mismatches: readonly Mismatch[]): Mismatch[][] {
  const groups: Mismatch[][] = [];
  for (const m of mismatches) {
    const last = groups[groups.length - 1];
    if (last && m.result !== undefined && last[0]!.result === m.result && last[0]!.expectation === m.expectation) last.push(m);
    else groups.push([m]);
  }
  return groups;
}

function formatMismatch(group: readonly Mismatch[], c: ChalkInstance, rel: (loc: SourceLocation) => string): string[] {
  const m = group[0]!;
  const subject = `${m.gate}${m.group !== undefined ? ` [${m.group}]` : ''}${m.statistic ? ` ${m.statistic}` : ''}`;
  const differences = group.map((d) => `expected ${c.green(d.expected)}, got ${c.red(d.got)}`).join('; ');
  const out = [`      ${c.bold(subject)}: ${differences}`];
  if (m.result && m.kind !== 'missing') out.push(`        observed: ${observed(m.result)}`);
  out.push(`        ${m.detail}`);
  out.push(c.dim(`        gate ${rel(m.result?.source ?? m.gateLocation)}${m.expectation ? ` · expectation ${rel(m.expectation)}` : ''}`));
  return out;
}

function observed(r: GateResult): string {
  const value = r.actual === null ? 'no value' : r.actualText;
  return `${value} · ${r.samples} sample${r.samples === 1 ? '' : 's'} · verdict ${r.verdict} · gate expects ${r.expression}`;
}

export function formatSummary(summary: Summary, options: FormatOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const status = summary.failed ? c.red(`${summary.failed} failed`) : c.green('all passed');
  return `Gate tests: ${summary.cases} case${summary.cases === 1 ? '' : 's'} in ${summary.files} file${summary.files === 1 ? '' : 's'}, ${summary.passed} passed, ${status}\n`;
}

/** A short table: one row per gate, with rows per expectation (when there are several) and per group. */
export function formatCoverage(coverage: CoverageReport, options: FormatOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const paint = (status: CoverageStatus, text: string) => (status === 'pass-and-fail' ? c.green(text) : status === 'untested' ? c.red(text) : c.yellow(text));
  const head = Object.entries(coverage.totals)
    .filter(([k, n]) => k !== 'gates' && n > 0)
    .map(([k, n]) => `${n} ${STATUS_TEXT[k as CoverageStatus]}`)
    .join(' · ');
  const rows: string[][] = [['gate', 'pass', 'fail', 'warn', 'n/e', 'n/a', 'status']];
  const statuses: Array<CoverageStatus | undefined> = [undefined];
  const counts = (v: VerdictCounts, na?: number) => [String(v.pass), String(v.fail), String(v.warn), String(v.not_evaluated), na === undefined ? '' : String(na)];
  let lastFile: string | undefined;
  for (const g of coverage.gates) {
    if (g.file !== lastFile) {
      rows.push([`${relative(options.cwd, g.file)}${g.referenced ? '' : '  (no test file loads it)'}`, '', '', '', '', '', '']);
      statuses.push(undefined);
      lastFile = g.file;
    }
    rows.push([`  ${g.id}`, ...counts(g.verdicts, g.notApplied), STATUS_TEXT[g.status]]);
    statuses.push(g.status);
    for (const sub of subRows(g)) {
      rows.push([`    ${sub.label}`, ...counts(sub.verdicts), STATUS_TEXT[sub.status]]);
      statuses.push(sub.status);
    }
  }
  // File header rows span the table and do not widen the gate column.
  const widths = rows[0]!.map((_, i) => Math.max(...rows.filter((r) => r[1] !== '').map((r) => (r[i] ?? '').length)));
  const lines = rows.map((row, index) => {
    if (index > 0 && row.slice(1).every((cell) => cell === '')) return c.bold(row[0]!);
    const cells = row.map((cell, i) => (i === 0 ? cell.padEnd(widths[0]!) : i === row.length - 1 ? cell : cell.padStart(widths[i]!)));
    const status = statuses[index];
    const text = cells.join('  ');
    return index === 0 ? c.dim(text) : status ? `${cells.slice(0, -1).join('  ')}  ${paint(status, cells[cells.length - 1]!)}` : text;
  });
  return `Gate coverage: ${coverage.totals.gates} gates${head ? ` · ${head}` : ''}\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

function subRows(g: GateCoverage): Array<{ label: string; verdicts: VerdictCounts; status: CoverageStatus }> {
  const out: Array<{ label: string; verdicts: VerdictCounts; status: CoverageStatus }> = [];
  if (g.expectations.length > 1) for (const e of g.expectations) out.push({ label: e.expression, verdicts: e.verdicts, status: e.status });
  for (const group of g.groups) out.push({ label: `[${group.group}]`, verdicts: group.verdicts, status: group.status });
  return out;
}

// ── JSON ────────────────────────────────────────────────────────────────────────────────────────

/** The JSON document of `--json`: every case with its mismatches and (compact) results, the summary, coverage. */
export function toJson(files: readonly FileResult[], coverage: CoverageReport | undefined, options: { cwd: string }) {
  const rel = (loc: SourceLocation): SourceLocation => ({ ...loc, file: relative(options.cwd, loc.file) || loc.file });
  const compact = (r: GateResult) => ({
    gate: r.gate,
    ...(r.group !== undefined ? { group: r.group } : {}),
    statistic: r.statistic,
    expression: r.expression,
    verdict: r.verdict,
    actual: r.actual,
    actualText: r.actualText,
    samples: r.samples,
    message: r.message,
    source: rel(r.source),
  });
  const summary = summarize(files);
  return {
    status: summary.failed ? 'failed' : 'passed',
    summary,
    files: files.map((f) => ({
      file: relative(options.cwd, f.file),
      gateFiles: f.gateFiles.map((g) => relative(options.cwd, g)),
      cases: f.cases.map((testCase) => ({
        name: testCase.name,
        location: rel(testCase.location),
        passed: testCase.passed,
        mismatches: testCase.mismatches.map(({ result, ...m }) => ({
          ...m,
          gateLocation: rel(m.gateLocation),
          ...(m.expectation ? { expectation: rel(m.expectation) } : {}),
          ...(result ? { result: compact(result) } : {}),
        })),
        results: testCase.results.map(compact),
      })),
    })),
    ...(coverage
      ? {
          coverage: {
            totals: coverage.totals,
            gates: coverage.gates.map((g) => ({
              ...g,
              file: relative(options.cwd, g.file),
              location: rel(g.location),
              expectations: g.expectations.map((e) => ({ ...e, location: rel(e.location) })),
            })),
          },
        }
      : {}),
  };
}
