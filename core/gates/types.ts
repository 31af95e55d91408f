/**
 * Types of the gate language, in the order data flows through them:
 * YAML text → `ParsedExpectation` (syntax only, `expression.ts`) → `Gate` (validated against the metric
 * dictionary, `compile.ts`) → `SampleIndex` (what the telemetry held for each gate, `samples.ts`) →
 * `GateResult` (`evaluate.ts`, a pure function of gates, samples and references).
 */
import type { SourceLocation } from '../errors.js';
import type { MetricDefinition, MetricUnit } from '../metrics/types.js';
import type { FactValue, GateLevel } from '../types.js';

// ── Parsed expression (syntax only) ─────────────────────────────────────────────────────────────

/** Units a literal may carry. Durations convert among themselves; bytes among themselves. */
export type LiteralUnit = 'ms' | 's' | 'm' | 'h' | '%' | 'B' | 'KB' | 'MB' | 'GB' | 'KiB' | 'MiB' | 'GiB';

export type Reference =
  | { kind: 'literal'; value: number; unit?: LiteralUnit; text: string }
  | { kind: 'fact'; name: string; text: string }
  | { kind: 'scenario'; name: string; text: string }
  | { kind: 'baseline'; name?: string; text: string }
  /** `40% of scenario:cold-ingest`: a fraction of another reference. */
  | { kind: 'percentOf'; percent: number; of: Reference; text: string };

/** One operand of `ratio(A, B)`: an aggregate over one or more event sources (`+` joins sources). */
export interface ParsedSelector {
  aggregate: 'count' | 'sum' | 'distinct';
  /** Whether `aggregate` was written or defaulted. */
  explicitAggregate: boolean;
  sources: Array<{ metric?: string; filter?: Record<string, unknown>; text: string }>;
  text: string;
}

export type StatisticName = 'count' | 'sum' | 'mean' | 'min' | 'max' | 'stddev' | 'distinct' | 'rate' | 'streak' | 'age' | 'percentile' | 'ratio' | 'includes';

export type ParsedStatistic =
  | { name: Exclude<StatisticName, 'percentile' | 'ratio'> }
  | { name: 'percentile'; p: number }
  | { name: 'ratio'; numerator: ParsedSelector; denominator: ParsedSelector };

export type ComparisonOperator = '<' | '<=' | '>' | '>=' | '==' | '!=';

export type Comparison =
  | { op: ComparisonOperator; ref: Reference }
  | { op: 'between'; low: Reference; high: Reference }
  | { op: 'within'; percent: number; ref: Reference }
  | { op: 'includes'; items: string[] };

export interface ParsedExpectation {
  /** The expression exactly as written. */
  text: string;
  statistic: ParsedStatistic;
  /** The statistic as written, e.g. `p95`, `ratio(count {Provider: Cache}, count)`. */
  statisticText: string;
  comparison: Comparison;
}

// ── Compiled gate (validated) ───────────────────────────────────────────────────────────────────

export type OnMissing = 'fail' | 'warn' | 'skip';
export type PercentileMethod = 'linear' | 'nearest-rank';

/** A compiled `where` filter: all conditions must hold (AND). */
export interface EventFilter {
  conditions: FilterCondition[];
  /** Human-readable, e.g. `Success = true, Provider in [Cache, SharedCache]`. */
  text: string;
}

export interface FilterCondition {
  field: string;
  op: 'eq' | 'ne' | 'in' | 'notIn' | 'gt' | 'gte' | 'lt' | 'lte' | 'exists';
  value: unknown;
}

/** A source of a ratio operand after validation. */
export interface CompiledSource {
  metric: MetricDefinition;
  event: string;
  field?: string;
  filter?: EventFilter;
  /** True when the source is the gate's own metric, so the gate's `where` applies too. */
  inheritsWhere: boolean;
  text: string;
}

export interface CompiledSelector {
  aggregate: 'count' | 'sum' | 'distinct';
  sources: CompiledSource[];
  text: string;
}

