/**
 * Sample collection: read the telemetry once and keep, for each gate, only what its statistics need —
 * the metric's value per matching event, its group, its time and its position. Filters (`where`, the
 * `{…}` filters of ratio operands, `streakReset`) are applied here, so evaluation works on plain values.
 */
import type { RecordLocation, ReadTelemetry, TelemetryRecord } from '../telemetry/types.js';
import type { TelemetrySummary } from '../types.js';
import { getField, matchesFilter } from './filter.js';
import { partKey, type CompiledSource, type Gate, type GateSamples, type Sample, type SampleIndex } from './types.js';

/** Who wants events of one name: a gate's main metric or one ratio operand source. */
interface Consumer {
  target: Sample[];
  gate: Gate;
  field?: string;
  /** A timestamp metric: its own value is the sample's time. */
  timeFromValue: boolean;
  filters: Array<Gate['where']>;
  streakReset?: Gate['streakReset'];
  /** Field names read when `field` is absent (the metric's `aliases`); main metric only. */
  aliases?: readonly string[];
}

/** Builds a SampleIndex from records; feed it records in telemetry order. */
export class SampleCollector {
  private readonly byEvent = new Map<string, { consumers: Consumer[]; spellings: Set<string> }>();
  private readonly index: SampleIndex = { gates: new Map(), recordsRead: 0 };
  private order = 0;

  constructor(gates: readonly Gate[]) {
    for (const gate of gates) {
      const entry: GateSamples = { main: [], parts: {} };
      this.index.gates.set(gate.key, entry);
      if (gate.level === 'off') continue;
      this.add(gate.event, {
        target: entry.main,
        gate,
        ...(gate.field ? { field: gate.field } : {}),
        timeFromValue: gate.metric.kind === 'timestamp',
        filters: [gate.where],
        ...(gate.streakReset ? { streakReset: gate.streakReset } : {}),
        ...(gate.metric.aliases?.length ? { aliases: gate.metric.aliases } : {}),
      });
      gate.expectations.forEach((expectation, e) => {
        if (!expectation.ratio) return;
        for (const side of ['n', 'd'] as const) {
          const selector = side === 'n' ? expectation.ratio.numerator : expectation.ratio.denominator;
          selector.sources.forEach((source: CompiledSource, s) => {
            const target: Sample[] = [];
            entry.parts[partKey(e, side, s)] = target;
            this.add(source.event, {
              target,
              gate,
              ...(source.field ? { field: source.field } : {}),
              timeFromValue: false,
              filters: [source.inheritsWhere ? gate.where : undefined, source.filter],
            });
          });
        }
      });
    }
  }

  private add(event: string, consumer: Consumer): void {
    const key = event.toLowerCase();
    const entry = this.byEvent.get(key);
    if (entry) {
      entry.consumers.push(consumer);
      entry.spellings.add(event);
    } else this.byEvent.set(key, { consumers: [consumer], spellings: new Set([event]) });
  }

  /**
   * Every top-level field the gates read from an event (metric fields and their aliases, `per`,
   * the fields of `where`, `streakReset` and operand filters), plus `EventName` and `Timestamp`:
   * a reader may deliver records holding only these.
   */
  fields(): string[] {
    const fields = new Set(['EventName', 'Timestamp']);
    const addFilter = (filter: Gate['where']): void => {
      for (const condition of filter?.conditions ?? []) fields.add(condition.field);
    };
    for (const entry of this.byEvent.values()) {
      for (const c of entry.consumers) {
        if (c.field !== undefined) fields.add(c.field);
        for (const alias of c.aliases ?? []) fields.add(alias);
        if (c.gate.per) fields.add(c.gate.per);
        c.filters.forEach(addFilter);
        addFilter(c.streakReset);
      }
    }
    return [...fields];
  }

  /** Event names the gates need (for the reader's prefilter), as the dictionary spells them. */
  eventNames(): Set<string> {
    const names = new Set<string>();
    for (const entry of this.byEvent.values()) for (const name of entry.spellings) names.add(name);
    return names;
  }

  /** Offer one record (any record; those without a wanted EventName are ignored). */
  addRecord(record: TelemetryRecord): void {
    const name = record.EventName;
    if (typeof name !== 'string') return;
    const consumers = this.byEvent.get(name.toLowerCase())?.consumers;
    if (!consumers) return;
    this.index.recordsRead++;
    const order = this.order++;
    const timestamp = typeof record.Timestamp === 'string' ? Date.parse(record.Timestamp) : NaN;
    for (const c of consumers) {
      if (!c.filters.every((f) => matchesFilter(f, record))) continue;
      let value: unknown;
      if (c.field === undefined) value = 1;
      else {
        value = getField(record, c.field);
        if ((value === undefined || value === null) && c.aliases) {
          for (const alias of c.aliases) {
            value = getField(record, alias);
            if (value !== undefined && value !== null) break;
          }
        }
        if (value === undefined || value === null) continue;
      }
      const sample: Sample = { value, order };
      if (c.gate.per) {
        const g = getField(record, c.gate.per);
        sample.group = g === undefined || g === null || String(g).trim() === '' ? '(none)' : String(g).trim();
      }
      const time = c.timeFromValue && typeof value === 'string' ? Date.parse(value) : timestamp;
      if (Number.isFinite(time)) sample.time = time;
      if (c.streakReset && matchesFilter(c.streakReset, record)) sample.reset = true;
      c.target.push(sample);
    }
  }

  result(): SampleIndex {
    return this.index;
  }
}

/**
 * Read `telemetryFiles` once through `readTelemetry` (only the event names the gates need) and return
 * the samples of every gate, plus the reader's summary (counts, malformed lines).
 */
export async function collectSamples(
  gates: readonly Gate[],
  telemetryFiles: readonly string[],
  options: { readTelemetry: ReadTelemetry; signal?: AbortSignal },
): Promise<{ samples: SampleIndex; telemetry: TelemetrySummary }> {
  const collector = new SampleCollector(gates);
  const telemetry = await options.readTelemetry([...telemetryFiles], {
    eventNames: collector.eventNames(),
    fields: collector.fields(),
    onRecord: (record: TelemetryRecord, _location: RecordLocation) => collector.addRecord(record),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { samples: collector.result(), telemetry };
}

/** Collect from records already in memory (tests, steps that hold events). */
export function collectSamplesFromRecords(gates: readonly Gate[], records: Iterable<TelemetryRecord>): SampleIndex {
  const collector = new SampleCollector(gates);
  for (const r of records) collector.addRecord(r);
  return collector.result();
}
