/**
 * Field selection on an already parsed record — the rule the fast scanner must agree with.
 * With `caseInsensitive` (PowerShell property lookup), a field matches any key equal to it after
 * ASCII lower-casing; an exact-case key wins, otherwise the last matching key in key order.
 */
export interface FieldSelection {
  /** Canonical field names, e.g. `EventName`, `Site`. */
  fields: readonly string[];
  caseInsensitive: boolean;
}

export function asciiLower(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : text[i];
  }
  return out;
}

/** A picker for one selection: returns a new object holding only the selected fields that exist. */
export function createPicker(selection: FieldSelection): (record: Record<string, unknown>) => Record<string, unknown> {
  const { fields, caseInsensitive } = selection;
  const byLower = new Map<string, string>();
  for (const f of fields) byLower.set(asciiLower(f), f);
  // Keys repeat across records; remember what each spelling maps to (null: not selected).
  const canonicalOf = new Map<string, string | null>();
  return (record) => {
    const picked: Record<string, unknown> = {};
    if (!caseInsensitive) {
      for (const f of fields) if (Object.prototype.hasOwnProperty.call(record, f)) picked[f] = record[f];
      return picked;
    }
    for (const key of Object.keys(record)) {
      let canonical = canonicalOf.get(key);
      if (canonical === undefined) {
        canonical = byLower.get(asciiLower(key)) ?? null;
        if (canonicalOf.size < 10_000) canonicalOf.set(key, canonical);
      }
      if (canonical === null) continue;
      // An exact-case key wins over case variants wherever it appears.
      if (key === canonical || !Object.prototype.hasOwnProperty.call(record, canonical)) picked[canonical] = record[key];
    }
    return picked;
  };
}

/**
 * Whether a record with this EventName is wanted. A string name is matched exactly, or trimmed and
 * ASCII-lower-cased when `caseInsensitive` (PowerShell rules); in that mode a name that is an array
 * or an object is delivered too, because PowerShell's `'' + value` may turn it into a wanted name
 * (the consumer applies its own conversion). Other non-string names are never wanted.
 */
export function createNameFilter(eventNames: ReadonlySet<string>, caseInsensitive: boolean): (name: unknown) => boolean {
  const wanted = new Set([...eventNames].map((n) => (caseInsensitive ? asciiLower(n.trim()) : n)));
  // Names repeat on every line: remember each spelling's verdict instead of folding it again.
  const verdicts = new Map<string, boolean>();
  return (name) => {
    if (typeof name !== 'string') return caseInsensitive && typeof name === 'object' && name !== null;
    let verdict = verdicts.get(name);
    if (verdict === undefined) {
      verdict = wanted.has(caseInsensitive ? asciiLower(name.trim()) : name);
      if (verdicts.size < 10_000) verdicts.set(name, verdict);
    }
    return verdict;
  };
}
