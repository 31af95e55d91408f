/**
 * A validating byte scanner for one NDJSON line that pulls out a few top-level fields without
 * building the object. It is deliberately one-sided: it only ever says "valid" for text that
 * `JSON.parse` also accepts (strict RFC 8259 grammar: string escapes, control characters, number
 * syntax, literals, nesting), and hands everything unusual back to `JSON.parse` — escapes in keys
 * or in selected string values, a selected field holding an object or array, a key that matches
 * a selected field only case-insensitively, deep nesting. Duplicate keys resolve as in
 * `JSON.parse`: the last one wins.
 */

/** What `scanLine` concluded. */
export const LineOutcome = {
  /** Blank (only JSON whitespace): skipped. */
  Blank: 0,
  /** A valid JSON object; selected fields are in the slots. */
  Object: 1,
  /** Let `JSON.parse` decide (malformed, or valid but unusual). */
  Defer: 2,
} as const;
export type LineOutcome = (typeof LineOutcome)[keyof typeof LineOutcome];

/** Kind of value in a field slot. */
export const SlotKind = {
  Absent: 0,
  String: 1,
  /** A string with backslash escapes; decode with JSON.parse. */
  EscapedString: 2,
  Number: 3,
  True: 4,
  False: 5,
  Null: 6,
} as const;
export type SlotKind = (typeof SlotKind)[keyof typeof SlotKind];

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MAX_DEPTH = 64;
const FAIL = -1;

const NEWLINE = 0x0a;

/**
 * Byte classes for the number grammar and whitespace. A newline is JSON whitespace too, but never
 * inside a line: here it ends the line (see `scanLine`), so it is not skipped as whitespace.
 */
function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d;
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

