/**
 * Routing outage detector throughput: observations per second through the per-route state machines
 * for 10,000 routes × 1 hour at 10 s intervals (3.6 M observations per source), the scale the issue
 * names. Three measurements:
 * - evaluator: one source, conditions precomputed per tick (what the state machines cost);
 * - evaluator, two sources: every evaluation has two observations, 0.5 % of them disagreeing;
 * - simulator end to end: fault schedule, noise, conflicts and ground-truth matching included.
 */
import type { BenchFigure, BenchOptions } from './index.js';
import { OutageEvaluator } from '../../plugins/routing/detector/evaluator.js';
import { runSimulation, simulatedRoute } from '../../plugins/routing/detector/simulate.js';
import { simulationOptions } from '../../plugins/routing/steps.js';
import type { ConditionCode } from '../../plugins/routing/detector/state-machine.js';

const INTERVAL_MS = 10_000;

function evaluatorRun(routes: number, ticks: number, sources: number): { observations: number; ms: number; transitions: number } {
  const keys = Array.from({ length: routes }, (_, i) => simulatedRoute(i).key);
  // 2 % of the routes fail for 5 minutes somewhere in the hour; the rest stay healthy.
  const failStart = new Int32Array(routes).fill(-1);
  for (let r = 0; r < routes; r += 50) failStart[r] = (r * 7) % Math.max(1, ticks - 30);
  let transitions = 0;
  const evaluator = new OutageEvaluator({ forMs: 30_000, keepForMs: 60_000 }, () => void transitions++);
  const started = performance.now();
  for (let k = 0; k < ticks; k++) {
    const at = k * INTERVAL_MS;
    for (let r = 0; r < routes; r++) {
      const s = failStart[r]!;
      const condition: ConditionCode = s >= 0 && k >= s && k < s + 30 ? 2 : 0;
      const key = keys[r]!;
      evaluator.observeCode(key, at, condition);
      // The second source disagrees on 1 in 200 evaluations.
      for (let j = 1; j < sources; j++) evaluator.observeCode(key, at, (k + r) % 200 === 0 ? (condition === 0 ? 2 : 0) : condition);
    }
  }
  const summary = evaluator.finish();
  return { observations: summary.Observations, ms: performance.now() - started, transitions };
}

export default async function routingBench(options: BenchOptions): Promise<BenchFigure[]> {
  const routes = options.quick ? 1_000 : 10_000;
  const ticks = 360; // 1 hour at 10 s
  const figures: BenchFigure[] = [];
  for (const sources of [1, 2]) {
    evaluatorRun(Math.min(routes, 500), 60, sources); // warm-up
    const r = evaluatorRun(routes, ticks, sources);
    figures.push({
      name: `evaluator ${routes} routes × 1 h @ 10 s, ${sources} source${sources > 1 ? 's' : ''}`,
      figures: { observations: r.observations, seconds: Number((r.ms / 1000).toFixed(3)), 'observations/s': Math.round(r.observations / (r.ms / 1000)), transitions: r.transitions },
    });
  }
  const sim = simulationOptions({ routes, duration: '1h', interval: '10s', seed: 1, primaryFailures: routes / 50, failovers: routes / 50, flaps: routes / 100, blips: routes / 100, noiseRate: 0.001, conflictRate: 0.005 });
  const started = performance.now();
  const result = runSimulation(sim, () => {});
  const ms = performance.now() - started;
  figures.push({
    name: `simulator + evaluator ${routes} routes × 1 h, 2 sources`,
    figures: {
      observations: result.summary.Observations,
      seconds: Number((ms / 1000).toFixed(3)),
      'observations/s': Math.round(result.summary.Observations / (ms / 1000)),
      detected: `${result.summary.DetectedPrimaryFaults}/${result.summary.InjectedPrimaryFaults}`,
      conflictPercent: Number(result.summary.ConflictingSignalPercent.toFixed(3)),
    },
  });
  return figures;
}
