/**
 * Gate unit tests (`statetrace test-gates`): fixture telemetry in, expected verdicts out, and coverage of
 * which gates a test exercises. Format and usage: docs/gate-tests.md.
 */
export { loadGateTestFile, DEFAULT_SCENARIO, type LoadGateTestOptions } from './load.js';
export { runGateTestFile, runCase } from './run.js';
export { compareCase, actualMatches } from './compare.js';
export { computeCoverage, coverageStatus, COVERAGE_STATUSES } from './coverage.js';
export { formatCoverage, formatResults, formatSummary, summarize, toJson, STATUS_TEXT } from './format.js';
export { expandEvent } from './telemetry.js';
export type * from './types.js';
