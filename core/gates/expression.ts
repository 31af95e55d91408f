/**
 * Parser of `expect:` expressions. Syntax only: whether the metric exists, the statistic suits it and
 * the units fit is checked afterwards (`compile.ts`), against the metric dictionary.
 *
 * Grammar (whitespace between tokens is free; keywords and statistic names are lower-case):
 *
 *   expectation ::= "includes" list                          -- the set of labels must contain every item
 *                 | statistic comparison
 *   statistic   ::= "count" | "sum" | "mean" | "avg" | "min" | "max" | "stddev" | "distinct"
 *                 | "rate" | "streak" | "age"
 *                 | "p" number | "p(" number ")"             -- any percentile 0..100, e.g. p95, p99.9, p(99.9)
 *                 | "ratio(" selector "," selector ")"       -- A / B, a fraction 0..1
 *   comparison  ::= op reference
 *                 | "between" reference "and" reference      -- inclusive at both ends
 *                 | "within" number "%" "of" reference       -- |actual − ref| ≤ number % of |ref|
 *   op          ::= "<=" | ">=" | "==" | "!=" | "<" | ">"
 *   reference   ::= number "%" "of" reference                -- relative threshold, e.g. 40% of scenario:cold
 *                 | number [unit]
 *                 | "fact:" name | "scenario:" name | "baseline" [":" name]
 *   unit        ::= "ms" | "s" | "m" | "h" | "%" | "B" | "KB" | "MB" | "GB" | "KiB" | "MiB" | "GiB"
 *   selector    ::= "all" | [aggregate] source { "+" source }
 *   aggregate   ::= "count" | "sum" | "distinct"
 *   source      ::= metric [filter] | filter                  -- no metric = the gate's own metric and `where`
 *   filter      ::= "{" YAML flow mapping, same rules as where: "}"
 *   list        ::= "[" item { "," item } "]"                 -- items bare or quoted
 *   number      ::= ["-"] digits ["." digits] [("e"|"E") ["+"|"-"] digits]
 *   name        ::= [A-Za-z0-9_.:/-]+
 *
 * Operators are scanned longest token first ("<=" before "<"), otherwise `p95 <= 3 s` would read as
 * `<` followed by a stray "=".
 */
import { parse as parseYamlText } from 'yaml';
import type { Comparison, ComparisonOperator, LiteralUnit, ParsedExpectation, ParsedSelector, ParsedStatistic, Reference } from './types.js';

/** Longest first: see the grammar comment. */
const OPERATOR_TOKENS: readonly ComparisonOperator[] = ['<=', '>=', '==', '!=', '<', '>'];

export const SIMPLE_STATISTICS = ['count', 'sum', 'mean', 'avg', 'min', 'max', 'stddev', 'distinct', 'rate', 'streak', 'age'] as const;
export const LITERAL_UNITS: readonly LiteralUnit[] = ['ms', 's', 'm', 'h', '%', 'B', 'KB', 'MB', 'GB', 'KiB', 'MiB', 'GiB'];
const ALL_STATISTIC_FORMS = [...SIMPLE_STATISTICS, 'pNN', 'ratio(A, B)', 'includes'];

/** A syntax error with the offset (0-based, in the expression text) where it was found. */
export class ExpressionSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
    readonly hint?: string,
  ) {
    super(reason);
    this.name = 'ExpressionSyntaxError';
  }
}

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}
  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }
  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }
  peek(n = 1): string {
    return this.text.slice(this.pos, this.pos + n);
  }
  /** Consume `token` if next (after spaces); keywords must end at a word boundary. */
  accept(token: string, word = /^[a-z]/i.test(token)): boolean {
    this.skipSpace();
    if (!this.text.startsWith(token, this.pos)) return false;
    if (word && /[A-Za-z0-9_]/.test(this.text[this.pos + token.length] ?? '')) return false;
    this.pos += token.length;
    return true;
  }
  expect(token: string, what: string, hint?: string): void {
    if (!this.accept(token)) this.fail(`expected ${what}`, hint);
  }
  /** The next word ([A-Za-z_] then word characters), not consumed. */
  peekWord(): string {
    this.skipSpace();
    return /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos))?.[0] ?? '';
  }
  fail(reason: string, hint?: string, at = this.pos, quoteFound = true): never {
    const found = quoteFound ? this.text.slice(at).trim() : 'x';
    if (!quoteFound) throw new ExpressionSyntaxError(reason, at, hint);
    throw new ExpressionSyntaxError(found ? `${reason}, found "${truncate(found)}"` : `${reason}, found end of expression`, at, hint);
  }
}

function truncate(s: string): string {
  return s.length > 24 ? `${s.slice(0, 24)}…` : s;
}

