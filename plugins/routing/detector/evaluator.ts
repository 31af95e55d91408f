/**
 * Runs the per-route state machines over a timeline of observations from one or more sources
 * (CLI snapshots, probes, …) and keeps the figures the plan's gates need.
 *
 * Observations of one route that share a timestamp (within `sameTimeMs`) are one evaluation. When
 * their sources disagree the evaluation is *conflicting*: it is counted (the conflicting-signal rate
 * is conflicting evaluations ÷ evaluations that had two or more sources) and resolved by
 * `conflictPolicy`: `hold` (default) takes it as no evidence at all — the pending period neither
 * advances nor resets — `worst` believes the most severe source, `best` the least severe.
 *
 * Per route it also counts what the original's stateless per-snapshot rule would have reported (a
 * failure at every healthy → unhealthy flip), so a run shows what the debouncing saved.
 */
import { DEGRADED, DOWN, HEALTHY, RouteTracker, conditionCode, type ConditionCode, type DebounceOptions, type Transition } from './state-machine.js';

export type ConflictPolicy = 'hold' | 'worst' | 'best';

export interface EvaluatorOptions extends DebounceOptions {
  conflictPolicy?: ConflictPolicy;
  /** Observations of a route this close to the first of a group are the same evaluation. Default 0 (same timestamp). */
  sameTimeMs?: number;
  /** Window for "reported down more than once"; default forMs + keepForMs. */
  windowMs?: number;
}

export interface Observation {
  route: string;
  /** Epoch milliseconds. */
  at: number;
  source: string;
  condition: 'healthy' | 'degraded' | 'down';
}

export interface EvaluationSummary {
  Routes: number;
  Observations: number;
  Evaluations: number;
  MultiSourceEvaluations: number;
  ConflictingEvaluations: number;
  /** ConflictingEvaluations ÷ MultiSourceEvaluations (0 when no evaluation had two sources). */
  ConflictingSignalRate: number;
  ConflictingSignalPercent: number;
  OutOfOrderObservations: number;
  Transitions: number;
  Failures: number;
  Escalations: number;
  Improvements: number;
  Recoveries: number;
  /** Most failures any one route had detected within one window. */
  MaxFailuresPerWindow: number;
  RoutesOverWindowLimit: number;
  StatelessFailureReports: number;
  StatelessMaxFailuresPerWindow: number;
  ForMs: number;
  KeepForMs: number;
  WindowMs: number;
  ConflictPolicy: ConflictPolicy;
}

interface RouteSlot {
  tracker: RouteTracker;
  /** Open evaluation group. */
  groupAt: number;
  groupWorst: number;
  groupBest: number;
  groupSources: number;
  groupConflict: boolean;
  /** Last resolved condition, for the stateless comparison. */
  lastCondition: number;
  failureTimes: number[];
  statelessTimes: number[];
  overLimit: boolean;
}

export class OutageEvaluator {
  private readonly routes = new Map<string, RouteSlot>();
  private readonly opts: Required<EvaluatorOptions>;
  private observations = 0;
  private evaluations = 0;
  private multiSource = 0;
  private conflicting = 0;
  private outOfOrder = 0;
  private counts = { transitions: 0, failure: 0, escalation: 0, improvement: 0, recovery: 0 };
  private maxFailuresPerWindow = 0;
  private routesOverLimit = 0;
  private statelessReports = 0;
  private statelessMax = 0;

  constructor(options: EvaluatorOptions, private readonly onTransition: (t: Transition) => void = () => {}) {
    this.opts = {
      forMs: options.forMs,
      keepForMs: options.keepForMs,
      conflictPolicy: options.conflictPolicy ?? 'hold',
      sameTimeMs: options.sameTimeMs ?? 0,
      windowMs: options.windowMs ?? options.forMs + options.keepForMs,
    };
  }

  /** One observation by name (the convenient API). Unknown condition names throw. */
  observe(obs: Observation): void {
    const code = conditionCode(obs.condition);
    if (code === undefined) throw new Error(`unknown condition "${obs.condition}" for route ${obs.route}; expected healthy, degraded or down`);
    this.observeCode(obs.route, obs.at, code);
  }

