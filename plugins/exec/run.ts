/**
 * Runs one command for the `exec` step. The child gets its own process group so a timeout (or a
 * scenario abort) kills everything it started, not just the direct child.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { execa } from 'execa';
import fg from 'fast-glob';
import { parseDurationMs } from '../../core/duration.js';
import { ErrorCode, StatetraceError } from '../../core/errors.js';
import type { StepContext } from '../../core/plugin.js';
import type { FactValue } from '../../core/types.js';

export interface ExecOptions {
  command: string;
  args: Array<string | number>;
  cwd?: string;
  env: Record<string, string>;
  timeout?: string | number;
  expectExitCode: number | number[];
  telemetry: string[];
  requireTelemetry: boolean;
  factsFile?: string;
}

export async function runCommand(ctx: StepContext, options: ExecOptions): Promise<Record<string, unknown>> {
  const timeoutMs = options.timeout === undefined ? undefined : parseDurationMs(options.timeout);
  if (options.timeout !== undefined && timeoutMs === undefined) {
    throw new StatetraceError(ErrorCode.InputInvalid, `exec: invalid timeout ${JSON.stringify(options.timeout)}`, {
      hint: "use a duration such as '500ms', '30s' or '5m'",
    });
  }
  const logDir = join(ctx.runDir, 'exec');
  await mkdir(logDir, { recursive: true });
  const stdoutPath = join(logDir, `${ctx.stepId}.stdout.log`);
  const stderrPath = join(logDir, `${ctx.stepId}.stderr.log`);
  const cwd = options.cwd ? resolve(ctx.rootDir, options.cwd) : ctx.rootDir;

  const started = performance.now();
  const child = execa(options.command, options.args.map(String), {
    cwd,
    env: { ...options.env, STATETRACE_RUN_DIR: ctx.runDir, STATETRACE_SCENARIO: ctx.scenario },
    reject: false,
    detached: true,
    stdin: 'ignore',
    stdout: { file: stdoutPath },
    stderr: { file: stderrPath },
  });
  const killTree = () => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is already gone.
    }
  };
  let timedOut = false;
  const timer = timeoutMs === undefined ? undefined : setTimeout(() => ((timedOut = true), killTree()), timeoutMs);
  const onAbort = () => killTree();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  const result = await child;
  clearTimeout(timer);
  ctx.signal.removeEventListener('abort', onAbort);
  const durationMs = Math.round(performance.now() - started);

  ctx.artifact(stdoutPath, { category: 'Stdout', description: `stdout of ${options.command}` });
  ctx.artifact(stderrPath, { category: 'Stderr', description: `stderr of ${options.command}` });

  if (result.failed && result.exitCode === undefined && !timedOut && !ctx.signal.aborted) {
    throw new StatetraceError(ErrorCode.InputInvalid, `exec: could not start "${options.command}": ${result.shortMessage ?? result.message}`, {
      hint: 'check the command name and that it is on PATH',
    });
  }
  if (timedOut) {
    throw new Error(`command "${options.command}" timed out after ${options.timeout} and its process tree was killed (stderr: ${stderrPath})`);
  }
  const expected = Array.isArray(options.expectExitCode) ? options.expectExitCode : [options.expectExitCode];
  if (result.exitCode === undefined || !expected.includes(result.exitCode)) {
    throw new Error(`command "${options.command}" exited with ${result.exitCode ?? result.signal}, expected ${expected.join(' or ')} (stderr: ${stderrPath})`);
  }

  const telemetryFiles = await collectTelemetry(ctx, options.telemetry);
  if (options.telemetry.length > 0 && telemetryFiles.length === 0 && options.requireTelemetry) {
    throw new StatetraceError(ErrorCode.InputMissing, `exec: no telemetry file matched ${options.telemetry.join(', ')}`, {
      hint: 'check the telemetry globs (relative to the project root) or set requireTelemetry: false',
    });
  }
  for (const file of telemetryFiles) ctx.addTelemetry(file);
  const facts = options.factsFile ? readFacts(resolve(ctx.rootDir, options.factsFile)) : {};
  for (const [name, value] of Object.entries(facts)) ctx.fact(name, value);
  return { exitCode: result.exitCode, durationMs, stdout: stdoutPath, stderr: stderrPath, telemetryFiles, facts: Object.keys(facts) };
}

/** Facts a command reported: a JSON object of scalars, or of per-group records of scalars. */
function readFacts(path: string): Record<string, FactValue> {
  if (!existsSync(path)) {
    throw new StatetraceError(ErrorCode.InputMissing, `exec: the command did not write its facts file ${path}`, {
      hint: 'write a JSON object such as {"rows": 1320, "rows.bySite": {"BOYO": 120}} there, or remove factsFile',
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new StatetraceError(ErrorCode.InputInvalid, `exec: facts file ${path} is not valid JSON: ${(error as Error).message}`, { location: { file: path } });
  }
  const scalar = (v: unknown) => v === null || ['number', 'string', 'boolean'].includes(typeof v);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new StatetraceError(ErrorCode.InputInvalid, `exec: facts file ${path} must hold a JSON object`, { location: { file: path }, hint: '{"name": value, "name2": {"group": value}}' });
  }
  for (const [name, value] of Object.entries(parsed)) {
    const ok = scalar(value) || (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every(scalar));
    if (!ok) {
      throw new StatetraceError(ErrorCode.InputInvalid, `exec: fact "${name}" in ${path} is neither a scalar nor an object of scalars`, { location: { file: path } });
    }
  }
  return parsed as Record<string, FactValue>;
}

async function collectTelemetry(ctx: StepContext, globs: string[]): Promise<string[]> {
  if (globs.length === 0) return [];
  const files = await fg(globs.map((g) => (isAbsolute(g) ? g : resolve(ctx.rootDir, g))), { onlyFiles: true, absolute: true, unique: true });
  return files.sort();
}
