/**
 * The metric dictionary: every `Event.Field` a gate may name, with its unit and kind. Plugins register
 * theirs at start-up; gate files may declare more (`metrics:`) for custom telemetry. A gate naming a
 * metric that is neither is rejected before anything runs, with the closest known names as suggestions.
 */
import { closestMatches, editDistance, ErrorCode, StatetraceError, type SourceLocation } from '../errors.js';
import type { MetricDefinition, MetricKind, MetricUnit } from './types.js';

export const METRIC_UNITS: readonly MetricUnit[] = ['ms', 's', 'm', 'h', '%', 'ratio', 'count', 'bytes', 'none'];
export const METRIC_KINDS: readonly MetricKind[] = ['duration', 'count', 'gauge', 'ratio', 'label', 'flag', 'timestamp', 'event'];

export class MetricDictionary {
  private readonly byKey = new Map<string, MetricDefinition>();
  /** Event names (lower-case → first spelling) that have at least one field or an explicit definition. */
  private readonly events = new Map<string, string>();

  constructor(definitions: Iterable<MetricDefinition> = []) {
    for (const d of definitions) this.register(d);
  }

  /**
   * Add a definition. Registering the same definition twice is harmless (two plugins may share an
   * event); a different unit or kind for the same name is an error, because gates would silently
   * compare the wrong thing.
   */
  register(definition: MetricDefinition, location?: SourceLocation): void {
    const key = definition.name.toLowerCase();
    const existing = this.byKey.get(key);
    if (existing) {
      if (existing.unit !== definition.unit || existing.kind !== definition.kind) {
        throw new StatetraceError(
          location ? ErrorCode.GateInvalid : ErrorCode.PluginInvalid,
          `metric "${definition.name}" is declared twice with different meanings: ${describe(existing)} and ${describe(definition)}`,
          { location, hint: 'keep one declaration, or give the custom metric a different name' },
        );
      }
      return;
    }
    this.byKey.set(key, { ...definition });
    const eventName = definition.name.split('.')[0]!;
    if (!this.events.has(eventName.toLowerCase())) this.events.set(eventName.toLowerCase(), eventName);
  }

  registerAll(definitions: Iterable<MetricDefinition>, source?: string): void {
    for (const d of definitions) this.register(source && !d.source ? { ...d, source } : d);
  }

  /**
   * Look a metric up: `Event.Field` as declared (case-insensitive), or a bare `Event`, which is the
   * event itself (kind `event`, unit `count`) whenever any field of that event is known.
   */
  get(name: string): MetricDefinition | undefined {
    const found = this.byKey.get(name.toLowerCase());
    if (found) return found;
    if (!name.includes('.')) {
      const eventName = this.events.get(name.toLowerCase());
      if (eventName) return { name: eventName, unit: 'count', kind: 'event', source: this.sourceOfEvent(eventName) };
    }
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Like `get`, but an unknown name is an error listing the closest known names. */
  resolve(name: string, location?: SourceLocation): MetricDefinition {
    const found = this.get(name);
    if (found) return found;
    // Same event, misspelled field: suggest that event's fields first.
    const { event, field } = splitMetricName(name);
    const eventName = this.events.get(event.toLowerCase());
    const near = (input: string, candidates: string[]) => {
      // Keep only plausible typos (beyond the closest one), so the hint is not padded with noise.
      const ranked = closestMatches(input, candidates, 3);
      return ranked.filter((c, i) => i === 0 || editDistance(input, c) <= Math.max(2, Math.floor(input.length * 0.4)));
    };
    const suggestions =
      eventName && field !== undefined ? near(field, this.fieldsOf(eventName)).map((f) => `${eventName}.${f}`) : near(name, this.names());
    throw new StatetraceError(ErrorCode.UnknownMetric, `unknown metric "${name}"`, {
      location,
      hint:
        (suggestions.length ? `did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}? ` : '') +
        'Metrics come from plugins (`statetrace list metrics`); declare custom ones under `metrics:` in the gate file.',
    });
  }

  /** Every known name, including bare event names, sorted. */
  names(): string[] {
    const all = new Set<string>([...this.byKey.values()].map((d) => d.name));
    for (const e of this.events.values()) all.add(e);
    return [...all].sort(byteCompare);
  }

  /** Every explicit definition, sorted by name. */
  definitions(): MetricDefinition[] {
    return [...this.byKey.values()].sort((a, b) => byteCompare(a.name, b.name));
  }

  /** Fields known for an event (for suggestions in `where`/`per` errors). */
  fieldsOf(eventName: string): string[] {
    const prefix = `${eventName.toLowerCase()}.`;
    return [...this.byKey.values()].filter((d) => d.name.toLowerCase().startsWith(prefix)).map((d) => d.name.slice(prefix.length)).sort(byteCompare);
  }

  /** A copy that can take more declarations (e.g. one gate file's `metrics:`) without touching this one. */
  clone(): MetricDictionary {
    const copy = new MetricDictionary();
    for (const d of this.byKey.values()) copy.register(d);
    return copy;
  }

  private sourceOfEvent(eventName: string): string | undefined {
    const prefix = `${eventName.toLowerCase()}.`;
    for (const d of this.byKey.values()) if (d.name.toLowerCase().startsWith(prefix) || d.name.toLowerCase() === eventName.toLowerCase()) return d.source;
    return undefined;
  }
}

function describe(d: MetricDefinition): string {
  return `${d.kind} in ${d.unit}${d.source ? ` (from ${d.source})` : ''}`;
}

function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Split `Event.Field` (the field may itself contain no dots; only the first dot separates). */
export function splitMetricName(name: string): { event: string; field?: string } {
  const dot = name.indexOf('.');
  return dot < 0 ? { event: name } : { event: name.slice(0, dot), field: name.slice(dot + 1) };
}
