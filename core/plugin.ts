/**
 * The plugin API. A plugin contributes steps (actions a scenario runs), metric dictionary entries
 * (so gates on its telemetry validate), CLI commands, and optional setup/teardown. Only the plugin
 * driver (`plugin-driver.ts`) calls plugin code; plugins just throw, and the driver wraps every
 * failure with the plugin, step and scenario names.
 *
 * Keep a plugin's `index.ts` light: declare the plugin and `await import()` the implementation
 * inside `run`/`action`, so `statetrace --version` and `--help` stay fast.
 */
import type { MetricDefinition } from './metrics/types.js';
import type { ArtifactRecord, FactValue } from './types.js';

export type Awaitable<T> = T | Promise<T>;

/** An event as a step emits it; `Timestamp` is filled in (local time with offset, 7 digits) when absent. */
export interface EventInput {
  EventName: string;
  Timestamp?: string;
  [field: string]: unknown;
}

export interface StepLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** Everything a step may touch. Nothing a step does may write outside `runDir` unless config names the place. */
export interface StepContext {
  /** Scenario name. */
  scenario: string;
  /** Step id within the scenario. */
  stepId: string;
  /** The scenario's own run directory (absolute); databases, corpora and artifacts go here. */
  runDir: string;
  /** Project root (directory of the config file), for resolving relative inputs. */
  rootDir: string;
  /** The scenario's telemetry file (NDJSON) that `emit` appends to. */
  telemetryFile: string;
  /** Append one event to the scenario's telemetry. */
  emit(event: EventInput): void;
  /** Make an existing telemetry file part of this scenario's telemetry (read at gate time). */
  addTelemetry(path: string): void;
  /** Record a named value, e.g. `persistence.rows` = `{ BOYO: 120, WLLS: 1200 }`; gates reference it as `fact:NAME`. */
  fact(name: string, value: FactValue): void;
  /** Facts recorded so far in this scenario (by earlier steps). */
  facts: Readonly<Record<string, FactValue>>;
  /** Outputs of earlier steps of this scenario, by step id. */
  outputs: Readonly<Record<string, Record<string, unknown>>>;
  /** Register a file as an artifact of the run (reports and bundles list it). */
  artifact(path: string, meta: Omit<ArtifactRecord, 'path' | 'step'>): void;
  log: StepLogger;
  /** Aborted when the step or scenario times out; long loops should check it. */
  signal: AbortSignal;
  /** Worker/thread budget from config (`concurrency`). */
  concurrency: number;
}

export interface StepDefinition<Options = Record<string, unknown>> {
  description: string;
  /** JSON schema (draft-07, ajv) for the step's `with:` options; defaults in it are applied. */
  schema: Record<string, unknown>;
  /** Run the step. Return outputs that later steps can reference as `${steps.<id>.<key>}`. */
  run(ctx: StepContext, options: Options): Awaitable<void | Record<string, unknown>>;
}

/** A CLI sub-command contributed by a plugin, e.g. `rollup <paths...>`. */
export interface CommandDefinition {
  /**
   * Command words then arguments, e.g. `rollup [paths...]` or `routes parse <transcript>`
   * (`[...paths]` is accepted as a synonym for `[paths...]`). Several words make a sub-command.
   */
  name: string;
  description: string;
  /** Option flags in commander syntax, e.g. `-o, --out <file>`, `--per-site`, `--latest <n>`. */
  options?: Array<{ flags: string; description: string; default?: unknown }>;
  /** Examples shown in `--help`. */
  examples?: string[];
  /** Returns the process exit code (see `ExitCode`). Throw `StatetraceError` for invalid input. */
  action(args: string[], options: Record<string, unknown>, ctx: CommandContext): Awaitable<number>;
}

export interface CommandContext {
  /** Current working directory. */
  cwd: string;
  /** Writes to stdout (so tests can capture it). */
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether colour output is allowed (NO_COLOR, non-TTY respected). */
  color: boolean;
  concurrency: number;
}

export interface PluginSetupContext {
  rootDir: string;
  log: StepLogger;
}

export interface StatetracePlugin {
  /** Unique name; steps are addressed as `<name>.<step>`. */
  name: string;
  version?: string;
  description?: string;
  steps?: Record<string, StepDefinition<any>>;
  /** Metrics this plugin's telemetry carries, added to the dictionary gates validate against. */
  metrics?: MetricDefinition[];
  commands?: CommandDefinition[];
  setup?(ctx: PluginSetupContext): Awaitable<void>;
  teardown?(ctx: PluginSetupContext): Awaitable<void>;
}

/** Identity function that gives plugin authors type checking. */
export function definePlugin<const P extends StatetracePlugin>(plugin: P): P {
  return plugin;
}

/** Identity function for a single step definition with typed options. */
export function defineStep<Options>(step: StepDefinition<Options>): StepDefinition<Options> {
  return step;
}
