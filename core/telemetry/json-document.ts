/**
 * Streaming splitter for telemetry files that are one JSON document rather than NDJSON: a
 * (pretty-printed or compact) array of records, as the original's `yyyyMMdd.json` scheduler
 * snapshots and `WarmRunTelemetry-*.json` are, or a single multi-line object (a summary file).
 *
 * It does not parse: it tracks strings and bracket depth to find where each array element (or the
 * whole object) begins and ends, hands that text with its starting line to the caller, and lets
 * `JSON.parse` judge it. Memory is bounded by the largest element, not the file. One bad element
 * is reported at its line and the next one is read normally.
 */

export type JsonDocumentKind = 'array' | 'object';

export interface JsonDocumentSink {
  /** The text of one array element (or the whole object), starting on `line`. */
  value(text: string, line: number): void;
  /** A structural problem the splitter can see itself (trailing comma, truncated file, …). */
  problem(line: number, reason: string, excerpt: string): void;
}

const NEWLINE = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_SQUARE = 91;
const CLOSE_SQUARE = 93;
const OPEN_CURLY = 123;
const CLOSE_CURLY = 125;

function isJsonWhitespace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff;
}

export class JsonDocumentSplitter {
  /** Line of the character being looked at (1-based). */
  line: number;
  /** True once the top-level value has closed; `feed` then returns where the rest of the text starts. */
  done = false;

  private started = false;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private collecting = false;
  private parts: string[] = [];
  private elementLine = 0;
  private commaPending = false;

  constructor(
    private readonly kind: JsonDocumentKind,
    startLine: number,
    private readonly sink: JsonDocumentSink,
  ) {
    this.line = startLine;
  }

  /**
   * Consume text. Returns -1 while the document goes on, or, once it has ended, the index in `text`
   * just after its closing bracket (the caller reads whatever follows as NDJSON).
   */
  feed(text: string): number {
    let collectFrom = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) this.line++;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (!this.started) {
        if (isJsonWhitespace(c)) continue;
        this.started = true;
        this.depth = 1;
        if (this.kind === 'object') {
          this.collecting = true;
          this.elementLine = this.line;
          collectFrom = i;
        }
        continue;
      }
      if (this.kind === 'array' && this.depth === 1 && !this.collecting) {
        if (isJsonWhitespace(c)) continue;
        if (c === COMMA) {
          if (this.commaPending) this.sink.problem(this.line, 'empty array element (two commas in a row)', ',,');
          this.commaPending = true;
          continue;
        }
        if (c === CLOSE_SQUARE || c === CLOSE_CURLY) {
          if (this.commaPending) this.sink.problem(this.line, "trailing comma before the array's closing ']'", ',]');
          if (c === CLOSE_CURLY) this.sink.problem(this.line, "unexpected '}' closing the top-level array", '}');
          return this.finish(i + 1);
        }
        // An element starts here.
        this.collecting = true;
        this.commaPending = false;
        this.elementLine = this.line;
        collectFrom = i;
        // fall through: the element's first character may open a string or a bracket
      }
      if (c === QUOTE) {
        this.inString = true;
      } else if (c === OPEN_CURLY || c === OPEN_SQUARE) {
        this.depth++;
      } else if (c === CLOSE_CURLY || c === CLOSE_SQUARE) {
        this.depth--;
        if (this.kind === 'object' && this.depth === 0) {
          this.parts.push(text.slice(collectFrom, i + 1));
          this.emit();
          return this.finish(i + 1);
        }
        if (this.kind === 'array' && this.depth === 0) {
          // `]` right after a scalar element, e.g. `[1, 2]`: the element ends before it.
          this.parts.push(text.slice(collectFrom, i));
          this.emit();
          return this.finish(i + 1);
        }
      } else if (c === COMMA && this.kind === 'array' && this.depth === 1) {
        this.parts.push(text.slice(collectFrom, i));
        this.emit();
        this.commaPending = true;
      }
    }
    if (this.collecting) this.parts.push(text.slice(collectFrom));
    return -1;
  }

  /** End of file: anything still open is reported, never dropped silently. */
  end(): void {
    if (this.done) return;
    if (this.collecting) {
      const text = this.parts.join('');
      this.parts = [];
      this.collecting = false;
      this.sink.problem(
        this.elementLine,
        this.kind === 'array' ? 'file ended inside an array element (truncated file?)' : 'file ended inside the JSON object (truncated file?)',
        text,
      );
    } else if (this.started) {
      this.sink.problem(this.line, "file ended before the array's closing ']' (truncated file?)", '');
    }
    this.done = true;
  }

  private emit(): void {
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    this.collecting = false;
    this.sink.value(text, this.elementLine);
  }

  private finish(index: number): number {
    this.done = true;
    this.depth = 0;
    return index;
  }
}
