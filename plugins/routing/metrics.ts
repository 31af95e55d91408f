/**
 * Every event and field the routing plugin emits, with units, so gates on them validate.
 * Kept free of imports beyond types: the plugin index loads it at CLI start.
 */
import type { MetricDefinition, MetricKind, MetricUnit } from '../../core/metrics/types.js';

type Field = [name: string, kind: MetricKind, unit: MetricUnit, description: string];

const label = (name: string, description: string): Field => [name, 'label', 'none', description];
const count = (name: string, description: string): Field => [name, 'count', 'count', description];
const ms = (name: string, description: string): Field => [name, 'duration', 'ms', description];
const time = (name: string, description: string): Field => [name, 'timestamp', 'none', description];
const flag = (name: string, description: string): Field => [name, 'flag', 'none', description];

const EVENTS: Record<string, { description: string; fields: Field[] }> = {
  RouteStateTransition: {
    description: 'One per transition of a route state machine (healthy → degraded → down → recovered)',
    fields: [
      label('Route', 'Route key Site|Hostname|Vrf|Prefix/Len (or Site|Hostname|Vrf for snapshot timelines)'),
      label('Site', 'Site of the route'),
      label('Hostname', 'Device of the route'),
      label('Vrf', 'VRF of the route'),
      label('Prefix', 'Prefix/length (absent for snapshot timelines)'),
      label('From', 'State left: healthy | degraded | down | recovered'),
      label('To', 'State entered: degraded | down | recovered'),
      label('Kind', 'failure (healthy/recovered → degraded/down) | escalation | improvement | recovery'),
      time('ObservedAt', 'First observation of the condition that caused the transition'),
      time('DetectedAt', 'Observation at which the debounce was satisfied'),
      ms('DetectionLatencyMs', 'DetectedAt − ObservedAt'),
      ms('SincePreviousFailureMs', 'For failures: time since the route’s previous failure (absent for its first)'),
      label('RunbookUrl', 'Where an operator reads what to do about this transition'),
      label('Source', 'simulator | timeline | snapshots'),
      label('FaultKind', 'Simulator only: primary-failure | failover | flap | blip (absent: no injected fault, a false failure)'),
      time('InjectedAt', 'Simulator only: when the injected fault began'),
      ms('TimeToDetectMs', 'Simulator only: DetectedAt − InjectedAt, the end-to-end detection latency'),
    ],
  },
  RouteOutageSummary: {
    description: 'One per routing.evaluate / routing.simulate run: counts, conflicting-signal rate, window check',
    fields: [
      count('Routes', 'Routes observed'),
      count('Observations', 'Observations read'),
      count('Evaluations', 'Evaluations (observations of a route at one time, all sources together)'),
      count('MultiSourceEvaluations', 'Evaluations with two or more sources'),
      count('ConflictingEvaluations', 'Evaluations whose sources disagreed'),
      ['ConflictingSignalRate', 'ratio', 'ratio', 'ConflictingEvaluations ÷ MultiSourceEvaluations (0..1)'],
      ['ConflictingSignalPercent', 'ratio', '%', 'ConflictingSignalRate in percent'],
      count('OutOfOrderObservations', 'Observations older than the route’s last evaluation (ignored, counted)'),
      count('Transitions', 'Transition events emitted'),
      count('Failures', 'Transitions of kind failure'),
      count('Escalations', 'Transitions degraded → down'),
      count('Improvements', 'Transitions down → degraded'),
      count('Recoveries', 'Transitions to recovered'),
      count('MaxFailuresPerWindow', 'Most failures one route had reported within one debounce window'),
      count('RoutesOverWindowLimit', 'Routes reported down more than once within a debounce window'),
      count('StatelessFailureReports', 'Failures the original stateless per-snapshot rule would have reported'),
      count('StatelessMaxFailuresPerWindow', 'MaxFailuresPerWindow under the stateless rule'),
      count('TransitionsWithoutRunbook', 'Transition events emitted without a RunbookUrl'),
      ms('ForMs', 'Debounce before entering degraded/down'),
      ms('KeepForMs', 'Debounce before leaving degraded/down'),
      ms('WindowMs', 'Debounce window (ForMs + KeepForMs unless set)'),
      label('ConflictPolicy', 'hold | worst | best'),
      label('Source', 'simulator | timeline | snapshots'),
      count('InjectedFaults', 'Simulator: faults injected'),
      count('InjectedPrimaryFaults', 'Simulator: primary failures and failovers injected'),
      count('DetectedPrimaryFaults', 'Simulator: detectable primary faults that were detected'),
      count('MissedPrimaryFaults', 'Simulator: detectable primary faults never detected'),
      count('BlipsReported', 'Simulator: outages shorter than the debounce that were reported anyway'),
      count('FalseFailures', 'Simulator: failures with no injected fault behind them (noise)'),
      count('FlapRoutes', 'Simulator: routes given a flap schedule'),
      ms('DurationMs', 'Wall time of the evaluation'),
    ],
  },
  RoutingCaptureParsed: {
    description: 'One per host transcript parsed by routing.parse-capture',
    fields: [
      label('Site', 'Site (upper-case)'),
      label('Hostname', 'Host (upper-case)'),
      label('Vendor', 'CiscoIOSXE | AristaEOS | Juniper | PaloAlto'),
      label('Vrf', 'VRF of the capture'),
      label('Status', 'Pass | Fail'),
      count('RoutesParsedCount', 'Routes read from the transcript'),
      count('LinesParsedCount', 'Lines in the transcript'),
      count('LinesSkippedCount', 'Lines − routes (the original’s definition)'),
      count('UnreadableLineCount', 'Lines that looked like routes but could not be read'),
      count('RouteRecordCount', 'RouteRecords written'),
      count('VrfCount', 'VRF / routing-instance sections in the transcript'),
      ms('DurationMs', 'Parse + conversion time'),
    ],
  },
  RoutingSchemaValidation: {
    description: 'One per file validated against a routing schema',
    fields: [
      label('Schema', 'RouteRecords | RouteRecord | RouteHealthSnapshot'),
      label('File', 'File validated'),
      flag('Valid', 'True when the file satisfies the schema'),
      count('Items', 'Objects validated (records in an array)'),
      count('ErrorCount', 'Schema errors found'),
      label('Errors', 'The first schema errors'),
    ],
  },
  RoutingHealthSnapshot: {
    description: 'One per RouteHealthSnapshot produced by routing.snapshot',
    fields: [
      label('SnapshotId', 'RHS-<sha256>'),
      label('Site', 'Site'),
      label('Hostname', 'Host'),
      label('Vrf', 'VRF'),
      label('PrimaryRouteStatus', 'Up | Down | Degraded | Missing'),
      label('SecondaryRouteStatus', 'Up | Down | Standby | Missing'),
      label('HealthState', 'Healthy | Warning | Critical'),
      label('FailoverState', 'None | FailoverComplete'),
      ['HealthScore', 'ratio', 'ratio', '1.0 Healthy, 0.7 Warning, 0.0 Critical'],
      ms('DetectionLatencyMs', 'Newest − oldest record CapturedAt'),
      count('RouteRecordCount', 'Records in the snapshot'),
      count('PrimaryRecordCount', 'Primary records'),
      count('SecondaryRecordCount', 'Secondary records'),
    ],
  },
  RoutingDiff: {
    description: 'One per snapshot comparison by routing.diff',
    fields: [
      label('Site', 'Site'),
      label('Hostname', 'Host'),
      label('Vrf', 'VRF'),
      count('Added', 'RouteRecordIds only in the new snapshot'),
      count('Removed', 'RouteRecordIds only in the old snapshot'),
      count('Unchanged', 'RouteRecordIds in both'),
      count('ChangedRoutes', 'Routes (Vrf|Prefix/Len|Role) in both record files whose fields changed'),
      count('Warnings', 'Diff warnings (duplicates, records not found, …)'),
      flag('Enriched', 'True when both RouteRecord files were given'),
      label('OldHealthState', 'HealthState of the old snapshot'),
      label('NewHealthState', 'HealthState of the new snapshot'),
    ],
  },
};

export const ROUTING_METRICS: MetricDefinition[] = Object.entries(EVENTS).flatMap(([event, { description, fields }]) => [
  { name: event, unit: 'count', kind: 'event', description },
  ...fields.map(([field, kind, unit, desc]) => ({ name: `${event}.${field}`, unit, kind, description: desc })),
]);
