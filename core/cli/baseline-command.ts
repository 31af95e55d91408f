/** `statetrace baseline list|pin`: the run history behind `baseline` references. */
import { ErrorCode, StatetraceError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { loadResolvedConfig } from '../config/load.js';
import type { CliIO } from './io.js';

async function openHistory(globals: Record<string, unknown>, io: CliIO) {
  const config = await loadResolvedConfig({ cwd: io.cwd, configFile: globals.config as string | undefined });
  if (config.history === false) {
    throw new StatetraceError(ErrorCode.ConfigInvalid, 'History is disabled in the config (history: false)', { hint: "set history: '.statetrace/history.db'" });
  }
  const { HistoryStore } = await import('../history.js');
  return new HistoryStore(config.history);
}

export async function baselineListCommand({ options, globals, io }: { options: Record<string, unknown>; globals: Record<string, unknown>; io: CliIO }): Promise<number> {
  const history = await openHistory(globals, io);
  try {
    const runs = history.runs();
    const baselines = history.baselines();
    if (options.json) {
      io.stdout(`${JSON.stringify({ runs, baselines }, null, 2)}\n`);
      return ExitCode.Passed;
    }
    io.stdout(`runs (newest first, ${runs.length})\n`);
    for (const r of runs) io.stdout(`  ${r.runId}  ${r.startedAt}  ${r.status.padEnd(7)} gates ${r.gates} failed ${r.failed}  ${r.gitCommit?.slice(0, 10) ?? ''}\n`);
    io.stdout(`baselines (${baselines.length})\n`);
    for (const b of baselines) io.stdout(`  ${b.name.padEnd(24)} ${b.runId}  pinned ${b.pinnedAt}\n`);
    return ExitCode.Passed;
  } finally {
    history.close();
  }
}

export async function baselinePinCommand({ name, options, globals, io }: { name: string; options: Record<string, unknown>; globals: Record<string, unknown>; io: CliIO }): Promise<number> {
  const history = await openHistory(globals, io);
  try {
    const runId = history.pin(name, options.run as string | undefined);
    io.stdout(`pinned baseline "${name}" → run ${runId}\n`);
    return ExitCode.Passed;
  } catch (error) {
    throw new StatetraceError(ErrorCode.CliUsage, (error as Error).message, { hint: 'see `statetrace baseline list`' });
  } finally {
    history.close();
  }
}