export class LineScanner {
  /** Per selected field: kind, and value start/end (string contents without quotes). */
  readonly kinds: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** After a `Blank` or `Object` outcome: where the line ended (its newline, or the scan's end). */
  lineEnd = 0;
  /** The slots the last line set, so the next line clears only those. */
  private readonly setSlots: Int32Array;
  private setCount = 0;
  /** Selected field names as bytes, grouped by length for the key lookup. */
  private readonly byLength: Array<Array<{ index: number; bytes: Uint8Array }> | null>;
  /** 1 at [length × 128 + (first byte | 0x20)] when some selected field could match. */
  private readonly firstBytes: Uint8Array;
  private buf: Uint8Array = new Uint8Array(0);
  /** The same bytes as a DataView, for word-at-a-time reads. */
  private view: DataView = new DataView(new ArrayBuffer(0));

  constructor(
    readonly fields: readonly string[],
    private readonly caseInsensitive: boolean,
  ) {
    this.kinds = new Uint8Array(fields.length);
    this.starts = new Int32Array(fields.length);
    this.ends = new Int32Array(fields.length);
    this.setSlots = new Int32Array(fields.length);
    // Dense (no holes), so the per-key lookup stays on V8's fast path.
    const longest = Math.max(0, ...fields.map((f) => new TextEncoder().encode(f).length));
    this.byLength = Array.from({ length: longest + 1 }, () => null);
    this.firstBytes = new Uint8Array((longest + 1) * 128);
    fields.forEach((name, index) => {
      const bytes = new TextEncoder().encode(name);
      (this.byLength[bytes.length] ??= []).push({ index, bytes });
      if (bytes.length > 0) this.firstBytes[bytes.length * 128 + ((bytes[0]! & 0x7f) | 0x20)] = 1;
    });
  }

  /**
   * Scan the line that starts at `buf[start]`: up to its newline or `end`, whichever comes first.
   * For `Blank` and `Object`, `lineEnd` is then the index of that newline (or `end`): the scanner
   * finds the line's end as it goes, so the caller need not search for it first. (A valid line
   * holds no raw newline: strings reject control bytes and the grammar does not skip newlines.)
   * After `Defer`, the caller finds the line's end itself and lets JSON.parse judge the line.
   */
  scanLine(buf: Uint8Array, start: number, end: number): LineOutcome {
    if (buf !== this.buf) this.setBuffer(buf);
    const kinds = this.kinds;
    const starts = this.starts;
    const ends = this.ends;
    const firstBytes = this.firstBytes;
    const firstByteRows = this.byLength.length;
    // Clear the slots the previous line set (usually a few of many): cheaper than clearing all.
    const setSlots = this.setSlots;
    for (let k = 0; k < this.setCount; k++) kinds[setSlots[k]!] = SlotKind.Absent;
    this.setCount = 0;
    let i = start;
    while (i < end && isWhitespace(buf[i]!)) i++;
    if (i === end || buf[i] === NEWLINE) {
      this.lineEnd = i;
      return LineOutcome.Blank;
    }
    if (buf[i] !== 0x7b) return LineOutcome.Defer;
    i++;
    while (i < end && isWhitespace(buf[i]!)) i++;
    if (i < end && buf[i] === 0x7d) {
      i++;
    } else {
      for (;;) {
        if (i >= end || buf[i] !== QUOTE) return LineOutcome.Defer;
        const keyStart = i + 1;
        // The key's closing quote. A key that stops on anything but a quote (an escape, a control
        // byte) is deferred. findStringStop is called, not written out here as it once was: the
        // steady speed is the same, but the smaller scanLine is optimized once, in 30–45 ms,
        // instead of twice (80–170 ms in all); until then each thread scans unoptimized.
        const keyEnd = this.findStringStop(keyStart, end);
        if (keyEnd >= end || buf[keyEnd] !== QUOTE) return LineOutcome.Defer;
        // Most keys are not selected: reject them on (length, case-folded first byte) here, without a call.
        const keyLength = keyEnd - keyStart;
        let slot = -1;
        if (keyLength < firstByteRows && firstBytes[keyLength * 128 + ((buf[keyStart]! & 0x7f) | 0x20)] === 1) {
          slot = this.lookupKey(keyStart, keyEnd);
          if (slot === -2) return LineOutcome.Defer;
        }
        i = keyEnd + 1;
        // Compact JSON (`"key":value,`) takes the first branch of each check; whitespace the loops.
        if (buf[i] !== 0x3a) {
          while (i < end && isWhitespace(buf[i]!)) i++;
          if (i >= end || buf[i] !== 0x3a) return LineOutcome.Defer;
        }
        i++;
        if (i < end && isWhitespace(buf[i]!)) while (i < end && isWhitespace(buf[i]!)) i++;
        if (i >= end) return LineOutcome.Defer;
        const c = buf[i]!;
        if (c === QUOTE) {
          // The value's closing quote; only a string with an escape goes on through skipString.
          let valueEnd = this.findStringStop(i + 1, end);
          if (valueEnd >= end) return LineOutcome.Defer;
          let kind: SlotKind = SlotKind.String;
          if (buf[valueEnd] !== QUOTE) {
            // An escape (or a raw control byte, which skipString rejects): validate the rest there.
            if (buf[valueEnd] !== BACKSLASH) return LineOutcome.Defer;
            valueEnd = this.skipString(valueEnd, end);
            if (valueEnd === FAIL) return LineOutcome.Defer;
            kind = SlotKind.EscapedString;
          }
          if (slot >= 0) {
            if (kinds[slot] === SlotKind.Absent) setSlots[this.setCount++] = slot;
            kinds[slot] = kind;
            starts[slot] = i + 1;
            ends[slot] = valueEnd;
          }
          i = valueEnd + 1;
        } else if (c === 0x7b || c === 0x5b) {
          // A selected field holding an object or array: let JSON.parse build it.
          if (slot >= 0) return LineOutcome.Defer;
          i = this.skipValue(i, end, 1);
          if (i === FAIL) return LineOutcome.Defer;
        } else {
          const valueStart = i;
          // Fast path for the commonest values, plain integers and fractions (`0`, `17`, `2.075`)
          // followed by `,` or `}`; anything else (sign, exponent, literals, errors) goes through
          // skipScalar, which also judges a `.` without digits after it.
          let j = i;
          if (c === 0x30) j = i + 1;
          else if (c >= 0x31 && c <= 0x39) {
            j = i + 1;
            while (j < end && isDigit(buf[j]!)) j++;
          }
          if (j > i && buf[j] === 0x2e) {
            let f = j + 1;
            while (f < end && isDigit(buf[f]!)) f++;
            j = f > j + 1 ? f : i;
          }
          const next = buf[j];
          if (j > i && j < end && (next === 0x2c || next === 0x7d)) i = j;
          else i = this.skipScalar(i, end);
          if (i === FAIL) return LineOutcome.Defer;
          if (slot >= 0) {
            if (kinds[slot] === SlotKind.Absent) setSlots[this.setCount++] = slot;
            kinds[slot] = c === 0x74 ? SlotKind.True : c === 0x66 ? SlotKind.False : c === 0x6e ? SlotKind.Null : SlotKind.Number;
            starts[slot] = valueStart;
            ends[slot] = i;
          }
        }
        if (i >= end) return LineOutcome.Defer;
        let sep = buf[i]!;
        if (sep !== 0x2c && sep !== 0x7d) {
          while (i < end && isWhitespace(buf[i]!)) i++;
          if (i >= end) return LineOutcome.Defer;
          sep = buf[i]!;
        }
        i++;
        if (sep === 0x2c) {
          if (buf[i] !== QUOTE) while (i < end && isWhitespace(buf[i]!)) i++;
          continue;
        }
        if (sep === 0x7d) break;
        return LineOutcome.Defer;
      }
    }
    while (i < end && isWhitespace(buf[i]!)) i++;
    if (i < end && buf[i] !== NEWLINE) return LineOutcome.Defer;
    this.lineEnd = i;
    return LineOutcome.Object;
  }

  private setBuffer(buf: Uint8Array): void {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /**
   * Index of the selected field this key names, -1 for none, -2 when it matches one only
   * case-insensitively (JSON.parse and the picker decide which key wins then).
   */
  private lookupKey(start: number, end: number): number {
    const length = end - start;
    if (length >= this.byLength.length) return -1;
    // Most keys are not selected: reject them on (length, case-folded first byte) alone.
    if (this.firstBytes[length * 128 + (this.buf[start]! & 0x7f | 0x20)] === 0) return -1;
    const candidates = this.byLength[length];
    if (candidates === null || candidates === undefined) return -1;
    const buf = this.buf;
    for (let c = 0; c < candidates.length; c++) {
      const { index, bytes } = candidates[c]!;
      let exact = true;
      let folded = true;
      for (let k = 0; k < bytes.length; k++) {
        const a = buf[start + k]!;
        const b = bytes[k]!;
        if (a === b) continue;
        exact = false;
        if (!this.caseInsensitive || (a | 0x20) !== (b | 0x20) || !isAsciiLetter(a) || !isAsciiLetter(b)) {
          folded = false;
          break;
        }
      }
      if (exact) return index;
      if (folded) return -2;
    }
    return -1;
  }

  /**
   * From inside a string (just after its opening quote, or at a backslash), the index of the
   * closing quote, validating escapes and rejecting raw control characters. `scanLine` runs the
   * plain-string scan (`findStringStop`) first and calls this only for strings with escapes;
   * nested values (`skipValue`) use it for every string.
   */
  private skipString(i: number, end: number): number {
    for (;;) {
      i = this.findStringStop(i, end);
      if (i >= end) return FAIL;
      const c = this.buf[i]!;
      if (c === QUOTE) return i;
      if (c !== BACKSLASH) return FAIL; // a raw control character
      i = this.skipEscape(i, end);
      if (i === FAIL) return FAIL;
    }
  }

  /**
   * The first `"`, `\\` or control byte at or after `i` (or an index ≥ `end`). Ordinary bytes are
   * the bulk: they are tested eight at a time with SWAR bit tricks on two unaligned 32-bit reads
   * (per byte, "< 0x20", "== 0x22" and "== 0x5c" set its high bit; `| 0` keeps the arithmetic in
   * wrapping int32). These tests have no false negatives and the lowest flagged byte is always a
   * true one, so its position is the exact stop. A byte loop finishes the last few bytes of a
   * line; the line's own newline (a control byte) stops it.
   */
  private findStringStop(i: number, end: number): number {
    const view = this.view;
    const stopAt = end - 8;
    while (i <= stopAt) {
      const x = view.getInt32(i, true);
      const qx = x ^ 0x22222222;
      const sx = x ^ 0x5c5c5c5c;
      const mx = ((((x - 0x20202020) | 0) & ~x) | (((qx - 0x01010101) | 0) & ~qx) | (((sx - 0x01010101) | 0) & ~sx)) & 0x80808080;
      if (mx !== 0) return i + ((31 - Math.clz32(mx & -mx)) >> 3);
      const y = view.getInt32(i + 4, true);
      const qy = y ^ 0x22222222;
      const sy = y ^ 0x5c5c5c5c;
      const my = ((((y - 0x20202020) | 0) & ~y) | (((qy - 0x01010101) | 0) & ~qy) | (((sy - 0x01010101) | 0) & ~sy)) & 0x80808080;
      if (my !== 0) return i + 4 + ((31 - Math.clz32(my & -my)) >> 3);
      i += 8;
    }
    const buf = this.buf;
    while (PLAIN_STRING_BYTE[buf[i]!] === 1) i++;
    return i;
  }

  /** A backslash escape at `i`; the index after it, or FAIL. */
  private skipEscape(i: number, end: number): number {
    const buf = this.buf;
    if (i + 1 >= end) return FAIL;
    const e = buf[i + 1]!;
    if (e === 0x75) {
      if (i + 5 >= end || !isHex(buf[i + 2]!) || !isHex(buf[i + 3]!) || !isHex(buf[i + 4]!) || !isHex(buf[i + 5]!)) return FAIL;
      return i + 6;
    }
    if (e === QUOTE || e === BACKSLASH || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) return i + 2;
    return FAIL;
  }

  /** A number or literal starting at `i`; returns the index after it. */
  private skipScalar(i: number, end: number): number {
    const c = this.buf[i]!;
    if (c === 0x74 || c === 0x66 || c === 0x6e) {
      // `true`, `null` and the first four bytes of `false` compared as one 32-bit word each.
      if (i + 4 > end) return FAIL;
      const word = this.view.getInt32(i, true);
      if (word === TRUE_WORD || word === NULL_WORD) return i + 4;
      return word === FALS_WORD && i + 5 <= end && this.buf[i + 4] === 0x65 ? i + 5 : FAIL;
    }
    return this.skipNumber(i, end);
  }

  /** A JSON number: `-?(0|[1-9][0-9]*)`, then an optional fraction and exponent (kept apart, being rarer). */
  private skipNumber(i: number, end: number): number {
    const buf = this.buf;
    if (buf[i] === 0x2d) i++;
    if (i >= end) return FAIL;
    if (buf[i] === 0x30) i++;
    else if (isDigit(buf[i]!)) while (i < end && isDigit(buf[i]!)) i++;
    else return FAIL;
    if (i < end && (buf[i] === 0x2e || buf[i] === 0x65 || buf[i] === 0x45)) return skipFractionAndExponent(buf, i, end);
    return i;
  }

  /** Any JSON value starting at `i` (not whitespace); returns the index after it. */
  private skipValue(i: number, end: number, depth: number): number {
    const buf = this.buf;
    const c = buf[i]!;
    if (c === QUOTE) {
      const close = this.skipString(i + 1, end);
      return close === FAIL ? FAIL : close + 1;
    }
    if (c !== 0x7b && c !== 0x5b) return this.skipScalar(i, end);
    if (depth > MAX_DEPTH) return FAIL;
    const isObject = c === 0x7b;
    const close = isObject ? 0x7d : 0x5d;
    i++;
    while (i < end && isWhitespace(buf[i]!)) i++;
    if (i < end && buf[i] === close) return i + 1;
    for (;;) {
      if (i >= end) return FAIL;
      if (isObject) {
        if (buf[i] !== QUOTE) return FAIL;
        const keyEnd = this.skipString(i + 1, end);
        if (keyEnd === FAIL) return FAIL;
        i = keyEnd + 1;
        while (i < end && isWhitespace(buf[i]!)) i++;
        if (i >= end || buf[i] !== 0x3a) return FAIL;
        i++;
        while (i < end && isWhitespace(buf[i]!)) i++;
        if (i >= end) return FAIL;
      }
      i = this.skipValue(i, end, depth + 1);
      if (i === FAIL) return FAIL;
      while (i < end && isWhitespace(buf[i]!)) i++;
      if (i >= end) return FAIL;
      const sep = buf[i]!;
      i++;
      if (sep === close) return i;
      if (sep !== 0x2c) return FAIL;
      while (i < end && isWhitespace(buf[i]!)) i++;
    }
  }

  /**
   * Like `value`, but plain strings of up to 64 bytes come from a small intern table, so the
   * EventName of every line costs no allocation (names repeat endlessly).
   */
  internedValue(slot: number): unknown {
    if (this.kinds[slot] !== SlotKind.String) return this.value(slot);
    return this.interner.get(this.buf, this.starts[slot]!, this.ends[slot]!);
  }

  private readonly interner = new StringInterner();

  /** The value of a selected field as JSON.parse would give it; `undefined` when absent. */
  value(slot: number): unknown {
    const kind = this.kinds[slot] as SlotKind;
    const start = this.starts[slot]!;
    const end = this.ends[slot]!;
    switch (kind) {
      case SlotKind.Absent:
        return undefined;
      case SlotKind.String:
        return decodeUtf8(this.buf, start, end);
      case SlotKind.EscapedString:
        return JSON.parse(decodeUtf8(this.buf, start - 1, end + 1)) as string;
      case SlotKind.Number:
        return parseNumber(this.buf, start, end);
      case SlotKind.True:
        return true;
      case SlotKind.False:
        return false;
      case SlotKind.Null:
        return null;
    }
  }
}

/** 1 for bytes that may appear unescaped inside a JSON string (everything but `"`, `\\` and 0x00–0x1F). */
const PLAIN_STRING_BYTE = new Uint8Array(256).map((_, b) => (b >= 0x20 && b !== QUOTE && b !== BACKSLASH ? 1 : 0));

/** Strings of up to 64 bytes by a cheap content key, verified byte for byte; longer ones are decoded each time. */
export class StringInterner {
  private readonly table = new Map<number, InternedString>();

  private buf: Uint8Array | undefined;
  private view: DataView = new DataView(new ArrayBuffer(0));

  get(buf: Uint8Array, start: number, end: number): string {
    const length = end - start;
    if (length > 64) return decodeUtf8(buf, start, end);
    let hash: number;
    if (length >= 4) {
      // Key on length and the first and last four bytes (two reads); comparing the bytes
      // afterwards makes collisions harmless.
      if (buf !== this.buf) {
        this.buf = buf;
        this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
      }
      hash = Math.imul(length, 0x9e3779b1) ^ this.view.getInt32(start, true) ^ Math.imul(this.view.getInt32(end - 4, true), 0x85ebca6b);
    } else {
      hash = length;
      for (let k = start; k < end; k++) hash = Math.imul(hash ^ buf[k]!, 16777619);
    }
    const entry = this.table.get(hash);
    if (entry !== undefined && entry.bytes.length === length && this.sameBytes(entry, buf, start, length)) return entry.text;
    const text = decodeUtf8(buf, start, end);
    if (this.table.size < 4096) {
      // A copy: Buffer#slice would be a view into the read buffer, which is overwritten.
      const bytes = Uint8Array.prototype.slice.call(buf, start, end);
      this.table.set(hash, { bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), text });
    }
    return text;
  }

  /** Whether `buf[start, start + length)` holds the entry's bytes: four at a time, the last four overlapping. */
  private sameBytes(entry: InternedString, buf: Uint8Array, start: number, length: number): boolean {
    if (length < 4) {
      for (let k = 0; k < length; k++) if (entry.bytes[k] !== buf[start + k]) return false;
      return true;
    }
    const view = this.view;
    const stored = entry.view;
    for (let k = 0; k < length - 4; k += 4) if (view.getInt32(start + k, true) !== stored.getInt32(k, true)) return false;
    return view.getInt32(start + length - 4, true) === stored.getInt32(length - 4, true);
  }
}

interface InternedString {
  bytes: Uint8Array;
  view: DataView;
  text: string;
}

/** The `.digits` and `e±digits` parts of a number starting at `i` (at `.`, `e` or `E`). */
function skipFractionAndExponent(buf: Uint8Array, i: number, end: number): number {
  if (buf[i] === 0x2e) {
    i++;
    if (i >= end || !isDigit(buf[i]!)) return FAIL;
    while (i < end && isDigit(buf[i]!)) i++;
  }
  if (i < end && (buf[i] === 0x65 || buf[i] === 0x45)) {
    i++;
    if (i < end && (buf[i] === 0x2b || buf[i] === 0x2d)) i++;
    if (i >= end || !isDigit(buf[i]!)) return FAIL;
    while (i < end && isDigit(buf[i]!)) i++;
  }
  return i;
}

/** `true`, `null` and `fals` as little-endian 32-bit words. */
const TRUE_WORD = 0x65757274;
const NULL_WORD = 0x6c6c756e;
const FALS_WORD = 0x736c6166;

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

// ignoreBOM: a U+FEFF inside the file is text (JSON.parse rejects it), not a mark to drop.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Text of `buf[start, end)`: ASCII directly, anything else through the UTF-8 decoder (U+FFFD for bad bytes, as the line decoder does). */
export function decodeUtf8(buf: Uint8Array, start: number, end: number): string {
  // Buffer's native slice decoders (same WHATWG replacement rules as TextDecoder, no BOM stripping).
  if (buf instanceof Buffer) return buf.toString('utf8', start, end);
  if (end - start <= 64) {
    let ascii = true;
    for (let k = start; k < end; k++) {
      if (buf[k]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[]);
  }
  return utf8.decode(buf.subarray(start, end));
}

/** A JSON number already validated by the grammar: small integers directly, the rest with Number(). */
function parseNumber(buf: Uint8Array, start: number, end: number): number {
  if (end - start <= 15) {
    let k = start;
    const negative = buf[k] === 0x2d;
    if (negative) k++;
    let value = 0;
    for (; k < end; k++) {
      const c = buf[k]!;
      if (c < 0x30 || c > 0x39) return Number(decodeUtf8(buf, start, end));
      value = value * 10 + (c - 0x30);
    }
    return negative ? (value === 0 ? -0 : -value) : value;
  }
  return Number(decodeUtf8(buf, start, end));
}
