/**
 * The `rollup.rollup` step: roll up the scenario's own telemetry (or named files) inside a run,
 * attach the CSV as an artifact, record facts, and emit `RollupGenerated` so a gate can check
 * freshness (`RollupGenerated` with the `age` statistic: "refreshed within 24 h").
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { StepContext } from '../../core/plugin.js';
import { ErrorCode, StatetraceError } from '../../core/errors.js';
import { runRollup } from './run.js';

export { rollupStepSchema } from './step-schema.js';

export interface RollupStepOptions {
  inputs?: string[];
  output: string;
  perSite: boolean;
  siteCache: boolean;
  json: boolean;
  filter: string[];
  latest?: number;
  days?: number;
  today?: string;
  failOnWarnings: boolean;
  hashManifest: boolean;
}

export async function runRollupStep(ctx: StepContext, options: RollupStepOptions): Promise<Record<string, unknown>> {
  const explicit = options.inputs !== undefined && options.inputs.length > 0;
  const paths = explicit ? options.inputs!.map((p) => (isAbsolute(p) ? p : resolve(ctx.rootDir, p))) : [ctx.telemetryFile];
  if (!explicit && !existsSync(ctx.telemetryFile)) {
    // Nothing emitted yet: an empty rollup, not an error (explicit inputs that are missing are one).
    ctx.log.warn(`rollup: the scenario has no telemetry yet (${ctx.telemetryFile}); nothing to roll up`);
    ctx.fact('rollup.rows', 0);
    ctx.fact('rollup.warnings', 0);
    return { output: null, rows: 0, warnings: 0, events: 0, manifest: null };
  }
  const today = options.today ? new Date(`${options.today}T00:00:00`) : undefined;
  const outcome = await runRollup({
    paths,
    cwd: ctx.rootDir,
    filters: options.filter,
    latest: options.latest,
    days: options.days,
    today,
    output: resolve(ctx.runDir, options.output),
    format: options.json ? 'json' : 'csv',
    includePerSite: options.perSite,
    includeSiteCache: options.siteCache,
    failOnWarnings: options.failOnWarnings,
    hashManifest: options.hashManifest,
    // The thread budget: scanning threads, this one included (1 = this one only).
    workers: ctx.concurrency,
    signal: ctx.signal,
  });
  const { result } = outcome;
  const malformed = result.files.reduce((n, f) => n + f.summary.malformed, 0);
  ctx.fact('rollup.rows', result.rows.length);
  ctx.fact('rollup.files', outcome.files.length);
  ctx.fact('rollup.events', result.events);
  ctx.fact('rollup.warnings', result.warningCount);
  ctx.fact('rollup.generatedAt', outcome.generatedAt);
  if (outcome.outputPath) {
    ctx.artifact(outcome.outputPath, {
      category: options.json ? 'RollupJson' : 'RollupCsv',
      area: 'Telemetry',
      description: `Ingestion metrics summary: ${result.rows.length} rows from ${outcome.files.length} file(s)`,
    });
    if (outcome.manifestPath) ctx.artifact(outcome.manifestPath, { category: 'RollupHashManifest', area: 'Telemetry', description: 'SHA-256 of the rollup inputs' });
    ctx.emit({
      EventName: 'RollupGenerated',
      OutputPath: outcome.outputPath,
      Rows: result.rows.length,
      Files: outcome.files.length,
      Events: result.events,
      Warnings: result.warningCount,
      MalformedLines: malformed,
      DurationMs: Math.round(outcome.durationMs * 1000) / 1000,
    });
  } else {
    ctx.log.warn('No summary rows were produced from the available telemetry; no rollup written.');
  }
  for (const w of result.warnings.slice(0, 5)) ctx.log.warn(`${w.file}${w.line !== undefined ? `:${w.line}` : ''}: ${w.message}`);
  if (options.failOnWarnings && result.warningCount > 0) {
    throw new StatetraceError(ErrorCode.InputInvalid, `rollup: ${result.warningCount} warning(s) encountered during processing (failOnWarnings)`, {
      location: result.warnings[0] ? { file: result.warnings[0].file, line: result.warnings[0].line } : undefined,
      hint: 'fix or remove the malformed lines, or drop failOnWarnings',
    });
  }
  return { output: outcome.outputPath ?? null, rows: result.rows.length, warnings: result.warningCount, events: result.events, manifest: outcome.manifestPath ?? null };
}
