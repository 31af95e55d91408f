/**
 * Re-gates a finished run with the gate definitions as they are now, without running any step:
 * the stored telemetry of every scenario is evaluated again, and each verdict is compared with the
 * one recorded at the time. This is how a plan owner sees which past runs a threshold edit would
 * have flipped, and how a release decision is reproduced for an audit.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode, StatetraceError } from '../errors.js';
import type { ScenarioPlan } from '../scenarios/index.js';
import type { GateResult, RunResult, ScenarioResult, Verdict } from '../types.js';
import { evaluateTelemetry, type ScenarioTelemetry } from './evaluate.js';
import { RUN_RESULT_FILE } from './run.js';
import { REPLAY_FILE } from './scenario.js';

export interface VerdictChange {
  scenario: string;
  gate: string;
  group?: string;
  expression: string;
  source: GateResult['source'];
  before: Verdict | 'absent';
  after: Verdict | 'absent';
  actualBefore?: string;
  actualAfter?: string;
}

export interface ReplayOutcome {
  previous: RunResult;
  scenarios: ScenarioResult[];
  changes: VerdictChange[];
  /** Scenarios of the stored run that no longer exist (not re-gated). */
  missing: string[];
}

/** The newest run directory under `runsDir` that has a recorded result. */
export function newestRunId(runsDir: string): string | undefined {
  if (!existsSync(runsDir)) return undefined;
  return readdirSync(runsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(runsDir, d.name, RUN_RESULT_FILE)))
    .map((d) => d.name)
    .sort()
    .pop();
}

export async function replayRun(runsDir: string, runId: string, plans: ScenarioPlan[]): Promise<ReplayOutcome> {
  const resultFile = join(runsDir, runId, RUN_RESULT_FILE);
  if (!existsSync(resultFile)) {
    throw new StatetraceError(ErrorCode.InputMissing, `Run "${runId}" has no recorded result (${resultFile})`, {
      hint: `runs that can be replayed: ${listReplayable(runsDir).join(', ') || '(none; run `statetrace run` first)'}`,
    });
  }
  const previous = JSON.parse(readFileSync(resultFile, 'utf8')) as RunResult;
  const stored = new Map<string, ScenarioTelemetry>();
  for (const scenario of previous.scenarios) {
    const file = join(scenario.runDir, REPLAY_FILE);
    if (existsSync(file)) stored.set(scenario.name, JSON.parse(readFileSync(file, 'utf8')) as ScenarioTelemetry);
  }
  const plansByName = new Map(plans.map((p) => [p.name, p]));
  const scenarios: ScenarioResult[] = [];
  const missing: string[] = [];
  for (const old of previous.scenarios) {
    const plan = plansByName.get(old.name);
    const telemetry = stored.get(old.name);
    if (!plan || !telemetry) {
      missing.push(old.name);
      continue;
    }
    const evaluation = await evaluateTelemetry({
      gates: plan.gates,
      telemetry,
      awaitScenario: async (name) => stored.get(name),
    });
    const failed = evaluation.gates.some((g) => g.verdict === 'fail');
    scenarios.push({ ...old, gates: evaluation.gates, telemetry: evaluation.summary, status: old.status === 'error' ? 'error' : failed ? 'failed' : 'passed' });
  }
  return { previous, scenarios, changes: diffVerdicts(previous.scenarios, scenarios), missing };
}

function listReplayable(runsDir: string): string[] {
  if (!existsSync(runsDir)) return [];
  return readdirSync(runsDir).filter((d) => existsSync(join(runsDir, d, RUN_RESULT_FILE))).sort();
}

/**
 * Verdicts keyed by scenario, gate, group and statistic (the n-th expectation of that statistic), so
 * an edited threshold compares with the one it replaced; gates added or removed show as `absent`.
 */
export function diffVerdicts(before: ScenarioResult[], after: ScenarioResult[]): VerdictChange[] {
  const index = (results: ScenarioResult[]) => {
    const seen = new Map<string, number>();
    return new Map(
      results.flatMap((s) =>
        s.gates.map((g) => {
          const base = `${g.scenario}\u0000${g.gate}\u0000${g.group ?? ''}\u0000${g.statistic}`;
          const n = (seen.get(base) ?? 0) + 1;
          seen.set(base, n);
          return [`${base}\u0000${n}`, g] as const;
        }),
      ),
    );
  };
  const old = index(before);
  const now = index(after);
  const replayed = new Set(after.map((s) => s.name));
  const changes: VerdictChange[] = [];
  for (const [k, g] of now) {
    const prior = old.get(k);
    if (prior?.verdict === g.verdict) continue;
    changes.push({ scenario: g.scenario, gate: g.gate, group: g.group, expression: g.expression, source: g.source, before: prior?.verdict ?? 'absent', after: g.verdict, actualBefore: prior?.actualText, actualAfter: g.actualText });
  }
  for (const [k, g] of old) {
    if (!now.has(k) && replayed.has(g.scenario)) {
      changes.push({ scenario: g.scenario, gate: g.gate, group: g.group, expression: g.expression, source: g.source, before: g.verdict, after: 'absent', actualBefore: g.actualText });
    }
  }
  return changes;
}
