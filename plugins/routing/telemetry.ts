/** Builds the routing plugin's telemetry events (field names as declared in `metrics.ts`). */
import type { EventInput } from '../../core/plugin.js';
import type { EvaluationSummary } from './detector/evaluator.js';
import type { Transition } from './detector/state-machine.js';

export interface RouteLabels {
  Site?: string;
  Hostname?: string;
  Vrf?: string;
  Prefix?: string;
}

/** Default runbook link; `{to}` etc. are replaced per event (docs/routing.md has one section per state). */
export const DEFAULT_RUNBOOK_URL = 'docs/routing.md#runbook-{to}';

export function runbookLink(template: string, t: Transition, labels: RouteLabels): string {
  const values: Record<string, string> = {
    route: t.route,
    from: t.from,
    to: t.to,
    kind: t.kind,
    site: labels.Site ?? '',
    hostname: labels.Hostname ?? '',
    vrf: labels.Vrf ?? '',
    prefix: labels.Prefix ?? '',
  };
  return template.replace(/\{(route|from|to|kind|site|hostname|vrf|prefix)\}/g, (_, key: string) => encodeURIComponent(values[key] ?? ''));
}

/** Splits a route key `Site|Hostname|Vrf[|Prefix]` into labels. */
export function labelsOfRoute(route: string): RouteLabels {
  const [Site, Hostname, Vrf, Prefix] = route.split('|');
  return { Site, Hostname, Vrf, ...(Prefix !== undefined ? { Prefix } : {}) };
}

export function transitionEvent(t: Transition, labels: RouteLabels, runbookTemplate: string | undefined, source: string, extra: Record<string, unknown> = {}): EventInput {
  const detectedAt = new Date(t.detectedAt).toISOString();
  const event: EventInput = {
    EventName: 'RouteStateTransition',
    Timestamp: detectedAt,
    Route: t.route,
    ...labels,
    From: t.from,
    To: t.to,
    Kind: t.kind,
    ObservedAt: new Date(t.observedAt).toISOString(),
    DetectedAt: detectedAt,
    DetectionLatencyMs: t.latencyMs,
    ...(t.sincePreviousFailureMs !== undefined ? { SincePreviousFailureMs: t.sincePreviousFailureMs } : {}),
    ...(runbookTemplate ? { RunbookUrl: runbookLink(runbookTemplate, t, labels) } : {}),
    Source: source,
    ...extra,
  };
  return event;
}

export function summaryEvent(summary: EvaluationSummary & object, source: string, transitionsWithoutRunbook: number, durationMs: number): EventInput {
  return {
    EventName: 'RouteOutageSummary',
    ...summary,
    // Rates rounded for readers; the gate compares against thresholds far coarser than 1e-6.
    ConflictingSignalRate: round6(summary.ConflictingSignalRate),
    ConflictingSignalPercent: round6(summary.ConflictingSignalPercent),
    TransitionsWithoutRunbook: transitionsWithoutRunbook,
    Source: source,
    DurationMs: Math.round(durationMs * 1000) / 1000,
  };
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
