/**
 * Console reporter: live progress while scenarios run, then per scenario a verdict table, then
 * every failure, harness error, warning and not-evaluated gate explained (gate file:line, observed
 * vs expected, samples, group), then a summary. Without colour (NO_COLOR, non-TTY) it writes no
 * ANSI escape at all; user text is made printable so telemetry cannot smuggle escapes either.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { GateResult, RunResult, ScenarioResult, StepResult } from '../core/types.js';
import {
  commandText,
  countOutcomes,
  displayPath,
  expectationText,
  statisticExpectationText,
  formatDuration,
  harnessFailures,
  observedText,
  outcomeOf,
  ownershipText,
  sortGateResults,
  sortScenarios,
  sourceText,
  stepArtifacts,
  type Outcome,
} from './shared.js';
import type { Reporter, ReporterContext, RunStartInfo, ScenarioStartInfo } from './types.js';

export interface ConsoleReporterOptions {
  /**
   * Redraw one compact status line while scenarios run instead of printing a line per start.
   * @default ctx.isTTY
   */
  live?: boolean;
  /** List passing gates in the verdict tables. @default true */
  showPassing?: boolean;
  /** Malformed telemetry lines shown per scenario (the count is always shown). @default 3 */
  maxMalformedSamples?: number;
  /** Widest a table cell may get before it is cut with `…`. @default 48 */
  maxCellWidth?: number;
}

const SYMBOL: Record<Outcome, string> = { failed: '✗', warned: '!', not_evaluated: '○', passed: '✓' };
const LABEL: Record<Outcome, string> = { failed: 'fail', warned: 'warn', not_evaluated: 'n/e', passed: 'pass' };

export class ConsoleReporter implements Reporter {
  readonly name = 'console';
  private ctx!: ReporterContext;
  private c!: ChalkInstance;
  private readonly options: Required<Omit<ConsoleReporterOptions, 'live'>> & { live: boolean | undefined };
  private readonly running = new Set<string>();
  private planned = 0;
  private finished = 0;
  private liveLineWidth = 0;

  constructor(options: ConsoleReporterOptions = {}) {
    this.options = { live: options.live, showPassing: options.showPassing ?? true, maxMalformedSamples: options.maxMalformedSamples ?? 3, maxCellWidth: options.maxCellWidth ?? 48 };
  }

  onInit(ctx: ReporterContext): void {
    this.ctx = ctx;
    this.c = new Chalk({ level: ctx.color ? 1 : 0 });
  }

  private get live(): boolean {
    return this.options.live ?? this.ctx.isTTY;
  }

  private write(text: string): void {
    this.ctx.stdout.write(text);
  }

  // ── live progress ────────────────────────────────────────────────────────────

  onRunStart(info: RunStartInfo): void {
    this.planned = info.scenarios.length;
    const command = commandText(info.command);
    const files = info.gateFiles.length;
    this.write(`${this.c.bold(command)} ${this.c.dim(info.runId)} · ${plural(info.scenarios.length, 'scenario')} · ${plural(files, 'gate file')}\n`);
  }

  onScenarioStart(info: ScenarioStartInfo): void {
    this.running.add(info.name);
    if (this.live) this.drawLiveLine();
    else this.write(`${this.c.dim(' RUN ')} ${printable(info.name)}\n`);
  }

  onStepEnd(scenario: string, step: StepResult): void {
    // Only failures are worth a line of their own while running; the rest shows in the live line.
    if (step.status !== 'failed') return;
    this.clearLiveLine();
    this.write(`${this.c.red('  ✗ step')} ${printable(scenario)} › ${printable(step.id)} (${printable(step.uses)}) ${this.c.dim(formatDuration(step.durationMs))}\n`);
    if (this.live) this.drawLiveLine();
  }

  onScenarioEnd(result: ScenarioResult): void {
    this.running.delete(result.name);
    this.finished++;
    this.clearLiveLine();
    const counts = countOutcomes(result.gates);
    const parts = [result.status === 'passed' ? 'passed' : result.status === 'failed' ? 'failed' : 'error', plural(result.gates.length, 'gate')];
    if (counts.failed) parts.push(`${counts.failed} failed`);
    if (counts.warned) parts.push(plural(counts.warned, 'warning'));
    if (counts.not_evaluated) parts.push(`${counts.not_evaluated} not evaluated`);
    parts.push(formatDuration(result.durationMs));
    this.write(`${this.statusMark(result.status)} ${printable(result.name)} ${this.c.dim(parts.join(' · '))}\n`);
    if (this.live && this.running.size > 0) this.drawLiveLine();
  }

