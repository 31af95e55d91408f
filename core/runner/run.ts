/**
 * A whole `statetrace run`: scenarios in dependency order (a scenario referenced by another's
 * `scenario:NAME` gate runs first) with bounded concurrency, each isolated in its own run
 * directory; one crashing scenario never stops the others. Produces the RunResult, records it in
 * history and hands it to the reporters.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import { describeEnvironment } from '../environment.js';
import { ErrorCode, StatetraceError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { runLifecycle } from '../plugin-driver.js';
import type { PluginRegistry } from '../plugin-registry.js';
import type { ScenarioPlan } from '../scenarios/index.js';
import type { GateResult, RunResult, ScenarioResult } from '../types.js';
import { report, type Reporter } from '../../reporters/types.js';
import type { HistoryStore } from '../history.js';
import { mapWithConcurrency } from './pool.js';
import { runScenario, toErrorRecord } from './scenario.js';
import { referencedScenarios, type ScenarioTelemetry } from './evaluate.js';

/** The RunResult of a run, inside `<runsDir>/<runId>/`. */
export const RUN_RESULT_FILE = 'run-result.json';

export interface ExecuteRunOptions {
  runId: string;
  command: string;
  config: ResolvedConfig;
  registry: PluginRegistry;
  plans: ScenarioPlan[];
  gateFiles: string[];
  reporters: Reporter[];
  history?: HistoryStore;
  signal?: AbortSignal;
}

export async function executeRun(options: ExecuteRunOptions): Promise<RunResult> {
  const { config, registry, runId } = options;
  const startedAt = new Date();
  const plans = orderByReferences(options.plans);
  await report(options.reporters, 'onRunStart', {
    runId,
    command: options.command,
    startedAt: startedAt.toISOString(),
    scenarios: plans.map((p) => ({ name: p.name, file: p.file, tags: p.tags, stepCount: p.steps.length })),
    gateFiles: options.gateFiles,
  });

  const finished = new Map<string, Promise<ScenarioTelemetry | undefined>>();
  const resolvers = new Map<string, (t: ScenarioTelemetry | undefined) => void>();
  for (const plan of plans) finished.set(plan.name, new Promise((resolve) => resolvers.set(plan.name, resolve)));

  const setupCtx = { rootDir: config.rootDir, log: { info: (m: string) => process.stderr.write(`${m}\n`), warn: (m: string) => process.stderr.write(`warning: ${m}\n`) } };
  let setupError: ScenarioResult['error'];
  try {
    await runLifecycle(registry.plugins, 'setup', setupCtx);
  } catch (error) {
    setupError = toErrorRecord(error, '(setup)');
  }

  const results = await mapWithConcurrency(plans, config.concurrency, async (plan): Promise<ScenarioResult> => {
    await report(options.reporters, 'onScenarioStart', { name: plan.name, file: plan.file, tags: plan.tags, stepCount: plan.steps.length });
    let result: ScenarioResult;
    try {
      if (setupError) throw new StatetraceError(ErrorCode.PluginError, `Plugin setup failed: ${setupError.message}`);
      const outcome = await runScenario(plan, {
        registry,
        rootDir: config.rootDir,
        runDir: join(config.runsDir, runId, plan.name),
        workers: config.workers,
        awaitScenario: (name) => finished.get(name) ?? Promise.resolve(undefined),
        baseline: options.history ? (query) => options.history!.baseline(query) : undefined,
        onStepEnd: (step) => report(options.reporters, 'onStepEnd', plan.name, step),
        signal: options.signal,
      });
      resolvers.get(plan.name)?.(outcome.telemetry);
      result = outcome.result;
    } catch (error) {
      // Something outside any step failed (e.g. reading telemetry): the scenario errors, the run goes on.
      resolvers.get(plan.name)?.(undefined);
      result = {
        name: plan.name,
        file: plan.file,
        description: plan.description,
        tags: plan.tags,
        status: 'error',
        runDir: join(config.runsDir, runId, plan.name),
        durationMs: 0,
        steps: [],
        facts: {},
        artifacts: [],
        telemetry: { files: [], events: 0, malformed: 0, malformedSamples: [], eventCounts: {} },
        gates: [],
        error: toErrorRecord(error, plan.name),
      };
    }
    await report(options.reporters, 'onScenarioEnd', result);
    return result;
  });

  try {
    await runLifecycle(registry.plugins, 'teardown', setupCtx);
  } catch (error) {
    process.stderr.write(`warning: ${(error as Error).message}\n`);
  }

  const run = buildRunResult({
    runId,
    command: options.command,
    startedAt,
    scenarios: results,
    gateFiles: options.gateFiles,
    environment: describeEnvironment(config, registry.plugins),
    outDir: config.outDir,
  });
  options.history?.record(run);
  // The run's own record beside its scenario directories, so `statetrace replay` can compare verdicts.
  mkdirSync(join(config.runsDir, runId), { recursive: true });
  writeFileSync(join(config.runsDir, runId, RUN_RESULT_FILE), `${JSON.stringify(run, null, 2)}\n`);
  await report(options.reporters, 'onRunEnd', run);
  return run;
}

