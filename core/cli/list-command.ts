/** `statetrace list [scenarios|gates|plugins|steps|metrics|all] [--json]`. */
import { relative } from 'node:path';
import { ExitCode } from '../exit-codes.js';
import type { CliIO } from './io.js';
import { prepareRun } from './prepare.js';

export async function listCommand({ what, options, globals, io }: { what: string; options: Record<string, unknown>; globals: Record<string, unknown>; io: CliIO }): Promise<number> {
  const prepared = await prepareRun(io.cwd, globals.config as string | undefined, {});
  const rel = (p: string) => relative(prepared.config.rootDir, p) || p;
  const sections = {
    scenarios: prepared.plans.map((p) => ({ name: p.name, file: rel(p.file), tags: p.tags, steps: p.steps.map((s) => s.uses), description: p.description ?? '' })),
    gates: prepared.gateFiles.flatMap((f) =>
      f.gates.map((g) => ({ file: rel(f.file), line: g.location.line, id: g.id, metric: g.metric.name, expect: g.expectations.map((e) => e.text), level: g.level, plan: g.plan ?? f.plan ?? '' })),
    ),
    plugins: prepared.registry.plugins.map((p) => ({
      name: p.name,
      version: p.version ?? '',
      steps: Object.keys(p.steps ?? {}).map((s) => `${p.name}.${s}`),
      commands: (p.commands ?? []).map((c) => c.name),
      metrics: (p.metrics ?? []).length,
      description: p.description ?? '',
    })),
    steps: prepared.registry.stepNames().map((name) => ({ name, description: prepared.registry.step(name)?.definition.description ?? '' })),
    metrics: prepared.dictionary.definitions().map((m) => ({ name: m.name, unit: m.unit, kind: m.kind, source: m.source ?? '' })),
  };
  const chosen = what === 'all' ? (['scenarios', 'gates', 'plugins', 'steps', 'metrics'] as const) : [what as keyof typeof sections];
  if (options.json) {
    io.stdout(`${JSON.stringify(what === 'all' ? sections : sections[chosen[0]!], null, 2)}\n`);
    return ExitCode.Passed;
  }
  for (const section of chosen) {
    io.stdout(`${section} (${sections[section].length})\n`);
    for (const row of sections[section] as Array<Record<string, unknown>>) io.stdout(`  ${formatRow(section, row)}\n`);
  }
  return ExitCode.Passed;
}

function formatRow(section: string, row: Record<string, unknown>): string {
  switch (section) {
    case 'scenarios':
      return `${String(row.name).padEnd(24)} ${String(row.file).padEnd(36)} [${(row.tags as string[]).join(', ')}] ${row.description}`;
    case 'gates':
      return `${`${row.file}:${row.line}`.padEnd(36)} ${String(row.id).padEnd(32)} ${row.metric}: ${(row.expect as string[]).join('; ')} (${row.level})`;
    case 'plugins':
      return `${String(row.name).padEnd(14)} ${(row.steps as string[]).join(', ') || '-'}${(row.commands as string[]).length ? `  commands: ${(row.commands as string[]).join(', ')}` : ''}`;
    case 'steps':
      return `${String(row.name).padEnd(32)} ${row.description}`;
    default:
      return `${String(row.name).padEnd(56)} ${String(row.kind).padEnd(9)} ${String(row.unit).padEnd(6)} ${row.source}`;
  }
}