  /** Redraw with `\r` and spaces only, so even the live line contains no escape sequence. */
  private drawLiveLine(): void {
    const names = [...this.running].sort();
    const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ` +${names.length - 3}` : '');
    // Short enough not to wrap on a narrow terminal: a wrapped line cannot be redrawn with `\r`.
    const text = truncate(printable(`… running ${this.finished}/${this.planned || '?'} done · ${shown}`), 72);
    this.write(`\r${text}${' '.repeat(Math.max(0, this.liveLineWidth - text.length))}`);
    this.liveLineWidth = text.length;
  }

  private clearLiveLine(): void {
    if (this.liveLineWidth === 0) return;
    this.write(`\r${' '.repeat(this.liveLineWidth)}\r`);
    this.liveLineWidth = 0;
  }

  // ── final report ─────────────────────────────────────────────────────────────

  onRunEnd(run: RunResult): void {
    this.clearLiveLine();
    const scenarios = sortScenarios(run.scenarios);
    const out: string[] = [''];
    for (const scenario of scenarios) out.push(...this.renderScenario(scenario), '');
    out.push(...this.renderDetails(scenarios));
    out.push(...this.renderSummary(run));
    this.write(out.join('\n') + '\n');
  }

  private renderScenario(scenario: ScenarioResult): string[] {
    const { c } = this;
    const t = scenario.telemetry;
    const head = `${this.statusMark(scenario.status)} ${c.bold(printable(scenario.name))}  ${this.statusWord(scenario.status)}  ${c.dim(
      `${formatDuration(scenario.durationMs)} · ${plural(t.events, 'event')} from ${plural(t.files.length, 'file')}`,
    )}`;
    const lines = [head];
    const rows = sortGateResults(scenario.gates).filter((r) => this.options.showPassing || outcomeOf(r) !== 'passed');
    if (rows.length > 0) {
      lines.push(...this.table(['', 'gate', 'observed', 'expected', 'samples', 'source'], rows.map((r) => this.row(r)), [4]).map((l) => `  ${l}`));
    } else if (scenario.gates.length === 0) {
      lines.push(c.dim('  no gates evaluated'));
    }
    const hidden = scenario.gates.length - rows.length;
    if (hidden > 0) lines.push(c.dim(`  … ${plural(hidden, 'passing gate')} not shown`));
    if (t.malformed > 0) {
      lines.push(`  ${c.yellow(`${plural(t.malformed, 'malformed telemetry line')}`)}${t.malformed > t.malformedSamples.length ? c.dim(' (first ones below)') : ''}`);
      for (const m of t.malformedSamples.slice(0, this.options.maxMalformedSamples)) {
        lines.push(`    ${c.dim(`${displayPath(this.ctx.rootDir, m.file)}:${m.line}`)} ${printable(m.reason)}: ${printable(truncate(m.excerpt, 60))}`);
      }
      const more = t.malformed - Math.min(t.malformedSamples.length, this.options.maxMalformedSamples);
      if (more > 0) lines.push(c.dim(`    … ${more} more`));
    }
    return lines;
  }

  private row(r: GateResult): string[] {
    const outcome = outcomeOf(r);
    const mark = this.colorFor(outcome)(`${SYMBOL[outcome]} ${LABEL[outcome]}`);
    const gate = r.group !== undefined ? `${r.gate} [${r.group}]` : r.gate;
    return [mark, gate, observedText(r), statisticExpectationText(r), String(r.samples), sourceText(this.ctx.rootDir, r)].map((cell, i) =>
      i === 0 ? cell : truncate(printable(cell), this.options.maxCellWidth),
    );
  }

  /** Plain left-aligned columns (right-aligned where listed); width from visible text, colour added after. */
  private table(header: string[], rows: string[][], rightAligned: number[]): string[] {
    const widths = header.map((h, i) => Math.max(visibleLength(h), ...rows.map((r) => visibleLength(r[i] ?? ''))));
    const fmt = (cells: string[]) =>
      cells
        .map((cell, i) => {
          const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - visibleLength(cell)));
          return rightAligned.includes(i) ? pad + cell : cell + pad;
        })
        .join('  ')
        .trimEnd();
    return [this.c.dim(fmt(header)), ...rows.map(fmt)];
  }

  private renderDetails(scenarios: ScenarioResult[]): string[] {
    const { c } = this;
    const sections: Array<{ title: string; items: string[][] }> = [
      { title: c.red.bold('Failures'), items: [] },
      { title: c.red.bold('Errors'), items: [] },
      { title: c.yellow.bold('Warnings'), items: [] },
      { title: c.cyan.bold('Not evaluated'), items: [] },
    ];
    const [failures, errors, warnings, notEvaluated] = sections as [(typeof sections)[0], (typeof sections)[0], (typeof sections)[0], (typeof sections)[0]];
    for (const scenario of scenarios) {
      for (const h of harnessFailures(this.ctx.rootDir, scenario)) {
        const item = [`${c.red('‼')} ${printable(scenario.name)} › ${printable(h.where)}: ${printable(h.message)}`];
        const meta = [h.code, h.location].filter(Boolean).join(' · ');
        if (meta) item.push(c.dim(`    ${printable(meta)}`));
        for (const a of stepArtifacts(scenario, h)) item.push(c.dim(`    ${printable(`${a.category}: ${displayPath(this.ctx.rootDir, a.path)}`)}`));
        errors.items.push(item);
      }
      for (const r of sortGateResults(scenario.gates)) {
        const outcome = outcomeOf(r);
        if (outcome === 'passed') continue;
        const target = outcome === 'failed' ? failures : outcome === 'warned' ? warnings : notEvaluated;
        target.items.push(this.explain(scenario, r, outcome));
      }
    }
    const lines: string[] = [];
    for (const section of sections) {
      if (section.items.length === 0) continue;
      lines.push(section.title);
      for (const item of section.items) lines.push(...item.map((l) => `  ${l}`));
      lines.push('');
    }
    return lines;
  }

  private explain(scenario: ScenarioResult, r: GateResult, outcome: Outcome): string[] {
    const { c } = this;
    const group = r.group !== undefined ? ` [${r.group}]` : '';
    const lines = [`${this.colorFor(outcome)(SYMBOL[outcome])} ${printable(`${scenario.name} › ${r.gate}${group}`)}  ${c.cyan(printable(sourceText(this.ctx.rootDir, r)))}`];
    lines.push(`    ${printable(`${r.metric}: ${r.expression}`)}`);
    if (outcome !== 'not_evaluated' || r.actual !== null) {
      const facts = [`observed ${observedText(r)}`, `expected ${expectationText(r)}`];
      if (r.baseline !== undefined) facts.push(`baseline ${r.baseline === null ? 'none' : `${r.baseline}${r.unit ? ` ${r.unit}` : ''}`}`);
      facts.push(plural(r.samples, 'sample'));
      if (r.method) facts.push(`method ${r.method}`);
      if (r.level !== 'error') facts.push(`level ${r.level}`);
      lines.push(`    ${printable(facts.join(' · '))}`);
    }
    if (r.message) lines.push(`    ${printable(r.message)}`);
    const owner = ownershipText(r);
    if (owner) lines.push(c.dim(`    ${printable(owner)}`));
    return lines;
  }

  private renderSummary(run: RunResult): string[] {
    const { c } = this;
    const n = run.counts;
    const scenarioStatus = countBy(run.scenarios.map((s) => s.status));
    const scenarioParts = [
      scenarioStatus.error ? c.red(`${scenarioStatus.error} error`) : '',
      scenarioStatus.failed ? c.red(`${scenarioStatus.failed} failed`) : '',
      scenarioStatus.passed ? c.green(`${scenarioStatus.passed} passed`) : '',
    ].filter(Boolean);
    const gateParts = [
      n.failed ? c.red(`${n.failed} failed`) : '',
      n.warned ? c.yellow(`${n.warned} warned`) : '',
      n.notEvaluated ? c.cyan(`${n.notEvaluated} not evaluated`) : '',
      c.green(`${n.passed} passed`),
    ].filter(Boolean);
    const malformed = run.scenarios.reduce((sum, s) => sum + s.telemetry.malformed, 0);
    const lines = [
      `${c.dim(' Scenarios')}  ${scenarioParts.join(' · ') || '0'} (${n.scenarios})`,
      `${c.dim('     Gates')}  ${gateParts.join(' · ')} (${n.gates})`,
    ];
    if (n.errors) lines.push(`${c.dim('    Errors')}  ${c.red(String(n.errors))}`);
    if (malformed) lines.push(`${c.dim(' Malformed')}  ${c.yellow(plural(malformed, 'telemetry line'))}`);
    lines.push(`${c.dim('  Duration')}  ${formatDuration(run.durationMs)}`);
    const verdict = run.status === 'passed' ? c.green.bold('PASSED') : run.status === 'failed' ? c.red.bold('FAILED') : c.red.bold('ERROR');
    lines.push(`${c.dim('    Result')}  ${verdict} (exit ${run.exitCode})`);
    return lines;
  }

  private statusMark(status: ScenarioResult['status']): string {
    return status === 'passed' ? this.c.green('✓') : status === 'failed' ? this.c.red('✗') : this.c.red('‼');
  }

  private statusWord(status: ScenarioResult['status']): string {
    return status === 'passed' ? this.c.green('passed') : status === 'failed' ? this.c.red('FAILED') : this.c.red('ERROR');
  }

  private colorFor(outcome: Outcome): (text: string) => string {
    return outcome === 'failed' ? this.c.red : outcome === 'warned' ? this.c.yellow : outcome === 'not_evaluated' ? this.c.cyan : this.c.green;
  }
}

// ── text helpers ───────────────────────────────────────────────────────────────

/**
 * One printable line: newlines become `⏎`, other control characters (ESC included) their `\xNN`
 * form, so a message from telemetry cannot move the cursor or recolour the terminal.
 */
export function printable(text: string): string {
  return text
    .replace(/\r\n|\n|\r/g, ' ⏎ ')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16)}`);
}

const ANSI = /\u001b\[[0-9;]*m/g;
function visibleLength(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function countBy<T extends string>(values: T[]): Partial<Record<T, number>> {
  const counts: Partial<Record<T, number>> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
