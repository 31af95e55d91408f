/**
 * Metric definitions of the original StateTrace telemetry, derived from the catalogue by the naming
 * convention of its event contract (§1.2: units are encoded in field-name suffixes):
 *
 * | field name / observed type                          | kind      | unit  |
 * |-----------------------------------------------------|-----------|-------|
 * | boolean                                             | flag      | none  |
 * | `DurationSeconds`                                   | duration  | s     |
 * | `DurationMinutes`                                   | duration  | m     |
 * | `…Ms` (number)                                      | duration  | ms    |
 * | `…Percent` (`ImprovementPercent`: gauge, may be < 0) | ratio     | %     |
 * | `…Ratio`                                            | ratio     | ratio |
 * | `…Bytes`                                            | gauge     | bytes |
 * | `…MB`                                               | gauge     | none  |
 * | identifiers (`…Id`, `…HashCode`, `CallerLine`)      | label     | none  |
 * | other numbers (`…Count`, `Rows`, `QueuedSites`, …)  | count     | count |
 * | time strings (`StartTime`, `RunDate`, `…Utc`, `…At`) | timestamp | none  |
 * | other strings, lists, objects (`Site`, `Action`, …)  | label     | none  |
 *
 * Every event is also a metric by itself (`ParseDuration` = the events; `count`, `age`, `ratio`).
 */
import type { MetricDefinition, MetricKind, MetricUnit } from '../../core/metrics/types.js';
import { STATETRACE_EVENTS, type EventFields } from './catalogue.js';

/** Exceptions to the naming rule: a change in percent can be negative or exceed 100, so it is a gauge. */
const OVERRIDES: Record<string, { kind: MetricKind; unit: MetricUnit }> = {
  ImprovementPercent: { kind: 'gauge', unit: '%' },
};

const IDENTIFIER = /(Id|HashCode|CallerLine|Port1|Port2)$/;
const TIME_STRING = /^(StartTime|RunDate|TimestampUtc|LastIngestedUtc|ChangeDetectedAt)$|CachedAt$/;

export function inferMetric(field: string, type: keyof EventFields): { kind: MetricKind; unit: MetricUnit } {
  const override = OVERRIDES[field];
  if (override) return override;
  if (type === 'b') return { kind: 'flag', unit: 'none' };
  if (type === 'n') {
    if (field.endsWith('DurationSeconds')) return { kind: 'duration', unit: 's' };
    if (field.endsWith('DurationMinutes')) return { kind: 'duration', unit: 'm' };
    if (field.endsWith('Ms')) return { kind: 'duration', unit: 'ms' };
    if (field.endsWith('Percent')) return { kind: 'ratio', unit: '%' };
    if (field.endsWith('Ratio')) return { kind: 'ratio', unit: 'ratio' };
    if (field.endsWith('Bytes')) return { kind: 'gauge', unit: 'bytes' };
    if (field.endsWith('MB')) return { kind: 'gauge', unit: 'none' };
    if (IDENTIFIER.test(field)) return { kind: 'label', unit: 'none' };
    return { kind: 'count', unit: 'count' };
  }
  if (type === 's' && TIME_STRING.test(field)) return { kind: 'timestamp', unit: 'none' };
  return { kind: 'label', unit: 'none' };
}

export function statetraceMetrics(): MetricDefinition[] {
  const out: MetricDefinition[] = [];
  for (const [event, groups] of Object.entries(STATETRACE_EVENTS)) {
    for (const type of ['n', 's', 'b', 'o'] as const) {
      for (const field of (groups[type] ?? '').split(' ').filter(Boolean)) {
        out.push({ name: `${event}.${field}`, ...inferMetric(field, type), source: 'statetrace' });
      }
    }
  }
  return out;
}
