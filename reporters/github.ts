/**
 * GitHub Actions reporter: workflow commands (`::error file=…,line=…,title=…::message`) so failed and
 * warning gates show as annotations on the gate file in the PR's "Files changed" view, and harness
 * errors as annotations on the scenario file. GitHub shows at most 10 errors and 10 warnings per
 * step, so the most important come first and the total is capped.
 */
import type { GateResult, RunResult } from '../core/types.js';
import { displayPath, expectationText, harnessFailures, observedText, outcomeOf, sortGateResults, sortScenarios } from './shared.js';
import type { Reporter, ReporterContext } from './types.js';

export interface GithubReporterOptions {
  /** Annotate only when `GITHUB_ACTIONS=true`, so selecting it locally prints nothing. @default true */
  onlyInActions?: boolean;
  /** Most annotations written; the rest are counted in one notice. @default 50 */
  maxAnnotations?: number;
  /** Annotate not-evaluated gates as notices. @default false */
  notices?: boolean;
}

type Level = 'error' | 'warning' | 'notice';

export class GithubReporter implements Reporter {
  readonly name = 'github';
  private ctx!: ReporterContext;
  constructor(private readonly options: GithubReporterOptions = {}) {}

  onInit(ctx: ReporterContext): void {
    this.ctx = ctx;
  }

  onRunEnd(run: RunResult): void {
    if ((this.options.onlyInActions ?? true) && this.ctx.env.GITHUB_ACTIONS !== 'true') return;
    const lines = renderAnnotations(run, this.ctx.rootDir, this.options);
    if (lines.length) this.ctx.stdout.write(`${lines.join('\n')}\n`);
  }
}

export function renderAnnotations(run: RunResult, rootDir: string, options: GithubReporterOptions = {}): string[] {
  const max = options.maxAnnotations ?? 50;
  const annotations: string[] = [];
  for (const scenario of sortScenarios(run.scenarios)) {
    for (const h of harnessFailures(rootDir, scenario)) {
      const [file, line] = splitLocation(h.location) ?? [scenario.file ? displayPath(rootDir, scenario.file) : undefined, undefined];
      annotations.push(command('error', { file, line, title: `statetrace: ${scenario.name} › ${h.where}` }, h.message));
    }
  }
  const gateAnnotations: Array<[number, string]> = [];
  for (const scenario of sortScenarios(run.scenarios)) {
    for (const r of sortGateResults(scenario.gates)) {
      const outcome = outcomeOf(r);
      const level: Level | undefined = outcome === 'failed' ? 'error' : outcome === 'warned' ? 'warning' : outcome === 'not_evaluated' && options.notices ? 'notice' : undefined;
      if (!level) continue;
      gateAnnotations.push([level === 'error' ? 0 : level === 'warning' ? 1 : 2, gateAnnotation(level, scenario.name, r, rootDir)]);
    }
  }
  // Failures before warnings before notices, across scenarios (the sort is stable).
  annotations.push(...gateAnnotations.sort((a, b) => a[0] - b[0]).map(([, text]) => text));
  if (annotations.length <= max) return annotations;
  const kept = annotations.slice(0, Math.max(0, max - 1));
  kept.push(command('notice', { title: 'statetrace' }, `${annotations.length - kept.length} more annotations left out; see the JUnit or Markdown report.`));
  return kept;
}

function gateAnnotation(level: Level, scenario: string, r: GateResult, rootDir: string): string {
  const group = r.group !== undefined ? ` [${r.group}]` : '';
  const message = `${r.message}\nobserved ${observedText(r)}, expected ${expectationText(r)}, ${r.samples} sample(s)${r.owner ? `, owner ${r.owner}` : ''}`;
  return command(level, { file: displayPath(rootDir, r.source.file), line: r.source.line, title: `${scenario} › ${r.gate}${group}` }, message);
}

function splitLocation(location: string | undefined): [string, number | undefined] | undefined {
  if (!location) return undefined;
  const match = /^(.*?):(\d+)(?::\d+)?$/.exec(location);
  return match ? [match[1]!, Number(match[2])] : [location, undefined];
}

/** A workflow command with GitHub's escaping: `%`, CR, LF in data; additionally `:` and `,` in properties. */
export function command(level: Level, props: Record<string, string | number | undefined>, message: string): string {
  const list = Object.entries(props)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${level}${list ? ` ${list}` : ''}::${escapeData(message)}`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
