/**
 * Markdown reporter: a PR-comment / job-summary view of the run. A verdict headline, then per
 * scenario its harness errors, a gate table (failures first) and the reason of every non-passing
 * gate. Written to `<outDir>/summary.md` and appended to `$GITHUB_STEP_SUMMARY` when that is set.
 *
 * GitHub cuts check summaries and comments at 65,535 bytes, so the output is capped (default
 * 65,000): passing rows go first, then not-evaluated, warnings, failures, each gap replaced by a
 * "… N more rows truncated" note; only if that is not enough is the text cut, at a line end and
 * never inside a multi-byte character.
 */
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { GateResult, RunResult, ScenarioResult } from '../core/types.js';
import {
  commandText,
  displayPath,
  statisticExpectationText,
  formatDuration,
  harnessFailures,
  observedText,
  outcomeOf,
  outputPath,
  sortGateResults,
  sortScenarios,
  sourceText,
  stepArtifacts,
  type Outcome,
} from './shared.js';
import type { Reporter, ReporterContext } from './types.js';

export interface MarkdownReporterOptions {
  /** Where to write the summary; relative paths are resolved against the root. @default `<outDir>/summary.md` */
  outputFile?: string;
  /** Also append to the file named by `$GITHUB_STEP_SUMMARY` when that variable is set. @default true */
  stepSummary?: boolean;
  /** Upper bound of the output in UTF-8 bytes. @default 65000 */
  maxBytes?: number;
  /** Headline product name. @default 'statetrace' */
  title?: string;
  /** List passing gates in the tables (they are the first rows dropped when over the cap anyway). @default true */
  showPassing?: boolean;
}

export const DEFAULT_MARKDOWN_MAX_BYTES = 65_000;

const EMOJI: Record<Outcome, string> = { failed: '❌', warned: '⚠️', not_evaluated: '⏭️', passed: '✅' };
const WORD: Record<Outcome, string> = { failed: 'fail', warned: 'warn', not_evaluated: 'not evaluated', passed: 'pass' };
/** Which rows are dropped first when the text is over the cap. */
const DROP_ORDER: Outcome[] = ['passed', 'not_evaluated', 'warned', 'failed'];
/** Bytes reserved for each table's "… N more rows truncated" note and for the note under the headline. */
const NOTE_BUDGET = 120;
const GLOBAL_NOTE_BUDGET = 220;

export class MarkdownReporter implements Reporter {
  readonly name = 'markdown';
  private ctx!: ReporterContext;
  constructor(private readonly options: MarkdownReporterOptions = {}) {}

  onInit(ctx: ReporterContext): void {
    this.ctx = ctx;
  }

  async onRunEnd(run: RunResult): Promise<void> {
    const markdown = renderMarkdown(run, this.ctx.rootDir, this.options);
    const file = outputPath(this.ctx.rootDir, this.ctx.outDir, this.options.outputFile, 'summary.md');
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, markdown, 'utf8');
    const stepSummary = this.ctx.env.GITHUB_STEP_SUMMARY;
    if ((this.options.stepSummary ?? true) && stepSummary) await appendFile(stepSummary, `${markdown}\n`, 'utf8');
  }
}

// ── document model: fixed text plus droppable table rows ───────────────────────

interface Row {
  outcome: Outcome;
  /** The table line. */
  line: string;
  /** The reason bullet under the table (non-passing rows only). */
  detail?: string;
  dropped: boolean;
}

interface ScenarioBlock {
  head: string;
  rows: Row[];
}

const TABLE_HEADER = '| | Gate | Group | Observed | Expected | Samples | Owner / plan | Source |\n|---|---|---|---|---|--:|---|---|';

