/**
 * Helpers for gate-test engine tests: write a test file (YAML text) to a temp folder, load it against
 * the fixture gate files, run it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StatetraceError, StatetraceErrorList } from '../../../core/errors.js';
import { loadGateTestFile, runGateTestFile, type FileResult, type GateTestFile } from '../../../core/gate-tests/index.js';
import { MetricDictionary } from '../../../core/metrics/dictionary.js';
import statetrace from '../../../plugins/statetrace/index.js';
import { projectRoot } from '../../corpus.js';

export const FIXTURES = join(projectRoot, 'test', 'fixtures', 'gate-tests');
/** A gate file over a custom Probe event with every kind of reference (facts, scenario, baselines). */
export const PROBE_GATES = join(FIXTURES, 'project', 'gates', 'probe.yaml');
export const NOW = Date.parse('2025-12-06T00:00:00Z');

const dir = mkdtempSync(join(tmpdir(), 'statetrace-gate-tests-'));
let counter = 0;

/** Write a test file; `gates:` defaults to the probe fixture. */
export function writeTestFile(body: string, head = `gates: ${JSON.stringify(PROBE_GATES)}\n`): string {
  const file = join(dir, `case-${++counter}.test.yaml`);
  writeFileSync(file, head + body);
  return file;
}

export function loadTest(file: string): Promise<GateTestFile> {
  return loadGateTestFile(file, { dictionary: new MetricDictionary(statetrace.metrics), now: NOW });
}

export async function runTest(body: string, head?: string): Promise<FileResult> {
  return runGateTestFile(await loadTest(writeTestFile(body, head)));
}

/** The errors loading a test file throws (fails the test when it loads). */
export async function loadErrors(body: string, head?: string): Promise<{ file: string; errors: StatetraceError[] }> {
  const file = writeTestFile(body, head);
  try {
    await loadTest(file);
  } catch (error) {
    if (error instanceof StatetraceErrorList) return { file, errors: error.errors };
    throw error;
  }
  throw new Error(`expected ${file} to be invalid`);
}
