/**
 * A deterministic outage simulator: a fleet of routes observed every `intervalMs` by one or more
 * sources, with injected primary failures (no secondary: `down`), failovers (secondary takes over:
 * `degraded`), flaps (down/up faster than the debounce) and short blips (outages shorter than `for`),
 * plus single-observation noise and sources that disagree. Same options and seed → same timeline,
 * bit for bit, so detection latency can be measured and gated without a network.
 *
 * The simulator knows the truth (when each fault began), so every failure the evaluator detects can be
 * matched to its fault: `TimeToDetectMs` = detected − injected, the end-to-end figure the plan's
 * "within 60 seconds" is about; faults never detected are counted as missed.
 */
import { DEGRADED, DOWN, HEALTHY, OutageEvaluator, type ConflictPolicy, type EvaluationSummary } from './evaluator.js';
import type { ConditionCode, Transition } from './state-machine.js';
import { seededRandom } from '../../../core/random.js';

export type FaultKind = 'primary-failure' | 'failover' | 'flap' | 'blip';

export interface Fault {
  route: number;
  kind: FaultKind;
  start: number;
  end: number;
}

export interface SimulationOptions {
  routes: number;
  /** Epoch ms of the first observation window. */
  startMs: number;
  durationMs: number;
  intervalMs: number;
  seed: number;
  sources: string[];
  primaryFailures: number;
  failovers: number;
  flaps: number;
  blips: number;
  /** Outage and failover length, uniformly between the two (ms). */
  outageMs: [number, number];
  /** Flap: down for half the period, up for the other half, for flapDurationMs. */
  flapPeriodMs: number;
  flapDurationMs: number;
  blipMs: number;
  /** Probability that one observation (all sources) shows a random wrong condition. */
  noiseRate: number;
  /** Probability that the second and later sources report a different condition than the first. */
  conflictRate: number;
  forMs: number;
  keepForMs: number;
  /** Window for "reported down more than once"; default forMs + keepForMs. */
  windowMs?: number;
  conflictPolicy: ConflictPolicy;
}

export interface SimulatedRoute {
  index: number;
  key: string;
  site: string;
  hostname: string;
  vrf: string;
  prefix: string;
}

export interface MatchedTransition extends Transition {
  routeInfo: SimulatedRoute;
  fault?: Fault;
}

export interface SimulationResult {
  summary: EvaluationSummary & {
    InjectedFaults: number;
    InjectedPrimaryFaults: number;
    DetectedPrimaryFaults: number;
    MissedPrimaryFaults: number;
    BlipsReported: number;
    FalseFailures: number;
    FlapRoutes: number;
  };
  faults: Fault[];
  routes: SimulatedRoute[];
}

export function simulatedRoute(index: number): SimulatedRoute {
  const site = index % 2 === 0 ? 'WLLS' : 'BOYO';
  const hostname = `${site}-A${String(1 + (Math.floor(index / 50) % 9)).padStart(2, '0')}-AS-${String(1 + (index % 50)).padStart(2, '0')}`;
  const prefix = `10.${Math.floor(index / 256) % 256}.${index % 256}.0/24`;
  return { index, key: `${site}|${hostname}|default|${prefix}`, site, hostname, vrf: 'default', prefix };
}

