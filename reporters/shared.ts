/**
 * Rendering helpers every reporter shares, so all outputs classify, order and name results the same
 * way. Nothing here computes a verdict: `outcomeOf` only maps the evaluator's verdict and level to
 * the four ways a report shows a result.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import type { GateResult, ScenarioResult } from '../core/types.js';

/** How a gate result is shown. */
export type Outcome = 'failed' | 'warned' | 'not_evaluated' | 'passed';

/**
 * `fail` blocks only at level `error`; a `fail` at level `warn`/`off` is shown as a warning
 * (the evaluator normally already reports those as `warn`, this keeps reporters safe if it does not).
 */
export function outcomeOf(result: GateResult): Outcome {
  switch (result.verdict) {
    case 'fail':
      return result.level === 'error' ? 'failed' : 'warned';
    case 'warn':
      return 'warned';
    case 'not_evaluated':
      return 'not_evaluated';
    case 'pass':
      return 'passed';
    default:
      // Protect our future selves: an unknown verdict is shown, never hidden as a pass.
      return 'warned';
  }
}

const OUTCOME_RANK: Record<Outcome, number> = { failed: 0, warned: 1, not_evaluated: 2, passed: 3 };
const SCENARIO_RANK: Record<ScenarioResult['status'], number> = { error: 0, failed: 1, passed: 2 };

/** Plain UTF-16 code unit comparison (not `localeCompare`), so order never depends on the machine's locale. */
export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Failures, then warnings, then not-evaluated, then passes; ties by gate id, group, expression, file, line. */
export function sortGateResults(results: readonly GateResult[]): GateResult[] {
  return [...results].sort(
    (a, b) =>
      OUTCOME_RANK[outcomeOf(a)] - OUTCOME_RANK[outcomeOf(b)] ||
      byteCompare(a.gate, b.gate) ||
      byteCompare(a.group ?? '', b.group ?? '') ||
      byteCompare(a.expression, b.expression) ||
      byteCompare(a.source.file, b.source.file) ||
      (a.source.line ?? 0) - (b.source.line ?? 0),
  );
}

/** Errored scenarios, then failed, then passed; ties by name. */
export function sortScenarios(scenarios: readonly ScenarioResult[]): ScenarioResult[] {
  return [...scenarios].sort((a, b) => SCENARIO_RANK[a.status] - SCENARIO_RANK[b.status] || byteCompare(a.name, b.name));
}

export function countOutcomes(results: readonly GateResult[]): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { failed: 0, warned: 0, not_evaluated: 0, passed: 0 };
  for (const r of results) counts[outcomeOf(r)]++;
  return counts;
}

/** A path as users should see it: relative to the root with `/` separators, when it lies inside the root. */
export function displayPath(rootDir: string, file: string): string {
  if (!file) return file;
  const absolute = isAbsolute(file) ? file : resolve(rootDir, file);
  const rel = relative(rootDir, absolute);
  const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
  return shown.split('\\').join('/');
}

/** `gates/plan-b.yaml:12`, relative to the root. */
export function sourceText(rootDir: string, result: GateResult): string {
  const file = displayPath(rootDir, result.source.file);
  return result.source.line !== undefined ? `${file}:${result.source.line}` : file;
}

/**
 * The expectation as a reader wants it: operator and threshold, e.g. `<= 3 s`, `within 60 % of cold`.
 * `expected` normally holds only the threshold; when it already starts with the operator it is used as is.
 */
export function expectationText(result: GateResult): string {
  const expected = result.expected.trim();
  const operator = result.operator.trim();
  if (!operator || expected.startsWith(operator)) return expected;
  return expected ? `${operator} ${expected}` : operator;
}

/** The statistic with its expectation, for tables where the gate id alone is ambiguous: `p95 < 950 ms`. */
export function statisticExpectationText(result: GateResult): string {
  const expectation = expectationText(result);
  const statistic = result.statistic.trim();
  if (!statistic || expectation.startsWith(statistic)) return expectation;
  return `${statistic} ${expectation}`;
}

/** The observed value as text; `actualText` is authoritative, `actual` is the fallback. */
export function observedText(result: GateResult): string {
  if (result.actualText) return result.actualText;
  if (result.actual === null || result.actual === undefined) return 'n/a';
  return result.unit ? `${result.actual} ${result.unit}` : String(result.actual);
}

