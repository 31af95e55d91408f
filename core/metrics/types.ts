/**
 * Metric dictionary types. A metric is `Event.Field` (or a bare `Event`, whose samples are the
 * events themselves) with a unit and a kind; gates are validated against the dictionary before
 * anything runs, so a typo fails in milliseconds.
 */

/** Units a metric can be declared in. Durations convert between each other; the rest only to themselves. */
export type MetricUnit = 'ms' | 's' | 'm' | 'h' | '%' | 'ratio' | 'count' | 'bytes' | 'none';

/**
 * What kind of values a metric carries, which decides the statistics allowed on it:
 * - duration, gauge: numbers (all numeric statistics)
 * - count: non-negative integers (all numeric statistics)
 * - ratio: numbers in 0..1 or 0..100 depending on unit
 * - label: strings (count, distinct, streak, includes, ratio)
 * - flag: booleans (count, ratio)
 * - timestamp: ISO-8601 strings (count, age, min, max)
 * - event: the event itself, no field (count, age, ratio)
 */
export type MetricKind = 'duration' | 'count' | 'gauge' | 'ratio' | 'label' | 'flag' | 'timestamp' | 'event';

export interface MetricDefinition {
  /** `EventName.Field`, or `EventName` alone for the event itself. */
  name: string;
  unit: MetricUnit;
  kind: MetricKind;
  description?: string;
  /** Who declared it: a plugin name, `gate-file:<path>`, or `builtin`. */
  source?: string;
  /**
   * Other field names that carry the same value in older or other writers' events
   * (e.g. `DurationMs` beside `DurationSeconds`); read only when the main field is absent.
   */
  aliases?: string[];
}
