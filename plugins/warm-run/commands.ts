/** CLI commands of the warm-run plugin: `warm-run compare|check|hotspots <file>`. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ErrorCode, StatetraceError } from '../../core/errors.js';
import { ExitCode } from '../../core/exit-codes.js';
import type { CommandContext } from '../../core/plugin.js';
import { readJsonRecords } from '../shared-cache/read-records.js';
import { replayComparison } from './comparison.js';
import { hotspotsToCsv, selectHotspots } from './hotspots.js';
import { findComparisonSummary, testWarmRunRegressionSummary } from './regression-check.js';
import { readWarmRunTelemetry } from './telemetry-file.js';

function numberOption(options: Record<string, unknown>, name: string, flag: string): number {
  const raw = options[name];
  const n = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isFinite(n)) {
    throw new StatetraceError(ErrorCode.CliUsage, `${flag} needs a number, got ${JSON.stringify(raw)}`, { hint: `e.g. ${flag} 60` });
  }
  return n;
}

export function compareCommand(args: string[], options: Record<string, unknown>, ctx: CommandContext): number {
  const file = resolve(ctx.cwd, args[0]!);
  const { recomputed, stored, differences } = replayComparison(readWarmRunTelemetry(file));
  if (options.json) {
    ctx.stdout(`${JSON.stringify({ file, recomputed, stored: stored ?? null, matches: stored ? differences.length === 0 : null, differences }, null, 2)}\n`);
  } else {
    ctx.stdout(`${file}\n`);
    const show = (name: string, value: unknown) => ctx.stdout(`  ${name.padEnd(30)} ${typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}\n`);
    for (const [name, value] of Object.entries(recomputed)) if (name !== 'PassLabel') show(name, value);
    if (!stored) ctx.stdout('no stored WarmRunComparison row to compare with\n');
    else if (differences.length === 0) ctx.stdout('matches the stored comparison row\n');
    else {
      ctx.stdout(`differs from the stored comparison row in ${differences.length} field(s) (files written before the final recomputation existed do):\n`);
      for (const d of differences) ctx.stdout(`  ${d.field}: stored ${JSON.stringify(d.stored)}, recomputed ${JSON.stringify(d.recomputed)}\n`);
    }
  }
  return options.expectMatch && stored && differences.length > 0 ? ExitCode.GatesFailed : ExitCode.Passed;
}

export function checkCommand(args: string[], options: Record<string, unknown>, ctx: CommandContext): number {
  const file = resolve(ctx.cwd, args[0]!);
  const read = readJsonRecords(file);
  if (read.malformed.length > 0) {
    throw new StatetraceError(ErrorCode.InputInvalid, `${file} is not valid JSON (${read.malformed[0]!.reason})`, { location: { file, line: read.malformed[0]!.line } });
  }
  const summary = findComparisonSummary(read.records.map((r) => r.record));
  const result = testWarmRunRegressionSummary(summary, {
    minimumImprovementPercent: numberOption(options, 'minimumImprovement', '--minimum-improvement'),
    minimumCacheHitRatioPercent: numberOption(options, 'minimumHitRatio', '--minimum-hit-ratio'),
    maximumWarmCacheMissCount: numberOption(options, 'maximumWarmMisses', '--maximum-warm-misses'),
    maximumWarmAverageDeltaMs: numberOption(options, 'maximumWarmAverageDelta', '--maximum-warm-average-delta'),
  });
  if (options.json) ctx.stdout(`${JSON.stringify({ file, ...result }, null, 2)}\n`);
  else {
    ctx.stdout(`${result.Pass ? 'PASS' : 'FAIL'} ${file}\n`);
    for (const m of result.Messages) ctx.stdout(`  ${m}\n`);
    if (result.Violations.length) ctx.stdout(`  violations: ${result.Violations.join(', ')}\n`);
  }
  return result.Pass ? ExitCode.Passed : ExitCode.GatesFailed;
}

export function hotspotsCommand(args: string[], options: Record<string, unknown>, ctx: CommandContext): number {
  const file = resolve(ctx.cwd, args[0]!);
  const rows = readWarmRunTelemetry(file);
  const csv = hotspotsToCsv(
    selectHotspots(rows, { top: numberOption(options, 'top', '--top'), minDiffComparisonMs: numberOption(options, 'minDiffComparisonMs', '--min-diff-comparison-ms') }),
  );
  if (typeof options.out === 'string') {
    writeFileSync(resolve(ctx.cwd, options.out), csv, 'utf8');
    ctx.stderr(`wrote ${resolve(ctx.cwd, options.out)}\n`);
  } else ctx.stdout(csv);
  return ExitCode.Passed;
}