/** Parse one expression. Throws `ExpressionSyntaxError` (with an offset) on bad syntax. */
export function parseExpectation(text: string): ParsedExpectation {
  const c = new Cursor(text);
  if (c.atEnd()) throw new ExpressionSyntaxError('the expression is empty', 0, 'write e.g. "p95 <= 3 s" or "count >= 1"');
  c.skipSpace();
  const statStart = c.pos;
  if (c.peekWord() === 'includes') {
    c.accept('includes');
    const items = parseList(c);
    expectEnd(c);
    return { text, statistic: { name: 'includes' }, statisticText: 'includes', comparison: { op: 'includes', items } };
  }
  const statistic = parseStatistic(c);
  const statisticText = text.slice(statStart, c.pos).trim();
  const comparison = parseComparison(c);
  expectEnd(c);
  return { text, statistic, statisticText, comparison };
}

function expectEnd(c: Cursor): void {
  if (!c.atEnd()) c.fail('unexpected text after the expression', 'one expression per entry; use a list under expect: for several');
}

function parseStatistic(c: Cursor): ParsedStatistic {
  c.skipSpace();
  const start = c.pos;
  // pNN and p(NN)
  const percentile = /^p(\(\s*)?(\d+(?:\.\d+)?)(\s*\))?/.exec(c.text.slice(c.pos));
  if (percentile && (percentile[1] === undefined) === (percentile[3] === undefined)) {
    const p = Number(percentile[2]);
    if (p < 0 || p > 100) throw new ExpressionSyntaxError(`percentile p${percentile[2]} is outside 0..100`, start, 'use e.g. p50, p95, p99.9');
    c.pos += percentile[0].length;
    if (/[A-Za-z0-9_]/.test(c.peek())) c.fail('unknown statistic', `valid statistics: ${ALL_STATISTIC_FORMS.join(', ')}`, start);
    return { name: 'percentile', p };
  }
  const word = c.peekWord();
  if (word === 'ratio') {
    c.accept('ratio');
    c.expect('(', '"(" after ratio', 'write ratio(A, B), e.g. ratio(count {Provider: [Cache, SharedCache]}, all)');
    const numerator = parseSelector(c, [',']);
    c.expect(',', '"," between the two operands of ratio(A, B)');
    const denominator = parseSelector(c, [')']);
    c.expect(')', '")" closing ratio(A, B)');
    return { name: 'ratio', numerator, denominator };
  }
  if ((SIMPLE_STATISTICS as readonly string[]).includes(word)) {
    c.accept(word);
    return { name: word === 'avg' ? 'mean' : (word as Exclude<ParsedStatistic['name'], 'percentile' | 'ratio'>) };
  }
  c.fail(word ? `unknown statistic "${word}"` : 'expected a statistic', `valid statistics: ${ALL_STATISTIC_FORMS.join(', ')}`, start, !word);
}

function parseComparison(c: Cursor): Comparison {
  c.skipSpace();
  for (const op of OPERATOR_TOKENS) {
    if (c.accept(op, false)) return { op, ref: parseReference(c) };
  }
  const word = c.peekWord();
  if (word === 'between') {
    c.accept('between');
    const low = parseReference(c);
    c.expect('and', '"and" in "between A and B"');
    const high = parseReference(c);
    return { op: 'between', low, high };
  }
  if (word === 'within') {
    c.accept('within');
    c.skipSpace();
    const at = c.pos;
    const percent = parseNumber(c);
    if (!c.accept('%', false)) c.fail('expected "%" in "within X% of REF"', 'e.g. within 5% of baseline');
    if (percent < 0) throw new ExpressionSyntaxError('a tolerance cannot be negative', at);
    c.expect('of', '"of" in "within X% of REF"');
    return { op: 'within', percent, ref: parseReference(c) };
  }
  if (word === 'includes') c.fail('"includes" takes no statistic before it', 'write: includes [A, B, C]');
  c.fail('expected a comparison', 'use one of: < <= > >= == != between within');
}

function parseReference(c: Cursor): Reference {
  c.skipSpace();
  const start = c.pos;
  const named = /^(fact|scenario|baseline)(?::([A-Za-z0-9_.:/-]+))?/.exec(c.text.slice(c.pos));
  if (named && !/[A-Za-z0-9_]/.test(c.text[c.pos + named[0].length] ?? '')) {
    const kind = named[1] as 'fact' | 'scenario' | 'baseline';
    if (kind !== 'baseline' && !named[2]) c.fail(`expected a name after "${kind}:"`, `e.g. ${kind}:${kind === 'fact' ? 'persistence.rows' : 'cold-ingest'}`);
    c.pos += named[0].length;
    const text = named[0];
    if (kind === 'fact') return { kind, name: named[2]!, text };
    if (kind === 'scenario') return { kind, name: named[2]!, text };
    return named[2] ? { kind, name: named[2], text } : { kind, text };
  }
  if (!/^[-+]?\.?\d/.test(c.text.slice(c.pos))) c.fail('expected a number, fact:NAME, scenario:NAME or baseline');
  const value = parseNumber(c);
  const unit = parseUnit(c);
  if (unit === '%' && c.peekWord() === 'of') {
    c.accept('of');
    const of = parseReference(c);
    if (of.kind === 'percentOf') throw new ExpressionSyntaxError('"X% of Y% of …" cannot be nested', start);
    return { kind: 'percentOf', percent: value, of, text: c.text.slice(start, c.pos).trim() };
  }
  const text = c.text.slice(start, c.pos).trim();
  return unit ? { kind: 'literal', value, unit, text } : { kind: 'literal', value, text };
}

