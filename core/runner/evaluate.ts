/**
 * Reads a scenario's telemetry once for all its gates, then evaluates them. `scenario:NAME`
 * references wait for that scenario to finish and collect the same gates' samples from its
 * telemetry; `baseline` references come from the run history.
 */
import { collectSamples, evaluateGates, type BaselineQuery, type Gate, type SampleIndex } from '../gates/index.js';
import { createFastReader } from '../telemetry/scan/fast-reader.js';
import type { FactValue, GateResult, TelemetrySummary } from '../types.js';

/** What a finished scenario (or a `check` file set) offers to gates that reference it. */
export interface ScenarioTelemetry {
  scenario: string;
  tags: readonly string[];
  files: string[];
  facts: Readonly<Record<string, FactValue>>;
}

export interface EvaluateTelemetryInput {
  gates: Gate[];
  telemetry: ScenarioTelemetry;
  awaitScenario(name: string): Promise<ScenarioTelemetry | undefined>;
  baseline?: (query: BaselineQuery) => number | undefined;
  now?: Date;
}

/** Large NDJSON inputs go through the rollup's parallel scanner; the rest through the reference reader. */
const readTelemetry = createFastReader();

export async function evaluateTelemetry(input: EvaluateTelemetryInput): Promise<{ gates: GateResult[]; summary: TelemetrySummary }> {
  const { samples, telemetry: summary } = await collectSamples(input.gates, input.telemetry.files, { readTelemetry });

  const others = new Map<string, SampleIndex | undefined>();
  for (const name of referencedScenarios(input.gates)) {
    const other = await input.awaitScenario(name);
    others.set(name, other ? (await collectSamples(input.gates, other.files, { readTelemetry })).samples : undefined);
  }
  const facts = input.telemetry.facts;
  const gates = evaluateGates(
    input.gates,
    samples,
    {
      fact: (name) => facts[name],
      scenarioSamples: (name) => others.get(name),
      baseline: (query) => input.baseline?.(query),
    },
    { scenario: { name: input.telemetry.scenario, tags: input.telemetry.tags }, now: input.now ?? new Date() },
  );
  return { gates, summary };
}

/** Names of the scenarios the gates compare against (`scenario:NAME`, also inside `X% of`). */
export function referencedScenarios(gates: Gate[]): Set<string> {
  const names = new Set<string>();
  const visit = (ref: unknown): void => {
    if (!ref || typeof ref !== 'object') return;
    const r = ref as { kind?: string; name?: string; of?: unknown };
    if (r.kind === 'scenario' && r.name) names.add(r.name);
    if (r.kind === 'percentOf') visit(r.of);
  };
  for (const gate of gates) {
    for (const e of gate.expectations) {
      const c = e.comparison as { ref?: unknown; low?: unknown; high?: unknown };
      visit(c.ref);
      visit(c.low);
      visit(c.high);
    }
  }
  return names;
}
