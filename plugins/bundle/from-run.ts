/**
 * Turns a RunResult into a bundle: which files go into which area, and the README text that says what
 * was run and what the gates concluded. Used by the bundle reporter; it renders the run's verdicts and
 * never recomputes one.
 */
import { existsSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import type { ArtifactRecord, GateResult, RunResult } from '../../core/types.js';
import type { BundleIndex } from './index-file.js';
import { markdownCell } from './readme.js';
import type { BundleAreaInput, BundleArtifactInput, WrittenArea } from './writer.js';

export interface RunBundleOptions {
  /** Bundle folder name. @default `statetrace-<runId>` */
  name?: string;
  /** Plan references added to those named by the gates (`plan:`). */
  planReferences?: string[];
  /** Task board IDs added to those named by the gates (`task:`). */
  taskBoardIds?: string[];
  notes?: string;
  /** Copy each scenario's telemetry files into the Telemetry area. @default true */
  includeTelemetry?: boolean;
}

/** Area of the run's own evidence: RunResult, gate results, environment, gate and scenario files. */
export const VERIFICATION_AREA = 'Verification';
const DEFAULT_AREA = 'Telemetry';
/** Plugins whose artifacts belong to an area other than Telemetry when they do not say so themselves. */
const PLUGIN_AREAS: Record<string, string> = { routing: 'Routing' };

export interface RunBundleSpec {
  name: string;
  areas: BundleAreaInput[];
  missingAtWrite: NonNullable<BundleIndex['MissingAtWrite']>;
  run: NonNullable<BundleIndex['Run']>;
  rootReadme: (areas: WrittenArea[]) => string;
}

export function bundleSpecFromRun(run: RunResult, rootDir: string, options: RunBundleOptions = {}): RunBundleSpec {
  const gates = run.scenarios.flatMap((s) => s.gates);
  const plans = distinct([...gates.map((g) => g.plan), ...(options.planReferences ?? [])]);
  const tasks = distinct([...gates.map((g) => g.task), ...(options.taskBoardIds ?? [])]);
  const notes = options.notes ?? `${run.command}: ${run.status} (exit ${run.exitCode}); ${run.counts.gates} gate results, ${run.counts.failed} failed, ${run.counts.warned} warned, ${run.counts.notEvaluated} not evaluated`;
  const byArea = new Map<string, BundleArtifactInput[]>();
  const add = (area: string, artifact: BundleArtifactInput) => {
    const list = byArea.get(area) ?? [];
    list.push(artifact);
    byArea.set(area, list);
  };
  const missingAtWrite: RunBundleSpec['missingAtWrite'] = [];

  for (const scenario of run.scenarios) {
    if (options.includeTelemetry !== false) {
      for (const file of scenario.telemetry.files) {
        const source = resolve(rootDir, file.path);
        if (!existsSync(source)) {
          missingAtWrite.push({ Area: DEFAULT_AREA, Category: 'ScenarioTelemetry', SourcePath: source });
          continue;
        }
        add(DEFAULT_AREA, { category: 'ScenarioTelemetry', source, target: `telemetry/${safeSegment(scenario.name)}/${pathInRunDir(source, resolve(rootDir, scenario.runDir))}` });
      }
    }
    for (const artifact of scenario.artifacts) {
      const area = areaOf(artifact);
      const source = resolve(rootDir, artifact.path);
      if (!existsSync(source)) {
        missingAtWrite.push({ Area: area, Category: artifact.category, SourcePath: source });
        continue;
      }
      add(area, { category: artifact.category, source });
    }
  }

  const evidence: BundleArtifactInput[] = [
    { category: 'RunResult', content: JSON.stringify(run, null, 2) + '\n', target: 'RunResult.json', sourceLabel: run.command },
    { category: 'GateResults', content: JSON.stringify(gates, null, 2) + '\n', target: 'GateResults.json', sourceLabel: run.command },
    { category: 'Environment', content: JSON.stringify(run.environment, null, 2) + '\n', target: 'Environment.json', sourceLabel: 'statetrace environment' },
  ];
  for (const gateFile of run.gateFiles) {
    const source = resolve(rootDir, gateFile);
    if (existsSync(source)) evidence.push({ category: 'GateFile', source, target: `gates/${basename(source)}` });
    else missingAtWrite.push({ Area: VERIFICATION_AREA, Category: 'GateFile', SourcePath: source });
  }
  for (const scenarioFile of distinct(run.scenarios.map((s) => s.file))) {
    const source = resolve(rootDir, scenarioFile);
    if (existsSync(source)) evidence.push({ category: 'ScenarioFile', source, target: `scenarios/${basename(source)}` });
  }
  byArea.set(VERIFICATION_AREA, [...(byArea.get(VERIFICATION_AREA) ?? []), ...evidence]);

  const runSection = renderRunSection(run, rootDir);
  const gateSection = renderGateSection(gates, rootDir);
  const areas: BundleAreaInput[] = [...byArea.entries()]
    .sort(([a], [b]) => areaRank(a) - areaRank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, artifacts]) => ({
      name,
      artifacts,
      planReferences: plans,
      taskBoardIds: tasks,
      notes,
      readmeSections: name === VERIFICATION_AREA ? `${runSection}\n\n${gateSection}` : runSection,
    }));
  const name = options.name ?? `statetrace-${run.runId}`;
  return {
    name,
    areas,
    missingAtWrite,
    run: { RunId: run.runId, Command: run.command, Status: run.status },
    rootReadme: (written) => renderRootReadme(name, run, plans, tasks, runSection, gateSection, written, missingAtWrite),
  };
}

