/**
 * Records of one range in a compact, transferable form, for the trip from a worker to the main
 * thread: one kind byte and one float per (record, field), strings deduplicated into a small
 * table (names, sites and statuses repeat endlessly), and anything else (an array or object a
 * deferred line may hold) passed as it is. The scanner writes fields straight into it (no object
 * per record in the worker), the two typed arrays are transferred rather than copied, and the
 * main thread builds each record once — far cheaper than serialising records as JSON and parsing
 * them again. Exact: numbers travel as float64 (even -0), strings and other values unchanged.
 */
export interface PackedRecords {
  fields: readonly string[];
  count: number;
  /** Per (record, field), record-major: one of `PackedKind`. */
  kinds: Uint8Array;
  /** Per (record, field): the number, or the index into `strings` / `others`. */
  values: Float64Array;
  strings: string[];
  others: unknown[];
  /** Records delivered whole (`deferredLines: 'whole'`), by record index. */
  wholes: Array<[number, Record<string, unknown>]>;
}

export const PackedKind = { Absent: 0, String: 1, Number: 2, True: 3, False: 4, Null: 5, Other: 6 } as const;
export type PackedKind = (typeof PackedKind)[keyof typeof PackedKind];

export class PackedRecordsBuilder {
  private kinds = new Uint8Array(4096);
  private values = new Float64Array(4096);
  private used = 0;
  private count = 0;
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  private readonly others: unknown[] = [];
  private readonly wholes: Array<[number, Record<string, unknown>]> = [];

  constructor(readonly fields: readonly string[]) {}

  /** Start a record with every field absent; returns the cell of its first field. */
  beginRecord(): number {
    const width = this.fields.length;
    if (this.used + width > this.kinds.length) {
      const size = Math.max(this.kinds.length * 2, this.used + width);
      const kinds = new Uint8Array(size);
      kinds.set(this.kinds.subarray(0, this.used));
      const values = new Float64Array(size);
      values.set(this.values.subarray(0, this.used));
      this.kinds = kinds;
      this.values = values;
    }
    const at = this.used;
    this.used += width;
    this.count++;
    return at;
  }

  setString(cell: number, value: string): void {
    let index = this.stringIndex.get(value);
    if (index === undefined) {
      index = this.strings.push(value) - 1;
      this.stringIndex.set(value, index);
    }
    this.kinds[cell] = PackedKind.String;
    this.values[cell] = index;
  }

  setNumber(cell: number, value: number): void {
    this.kinds[cell] = PackedKind.Number;
    this.values[cell] = value;
  }

  /** `true`, `false` or `null`. */
  setLiteral(cell: number, kind: typeof PackedKind.True | typeof PackedKind.False | typeof PackedKind.Null): void {
    this.kinds[cell] = kind;
  }

  /** Any JSON value. */
  setValue(cell: number, value: unknown): void {
    if (typeof value === 'string') this.setString(cell, value);
    else if (typeof value === 'number') this.setNumber(cell, value);
    else if (value === true) this.kinds[cell] = PackedKind.True;
    else if (value === false) this.kinds[cell] = PackedKind.False;
    else if (value === null) this.kinds[cell] = PackedKind.Null;
    else if (value !== undefined) {
      this.kinds[cell] = PackedKind.Other;
      this.values[cell] = this.others.push(value) - 1;
    }
  }

  /** A record object whose keys are among `fields` (JSON values only: undefined means absent). */
  addRecord(record: Record<string, unknown>): void {
    const at = this.beginRecord();
    for (let f = 0; f < this.fields.length; f++) this.setValue(at + f, record[this.fields[f]!]);
  }

  /** A record that travels as it is, every field of it (rare: lines JSON.parse judged). */
  addWholeRecord(record: Record<string, unknown>): void {
    this.beginRecord();
    this.wholes.push([this.count - 1, record]);
  }

  finish(): PackedRecords {
    // Views on the builder's arrays: posting transfers the whole buffers, no copy.
    return {
      fields: this.fields,
      count: this.count,
      kinds: this.kinds.subarray(0, this.used),
      values: this.values.subarray(0, this.used),
      strings: this.strings,
      others: this.others,
      wholes: this.wholes,
    };
  }
}

/** Records built as objects (the plain path), packed; `whole`: they travel with every field. */
export function packRecords(records: ReadonlyArray<Record<string, unknown>>, fields: readonly string[], whole = false): PackedRecords {
  const builder = new PackedRecordsBuilder(fields);
  for (const record of records) {
    if (whole) builder.addWholeRecord(record);
    else builder.addRecord(record);
  }
  return builder.finish();
}

/** The records again, each with its fields in selection order. */
export function unpackRecords(packed: PackedRecords): Array<Record<string, unknown>> {
  const { fields, count, kinds, values, strings, others, wholes } = packed;
  const width = fields.length;
  const records = new Array<Record<string, unknown>>(count);
  for (let r = 0; r < count; r++) {
    const record: Record<string, unknown> = {};
    const base = r * width;
    for (let f = 0; f < width; f++) {
      const kind = kinds[base + f]!;
      if (kind === PackedKind.Absent) continue;
      const value = values[base + f]!;
      record[fields[f]!] =
        kind === PackedKind.String
          ? strings[value]
          : kind === PackedKind.Number
            ? value
            : kind === PackedKind.True
              ? true
              : kind === PackedKind.False
                ? false
                : kind === PackedKind.Null
                  ? null
                  : others[value];
    }
    records[r] = record;
  }
  for (const [index, record] of wholes) records[index] = record;
  return records;
}