export interface BuildRunResultInput {
  runId: string;
  command: string;
  startedAt: Date;
  scenarios: ScenarioResult[];
  gateFiles: string[];
  environment: RunResult['environment'];
  outDir: string;
}

/** Counts and the exit code follow from the scenario results alone (reporters never recompute them). */
export function buildRunResult(input: BuildRunResultInput): RunResult {
  const gates: GateResult[] = input.scenarios.flatMap((s) => s.gates);
  const errors = input.scenarios.filter((s) => s.status === 'error');
  const failed = gates.filter((g) => g.verdict === 'fail').length;
  const exitCode = errors.length > 0
    ? errors.every((s) => s.error?.exitCode === ExitCode.InvalidInput) ? ExitCode.InvalidInput : ExitCode.HarnessError
    : failed > 0 ? ExitCode.GatesFailed : ExitCode.Passed;
  const finishedAt = new Date();
  return {
    runId: input.runId,
    command: input.command,
    startedAt: input.startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - input.startedAt.getTime(),
    status: errors.length > 0 ? 'error' : failed > 0 ? 'failed' : 'passed',
    exitCode,
    scenarios: input.scenarios,
    gateFiles: input.gateFiles,
    environment: input.environment,
    outDir: input.outDir,
    counts: {
      scenarios: input.scenarios.length,
      gates: gates.length,
      passed: gates.filter((g) => g.verdict === 'pass').length,
      failed,
      warned: gates.filter((g) => g.verdict === 'warn').length,
      notEvaluated: gates.filter((g) => g.verdict === 'not_evaluated').length,
      errors: errors.length,
    },
  };
}

/**
 * Puts every scenario after the scenarios its gates reference, keeping the given order otherwise.
 * A reference cycle cannot be satisfied and is an input error.
 */
export function orderByReferences(plans: ScenarioPlan[]): ScenarioPlan[] {
  const byName = new Map(plans.map((p) => [p.name, p]));
  const ordered: ScenarioPlan[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (plan: ScenarioPlan, path: string[]): void => {
    const s = state.get(plan.name);
    if (s === 'done') return;
    if (s === 'visiting') {
      throw new StatetraceError(ErrorCode.ScenarioInvalid, `Scenarios reference each other in a cycle: ${[...path, plan.name].join(' → ')}`, {
        location: plan.file ? { file: plan.file } : undefined,
        hint: 'a `scenario:NAME` reference needs NAME to finish first; remove one direction of the comparison',
      });
    }
    state.set(plan.name, 'visiting');
    for (const name of referencedScenarios(plan.gates)) {
      const dep = byName.get(name);
      if (dep && dep !== plan) visit(dep, [...path, plan.name]);
    }
    state.set(plan.name, 'done');
    ordered.push(plan);
  };
  for (const plan of plans) visit(plan, []);
  return ordered;
}