  /** One observation with the condition as its code (the fast path the simulator uses). */
  observeCode(route: string, at: number, condition: ConditionCode): void {
    this.observations++;
    let slot = this.routes.get(route);
    if (!slot) {
      slot = { tracker: new RouteTracker(route), groupAt: at, groupWorst: condition, groupBest: condition, groupSources: 1, groupConflict: false, lastCondition: HEALTHY, failureTimes: [], statelessTimes: [], overLimit: false };
      this.routes.set(route, slot);
      return;
    }
    if (at < slot.groupAt) {
      this.outOfOrder++;
      return;
    }
    if (at - slot.groupAt <= this.opts.sameTimeMs) {
      if (condition !== slot.groupWorst || condition !== slot.groupBest) slot.groupConflict = true;
      if (condition > slot.groupWorst) slot.groupWorst = condition;
      if (condition < slot.groupBest) slot.groupBest = condition;
      slot.groupSources++;
      return;
    }
    this.closeGroup(slot);
    slot.groupAt = at;
    slot.groupWorst = condition;
    slot.groupBest = condition;
    slot.groupSources = 1;
    slot.groupConflict = false;
  }

  private closeGroup(slot: RouteSlot): void {
    this.evaluations++;
    if (slot.groupSources > 1) this.multiSource++;
    let condition: number;
    if (slot.groupConflict) {
      this.conflicting++;
      if (this.opts.conflictPolicy === 'hold') return;
      condition = this.opts.conflictPolicy === 'worst' ? slot.groupWorst : slot.groupBest;
    } else {
      condition = slot.groupWorst;
    }
    const at = slot.groupAt;
    if (slot.lastCondition === HEALTHY && condition !== HEALTHY) {
      this.statelessReports++;
      this.statelessMax = Math.max(this.statelessMax, pushInWindow(slot.statelessTimes, at, this.opts.windowMs));
    }
    slot.lastCondition = condition;
    const t = slot.tracker.observe(condition as ConditionCode, at, this.opts);
    if (!t) return;
    this.counts.transitions++;
    this.counts[t.kind]++;
    if (t.kind === 'failure') {
      const inWindow = pushInWindow(slot.failureTimes, at, this.opts.windowMs);
      if (inWindow > this.maxFailuresPerWindow) this.maxFailuresPerWindow = inWindow;
      if (inWindow > 1 && !slot.overLimit) {
        slot.overLimit = true;
        this.routesOverLimit++;
      }
    }
    this.onTransition(t);
  }

  /** Closes every open evaluation group; call once at the end of the timeline. */
  finish(): EvaluationSummary {
    for (const slot of this.routes.values()) {
      if (slot.groupSources > 0) this.closeGroup(slot);
      slot.groupSources = 0;
    }
    const rate = this.multiSource === 0 ? 0 : this.conflicting / this.multiSource;
    return {
      Routes: this.routes.size,
      Observations: this.observations,
      Evaluations: this.evaluations,
      MultiSourceEvaluations: this.multiSource,
      ConflictingEvaluations: this.conflicting,
      ConflictingSignalRate: rate,
      ConflictingSignalPercent: rate * 100,
      OutOfOrderObservations: this.outOfOrder,
      Transitions: this.counts.transitions,
      Failures: this.counts.failure,
      Escalations: this.counts.escalation,
      Improvements: this.counts.improvement,
      Recoveries: this.counts.recovery,
      MaxFailuresPerWindow: this.maxFailuresPerWindow,
      RoutesOverWindowLimit: this.routesOverLimit,
      StatelessFailureReports: this.statelessReports,
      StatelessMaxFailuresPerWindow: this.statelessMax,
      ForMs: this.opts.forMs,
      KeepForMs: this.opts.keepForMs,
      WindowMs: this.opts.windowMs,
      ConflictPolicy: this.opts.conflictPolicy,
    };
  }

  /** Current state of a route (for tests and reports). */
  stateOf(route: string): string | undefined {
    const slot = this.routes.get(route);
    return slot ? ['healthy', 'degraded', 'down', 'recovered'][slot.tracker.state] : undefined;
  }
}

/** Adds `at` to a route's recent times, drops those older than the window, returns how many remain. */
function pushInWindow(times: number[], at: number, windowMs: number): number {
  times.push(at);
  let drop = 0;
  // Strictly inside the window: two reports exactly windowMs apart are in different windows.
  while (drop < times.length && times[drop]! <= at - windowMs) drop++;
  if (drop > 0) times.splice(0, drop);
  return times.length;
}

export { DEGRADED, DOWN, HEALTHY };
