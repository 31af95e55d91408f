/**
 * JUnit XML reporter, tuned for the consumers PEERS.md §8 lists (GitLab, Jenkins, GitHub actions):
 * - one `<testsuite>` per scenario, one `<testcase>` per gate result (per group, per expression);
 * - `classname` `<scenario>.<gate file base>` and `name` `<gate> [<group>] <expression>`, unique
 *   (GitLab keeps only the first of duplicates, so a repeat gets ` (#2)`);
 * - `<failure>` for failed error-level gates, `<error>` for failed steps and scenario errors,
 *   `<skipped>` for not-evaluated gates, never two of them in one testcase; warnings pass, with the
 *   warning in `<system-out>` and the `verdict` property;
 * - `file` (root-relative gate file) and `line` attributes, `<properties>` with observed, expected,
 *   baseline, samples, level, plan, owner;
 * - times in seconds with a dot and 3 decimals; counts on every suite; XML 1.0 well-formed always.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { GateResult, RunResult, ScenarioResult } from '../core/types.js';
import {
  byteCompare,
  displayPath,
  expectationText,
  gateFileBase,
  harnessFailures,
  observedText,
  outcomeOf,
  outputPath,
  ownershipText,
  sortGateResults,
  sourceText,
  stepArtifacts,
} from './shared.js';
import type { Reporter, ReporterContext } from './types.js';
import { escapeXmlText, openTag } from './xml.js';

export interface JUnitReporterOptions {
  /** Where to write the XML; relative paths are resolved against the root. @default `<outDir>/junit.xml` */
  outputFile?: string;
  /** `name` of the `<testsuites>` root element. @default 'statetrace' */
  suiteName?: string;
  /** Put each gate's one-sentence message (and warnings) in the testcase's `<system-out>`. @default true */
  includeSystemOut?: boolean;
}

export class JUnitReporter implements Reporter {
  readonly name = 'junit';
  private ctx!: ReporterContext;
  constructor(private readonly options: JUnitReporterOptions = {}) {}

  onInit(ctx: ReporterContext): void {
    this.ctx = ctx;
  }

