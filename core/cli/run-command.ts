/** `statetrace run [filters...]`: validate everything, run the selected scenarios, report, exit. */
import { ErrorCode, StatetraceError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { HistoryStore } from '../history.js';
import { newRunId, pruneRuns } from '../runner/run-id.js';
import { executeRun } from '../runner/run.js';
import { createReporterContext, createReporters } from '../../reporters/index.js';
import { fileURLToPath } from 'node:url';
import { importUserModule } from '../import-module.js';
import type { ReporterSpec } from '../config/types.js';
import type { CliIO } from './io.js';
import { filterPlans, prepareRun } from './prepare.js';
import { parseDurationMs } from '../duration.js';

export interface RunCommandInput {
  filters: string[];
  options: Record<string, unknown>;
  globals: Record<string, unknown>;
  io: CliIO;
  /** The command as typed, for reports and bundles. */
  commandLine: string;
}

export async function runCommand({ filters, options, globals, io, commandLine }: RunCommandInput): Promise<number> {
  const timeout = options.timeout as string | undefined;
  if (timeout !== undefined && parseDurationMs(timeout) === undefined) {
    throw new StatetraceError(ErrorCode.CliUsage, `--timeout "${timeout}" is not a duration`, { hint: "use e.g. '90s', '10m'" });
  }
  const concurrency = options.concurrency as number | undefined;
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
    throw new StatetraceError(ErrorCode.CliUsage, `--concurrency must be a whole number ≥ 1`, { hint: 'e.g. --concurrency 2' });
  }
  const prepared = await prepareRun(io.cwd, globals.config as string | undefined, {
    // Names are checked when the reporters are created (unknown name → exit 2 with the valid ones).
    reporters: options.reporter as ReporterSpec[] | undefined,
    outDir: options.outDir as string | undefined,
    concurrency,
    timeout,
    history: options.history === false ? false : undefined,
  });
  const { config } = prepared;
  const plans = filterPlans(prepared.plans, filters, (options.tag as string[] | undefined) ?? [], options.grep as string | undefined);
  if (plans.length === 0) {
    throw new StatetraceError(ErrorCode.CliUsage, 'No scenario selected', {
      hint: `available: ${prepared.plans.map((p) => p.name).join(', ') || '(none)'}; check the filters, --tag and --grep`,
    });
  }

  const reporterCtx = createReporterContext({ outDir: config.outDir, rootDir: config.rootDir, stdout: { write: io.stdout }, stderr: { write: io.stderr }, env: io.env, isTTY: io.isTTY });
  const reporters = await createReporters(config.reporters, reporterCtx, { importModule: (url) => importUserModule(fileURLToPath(url)) });
  const runId = newRunId();
  pruneRuns(config.runsDir, config.keepRuns);

  let history: HistoryStore | undefined;
  if (config.history !== false) {
    const { HistoryStore } = await import('../history.js');
    history = new HistoryStore(config.history);
  }
  const abort = new AbortController();
  const onSigint = () => abort.abort(new StatetraceError(ErrorCode.StepTimeout, 'Interrupted (SIGINT)', { exitCode: ExitCode.HarnessError }));
  process.once('SIGINT', onSigint);
  try {
    const run = await executeRun({
      runId,
      command: commandLine,
      config,
      registry: prepared.registry,
      plans,
      gateFiles: [...new Set(plans.flatMap((p) => p.gateFiles))],
      reporters,
      history,
      signal: abort.signal,
    });
    return run.exitCode;
  } finally {
    process.off('SIGINT', onSigint);
    history?.close();
  }
}
