/**
 * The gate language: load + validate gate files (`loadGateFiles`), collect samples from telemetry
 * (`collectSamples`), evaluate (`evaluateGates`, pure). See docs/gates.md for the file format.
 */
export { compileExpectation, compileGate, gateApplies, loadGateFiles, loadGateText, STATISTICS_BY_KIND, statisticUnit, type GateFile } from './compile.js';
export { effectiveMinSamples, evaluateGates, missingVerdict, OPERATORS, computeStatistic } from './evaluate.js';
export { ExpressionSyntaxError, parseExpectation, LITERAL_UNITS, SIMPLE_STATISTICS } from './expression.js';
export { compileFilter, matchesFilter } from './filter.js';
export { createReferenceResolver, noReferences, type ReferenceSources } from './references.js';
export { collectSamples, collectSamplesFromRecords, SampleCollector } from './samples.js';
export { percentile, PERCENTILE_METHOD_NAMES } from './statistics.js';
export { convertLiteral, formatValue } from './units.js';
export type {
  BaselineQuery,
  Comparison,
  CompiledExpectation,
  EvaluateOptions,
  EventFilter,
  Gate,
  GateSamples,
  OnMissing,
  ParsedExpectation,
  PercentileMethod,
  Reference,
  ReferenceResolver,
  Sample,
  SampleIndex,
} from './types.js';