  async onRunEnd(run: RunResult): Promise<void> {
    const file = outputPath(this.ctx.rootDir, this.ctx.outDir, this.options.outputFile, 'junit.xml');
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, renderJUnit(run, this.ctx.rootDir, this.options), 'utf8');
  }
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/** The whole document as a string; pure, so tests call it directly. */
export function renderJUnit(run: RunResult, rootDir: string, options: JUnitReporterOptions = {}): string {
  const includeSystemOut = options.includeSystemOut ?? true;
  const usedNames = new Set<string>();
  const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites: string[] = [];

  for (const scenario of [...run.scenarios].sort((a, b) => byteCompare(a.name, b.name))) {
    const counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    const cases: string[] = [];

    for (const h of harnessFailures(rootDir, scenario)) {
      const { classname, name } = uniqueName(usedNames, `${scenario.name}.harness`, h.where);
      // A stack usually starts with the message; print it once.
      const stackHasMessage = h.stack?.includes(h.message) ?? false;
      const body = [stackHasMessage ? '' : h.message, h.location ? `at ${h.location}` : '', h.stack ?? ''].filter(Boolean).join('\n');
      // The step's artifacts (its stdout/stderr logs) say why it failed; GitLab shows [[ATTACHMENT|…]] as links.
      const artifacts = stepArtifacts(scenario, h);
      const out = artifacts.map((a) => `[[ATTACHMENT|${displayPath(rootDir, a.path)}]] ${a.category}`).join('\n');
      cases.push(
        `    ${openTag('testcase', { classname, name, time: seconds(h.durationMs), file: scenario.file ? displayPath(rootDir, scenario.file) : undefined })}>\n` +
          `      ${openTag('error', { message: h.message, type: h.code ?? 'HarnessError' })}>${escapeXmlText(body)}</error>\n` +
          (out ? `      <system-out>${escapeXmlText(out)}</system-out>\n` : '') +
          `    </testcase>`,
      );
      counts.tests++;
      counts.errors++;
    }

    for (const result of sortGateResults(scenario.gates)) {
      cases.push(renderGateCase(result, scenario, rootDir, usedNames, includeSystemOut, counts));
    }

    total.tests += counts.tests;
    total.failures += counts.failures;
    total.errors += counts.errors;
    total.skipped += counts.skipped;
    suites.push(renderSuite(scenario, run, rootDir, counts, cases));
  }

  const root = openTag('testsuites', {
    name: options.suiteName ?? 'statetrace',
    tests: total.tests,
    failures: total.failures,
    errors: total.errors,
    skipped: total.skipped,
    time: seconds(run.durationMs),
    timestamp: run.startedAt,
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}>\n${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`;
}

function renderSuite(scenario: ScenarioResult, run: RunResult, rootDir: string, counts: Counts, cases: string[]): string {
  const attrs = {
    name: scenario.name,
    tests: counts.tests,
    failures: counts.failures,
    errors: counts.errors,
    skipped: counts.skipped,
    time: seconds(scenario.durationMs),
    timestamp: run.startedAt,
    hostname: run.environment.hostname,
    file: scenario.file ? displayPath(rootDir, scenario.file) : undefined,
  };
  const props = properties(
    {
      status: scenario.status,
      description: scenario.description,
      tags: scenario.tags.length ? scenario.tags.join(',') : undefined,
      'telemetry.events': scenario.telemetry.events,
      'telemetry.files': scenario.telemetry.files.length,
      'telemetry.malformed': scenario.telemetry.malformed,
      runId: run.runId,
    },
    '    ',
  );
  // Malformed telemetry is not a test outcome, but it must not vanish: list the samples here.
  const malformed = scenario.telemetry.malformedSamples.map((m) => `${displayPath(rootDir, m.file)}:${m.line}: ${m.reason}: ${m.excerpt}`);
  const systemOut = scenario.telemetry.malformed
    ? `    <system-out>${escapeXmlText([`${scenario.telemetry.malformed} malformed telemetry line(s)`, ...malformed].join('\n'))}</system-out>\n`
    : '';
  return `  ${openTag('testsuite', attrs)}>\n${props}${cases.map((c) => `${c}\n`).join('')}${systemOut}  </testsuite>`;
}

function renderGateCase(result: GateResult, scenario: ScenarioResult, rootDir: string, used: Set<string>, includeSystemOut: boolean, counts: Counts): string {
  const group = result.group !== undefined ? ` [${result.group}]` : '';
  const { classname, name } = uniqueName(used, `${scenario.name}.${gateFileBase(result.source.file)}`, `${result.gate}${group} ${result.expression}`);
  const outcome = outcomeOf(result);
  const open = openTag('testcase', {
    classname,
    name,
    time: '0.000',
    file: displayPath(rootDir, result.source.file),
    line: result.source.line,
  });
  const props = properties(
    {
      verdict: result.verdict,
      level: result.level,
      metric: result.metric,
      statistic: result.statistic,
      group: result.group,
      observed: observedText(result),
      observedValue: result.actual === null ? 'null' : result.actual,
      expected: expectationText(result),
      expectedValue: result.expectedValue === undefined ? undefined : Array.isArray(result.expectedValue) ? JSON.stringify(result.expectedValue) : result.expectedValue,
      baseline: result.baseline === undefined ? undefined : result.baseline === null ? 'none' : result.baseline,
      samples: result.samples,
      unit: result.unit || undefined,
      method: result.method,
      plan: result.plan,
      owner: result.owner,
      task: result.task,
      description: result.description,
    },
    '      ',
  );
  const detail = [
    `${result.metric}: ${result.expression}`,
    `observed ${observedText(result)}, expected ${expectationText(result)}, ${result.samples} sample(s)${result.group !== undefined ? `, group ${result.group}` : ''}`,
    result.message,
    `at ${sourceText(rootDir, result)}`,
    ownershipText(result),
  ]
    .filter(Boolean)
    .join('\n');

  let outcomeElement = '';
  // Failures and skips carry the message already; passes get it as output so the verdict is explained.
  let systemOut = includeSystemOut && outcome === 'passed' && result.message ? result.message : '';
  counts.tests++;
  switch (outcome) {
    case 'failed':
      counts.failures++;
      outcomeElement = `      ${openTag('failure', { message: result.message || `${result.gate} failed`, type: 'GateFailed' })}>${escapeXmlText(detail)}</failure>\n`;
      break;
    case 'not_evaluated':
      counts.skipped++;
      outcomeElement = `      ${openTag('skipped', { message: result.message || 'not evaluated' })}/>\n`;
      break;
    case 'warned':
      systemOut = includeSystemOut ? `WARNING: ${detail}` : '';
      break;
    case 'passed':
      break;
  }
  const out = systemOut ? `      <system-out>${escapeXmlText(systemOut)}</system-out>\n` : '';
  return `    ${open}>\n${props}${outcomeElement}${out}    </testcase>`;
}

function properties(values: Record<string, string | number | undefined>, indent: string): string {
  const entries = Object.entries(values).filter(([, v]) => v !== undefined && v !== '');
  if (entries.length === 0) return '';
  const lines = entries.map(([name, value]) => `${indent}  ${openTag('property', { name, value: String(value) })}/>`);
  return `${indent}<properties>\n${lines.join('\n')}\n${indent}</properties>\n`;
}

/** Keep `(classname, name)` unique across the document: GitLab drops duplicates silently. */
function uniqueName(used: Set<string>, classname: string, name: string): { classname: string; name: string } {
  let candidate = name;
  for (let n = 2; used.has(`${classname}\u0000${candidate}`); n++) candidate = `${name} (#${n})`;
  used.add(`${classname}\u0000${candidate}`);
  return { classname, name: candidate };
}

/** Seconds with a dot decimal, three places, no grouping (Jenkins and xUnit reject anything else). */
export function seconds(ms: number): string {
  return (Number.isFinite(ms) && ms > 0 ? ms / 1000 : 0).toFixed(3);
}