/** The summary as a string, at most `maxBytes` UTF-8 bytes. Pure, so tests call it directly. */
export function renderMarkdown(run: RunResult, rootDir: string, options: MarkdownReporterOptions = {}): string {
  const maxBytes = options.maxBytes ?? DEFAULT_MARKDOWN_MAX_BYTES;
  const showPassing = options.showPassing ?? true;
  const headline = renderHeadline(run, options.title ?? 'statetrace');
  const blocks = sortScenarios(run.scenarios).map((s) => buildScenarioBlock(s, rootDir, showPassing));

  let text = assemble(headline, blocks, 0);
  if (byteLength(text) <= maxBytes) return text;

  // Over the cap: drop rows, least important outcome first. Within an outcome, every table keeps
  // the same number of rows (the largest that fits, found by bisection), so one big scenario does
  // not push all the others' rows out.
  let size = byteLength(text) + GLOBAL_NOTE_BUDGET;
  const noted = new Set<ScenarioBlock>();
  let droppedCount = 0;
  for (const outcome of DROP_ORDER) {
    if (size <= maxBytes) break;
    const lists = blocks.map((block) => ({ block, rows: block.rows.filter((r) => r.outcome === outcome && !r.dropped) }));
    const saved = (keep: number) => {
      let bytes = 0;
      for (const { block, rows } of lists) {
        if (rows.length <= keep) continue;
        for (const row of rows.slice(keep)) bytes += rowBytes(row);
        if (!noted.has(block)) bytes -= NOTE_BUDGET;
      }
      return bytes;
    };
    // Largest `keep` with size - saved(keep) <= maxBytes; -1 when even keeping none is too much.
    let lo = -1;
    let hi = Math.max(0, ...lists.map((l) => l.rows.length));
    while (lo < hi) {
      const mid = Math.floor((lo + hi + 1) / 2);
      if (size - saved(mid) <= maxBytes) lo = mid;
      else hi = mid - 1;
    }
    const keep = Math.max(0, lo);
    size -= saved(keep);
    for (const { block, rows } of lists) {
      if (rows.length <= keep) continue;
      for (const row of rows.slice(keep)) row.dropped = true;
      droppedCount += rows.length - keep;
      noted.add(block);
    }
  }
  text = assemble(headline, blocks, droppedCount);
  if (byteLength(text) <= maxBytes) return text;

  // Still too large (e.g. thousands of scenarios or huge error messages): cut the text itself.
  const note = `\n\n> ✂️ Summary cut at ${maxBytes} bytes; the full results are in the JUnit and JSON reports.\n`;
  return `${truncateUtf8(text, maxBytes - byteLength(note))}${note}`;
}

function renderHeadline(run: RunResult, title: string): string {
  const n = run.counts;
  const verdict =
    run.status === 'passed'
      ? `✅ ${title}: passed${n.warned ? ` with ${plural(n.warned, 'warning')}` : ''}`
      : run.status === 'failed'
        ? `❌ ${title}: failed — ${plural(n.failed, 'gate')} failed`
        : `💥 ${title}: error — ${plural(n.errors, 'harness error')}`;
  const scenarioStatus = { error: 0, failed: 0, passed: 0 };
  for (const s of run.scenarios) scenarioStatus[s.status]++;
  const scenarioParts = [
    scenarioStatus.error ? `${scenarioStatus.error} error` : '',
    scenarioStatus.failed ? `${scenarioStatus.failed} failed` : '',
    scenarioStatus.passed ? `${scenarioStatus.passed} passed` : '',
  ].filter(Boolean);
  const gateParts = [
    n.failed ? `❌ ${n.failed} failed` : '',
    n.warned ? `⚠️ ${n.warned} warned` : '',
    n.notEvaluated ? `⏭️ ${n.notEvaluated} not evaluated` : '',
    `✅ ${n.passed} passed`,
  ].filter(Boolean);
  const malformed = run.scenarios.reduce((sum, s) => sum + s.telemetry.malformed, 0);
  const lines = [
    `## ${escapeMd(verdict)}`,
    '',
    `**${plural(n.scenarios, 'scenario')}**${scenarioParts.length ? ` (${scenarioParts.join(' · ')})` : ''} · **${plural(n.gates, 'gate')}**: ${gateParts.join(' · ')}` +
      `${n.errors ? ` · 💥 ${plural(n.errors, 'error')}` : ''}${malformed ? ` · ${plural(malformed, 'malformed telemetry line')}` : ''} · ⏱ ${formatDuration(run.durationMs)}`,
    '',
    `<sub>run ${code(run.runId)} · ${code(commandText(run.command))} · exit ${run.exitCode}</sub>`,
  ];
  return lines.join('\n');
}

