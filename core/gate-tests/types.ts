/**
 * Types of gate unit tests (`*.test.yaml`), in the order data flows through them:
 * YAML → `GateTestFile` (validated, every reference checked, `load.ts`) → `CaseResult` per case
 * (`run.ts`, comparing `GateResult`s with `ExpectedResult`s in `compare.ts`) → `CoverageReport`
 * (`coverage.ts`) → text or JSON (`format.ts`).
 */
import type { SourceLocation } from '../errors.js';
import type { Gate, GateFile } from '../gates/index.js';
import type { TelemetryRecord } from '../telemetry/types.js';
import type { FactValue, GateResult, Verdict } from '../types.js';

export const VERDICTS: readonly Verdict[] = ['pass', 'fail', 'warn', 'not_evaluated'];

/** A case's events, inline or read from a telemetry file (NDJSON or JSON array; then `file` names it). */
export interface TelemetrySource {
  events: TelemetryRecord[];
  file?: string;
}

/** One line of a case's `expect:`, with its gate reference already resolved. */
export interface ExpectedResult {
  /** The gate as written in the test file (`queue-delay`, or `plan-a-routing.yaml#queue-delay`). */
  gateRef: string;
  gate: Gate;
  group?: string;
  /** Statistic (`p95`) or whole expression (`p95 <= 120 ms`) selecting one expectation of the gate. */
  statistic?: string;
  /** Undefined only with `applies: false`. */
  verdict?: Verdict;
  /** `applies: false`: the gate must produce no result at all (appliesTo left it out). */
  applies: boolean;
  actual?: number | string;
  samples?: number;
  /** A piece of text the result's message must contain (case-insensitive). */
  message?: string;
  location: SourceLocation;
}

export interface GateTestCase {
  name: string;
  location: SourceLocation;
  /** Name the telemetry is evaluated under (appliesTo.scenarios, baseline lookups, messages). */
  scenario: string;
  tags: string[];
  /** Evaluation time for `age`, epoch ms. */
  now: number;
  facts: Record<string, FactValue>;
  /** `scenario:NAME` references: the other scenarios' telemetry. */
  scenarios: Record<string, TelemetrySource>;
  /** `baseline` (unnamed) values by `gateId` or `gateId[group]`. */
  baseline: Record<string, number>;
  /** `baseline:NAME` values: name → (`gateId` or `gateId[group]` → value). */
  baselines: Record<string, Record<string, number>>;
  telemetry: TelemetrySource;
  expect: ExpectedResult[];
  /** Every result of the case must be listed in `expect`. */
  exhaustive: boolean;
}

export interface GateTestFile {
  file: string;
  gateFiles: GateFile[];
  gates: Gate[];
  cases: GateTestCase[];
}

// ── Results ─────────────────────────────────────────────────────────────────────────────────────

/** One way a case's results differ from what it expects. */
export interface Mismatch {
  /** `missing`: no result where one was expected; `unexpected`: a result where none was (applies: false, exhaustive). */
  kind: 'verdict' | 'actual' | 'samples' | 'message' | 'missing' | 'unexpected';
  /** The expectation line in the test file (undefined for exhaustive leftovers). */
  expectation?: SourceLocation;
  /** The gate's location in its gate file. */
  gateLocation: SourceLocation;
  gate: string;
  group?: string;
  statistic?: string;
  expected: string;
  got: string;
  /** The result's explanation (observed value, samples, why), or why there was no result. */
  detail: string;
  result?: GateResult;
}

export interface CaseResult {
  name: string;
  location: SourceLocation;
  passed: boolean;
  mismatches: Mismatch[];
  /** Every GateResult the case produced. */
  results: GateResult[];
  /** Results that an expectation of this case selected and that matched it (coverage counts these). */
  asserted: GateResult[];
  /** Gates the case asserted produced no result (`applies: false`, matched). */
  assertedNotApplied: Gate[];
}

export interface FileResult {
  file: string;
  gateFiles: string[];
  cases: CaseResult[];
}

// ── Coverage ────────────────────────────────────────────────────────────────────────────────────

/** How well something is tested, from "no case asserts it" to "a case sees it pass and one sees it fail". */
export type CoverageStatus = 'untested' | 'not-applied-only' | 'not-evaluated-only' | 'pass-only' | 'fail-only' | 'pass-and-fail';

export interface VerdictCounts {
  pass: number;
  fail: number;
  warn: number;
  not_evaluated: number;
}

export interface CoverageEntry {
  status: CoverageStatus;
  /** Asserted results by verdict. */
  verdicts: VerdictCounts;
}

export interface GateCoverage extends CoverageEntry {
  file: string;
  id: string;
  location: SourceLocation;
  level: Gate['level'];
  /** Cases that asserted the gate did not apply (appliesTo). */
  notApplied: number;
  /** Whether any test file loads the gate's file at all. */
  referenced: boolean;
  expectations: Array<CoverageEntry & { expression: string; statistic: string; location: SourceLocation }>;
  /** Every group any case's results had (asserted or not), with its coverage. */
  groups: Array<CoverageEntry & { group: string }>;
}

export interface CoverageReport {
  gates: GateCoverage[];
  totals: Record<CoverageStatus, number> & { gates: number };
}
