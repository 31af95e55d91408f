/**
 * The per-route outage state machine the original planned ("detect and explain primary route outages
 * within 60 seconds") but never built: healthy → degraded → down → recovered, debounced the way
 * Prometheus debounces alerts (PEERS §3):
 *
 * - `for`: a degraded or down condition must be observed at every evaluation for `forMs` before the
 *   route enters that state (Prometheus `for:`, the pending period);
 * - `keepFor`: once degraded or down, the healthy condition must hold for `keepForMs` before the route
 *   leaves to `recovered` (Prometheus `keep_firing_for:`), which is what stops a flapping route from
 *   being reported down at every flap.
 *
 * Conditions come from observations: `healthy` (primary up), `degraded` (primary down, secondary
 * carrying traffic: the health rules' Warning/FailoverComplete), `down` (no usable route: Critical).
 * `recovered` is the healthy state of a route that has failed before; a route stays `recovered` until
 * its next failure. Time only moves with observations: a route nobody reports on keeps its state.
 */

/** Observed conditions and states as small integers: the evaluator runs millions of observations. */
export const HEALTHY = 0;
export const DEGRADED = 1;
export const DOWN = 2;
export const RECOVERED = 3;
export type ConditionCode = typeof HEALTHY | typeof DEGRADED | typeof DOWN;
export type StateCode = ConditionCode | typeof RECOVERED;

export type Condition = 'healthy' | 'degraded' | 'down';
export type RouteHealth = Condition | 'recovered';
export const CONDITION_NAMES: readonly Condition[] = ['healthy', 'degraded', 'down'];
export const STATE_NAMES: readonly RouteHealth[] = ['healthy', 'degraded', 'down', 'recovered'];

export function conditionCode(name: string): ConditionCode | undefined {
  const i = CONDITION_NAMES.indexOf(name as Condition);
  return i < 0 ? undefined : (i as ConditionCode);
}

/**
 * failure: healthy/recovered → degraded/down (a primary route failure, what detection latency is about);
 * escalation: degraded → down; improvement: down → degraded; recovery: degraded/down → recovered.
 */
export type TransitionKind = 'failure' | 'escalation' | 'improvement' | 'recovery';

export interface Transition {
  route: string;
  from: RouteHealth;
  to: RouteHealth;
  kind: TransitionKind;
  /** First observation of the condition that led to the transition (start of the pending period), epoch ms. */
  observedAt: number;
  /** Observation at which the debounce was satisfied and the transition fired, epoch ms. */
  detectedAt: number;
  /** detectedAt − observedAt. */
  latencyMs: number;
  /** For failures: time since this route's previous failure was detected; undefined for its first. */
  sincePreviousFailureMs?: number;
}

export interface DebounceOptions {
  /** Hold before entering degraded or down (Prometheus `for`). */
  forMs: number;
  /** Hold of the healthy condition before leaving degraded or down (Prometheus `keep_firing_for`). */
  keepForMs: number;
}

/** One route's machine. Plain fields, no allocation per observation. */
export class RouteTracker {
  state: StateCode = HEALTHY;
  /** Condition waiting out its debounce, or -1 when none. */
  pending = -1;
  pendingSince = 0;
  lastFailureAt = Number.NaN;

  constructor(readonly route: string) {}

  /** Feeds one (already conflict-resolved) observation; returns the transition it completes, if any. */
  observe(condition: ConditionCode, at: number, options: DebounceOptions): Transition | undefined {
    const current = this.state === RECOVERED ? HEALTHY : this.state;
    if (condition === current) {
      this.pending = -1;
      return undefined;
    }
    // From a healthy state, degraded and down are the same evidence ("not healthy"): switching between
    // them does not restart the pending period; the transition goes to the latest one observed.
    const sameEvidence = this.pending === condition || (current === HEALTHY && this.pending > HEALTHY && condition > HEALTHY);
    if (!sameEvidence) this.pendingSince = at;
    this.pending = condition;
    const hold = condition === HEALTHY ? options.keepForMs : options.forMs;
    if (at - this.pendingSince < hold) return undefined;
    return this.fire(condition, at);
  }

  private fire(condition: ConditionCode, at: number): Transition {
    const from = this.state;
    const to: StateCode = condition === HEALTHY ? RECOVERED : condition;
    const kind: TransitionKind = to === RECOVERED ? 'recovery' : from === HEALTHY || from === RECOVERED ? 'failure' : to === DOWN ? 'escalation' : 'improvement';
    const transition: Transition = {
      route: this.route,
      from: STATE_NAMES[from]!,
      to: STATE_NAMES[to]!,
      kind,
      observedAt: this.pendingSince,
      detectedAt: at,
      latencyMs: at - this.pendingSince,
    };
    if (kind === 'failure') {
      if (!Number.isNaN(this.lastFailureAt)) transition.sincePreviousFailureMs = at - this.lastFailureAt;
      this.lastFailureAt = at;
    }
    this.state = to;
    this.pending = -1;
    return transition;
  }
}