function parseNumber(c: Cursor): number {
  c.skipSpace();
  const m = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?/.exec(c.text.slice(c.pos));
  if (!m) c.fail('expected a number');
  c.pos += m[0].length;
  return Number(m[0]);
}

/** A unit right after a number. An unknown word that is not a keyword is an error listing valid units. */
function parseUnit(c: Cursor): LiteralUnit | undefined {
  c.skipSpace();
  if (c.accept('%', false)) return '%';
  const word = c.peekWord();
  if (!word || word === 'and' || word === 'of') return undefined;
  if ((LITERAL_UNITS as readonly string[]).includes(word)) {
    c.accept(word);
    return word as LiteralUnit;
  }
  c.fail(`unknown unit "${word}"`, `valid units: ms, s, m, h (time), %, B, KB, MB, GB, KiB, MiB, GiB, or none for a plain count`, c.pos, false);
}

function parseList(c: Cursor): string[] {
  c.expect('[', '"[" starting the list', 'write: includes [A, B, C]');
  const items: string[] = [];
  for (;;) {
    c.skipSpace();
    const quote = c.peek();
    if (quote === '"' || quote === "'") {
      const end = c.text.indexOf(quote, c.pos + 1);
      if (end < 0) c.fail('unclosed quote in list');
      items.push(c.text.slice(c.pos + 1, end));
      c.pos = end + 1;
    } else {
      const m = /^[^,\]]+/.exec(c.text.slice(c.pos));
      if (!m || !m[0].trim()) c.fail('expected a list item');
      items.push(m[0].trim());
      c.pos += m[0].length;
    }
    if (c.accept(',', false)) continue;
    c.expect(']', '"," or "]" in the list');
    return items;
  }
}

/** `all` | [count|sum|distinct] source { "+" source }; stops before any of `terminators` at depth 0. */
function parseSelector(c: Cursor, terminators: string[]): ParsedSelector {
  c.skipSpace();
  const start = c.pos;
  if (c.peekWord() === 'all') {
    c.accept('all');
    return { aggregate: 'count', explicitAggregate: false, sources: [{ text: 'all' }], text: 'all' };
  }
  let aggregate: ParsedSelector['aggregate'] = 'count';
  let explicitAggregate = false;
  const word = c.peekWord();
  if (word === 'count' || word === 'sum' || word === 'distinct') {
    c.accept(word);
    aggregate = word;
    explicitAggregate = true;
  }
  const sources: ParsedSelector['sources'] = [];
  for (;;) {
    c.skipSpace();
    const sourceStart = c.pos;
    const metric = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)?/.exec(c.text.slice(c.pos))?.[0];
    if (metric) c.pos += metric.length;
    c.skipSpace();
    let filter: Record<string, unknown> | undefined;
    if (c.peek() === '{') filter = parseFlowMapping(c);
    if (!metric && !filter) {
      if (explicitAggregate && sources.length === 0 && terminators.includes(c.peek())) {
        sources.push({ text: '' });
        break;
      }
      c.fail('expected a metric, a {filter} or "all" in ratio(A, B)', 'e.g. ratio(count {Provider: [Cache, SharedCache]}, all)');
    }
    sources.push({ ...(metric ? { metric } : {}), ...(filter ? { filter } : {}), text: c.text.slice(sourceStart, c.pos).trim() });
    if (!c.accept('+', false)) break;
  }
  return { aggregate, explicitAggregate, sources, text: c.text.slice(start, c.pos).trim() };
}

/** A `{ … }` YAML flow mapping (balanced braces, quotes respected), parsed with the YAML parser. */
function parseFlowMapping(c: Cursor): Record<string, unknown> {
  const start = c.pos;
  let depth = 0;
  let quote: string | undefined;
  for (let i = c.pos; i < c.text.length; i++) {
    const ch = c.text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) {
        const body = c.text.slice(start, i + 1);
        let value: unknown;
        try {
          value = parseYamlText(body);
        } catch (e) {
          throw new ExpressionSyntaxError(`invalid filter ${body}: ${(e as Error).message.split('\n')[0]}`, start);
        }
        if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ExpressionSyntaxError(`filter ${body} must be a mapping of field: value`, start);
        c.pos = i + 1;
        return value as Record<string, unknown>;
      }
    }
  }
  throw new ExpressionSyntaxError('unclosed "{" in filter', start);
}

/** Canonical text of a reference (for messages). */
export function referenceText(ref: Reference): string {
  return ref.text;
}
