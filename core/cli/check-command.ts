/**
 * `statetrace check <telemetry...> --gates <files...>`: gate telemetry that already exists (the
 * original system's daily files, another pipeline's output) without running any scenario.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import fg from 'fast-glob';
import { ErrorCode, StatetraceError } from '../errors.js';
import { describeEnvironment } from '../environment.js';
import { loadGateFiles } from '../gates/index.js';
import { loadProject } from '../project.js';
import { evaluateTelemetry } from '../runner/evaluate.js';
import { newRunId } from '../runner/run-id.js';
import { buildRunResult } from '../runner/run.js';
import type { ScenarioResult } from '../types.js';
import { createReporterContext, createReporters, report } from '../../reporters/index.js';
import { fileURLToPath } from 'node:url';
import { importUserModule } from '../import-module.js';
import type { ReporterSpec } from '../config/types.js';
import type { CliIO } from './io.js';
import { listGateFiles } from './prepare.js';

export interface CheckCommandInput {
  telemetry: string[];
  options: Record<string, unknown>;
  globals: Record<string, unknown>;
  io: CliIO;
  commandLine: string;
}

export async function checkCommand({ telemetry, options, globals, io, commandLine }: CheckCommandInput): Promise<number> {
  const { config, registry, dictionary } = await loadProject({
    cwd: io.cwd,
    configFile: globals.config as string | undefined,
    overrides: { // Names are checked when the reporters are created (unknown name → exit 2 with the valid ones).
    reporters: options.reporter as ReporterSpec[] | undefined, outDir: options.outDir as string | undefined },
  });
  const gatePaths = options.gates ? resolveExisting(options.gates as string[], io.cwd, 'gate file') : await listGateFiles(config.gatesDir);
  if (gatePaths.length === 0) {
    throw new StatetraceError(ErrorCode.CliUsage, 'No gate files to check against', { hint: `pass --gates <files...> or put gate files in ${config.gatesDir}` });
  }
  const gateFiles = loadGateFiles(gatePaths, dictionary);
  const files = await expandTelemetry(telemetry, io.cwd);
  const label = String(options.label ?? 'check');
  const tags = (options.tag as string[] | undefined) ?? [];

  const reporterCtx = createReporterContext({ outDir: config.outDir, rootDir: config.rootDir, stdout: { write: io.stdout }, stderr: { write: io.stderr }, env: io.env, isTTY: io.isTTY });
  const reporters = await createReporters(config.reporters, reporterCtx, { importModule: (url) => importUserModule(fileURLToPath(url)) });
  const runId = newRunId();
  const startedAt = new Date();
  await report(reporters, 'onRunStart', { runId, command: commandLine, startedAt: startedAt.toISOString(), scenarios: [{ name: label, tags, stepCount: 0 }], gateFiles: gatePaths });
  await report(reporters, 'onScenarioStart', { name: label, tags, stepCount: 0 });

  let history: import('../history.js').HistoryStore | undefined;
  if (config.history !== false && existsSync(config.history)) {
    const { HistoryStore } = await import('../history.js');
    history = new HistoryStore(config.history);
  }
  const started = performance.now();
  const evaluation = await evaluateTelemetry({
    gates: gateFiles.flatMap((g) => g.gates),
    telemetry: { scenario: label, tags, files, facts: {} },
    awaitScenario: async () => undefined,
    baseline: history ? (q) => history!.baseline(q) : undefined,
  });
  history?.close();
  const scenario: ScenarioResult = {
    name: label,
    tags,
    status: evaluation.gates.some((g) => g.verdict === 'fail') ? 'failed' : 'passed',
    runDir: io.cwd,
    durationMs: Math.round(performance.now() - started),
    steps: [],
    facts: {},
    artifacts: [],
    telemetry: evaluation.summary,
    gates: evaluation.gates,
  };
  await report(reporters, 'onScenarioEnd', scenario);
  const run = buildRunResult({
    runId,
    command: commandLine,
    startedAt,
    scenarios: [scenario],
    gateFiles: gatePaths,
    environment: describeEnvironment(config, registry.plugins),
    outDir: config.outDir,
  });
  await report(reporters, 'onRunEnd', run);
  return run.exitCode;
}

function resolveExisting(paths: string[], cwd: string, what: string): string[] {
  return paths.map((p) => {
    const absolute = resolve(cwd, p);
    if (!existsSync(absolute)) {
      throw new StatetraceError(ErrorCode.InputMissing, `${what} ${p} does not exist`, { hint: `paths are relative to ${cwd}` });
    }
    return absolute;
  });
}

/**
 * Files, folders and globs → existing files, in the order given (folders and globs sorted); a folder
 * means its `*.json`, `*.jsonl` and `*.ndjson` files. Nothing matching is an error.
 */
export async function expandTelemetry(patterns: string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const pattern of patterns) {
    const absolute = resolve(cwd, pattern);
    if (existsSync(absolute) && statSync(absolute).isDirectory()) {
      const inFolder = (await fg(['*.json', '*.jsonl', '*.ndjson'], { cwd: absolute, absolute: true, onlyFiles: true })).sort();
      if (inFolder.length === 0) {
        throw new StatetraceError(ErrorCode.InputMissing, `Folder ${pattern} holds no telemetry file (*.json, *.jsonl, *.ndjson)`, { hint: 'point at the files, or at the folder that holds them' });
      }
      files.push(...inFolder);
      continue;
    }
    if (existsSync(absolute)) {
      files.push(absolute);
      continue;
    }
    const matches = (await fg(pattern, { cwd, absolute: true, onlyFiles: true })).sort();
    if (matches.length === 0) {
      throw new StatetraceError(ErrorCode.InputMissing, `No telemetry file matches ${pattern}`, { hint: `paths and globs are relative to ${cwd}` });
    }
    files.push(...matches);
  }
  return [...new Set(files)];
}
