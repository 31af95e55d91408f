/**
 * `statetrace rollup [...paths]`: the CLI face of the rollup. Prints a short summary (files,
 * events, rows, where it wrote, how fast) and a clear account of malformed lines.
 */
import { relative } from 'node:path';
import type { CommandContext } from '../../core/plugin.js';
import { ErrorCode, StatetraceError } from '../../core/errors.js';
import { ExitCode } from '../../core/exit-codes.js';
import { runRollup, type RollupOutcome } from './run.js';

function list(value: unknown): string[] {
  if (value === undefined || value === null || value === false) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);
}

function optionalInt(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new StatetraceError(ErrorCode.CliUsage, `${flag} expects a whole number, got ${String(value)}`);
  return n;
}

function parseEngine(value: unknown): 'fast' | 'prefilter' | 'naive' {
  if (value === undefined) return 'fast';
  if (value === 'fast' || value === 'prefilter' || value === 'naive') return value;
  throw new StatetraceError(ErrorCode.CliUsage, `--engine must be fast, prefilter or naive, got ${String(value)}`);
}

function parseToday(value: unknown): Date | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
  if (!m) throw new StatetraceError(ErrorCode.CliUsage, `--today expects yyyy-MM-dd, got ${String(value)}`);
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** A path as the user can read it: relative when inside the working directory. */
function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}

/** `396968` → `396,968`. (Not toLocaleString: loading ICU's number formats costs ~8 ms per run.) */
function withThousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Progress on stderr: a self-overwriting line on a TTY, a line per 10 % otherwise. */
function progressReporter(ctx: CommandContext, tty: boolean): (done: number, total: number) => void {
  let lastDraw = 0;
  let lastDecile = -1;
  return (done, total) => {
    const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
    if (tty) {
      const now = Date.now();
      if (now - lastDraw < 150 && done < total) return;
      lastDraw = now;
      ctx.stderr(`\rrollup: ${String(pct).padStart(3)}% (${megabytes(done)} of ${megabytes(total)})${done >= total ? '\n' : ''}`);
    } else if (Math.floor(pct / 10) > lastDecile) {
      lastDecile = Math.floor(pct / 10);
      ctx.stderr(`rollup: ${pct}% (${megabytes(done)} of ${megabytes(total)})\n`);
    }
  };
}

export function describeOutcome(outcome: RollupOutcome, cwd: string): string {
  const { result } = outcome;
  const seconds = outcome.durationMs / 1000;
  const lines = [
    `Rolled up ${outcome.files.length} file(s), ${megabytes(result.bytes)}, ${withThousands(result.events)} events into ${result.rows.length} rows in ${seconds.toFixed(2)} s (${(result.bytes / 1e6 / Math.max(seconds, 1e-6)).toFixed(0)} MB/s).`,
  ];
  if (outcome.text !== undefined) lines.push('Summary written to stdout.');
  else if (outcome.outputPath) lines.push(`Ingestion metrics summary written to ${displayPath(cwd, outcome.outputPath)}`);
  else lines.push('No summary rows were produced from the available telemetry; nothing written.');
  if (outcome.manifestPath) lines.push(`Input hash manifest written to ${displayPath(cwd, outcome.manifestPath)}`);
  const malformed = result.files.reduce((n, f) => n + f.summary.malformed, 0);
  if (result.warningCount > 0) {
    lines.push(`Warnings: ${result.warningCount} (${malformed} malformed line(s)${result.warningCount > malformed ? `, ${result.warningCount - malformed} file(s) that are not NDJSON` : ''}).`);
    for (const w of result.warnings.slice(0, 5)) lines.push(`  ${displayPath(cwd, w.file)}${w.line !== undefined ? `:${w.line}` : ''}: ${w.message}`);
    if (result.warningCount > 5) lines.push(`  … and ${result.warningCount - 5} more`);
  }
  return `${lines.join('\n')}\n`;
}

export async function rollupCommand(args: string[], options: Record<string, unknown>, ctx: CommandContext): Promise<number> {
  const paths = args.length > 0 ? args : ['Logs/IngestionMetrics'];
  const format = options.json ? 'json' : 'csv';
  const toStdout = options.output === '-';
  const showProgress = Boolean(options.progress) || (process.stderr.isTTY === true && options.progress !== false);
  const outcome = await runRollup({
    paths,
    cwd: ctx.cwd,
    filters: list(options.filter),
    latest: optionalInt(options.latest, '--latest'),
    days: optionalInt(options.days, '--days'),
    today: parseToday(options.today),
    output: options.output === undefined ? undefined : String(options.output),
    format,
    includePerSite: Boolean(options.perSite),
    includeSiteCache: Boolean(options.siteCache),
    failOnWarnings: Boolean(options.failOnWarnings),
    hashManifest: Boolean(options.hashManifest),
    engine: parseEngine(options.engine),
    workers: optionalInt(options.workers, '--workers'),
    onProgress: showProgress ? progressReporter(ctx, process.stderr.isTTY === true) : undefined,
  });
  if (outcome.text !== undefined) ctx.stdout(outcome.text);
  (toStdout ? ctx.stderr : ctx.stdout)(describeOutcome(outcome, ctx.cwd));
  if (options.failOnWarnings && outcome.result.warningCount > 0) {
    ctx.stderr(`Rollup failed: ${outcome.result.warningCount} warning(s) encountered during processing (--fail-on-warnings).\n`);
    return ExitCode.InvalidInput;
  }
  if (!outcome.outputPath && options.days) {
    ctx.stderr('The daily rollup did not create the expected output file.\n');
    return ExitCode.InvalidInput;
  }
  return ExitCode.Passed;
}