/** Places the faults: distinct routes while there are enough, start times away from the edges. */
export function scheduleFaults(o: SimulationOptions, random: () => number): Fault[] {
  const faults: Fault[] = [];
  const order = Array.from({ length: o.routes }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let next = 0;
  const pickRoute = (): number => order[next++ % Math.max(1, order.length)]!;
  const margin = Math.min(5 * 60_000, o.durationMs / 10);
  const place = (kind: FaultKind, count: number, length: () => number): void => {
    for (let n = 0; n < count; n++) {
      const len = length();
      const latest = Math.max(margin, o.durationMs - len - margin);
      const start = o.startMs + margin + Math.floor(random() * Math.max(1, latest - margin));
      faults.push({ route: pickRoute(), kind, start, end: start + len });
    }
  };
  const outage = (): number => o.outageMs[0] + Math.floor(random() * (o.outageMs[1] - o.outageMs[0] + 1));
  place('primary-failure', o.primaryFailures, outage);
  place('failover', o.failovers, outage);
  place('flap', o.flaps, () => o.flapDurationMs);
  place('blip', o.blips, () => o.blipMs);
  return faults;
}

function trueCondition(faults: readonly Fault[] | undefined, at: number, flapPeriodMs: number): ConditionCode {
  if (!faults) return HEALTHY;
  let worst: ConditionCode = HEALTHY;
  for (const f of faults) {
    if (at < f.start || at >= f.end) continue;
    let c: ConditionCode;
    if (f.kind === 'failover') c = DEGRADED;
    else if (f.kind === 'flap') c = (at - f.start) % flapPeriodMs < flapPeriodMs / 2 ? DOWN : HEALTHY;
    else c = DOWN;
    if (c > worst) worst = c;
  }
  return worst;
}

/** The fault a failure detected on `route` belongs to: the latest one that began before it was first observed and was still on then. */
function faultFor(faults: readonly Fault[] | undefined, observedAt: number, intervalMs: number): Fault | undefined {
  let match: Fault | undefined;
  for (const f of faults ?? []) if (f.start <= observedAt && observedAt < f.end + intervalMs && (!match || f.start > match.start)) match = f;
  return match;
}

/**
 * Runs the simulation through the evaluator. `onTransition` receives every transition with its route
 * and, for failures, the fault it was matched to.
 */
export function runSimulation(o: SimulationOptions, onTransition: (t: MatchedTransition) => void, signal?: AbortSignal): SimulationResult {
  const random = seededRandom(o.seed);
  const faults = scheduleFaults(o, random);
  const byRoute = new Map<number, Fault[]>();
  for (const f of faults) {
    const list = byRoute.get(f.route);
    if (list) list.push(f);
    else byRoute.set(f.route, [f]);
  }
  const routes = Array.from({ length: o.routes }, (_, i) => simulatedRoute(i));
  const routeIndex = new Map(routes.map((r) => [r.key, r]));
  const phase = routes.map(() => Math.floor(random() * o.intervalMs));
  const detected = new Set<Fault>();
  let blipsReported = 0;
  let falseFailures = 0;

  const evaluator = new OutageEvaluator({ forMs: o.forMs, keepForMs: o.keepForMs, windowMs: o.windowMs, conflictPolicy: o.conflictPolicy }, (t) => {
    const info = routeIndex.get(t.route)!;
    const matched: MatchedTransition = { ...t, routeInfo: info };
    if (t.kind === 'failure') {
      const fault = faultFor(byRoute.get(info.index), t.observedAt, o.intervalMs);
      if (fault) {
        matched.fault = fault;
        detected.add(fault);
        if (fault.kind === 'blip') blipsReported++;
      } else {
        falseFailures++;
      }
    }
    onTransition(matched);
  });

  const ticks = Math.floor(o.durationMs / o.intervalMs);
  const sourceCount = o.sources.length;
  for (let k = 0; k < ticks; k++) {
    if (signal?.aborted) throw new Error('simulation aborted');
    for (let r = 0; r < o.routes; r++) {
      const at = o.startMs + phase[r]! + k * o.intervalMs;
      let condition = trueCondition(byRoute.get(r), at, o.flapPeriodMs);
      if (o.noiseRate > 0 && random() < o.noiseRate) condition = otherCondition(condition, random);
      const key = routes[r]!.key;
      evaluator.observeCode(key, at, condition);
      for (let s = 1; s < sourceCount; s++) {
        const disagree = o.conflictRate > 0 && random() < o.conflictRate;
        evaluator.observeCode(key, at, disagree ? otherCondition(condition, random) : condition);
      }
    }
  }
  const summary = evaluator.finish();
  const primary = faults.filter((f) => f.kind === 'primary-failure' || f.kind === 'failover');
  const detectable = primary.filter((f) => f.end - f.start >= o.forMs + o.intervalMs);
  const detectedPrimary = detectable.filter((f) => detected.has(f)).length;
  return {
    summary: {
      ...summary,
      InjectedFaults: faults.length,
      InjectedPrimaryFaults: primary.length,
      DetectedPrimaryFaults: detectedPrimary,
      MissedPrimaryFaults: detectable.length - detectedPrimary,
      BlipsReported: blipsReported,
      FalseFailures: falseFailures,
      FlapRoutes: new Set(faults.filter((f) => f.kind === 'flap').map((f) => f.route)).size,
    },
    faults,
    routes,
  };
}

function otherCondition(condition: ConditionCode, random: () => number): ConditionCode {
  const step = random() < 0.5 ? 1 : 2;
  return ((condition + step) % 3) as ConditionCode;
}