function areaOf(artifact: ArtifactRecord): string {
  if (artifact.area) return artifact.area;
  const plugin = artifact.step?.split('.')[0];
  return (plugin && PLUGIN_AREAS[plugin]) ?? DEFAULT_AREA;
}

/** Telemetry first, Verification last, others alphabetically between. */
function areaRank(name: string): number {
  return name === DEFAULT_AREA ? 0 : name === VERIFICATION_AREA ? 2 : 1;
}

function renderRunSection(run: RunResult, rootDir: string): string {
  const env = run.environment;
  const lines = [
    '## What was run',
    '',
    '```sh',
    run.command,
    '```',
    '',
    `- Run: ${run.runId}, ${run.startedAt} → ${run.finishedAt} (${(run.durationMs / 1000).toFixed(1)} s)`,
    `- Result: **${run.status}** (exit ${run.exitCode}); ${run.counts.scenarios} scenario(s), ${run.counts.gates} gate result(s): ${run.counts.passed} passed, ${run.counts.failed} failed, ${run.counts.warned} warned, ${run.counts.notEvaluated} not evaluated, ${run.counts.errors} error(s)`,
    `- statetrace ${env.statetraceVersion}, Node ${env.node}, ${env.platform}/${env.arch}, host ${env.hostname}${env.gitCommit ? `, git ${env.gitCommit}` : ''}`,
    `- Plugins: ${env.plugins.map((p) => (p.version ? `${p.name}@${p.version}` : p.name)).join(', ') || '(none)'}`,
    `- Scenarios: ${run.scenarios.map((s) => `${s.name} (${s.status})`).join(', ') || '(none)'}`,
    `- Gate files: ${run.gateFiles.map((g) => shortPath(g, rootDir)).join(', ') || '(none)'}`,
  ];
  return lines.join('\n');
}

function renderGateSection(gates: GateResult[], rootDir: string): string {
  if (gates.length === 0) return '## Gate verdicts\n\nNo gates were evaluated.';
  const lines = ['## Gate verdicts', '', '| Scenario | Gate | Group | Verdict | Level | Observed | Expectation | Samples | Plan | Task | Source |', '|---|---|---|---|---|---|---|---:|---|---|---|'];
  for (const g of gates) {
    const where = `${shortPath(g.source.file, rootDir)}${g.source.line !== undefined ? `:${g.source.line}` : ''}`;
    lines.push(
      `| ${[g.scenario, g.gate, g.group ?? '', g.verdict, g.level, g.actualText, `${g.statistic} ${g.operator} ${g.expected}`, String(g.samples), g.plan ?? '', g.task ?? '', where].map(markdownCell).join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

function renderRootReadme(
  name: string,
  run: RunResult,
  plans: string[],
  tasks: string[],
  runSection: string,
  gateSection: string,
  areas: WrittenArea[],
  missing: RunBundleSpec['missingAtWrite'],
): string {
  const lines = [
    `# Release evidence bundle - ${name}`,
    '',
    `- Plans: ${plans.join(', ') || '(none)'}`,
    `- Task Board IDs: ${tasks.join(', ') || '(none)'}`,
    '',
    runSection,
    '',
    gateSection,
    '',
    '## Areas',
    '',
    '| Area | Artifacts | Manifest |',
    '|---|---:|---|',
    ...areas.map((a) => `| ${a.name} | ${a.manifest.Artifacts.length} | ${a.name}/TelemetryBundle.json |`),
    '',
  ];
  if (missing.length > 0) {
    lines.push('## Registered but missing', '', ...missing.map((m) => `- ${m.Area}: ${m.Category} ${m.SourcePath}`), '');
  }
  lines.push(`Check it with \`statetrace bundle verify <this folder>\`: every artifact's SHA-256 and size, manifests against the schema, nothing missing or unlisted. Run ${run.runId}.`, '');
  return lines.join('\n');
}

function shortPath(path: string, rootDir: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(rootDir, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.replace(/\\/g, '/') : path;
}

/** A telemetry file's path below the scenario's run directory (so two `telemetry.jsonl` keep their folders), else its name. */
function pathInRunDir(file: string, runDir: string): string {
  const rel = relative(runDir, file);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return basename(file);
  return rel.split(/[\\/]/).map(safeSegment).join('/');
}

function safeSegment(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_') || 'scenario';
}

function distinct(values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v.length > 0))];
}
