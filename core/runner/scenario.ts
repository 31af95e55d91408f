/**
 * Runs one scenario: its steps in order inside its own run directory, through the plugin driver,
 * then evaluates its gates on the telemetry the steps produced. A failing step ends the scenario
 * (later steps are skipped) but never the run; gates are still evaluated on what was produced.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode, StatetraceError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { interpolate } from '../interpolate.js';
import type { EventInput, StepContext } from '../plugin.js';
import { PluginError, runStep } from '../plugin-driver.js';
import type { PluginRegistry } from '../plugin-registry.js';
import { validateStepOptions, type ScenarioPlan } from '../scenarios/index.js';
import { createTelemetryWriter } from '../telemetry/writer.js';
import type { ArtifactRecord, ErrorRecord, FactValue, ScenarioResult, StepResult } from '../types.js';
import { evaluateTelemetry, type ScenarioTelemetry } from './evaluate.js';

/** Written into every scenario run directory: its telemetry files, facts and tags. */
export const REPLAY_FILE = 'scenario-telemetry.json';

export interface ScenarioDeps {
  registry: PluginRegistry;
  rootDir: string;
  runDir: string;
  workers: number;
  /** Telemetry of another scenario of this run, once it has finished (for `scenario:NAME`). */
  awaitScenario(name: string): Promise<ScenarioTelemetry | undefined>;
  baseline: Parameters<typeof evaluateTelemetry>[0]['baseline'];
  onStepEnd?(step: StepResult): Promise<void>;
  /** Run-level abort (e.g. Ctrl-C). */
  signal?: AbortSignal;
}

export interface ScenarioOutcome {
  result: ScenarioResult;
  telemetry: ScenarioTelemetry;
}

export async function runScenario(plan: ScenarioPlan, deps: ScenarioDeps): Promise<ScenarioOutcome> {
  const started = performance.now();
  const runDir = deps.runDir;
  mkdirSync(runDir, { recursive: true });
  const telemetryFile = join(runDir, 'telemetry.jsonl');
  const writer = createTelemetryWriter(telemetryFile);
  const telemetryFiles = [telemetryFile];
  const facts: Record<string, FactValue> = {};
  const artifacts: ArtifactRecord[] = [];
  const outputs: Record<string, Record<string, unknown>> = {};
  const steps: StepResult[] = [];
  let error: ErrorRecord | undefined;

  const scenarioAbort = new AbortController();
  const onRunAbort = () => scenarioAbort.abort(deps.signal?.reason);
  deps.signal?.addEventListener('abort', onRunAbort, { once: true });
  const scenarioDeadline = setTimeout(
    () => scenarioAbort.abort(new StatetraceError(ErrorCode.StepTimeout, `Scenario "${plan.name}" exceeded its timeout`)),
    plan.timeoutMs,
  );
  scenarioDeadline.unref?.();
  const scenarioEnds = started + plan.timeoutMs;

  for (const step of plan.steps) {
    if (error || scenarioAbort.signal.aborted) {
      steps.push({ id: step.id, uses: step.uses, status: 'skipped', durationMs: 0 });
      continue;
    }
    // Earlier steps' events must be on disk before a step that reads the scenario's telemetry runs.
    writer.flush();
    const stepStarted = performance.now();
    const registered = deps.registry.step(step.uses);
    try {
      if (!registered) {
        throw new StatetraceError(ErrorCode.ScenarioInvalid, `Step "${step.uses}" is not provided by any loaded plugin`, { location: step.location });
      }
      const options = interpolate(step.with, { runDir, rootDir: deps.rootDir, scenario: plan.name, steps: outputs, env: process.env }) as Record<string, unknown>;
      const validated = validateStepOptions(registered.definition.schema, options, step.location, step.uses);
      const stepAbort = new AbortController();
      const forward = () => stepAbort.abort(scenarioAbort.signal.reason);
      scenarioAbort.signal.addEventListener('abort', forward, { once: true });
      const ctx = createStepContext({
        scenario: plan.name,
        stepId: step.id,
        uses: step.uses,
        runDir,
        rootDir: deps.rootDir,
        telemetryFile,
        // The writer stamps events without a Timestamp (local time, 7 fractional digits).
        emit: (event) => writer.write(event),
        addTelemetry: (path) => void (telemetryFiles.includes(path) || telemetryFiles.push(path)),
        facts,
        outputs,
        artifacts,
        signal: stepAbort.signal,
        concurrency: deps.workers,
      });
      const remaining = Math.max(1, scenarioEnds - performance.now());
      const stepOutputs = await runStep(registered, ctx, validated, Math.min(step.timeoutMs ?? remaining, remaining), stepAbort);
      scenarioAbort.signal.removeEventListener('abort', forward);
      outputs[step.id] = stepOutputs;
      const result: StepResult = { id: step.id, uses: step.uses, status: 'passed', durationMs: Math.round(performance.now() - stepStarted), outputs: stepOutputs };
      steps.push(result);
      await deps.onStepEnd?.(result);
    } catch (caught) {
      error = toErrorRecord(caught, plan.name, step.uses);
      const result: StepResult = { id: step.id, uses: step.uses, status: 'failed', durationMs: Math.round(performance.now() - stepStarted), error };
      steps.push(result);
      await deps.onStepEnd?.(result);
    }
  }
  clearTimeout(scenarioDeadline);
  deps.signal?.removeEventListener('abort', onRunAbort);
  writer.close();

  const telemetry: ScenarioTelemetry = { scenario: plan.name, tags: plan.tags, files: telemetryFiles, facts };
  // What `statetrace replay` needs to re-gate this scenario later without running it again.
  writeFileSync(join(runDir, REPLAY_FILE), `${JSON.stringify({ ...telemetry, file: plan.file }, null, 2)}\n`);
  const evaluation = await evaluateTelemetry({
    gates: plan.gates,
    telemetry,
    awaitScenario: deps.awaitScenario,
    baseline: deps.baseline,
  });
  const gateFailed = evaluation.gates.some((g) => g.verdict === 'fail');
  return {
    telemetry,
    result: {
      name: plan.name,
      file: plan.file,
      description: plan.description,
      tags: plan.tags,
      status: error ? 'error' : gateFailed ? 'failed' : 'passed',
      runDir,
      durationMs: Math.round(performance.now() - started),
      steps,
      facts,
      artifacts,
      telemetry: evaluation.summary,
      gates: evaluation.gates,
      ...(error ? { error } : {}),
    },
  };
}