export interface CompiledExpectation extends ParsedExpectation {
  /** Where the expression is in its file. */
  location: SourceLocation;
  /** Unit of the statistic's value (e.g. `count` for `count`, `ratio` for `ratio(...)`, the metric's unit for `p95`). */
  unit: MetricUnit;
  /** For `ratio(A, B)`: the operands, validated. */
  ratio?: { numerator: CompiledSelector; denominator: CompiledSelector };
}

export interface Gate {
  /** `<file>#<id>`: unique across the run; keys the sample index. */
  key: string;
  id: string;
  /** Gate file (or scenario file for inline gates), as given. */
  file: string;
  /** The gate's mapping in its file. */
  location: SourceLocation;
  metric: MetricDefinition;
  event: string;
  /** Undefined for a bare-event metric. */
  field?: string;
  description?: string;
  where?: EventFilter;
  /** Field to group by (case-insensitive, first spelling kept). */
  per?: string;
  expectations: CompiledExpectation[];
  level: GateLevel;
  /** As written; the effective minimum depends on the statistic (see `effectiveMinSamples`). */
  minSamples?: number;
  onMissing: OnMissing;
  percentileMethod: PercentileMethod;
  /** `streak` only: an event matching this filter closes the current run and starts a new one. */
  streakReset?: EventFilter;
  /** Restricts which scenarios evaluate the gate; absent = every scenario (and `check`). */
  appliesTo?: { tags?: string[]; scenarios?: string[]; exceptTags?: string[] };
  plan?: string;
  owner?: string;
  task?: string;
}

// ── Samples ─────────────────────────────────────────────────────────────────────────────────────

/** One observation taken from one event. */
export interface Sample {
  /** Field value (number, string, boolean), or `1` for a bare-event metric. */
  value: unknown;
  /** Value of the gate's `per` field as it was spelled in this event; undefined without `per`. */
  group?: string;
  /** Epoch ms of the event's Timestamp (or of a timestamp metric's own value), when parseable. */
  time?: number;
  /** Position in the telemetry (files in the given order, then line order): what `streak` walks. */
  order: number;
  /** `streakReset` matched this event. */
  reset?: boolean;
}

export interface GateSamples {
  /** Samples of the gate's metric after `where`. */
  main: Sample[];
  /** Samples of ratio operands, keyed by `partKey(expectationIndex, 'n' | 'd', sourceIndex)`. */
  parts: Record<string, Sample[]>;
}

/** What one telemetry file set held for each gate, keyed by `Gate.key`. */
export interface SampleIndex {
  gates: Map<string, GateSamples>;
  /** Records delivered by the reader (after the event-name prefilter). */
  recordsRead: number;
}

export function partKey(expectationIndex: number, side: 'n' | 'd', sourceIndex: number): string {
  return `${expectationIndex}:${side}:${sourceIndex}`;
}

// ── References ──────────────────────────────────────────────────────────────────────────────────

export interface BaselineQuery {
  /** `baseline:NAME` name; undefined for the default baseline (previous comparable run). */
  name?: string;
  gateKey: string;
  gate: string;
  file: string;
  scenario: string;
  metric: string;
  statistic: string;
  group?: string;
}

/**
 * How evaluation reaches values outside the gate's own samples. Every method returns `undefined` when
 * the value does not exist, which makes the expectation `not_evaluated` with the reason named.
 */
export interface ReferenceResolver {
  /** A fact recorded by a step; a record is keyed by group (looked up case-insensitively). */
  fact(name: string): FactValue | undefined;
  /** Samples of another scenario of the same run, collected for (at least) the same gates. */
  scenarioSamples(name: string): SampleIndex | undefined;
  /** A stored value of the same statistic (history); undefined when there is none yet. */
  baseline(query: BaselineQuery): number | undefined;
}

export interface EvaluateOptions {
  /** Scenario name (for `check`: the telemetry set's label) and its tags (for `appliesTo`). */
  scenario: string | { name: string; tags?: readonly string[] };
  /** Evaluation time, for `age`. Passed in so evaluation stays pure. */
  now: Date | number;
}
