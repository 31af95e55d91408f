/**
 * Run the cases of a loaded test file: for each case, collect the gates' samples from its events,
 * evaluate every gate exactly as `run` and `check` do (same `evaluateGates`, facts, other scenarios and
 * baselines served from the case), and compare with what the case expects. Pure: no I/O, no clock.
 */
import { collectSamplesFromRecords, createReferenceResolver, evaluateGates, type BaselineQuery, type SampleIndex } from '../gates/index.js';
import { compareCase } from './compare.js';
import { baselineKey } from './load.js';
import type { CaseResult, FileResult, GateTestCase, GateTestFile } from './types.js';

export function runGateTestFile(test: GateTestFile, options: { filter?: (caseName: string) => boolean } = {}): FileResult {
  const cases = test.cases.filter((c) => options.filter?.(c.name) ?? true).map((c) => runCase(test, c));
  return { file: test.file, gateFiles: test.gateFiles.map((g) => g.file), cases };
}

export function runCase(test: GateTestFile, testCase: GateTestCase): CaseResult {
  const samples = collectSamplesFromRecords(test.gates, testCase.telemetry.events);
  const scenarios = new Map<string, SampleIndex>();
  for (const [name, source] of Object.entries(testCase.scenarios)) scenarios.set(name, collectSamplesFromRecords(test.gates, source.events));
  const refs = createReferenceResolver({
    facts: testCase.facts,
    scenarios,
    baseline: (query) => lookupBaseline(testCase, query),
  });
  const results = evaluateGates(test.gates, samples, refs, { scenario: { name: testCase.scenario, tags: testCase.tags }, now: testCase.now });
  const comparison = compareCase(testCase, results);
  return {
    name: testCase.name,
    location: testCase.location,
    passed: comparison.mismatches.length === 0,
    mismatches: comparison.mismatches,
    results,
    asserted: comparison.asserted,
    assertedNotApplied: comparison.assertedNotApplied,
  };
}

/** `gateId[group]` first, then `gateId`; `baseline:NAME` reads `baselines.NAME`. Absent → "no baseline yet". */
function lookupBaseline(testCase: GateTestCase, query: BaselineQuery): number | undefined {
  const values = query.name === undefined ? testCase.baseline : testCase.baselines[query.name];
  if (!values) return undefined;
  if (query.group !== undefined) {
    const byGroup = values[baselineKey(query.gateKey, query.group)];
    if (byGroup !== undefined) return byGroup;
  }
  return values[baselineKey(query.gateKey, undefined)];
}
