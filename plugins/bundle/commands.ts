/** Actions of `statetrace bundle verify` and `statetrace bundle assemble` (loaded lazily by index.ts). */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { CommandContext } from '../../core/plugin.js';
import { ErrorCode, StatetraceError } from '../../core/errors.js';
import { ExitCode } from '../../core/exit-codes.js';
import { assembleBundle, CATEGORY_OPTIONS, type AssembleOptions, type CategoryOption } from './assemble.js';
import type { RuleSet } from './readiness.js';
import { renderVerifyTable } from './render.js';
import { verifyBundle } from './verify.js';

export async function verifyCommand(args: string[], options: Record<string, unknown>, ctx: CommandContext): Promise<number> {
  const dir = args[0];
  if (!dir) throw new StatetraceError(ErrorCode.CliUsage, 'bundle verify needs the bundle folder', { hint: 'statetrace bundle verify reports/bundles/<name>' });
  const rules = parseRules(options['rules']);
  const report = await verifyBundle(resolve(ctx.cwd, dir), {
    areas: list(options['area']),
    rules,
    requireQueueSummary: options['requireQueueSummary'] === true,
    requireDiversitySummary: options['requireDiversitySummary'] === true,
    requireHashManifest: options['requireHashManifest'] === true,
  });
  if (typeof options['summary'] === 'string') {
    const file = resolve(ctx.cwd, options['summary']);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(report, null, 2) + '\n');
  }
  ctx.stdout(options['json'] ? JSON.stringify(report, null, 2) + '\n' : renderVerifyTable(report, { color: ctx.color }));
  return report.Ready ? ExitCode.Passed : ExitCode.GatesFailed;
}

export async function assembleCommand(_args: string[], options: Record<string, unknown>, ctx: CommandContext): Promise<number> {
  const name = options['name'];
  if (typeof name !== 'string' || !name) throw new StatetraceError(ErrorCode.CliUsage, 'bundle assemble needs --name <bundle name>');
  const assemble: AssembleOptions = {
    name,
    area: typeof options['area'] === 'string' ? options['area'] : 'Telemetry',
    outputRoot: resolve(ctx.cwd, typeof options['outputRoot'] === 'string' ? options['outputRoot'] : 'reports/bundles'),
    force: options['force'] === true,
    planReferences: list(options['plan']) ?? [],
    taskBoardIds: list(options['task']) ?? [],
    notes: typeof options['notes'] === 'string' ? options['notes'] : null,
    allowMissing: options['allowMissing'] === true,
    rules: parseRules(options['rules']) === 'statetrace' ? 'statetrace' : 'original',
    artifacts: (list(options['artifact']) ?? []).map(parseArtifactSpec),
  };
  for (const option of Object.keys(CATEGORY_OPTIONS) as CategoryOption[]) {
    const values = list(options[option]);
    if (values && values.length > 0) assemble[option] = values;
  }
  const collect = {
    ...(typeof options['metricsDir'] === 'string' ? { metricsDir: options['metricsDir'] } : {}),
    ...(typeof options['analyzerDir'] === 'string' ? { analyzerDir: options['analyzerDir'] } : {}),
    ...(typeof options['reportsDir'] === 'string' ? { reportsDir: options['reportsDir'] } : {}),
    ...(typeof options['performanceDocsDir'] === 'string' ? { performanceDocsDir: options['performanceDocsDir'] } : {}),
    ...(typeof options['sessionsDir'] === 'string' ? { sessionsDir: options['sessionsDir'] } : {}),
  };
  if (Object.keys(collect).length > 0) assemble.collect = collect;
  const written = await assembleBundle(assemble, ctx.cwd);
  for (const area of written.areas) {
    ctx.stdout(`${written.dir}/${area.name}: ${area.manifest.Artifacts.length} artifact(s)\n`);
    for (const a of area.manifest.Artifacts) ctx.stdout(`  ${a.Category.padEnd(20)} ${a.TargetFile}  ${a.Hash.slice(0, 12)}  ${a.SizeBytes} B\n`);
  }
  return ExitCode.Passed;
}

/** `Category=path[:target]`… kept simple: `Category=path`. */
function parseArtifactSpec(spec: string): { category: string; path: string } {
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1) {
    throw new StatetraceError(ErrorCode.CliUsage, `--artifact '${spec}' must be Category=path`, { hint: 'e.g. --artifact Additional=reports/extra.json' });
  }
  return { category: spec.slice(0, eq), path: spec.slice(eq + 1) };
}

function parseRules(value: unknown): RuleSet | 'auto' {
  if (value === undefined || value === 'auto') return 'auto';
  if (value === 'original' || value === 'statetrace') return value;
  throw new StatetraceError(ErrorCode.CliUsage, `--rules must be auto, original or statetrace (got '${String(value)}')`);
}

/** Comma-separated (and repeated, when the parser collects arrays) values. */
function list(value: unknown): string[] | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);
}