function buildScenarioBlock(scenario: ScenarioResult, rootDir: string, showPassing: boolean): ScenarioBlock {
  const mark = scenario.status === 'passed' ? '✅' : scenario.status === 'failed' ? '❌' : '💥';
  const t = scenario.telemetry;
  const lines = [
    `### ${mark} ${escapeMd(scenario.name)} — ${scenario.status}`,
    '',
    `${formatDuration(scenario.durationMs)} · ${plural(t.events, 'event')} from ${plural(t.files.length, 'telemetry file')}` +
      (scenario.file ? ` · ${code(displayPath(rootDir, scenario.file))}` : ''),
  ];
  if (t.malformed > 0) {
    const first = t.malformedSamples.slice(0, 3).map((m) => code(`${displayPath(rootDir, m.file)}:${m.line}`));
    lines.push('', `⚠️ ${plural(t.malformed, 'malformed telemetry line')}${first.length ? `, first at ${first.join(', ')}` : ''}`);
  }
  const errors = harnessFailures(rootDir, scenario);
  if (errors.length > 0) {
    lines.push('', '**Errors**', '');
    for (const h of errors) {
      const logs = stepArtifacts(scenario, h).map((a) => `${escapeMd(a.category)} ${code(displayPath(rootDir, a.path))}`);
      lines.push(`- 💥 ${escapeMd(h.where)}: ${escapeMd(oneLine(h.message))}${h.location ? ` (${code(h.location)})` : ''}${logs.length ? ` — ${logs.join(', ')}` : ''}`);
    }
  }
  const rows = sortGateResults(scenario.gates)
    .filter((r) => showPassing || outcomeOf(r) !== 'passed')
    .map((r) => buildRow(r, rootDir));
  if (scenario.gates.length === 0) lines.push('', '_No gates evaluated._');
  return { head: lines.join('\n'), rows };
}

function buildRow(r: GateResult, rootDir: string): Row {
  const outcome = outcomeOf(r);
  const owner = [r.owner, r.plan].filter(Boolean).join(' · ');
  const cells = [
    `${EMOJI[outcome]} ${WORD[outcome]}`,
    escapeMd(r.gate),
    r.group !== undefined ? escapeMd(r.group) : '—',
    escapeMd(observedText(r)),
    escapeMd(statisticExpectationText(r)),
    String(r.samples),
    owner ? escapeMd(owner) : '—',
    code(sourceText(rootDir, r)),
  ];
  const group = r.group !== undefined ? ` [${r.group}]` : '';
  const detail =
    outcome === 'passed' || !r.message ? undefined : `- ${EMOJI[outcome]} **${escapeMd(`${r.gate}${group}`)}**: ${escapeMd(oneLine(r.message))}`;
  return { outcome, line: `| ${cells.join(' | ')} |`, detail, dropped: false };
}

function rowBytes(row: Row): number {
  return byteLength(row.line) + 1 + (row.detail ? byteLength(row.detail) + 1 : 0);
}

function assemble(headline: string, blocks: ScenarioBlock[], droppedTotal: number): string {
  const parts = [headline];
  if (droppedTotal > 0) {
    parts.push(`> ✂️ ${plural(droppedTotal, 'row')} left out to stay under GitHub's size limit (passing rows first); the JUnit and JSON reports have every result.`);
  }
  for (const block of blocks) {
    const kept = block.rows.filter((r) => !r.dropped);
    const dropped = block.rows.length - kept.length;
    const section = [block.head];
    if (kept.length > 0) section.push(`${TABLE_HEADER}\n${kept.map((r) => r.line).join('\n')}`);
    if (dropped > 0) {
      const passing = block.rows.filter((r) => r.dropped && r.outcome === 'passed').length;
      section.push(`_… ${dropped} more ${dropped === 1 ? 'row' : 'rows'} truncated${passing === dropped ? ' (all passing)' : ` (${passing} passing)`}._`);
    }
    const details = kept.flatMap((r) => (r.detail ? [r.detail] : []));
    if (details.length > 0) section.push(details.join('\n'));
    parts.push(section.join('\n\n'));
  }
  return `${parts.join('\n\n')}\n`;
}

// ── text helpers ───────────────────────────────────────────────────────────────

/** UTF-8 size, the unit GitHub's limit is counted in. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * At most `maxBytes` bytes of `text`, cut at the last line end that fits (or, lacking one, the last
 * whole character): a code point's UTF-8 bytes always stay together, surrogate pairs included.
 */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return '';
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  // Step back over continuation bytes (10xxxxxx) to the start of the character that did not fit.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  const lastNewline = bytes.lastIndexOf(0x0a, end - 1);
  if (lastNewline > 0) end = lastNewline + 1;
  return bytes.subarray(0, end).toString('utf8');
}

/**
 * Text safe inside a GitHub table cell: control characters removed, backslash-escaped Markdown
 * punctuation and `|`, HTML-significant `<`, `>` and `&` escaped so messages cannot open tags.
 */
export function escapeMd(text: string): string {
  return stripControl(text)
    .replace(/[\\`*_[\]|~#]/g, (ch) => `\\${ch}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A code span; `|` still needs a backslash inside tables, backticks become `'`. */
function code(text: string): string {
  return `\`${stripControl(text).replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function stripControl(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
