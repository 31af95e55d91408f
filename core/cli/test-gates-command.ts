/**
 * `statetrace test-gates [files...] [--json] [--coverage]`: run gate unit tests (`*.test.yaml`) and show
 * which gates they exercise. Exit 0 when every case passes, 1 when a case fails, 2 when a test file or
 * a gate file it loads is invalid (every problem of every file listed at once).
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import fg from 'fast-glob';
import { ErrorCode, StatetraceError, StatetraceErrorList } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { loadGateFiles, type GateFile } from '../gates/index.js';
import { computeCoverage, formatCoverage, formatResults, formatSummary, loadGateTestFile, runGateTestFile, summarize, toJson, type GateTestFile } from '../gate-tests/index.js';
import { loadProject } from '../project.js';
import { shouldUseColor } from '../../reporters/context.js';
import type { CliIO } from './io.js';
import { listGateFiles } from './prepare.js';

export interface TestGatesCommandInput {
  files: string[];
  options: { json?: boolean; coverage?: boolean; grep?: string };
  globals: Record<string, unknown>;
  io: CliIO;
}

const TEST_FILE_GLOBS = ['**/*.test.yaml', '**/*.test.yml'];

export async function testGatesCommand({ files, options, globals, io }: TestGatesCommandInput): Promise<number> {
  const project = await loadProject({ cwd: io.cwd, configFile: globals.config as string | undefined });
  const { config } = project;
  const discovered = files.length === 0;
  const testFiles = discovered ? await findDefaultTestFiles(config.gatesDir) : await expandTestFiles(files, io.cwd);
  if (testFiles.length === 0) {
    throw new StatetraceError(ErrorCode.InputMissing, discovered ? `No gate test files (*.test.yaml) under ${config.gatesDir}` : 'No gate test files given', {
      hint: 'write one (docs/gate-tests.md), e.g. gates/tests/my-plan.test.yaml, or pass the files to run',
    });
  }
  const filter = caseFilter(options.grep);

  // Load everything first: any invalid file is exit 2 with every problem listed, before any case runs.
  const now = Date.now();
  const loaded: GateTestFile[] = [];
  const errors: StatetraceError[] = [];
  for (const file of testFiles) {
    try {
      loaded.push(await loadGateTestFile(file, { dictionary: project.dictionary.clone(), now }));
    } catch (error) {
      if (error instanceof StatetraceErrorList) errors.push(...error.errors);
      else if (error instanceof StatetraceError) errors.push(error);
      else throw error;
    }
  }
  // Two test files loading the same broken gate file would report its problems twice.
  const unique = [...new Map(errors.map((e) => [e.describe(), e])).values()];
  if (unique.length) throw new StatetraceErrorList(unique);

  const results = loaded.map((test) => runGateTestFile(test, { filter }));
  const wantCoverage = Boolean(options.coverage || options.json);
  const coverage = wantCoverage ? computeCoverage(await coverageUniverse(loaded, discovered ? config.gatesDir : undefined, project.dictionary), results) : undefined;

  const summary = summarize(results);
  if (options.json) {
    io.stdout(`${JSON.stringify(toJson(results, coverage, { cwd: io.cwd }), null, 2)}\n`);
  } else {
    const format = { cwd: io.cwd, color: shouldUseColor(io.env, io.isTTY) };
    io.stdout(formatResults(results, format));
    if (coverage && options.coverage) io.stdout(`${formatCoverage(coverage, format)}\n`);
    io.stdout(formatSummary(summary, format));
  }
  return summary.failed > 0 ? ExitCode.GatesFailed : ExitCode.Passed;
}

/** Every `*.test.yaml` under the gates directory (conventionally gates/tests/). */
async function findDefaultTestFiles(gatesDir: string): Promise<string[]> {
  if (!existsSync(gatesDir)) return [];
  return (await fg(TEST_FILE_GLOBS, { cwd: gatesDir, absolute: true, onlyFiles: true })).sort();
}

/** Files, folders (their `*.test.yaml`) and globs, in the order given; nothing matching is an error. */
async function expandTestFiles(patterns: string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  for (const pattern of patterns) {
    const absolute = resolve(cwd, pattern);
    if (existsSync(absolute)) {
      if (statSync(absolute).isDirectory()) out.push(...(await fg(TEST_FILE_GLOBS, { cwd: absolute, absolute: true, onlyFiles: true })).sort());
      else out.push(absolute);
      continue;
    }
    const matches = (await fg(pattern, { cwd, absolute: true, onlyFiles: true })).sort();
    if (matches.length === 0) throw new StatetraceError(ErrorCode.InputMissing, `No gate test file matches ${pattern}`, { hint: `paths and globs are relative to ${cwd}` });
    out.push(...matches);
  }
  return [...new Set(out)];
}

function caseFilter(grep: string | undefined): ((name: string) => boolean) | undefined {
  if (!grep) return undefined;
  let pattern: RegExp;
  try {
    pattern = new RegExp(grep, 'i');
  } catch (error) {
    throw new StatetraceError(ErrorCode.CliUsage, `--grep "${grep}" is not a valid regular expression: ${(error as Error).message}`);
  }
  return (name) => pattern.test(name);
}

/**
 * The gate files coverage reports on: those the tests load, plus (when the tests were discovered in the
 * gates directory) every other gate file there, so a plan nobody tests shows up as untested.
 */
async function coverageUniverse(loaded: readonly GateTestFile[], gatesDir: string | undefined, dictionary: import('../metrics/dictionary.js').MetricDictionary): Promise<Array<{ gateFile: GateFile; referenced: boolean }>> {
  const byFile = new Map<string, GateFile>();
  for (const test of loaded) for (const g of test.gateFiles) if (!byFile.has(g.file)) byFile.set(g.file, g);
  const universe = [...byFile.values()].map((gateFile) => ({ gateFile, referenced: true }));
  if (gatesDir) {
    const others = (await listGateFiles(gatesDir)).filter((f) => !byFile.has(f));
    if (others.length) universe.push(...loadGateFiles(others, dictionary.clone()).map((gateFile) => ({ gateFile, referenced: false })));
  }
  return universe.sort((a, b) => (a.gateFile.file < b.gateFile.file ? -1 : a.gateFile.file > b.gateFile.file ? 1 : 0));
}