/** The command that started the run as a user would type it: `run` → `statetrace run`; a full command line stays as is. */
export function commandText(command: string | undefined): string {
  if (!command) return 'statetrace';
  return command === 'statetrace' || command.startsWith('statetrace ') ? command : `statetrace ${command}`;
}

/** Human duration: `850 ms`, `1.2 s`, `2 m 05 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '0 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  // Round in integers first: (3945 / 1000).toFixed(2) is "3.94" because of binary floating point.
  if (ms < 10_000) return `${(Math.round(ms / 10) / 100).toFixed(2)} s`;
  if (ms < 60_000) return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  return `${minutes} m ${String(totalSeconds % 60).padStart(2, '0')} s`;
}

/** Ownership as one short phrase: `owner telemetry · Plan E · task T-12`, or '' when none is set. */
export function ownershipText(result: GateResult): string {
  const parts: string[] = [];
  if (result.owner) parts.push(`owner ${result.owner}`);
  if (result.plan) parts.push(result.plan);
  if (result.task) parts.push(`task ${result.task}`);
  return parts.join(' · ');
}

/** A failed step or the scenario's own error: what JUnit calls an error and the console lists as "errors". */
export interface HarnessFailure {
  /** `step <id> (<uses>)` or `scenario`. */
  where: string;
  message: string;
  code?: string;
  stack?: string;
  location?: string;
  durationMs: number;
  /** Step id for failed steps. */
  stepId?: string;
  /** Step `uses` for failed steps. */
  uses?: string;
}

/** Failed steps in order, then the scenario error unless it repeats a failed step's message. */
export function harnessFailures(rootDir: string, scenario: ScenarioResult): HarnessFailure[] {
  const failures: HarnessFailure[] = [];
  for (const step of scenario.steps) {
    if (step.status !== 'failed') continue;
    failures.push({
      where: `step ${step.id} (${step.uses})`,
      message: step.error?.message ?? `step ${step.id} failed without an error message`,
      code: step.error?.code,
      stack: step.error?.stack,
      location: step.error?.location ? locationText(rootDir, step.error.location) : undefined,
      durationMs: step.durationMs,
      stepId: step.id,
      uses: step.uses,
    });
  }
  const error = scenario.error;
  if (error && !failures.some((f) => f.message === error.message)) {
    failures.push({
      where: error.step ? `scenario (step ${error.step})` : 'scenario',
      message: error.message,
      code: error.code,
      stack: error.stack,
      location: error.location ? locationText(rootDir, error.location) : undefined,
      durationMs: 0,
    });
  }
  if (scenario.status === 'error' && failures.length === 0) {
    failures.push({ where: 'scenario', message: 'scenario ended with status "error" and no error record', durationMs: 0 });
  }
  return failures;
}

/**
 * Artifacts a failed step registered (its stdout/stderr logs explain the failure). Artifacts name
 * the step by `uses` (or id); when several steps share a `uses`, the file name must contain the id.
 */
export function stepArtifacts(scenario: ScenarioResult, failure: HarnessFailure): ScenarioResult['artifacts'] {
  if (!failure.stepId) return [];
  const { stepId, uses } = failure;
  const byStep = scenario.artifacts.filter((a) => a.step !== undefined && (a.step === stepId || a.step === uses));
  const sharedUses = scenario.steps.filter((s) => s.uses === uses).length > 1;
  return sharedUses ? byStep.filter((a) => a.step === stepId || (a.path.split(/[\\/]/).pop() ?? '').includes(stepId)) : byStep;
}

function locationText(rootDir: string, loc: { file: string; line?: number; column?: number }): string {
  let text = displayPath(rootDir, loc.file);
  if (loc.line !== undefined) text += `:${loc.line}`;
  if (loc.line !== undefined && loc.column !== undefined) text += `:${loc.column}`;
  return text;
}

/** File base without directory and `.yaml`/`.yml`: `gates/plan-b-performance.yaml` → `plan-b-performance`. */
export function gateFileBase(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.(ya?ml)$/i, '') || base;
}

/** Resolve a reporter's `outputFile` option against the root, or fall back to `<outDir>/<name>`. */
export function outputPath(rootDir: string, outDir: string, option: string | undefined, defaultName: string): string {
  if (option) return isAbsolute(option) ? option : resolve(rootDir, option);
  return resolve(outDir, defaultName);
}
