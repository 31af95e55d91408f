/**
 * The reporter contract. A reporter is one object with optional hooks; the runner calls them through
 * `report()` at fixed points of a run. Reporters render from the result types of `core/types.ts` and
 * never recompute a verdict, and no reporter knows that the others exist (pattern from Vitest).
 */
import type { RunResult, ScenarioResult, StepResult } from '../core/types.js';

export type Awaitable<T> = T | PromiseLike<T>;

/** Anything text can be written to: `process.stdout`, a test buffer, a file stream. */
export interface TextWriter {
  write(text: string): unknown;
}

/** What every reporter gets once, before the run starts. */
export interface ReporterContext {
  /** Absolute directory where report files go (`--out-dir`, default `reports/`). */
  outDir: string;
  /** Absolute project root: relative `outputFile` options and gate file paths are resolved against it. */
  rootDir: string;
  stdout: TextWriter;
  stderr: TextWriter;
  /**
   * Whether ANSI colours may be written. False when `NO_COLOR` is set or stdout is not a TTY
   * (unless `FORCE_COLOR` asks for colour); see `createReporterContext`.
   */
  color: boolean;
  /** Whether stdout is an interactive terminal: reporters may then redraw a live status line. */
  isTTY: boolean;
  /** Environment variables, passed in (not read from `process.env`) so tests control them. */
  env: Record<string, string | undefined>;
}

/** A scenario as planned, before it runs. */
export interface PlannedScenario {
  name: string;
  /** Scenario YAML file, absolute or relative to the root; absent for `check` runs. */
  file?: string;
  tags: string[];
  stepCount: number;
}

/** Told to reporters when the run starts, after every scenario and gate file has been validated. */
export interface RunStartInfo {
  runId: string;
  /** The command that started the run, e.g. `run` or `check`. */
  command?: string;
  /** ISO-8601 start time. */
  startedAt?: string;
  scenarios: PlannedScenario[];
  /** Gate files that will be evaluated (absolute or root-relative). */
  gateFiles: string[];
}

/** Told to reporters when one scenario starts running. */
export type ScenarioStartInfo = PlannedScenario;

/**
 * One reporter. Every hook is optional and may be async; the runner awaits all reporters' hook
 * before it moves on, so a slow reporter delays the run but never reorders its events.
 */
export interface Reporter {
  /** Shown in errors when a hook throws (e.g. `Reporter "junit" failed in onRunEnd`). */
  readonly name?: string;
  /** Called once by `createReporters`, before any other hook. Keep the context for later hooks. */
  onInit?(ctx: ReporterContext): Awaitable<void>;
  /** The run is about to start: scenarios and gate files are known and valid. */
  onRunStart?(info: RunStartInfo): Awaitable<void>;
  /** A scenario starts. With concurrency, several scenarios may be running at once. */
  onScenarioStart?(info: ScenarioStartInfo): Awaitable<void>;
  /** A step of a scenario ended (passed, failed or skipped). Optional: the runner may not call it. */
  onStepEnd?(scenario: string, step: StepResult): Awaitable<void>;
  /** A scenario ended, with its gates evaluated (or its error recorded). */
  onScenarioEnd?(result: ScenarioResult): Awaitable<void>;
  /** The run ended: the final verdict, counts and exit code are in `run`. Write files here. */
  onRunEnd?(run: RunResult): Awaitable<void>;
}

export type ReporterHook = Exclude<keyof Reporter, 'name'>;
type HookArgs<K extends ReporterHook> = Parameters<NonNullable<Reporter[K]>>;

/** A reporter hook threw. The run's reports are incomplete, which is a harness error (exit 3). */
export class ReporterError extends Error {
  /** Name of the reporter that failed (several joined with `, ` when more than one did). */
  readonly reporter: string;
  readonly hook: ReporterHook;
  constructor(reporter: string, hook: ReporterHook, cause: unknown, message?: string) {
    super(message ?? `Reporter "${reporter}" failed in ${hook}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ReporterError';
    this.reporter = reporter;
    this.hook = hook;
  }
}

/**
 * Call `hook` on every reporter that has it, concurrently, and wait for all of them. One reporter
 * failing never stops the others from writing their output; afterwards the first failure is
 * thrown as a `ReporterError` naming the reporter and hook (all failures are in `AggregateError`
 * `cause` when there are several).
 */
export async function report<K extends ReporterHook>(reporters: readonly Reporter[], hook: K, ...args: HookArgs<K>): Promise<void> {
  const settled = await Promise.allSettled(
    reporters.map(async (reporter) => {
      const fn = reporter[hook] as ((...a: HookArgs<K>) => Awaitable<void>) | undefined;
      if (typeof fn !== 'function') return;
      try {
        await fn.apply(reporter, args);
      } catch (error) {
        throw new ReporterError(reporter.name ?? reporter.constructor?.name ?? 'custom', hook, error);
      }
    }),
  );
  const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as ReporterError] : []));
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    const names = failures.map((f) => f.reporter);
    const message = `Reporters ${names.map((n) => `"${n}"`).join(', ')} failed in ${hook}: ${failures.map((f) => `${f.reporter}: ${causeText(f.cause)}`).join('; ')}`;
    throw new ReporterError(names.join(', '), hook, new AggregateError(failures, message), message);
  }
}

function causeText(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
