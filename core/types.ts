/**
 * The central result types. Reporters render from these and never recompute a verdict.
 */
import type { SourceLocation } from './errors.js';

/** One telemetry record: the StateTrace envelope `{ EventName, Timestamp, ...fields }`. */
export interface TelemetryEvent {
  EventName: string;
  Timestamp?: string;
  [field: string]: unknown;
}

export type Verdict = 'pass' | 'fail' | 'warn' | 'not_evaluated';
export type GateLevel = 'error' | 'warn' | 'off';

/** One gate evaluated for one scenario and one group: a flat record, like Lighthouse CI's assertion result. */
export interface GateResult {
  /** Gate id (unique within its file). */
  gate: string;
  /** Scenario the telemetry came from (`check` uses the telemetry file set's label). */
  scenario: string;
  /** Group key when the gate has `per:`; undefined otherwise. */
  group?: string;
  metric: string;
  /** Statistic as written, e.g. `p95`, `ratio(A, B)`, `streak`. */
  statistic: string;
  /** Operator as written: `<`, `<=`, `between`, `within`, `includes`, … */
  operator: string;
  /** The expectation, human-readable with units, e.g. `3 s`, `60 % of cold-ingest (= 812.3 ms)`. */
  expected: string;
  /** The threshold(s) in the metric's unit, for machines. */
  expectedValue?: number | [number, number] | string[];
  /** The observed statistic in the metric's unit; null when it could not be computed. */
  actual: number | string | null;
  /** The observed value rendered with unit, e.g. `1.84 s`. */
  actualText: string;
  unit: string;
  /** Baseline/reference value when the expectation compared against one. */
  baseline?: number | null;
  /** Number of samples the statistic was computed over. */
  samples: number;
  /** Percentile method, when a percentile was computed. */
  method?: string;
  verdict: Verdict;
  level: GateLevel;
  /** Gate file and line of the gate (and expression). */
  source: SourceLocation;
  /** The expression text as written. */
  expression: string;
  /** One sentence explaining the verdict: observed vs expected, or why it was not evaluated. */
  message: string;
  plan?: string;
  owner?: string;
  task?: string;
  description?: string;
}

export interface ArtifactRecord {
  /** Absolute path. */
  path: string;
  /** Category, e.g. `RollupCsv`, `WarmTelemetry`, `Stdout`. */
  category: string;
  /** Area it belongs to in an evidence bundle, e.g. `Telemetry`, `Routing`. */
  area?: string;
  description?: string;
  /** Step that registered it (`plugin.step`). */
  step?: string;
}

export type FactValue = number | string | boolean | null | Record<string, number | string | boolean | null>;

export interface StepResult {
  /** Step id (from the scenario, or `<index>-<uses>`). */
  id: string;
  uses: string;
  status: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  error?: ErrorRecord;
  outputs?: Record<string, unknown>;
}

export interface ErrorRecord {
  message: string;
  code?: string;
  plugin?: string;
  step?: string;
  scenario?: string;
  stack?: string;
  location?: SourceLocation;
  /** Exit code this error calls for: 2 when the input was invalid, 3 for a crash. */
  exitCode?: number;
}

export interface MalformedLineRecord {
  file: string;
  line: number;
  reason: string;
  excerpt: string;
}

/** What was read from a scenario's telemetry. */
export interface TelemetrySummary {
  files: Array<{ path: string; events: number; malformed: number; format: 'ndjson' | 'json-array' | 'json-object' | 'empty'; encoding: string; bytes: number }>;
  events: number;
  malformed: number;
  /** The first malformed lines (capped) with file:line, so none vanish unreported. */
  malformedSamples: MalformedLineRecord[];
  eventCounts: Record<string, number>;
}

export interface ScenarioResult {
  name: string;
  file?: string;
  description?: string;
  tags: string[];
  status: 'passed' | 'failed' | 'error';
  runDir: string;
  durationMs: number;
  steps: StepResult[];
  facts: Record<string, FactValue>;
  artifacts: ArtifactRecord[];
  telemetry: TelemetrySummary;
  gates: GateResult[];
  /** Harness or plugin error that ended the scenario early. */
  error?: ErrorRecord;
}

export interface EnvironmentRecord {
  statetraceVersion: string;
  node: string;
  platform: string;
  arch: string;
  hostname: string;
  cpus: number;
  gitCommit?: string;
  plugins: Array<{ name: string; version?: string }>;
  configFile?: string;
  /** Where each config setting came from: defaults, config file, CLI. */
  configLayers?: Array<{ source: string; settings: Record<string, unknown> }>;
}

export interface RunResult {
  runId: string;
  command: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  status: 'passed' | 'failed' | 'error';
  exitCode: number;
  scenarios: ScenarioResult[];
  gateFiles: string[];
  environment: EnvironmentRecord;
  /** Output directory of the reports. */
  outDir: string;
  counts: { scenarios: number; gates: number; passed: number; failed: number; warned: number; notEvaluated: number; errors: number };
}
