/** `statetrace replay [runId]`: re-gate a stored run with today's gates and show which verdicts flip. */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCode, StatetraceError } from '../errors.js';
import { describeEnvironment } from '../environment.js';
import { importUserModule } from '../import-module.js';
import { newRunId } from '../runner/run-id.js';
import { buildRunResult } from '../runner/run.js';
import { newestRunId, replayRun } from '../runner/replay.js';
import type { ReporterSpec } from '../config/types.js';
import { createReporterContext, createReporters, report } from '../../reporters/index.js';
import type { CliIO } from './io.js';
import { prepareRun } from './prepare.js';

export async function replayCommand({ runId, options, globals, io, commandLine }: { runId?: string; options: Record<string, unknown>; globals: Record<string, unknown>; io: CliIO; commandLine: string }): Promise<number> {
  const prepared = await prepareRun(io.cwd, globals.config as string | undefined, {
    reporters: options.reporter as ReporterSpec[] | undefined,
    outDir: options.outDir as string | undefined,
  });
  const { config } = prepared;
  const target = runId ?? newestRunId(config.runsDir);
  if (!target) {
    throw new StatetraceError(ErrorCode.InputMissing, `No stored run to replay in ${config.runsDir}`, { hint: 'run `statetrace run` first; runs are kept per the "keepRuns" config' });
  }
  const outcome = await replayRun(config.runsDir, target, prepared.plans);
  const reporterCtx = createReporterContext({ outDir: config.outDir, rootDir: config.rootDir, stdout: { write: io.stdout }, stderr: { write: io.stderr }, env: io.env, isTTY: io.isTTY });
  const reporters = await createReporters(config.reporters, reporterCtx, { importModule: (url) => importUserModule(fileURLToPath(url)) });
  const startedAt = new Date();
  const replayId = newRunId(startedAt);
  await report(reporters, 'onRunStart', {
    runId: replayId,
    command: commandLine,
    startedAt: startedAt.toISOString(),
    scenarios: outcome.scenarios.map((s) => ({ name: s.name, file: s.file, tags: s.tags, stepCount: 0 })),
    gateFiles: outcome.previous.gateFiles,
  });
  for (const scenario of outcome.scenarios) await report(reporters, 'onScenarioEnd', scenario);
  const run = buildRunResult({
    runId: replayId,
    command: commandLine,
    startedAt,
    scenarios: outcome.scenarios,
    gateFiles: outcome.previous.gateFiles,
    environment: describeEnvironment(config, prepared.registry.plugins),
    outDir: config.outDir,
  });
  await report(reporters, 'onRunEnd', run);

  mkdirSync(config.outDir, { recursive: true });
  writeFileSync(join(config.outDir, 'replay-changes.json'), `${JSON.stringify({ replayedRun: target, changes: outcome.changes, missing: outcome.missing }, null, 2)}\n`);
  io.stdout(`\nReplay of run ${target} (${outcome.previous.startedAt}) with the current gates: ${outcome.changes.length} verdict change${outcome.changes.length === 1 ? '' : 's'}\n`);
  for (const c of outcome.changes) {
    const where = `${relative(config.rootDir, c.source.file)}:${c.source.line ?? ''}`;
    io.stdout(`  ${c.scenario} › ${c.gate}${c.group ? ` [${c.group}]` : ''}  ${c.before} → ${c.after}  (${c.actualBefore ?? '—'} → ${c.actualAfter ?? '—'})  ${where}\n`);
  }
  for (const name of outcome.missing) io.stdout(`  ${name}: not replayed (scenario no longer defined, or its telemetry was not kept)\n`);
  return run.exitCode;
}
