/**
 * How one NDJSON line is prepared before it is judged, shared by the reference reader and the fast
 * scanner so both see exactly the same text (and report the same line numbers and reasons).
 */

/**
 * The line without its CR, a BOM at its start (files concatenated with `cat` carry one per file)
 * and surrounding whitespace; undefined for a blank line.
 */
export function normalizeLine(raw: string): string | undefined {
  let text = raw;
  if (text.length === 0) return undefined;
  if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const first = text.charCodeAt(0);
  // Trimming costs a copy; only lines that start with whitespace (or are empty) need it.
  if (text.length === 0 || first === 32 || first === 9 || first === 13) {
    text = text.trim();
    if (text.length === 0) return undefined;
  }
  return text;
}

/** `null`, `array`, `string`, … for "a JSON string, not an object" messages. */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