interface StepContextParts {
  scenario: string;
  stepId: string;
  uses: string;
  runDir: string;
  rootDir: string;
  telemetryFile: string;
  emit(event: EventInput): void;
  addTelemetry(path: string): void;
  facts: Record<string, FactValue>;
  outputs: Record<string, Record<string, unknown>>;
  artifacts: ArtifactRecord[];
  signal: AbortSignal;
  concurrency: number;
}

function createStepContext(parts: StepContextParts): StepContext {
  const prefix = `[${parts.scenario} › ${parts.stepId}]`;
  return {
    scenario: parts.scenario,
    stepId: parts.stepId,
    runDir: parts.runDir,
    rootDir: parts.rootDir,
    telemetryFile: parts.telemetryFile,
    emit: parts.emit,
    addTelemetry: parts.addTelemetry,
    fact: (name, value) => void (parts.facts[name] = value),
    facts: parts.facts,
    outputs: parts.outputs,
    artifact: (path, meta) => void parts.artifacts.push({ ...meta, path, step: parts.uses }),
    log: {
      info: (message) => void process.stderr.write(`${prefix} ${message}\n`),
      warn: (message) => void process.stderr.write(`${prefix} warning: ${message}\n`),
    },
    signal: parts.signal,
    concurrency: parts.concurrency,
  };
}

export function toErrorRecord(caught: unknown, scenario: string, step?: string): ErrorRecord {
  const err = caught instanceof Error ? caught : new Error(String(caught));
  const record: ErrorRecord = { message: err instanceof StatetraceError ? err.describe() : err.message, scenario, step, stack: err.stack };
  record.exitCode = err instanceof StatetraceError ? err.exitCode : ExitCode.HarnessError;
  if (err instanceof StatetraceError) {
    record.code = err.code;
    if (err.location) record.location = err.location;
  }
  if (err instanceof PluginError) record.plugin = err.plugin;
  return record;
}
