/**
 * YAML loading that keeps positions, so every error about a user file (gate files, scenarios) can say
 * `file:line:col`. Uses the `yaml` package's document API (`parseDocument` + `LineCounter`): the plain
 * JS value is what schemas validate, the document is what we ask "where is ['gates', 3, 'expect']?".
 */
import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { isCollection, isNode, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { closestMatches, editDistance, ErrorCode, StatetraceError, type SourceLocation } from './errors.js';

export type YamlPath = ReadonlyArray<string | number>;

/** A parsed YAML file: its plain value, and enough of the document to map paths back to positions. */
export interface YamlSource {
  file: string;
  text: string;
  /** The document as plain JS (what ajv validates). Undefined for an empty file. */
  value: unknown;
  document: Document.Parsed;
  lineCounter: LineCounter;
}

/**
 * Parse YAML text. Syntax errors (and warnings such as duplicate keys, which the `yaml` package reports
 * as errors with `uniqueKeys`) come back as StatetraceErrors with file:line:col; the caller decides
 * whether to throw them one by one or collect them.
 */
export function parseYaml(text: string, file: string, code: ErrorCode = ErrorCode.InputInvalid): { source: YamlSource; errors: StatetraceError[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const errors = document.errors.map((e) => {
    const offset = e.pos[0];
    const { line, col } = lineCounter.linePos(offset);
    const reason = e.message.split('\n')[0] ?? e.message;
    return new StatetraceError(code, `invalid YAML: ${reason}`, {
      location: { file, line, column: col },
      hint: yamlHint(e.code),
    });
  });
  const value = errors.length === 0 ? document.toJS({ maxAliasCount: 1000 }) : undefined;
  return { source: { file, text, value, document, lineCounter }, errors };
}

/** Read and parse a YAML file; an unreadable file is one error (InputMissing). */
export function loadYamlFile(file: string, code: ErrorCode = ErrorCode.InputInvalid): { source?: YamlSource; errors: StatetraceError[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String((cause as Error).message);
    return { errors: [new StatetraceError(ErrorCode.InputMissing, `cannot read ${file}: ${reason}`, { location: { file }, cause })] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return parseYaml(text, file, code);
}

function yamlHint(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'each key may appear once per mapping; remove or rename the duplicate';
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
      return 'check indentation and brackets on this line; quote values that contain ": " or start with [ { * & ! | > % @';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a key must fit on one line followed by ": "; check for a missing ":" or an unclosed quote above';
    default:
      return 'fix the YAML syntax at this position (quote strings containing ": " or "#")';
  }
}

/** The deepest node that exists along `path` (so a missing key points at its parent mapping). */
export function nodeAt(source: YamlSource, path: YamlPath): { node: Node | undefined; keyNode?: Node; exact: boolean } {
  let node: unknown = source.document.contents;
  let keyNode: Node | undefined;
  for (const segment of path) {
    if (!isCollection(node)) return { node: node as Node | undefined, keyNode, exact: false };
    const items = node.items as unknown[];
    let next: unknown;
    let nextKey: Node | undefined;
    if (typeof segment === 'number') {
      next = items[segment];
    } else {
      for (const item of items) {
        if (isPair(item) && isScalar(item.key) && String(item.key.value) === segment) {
          next = item.value;
          nextKey = item.key;
          break;
        }
      }
    }
    if (next === undefined || next === null) {
      // Key present with an empty value: point at the key.
      return { node: (nextKey ?? node) as Node, keyNode: nextKey, exact: nextKey !== undefined };
    }
    node = next;
    keyNode = nextKey;
  }
  return { node: node as Node | undefined, keyNode, exact: true };
}

/** file:line:col of the value at `path` (or of the closest existing ancestor). */
export function locate(source: YamlSource, path: YamlPath, offsetInValue = 0): SourceLocation {
  const { node } = nodeAt(source, path);
  const start = isNode(node) && node.range ? node.range[0] : 0;
  let offset = start;
  if (offsetInValue > 0 && isScalar(node)) {
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
    offset = start + quoted + offsetInValue;
  }
  const { line, col } = source.lineCounter.linePos(offset);
  return { file: source.file, line, column: col };
}

/** Location of the key of the value at `path` (e.g. the `expect:` key), falling back to the value. */
export function locateKey(source: YamlSource, path: YamlPath): SourceLocation {
  const { keyNode } = nodeAt(source, path);
  if (keyNode?.range) {
    const { line, col } = source.lineCounter.linePos(keyNode.range[0]);
    return { file: source.file, line, column: col };
  }
  return locate(source, path);
}

/** Split an ajv instancePath (`/gates/3/expect`) into a YAML path. */
export function instancePathToYamlPath(instancePath: string, value: unknown): Array<string | number> {
  if (!instancePath) return [];
  const out: Array<string | number> = [];
  let current: unknown = value;
  for (const raw of instancePath.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current) && /^\d+$/.test(segment)) {
      out.push(Number(segment));
      current = current[Number(segment)];
    } else {
      out.push(segment);
      current = current && typeof current === 'object' ? (current as Record<string, unknown>)[segment] : undefined;
    }
  }
  return out;
}

/**
 * Turn ajv errors into StatetraceErrors pointing at the offending YAML node. Redundant ajv noise is
 * dropped: for `oneOf`/`anyOf` failures only the most specific error per path is kept.
 */
export function ajvErrorsToStatetrace(
  errors: ErrorObject[] | null | undefined,
  source: YamlSource,
  code: ErrorCode,
  options: { basePath?: YamlPath; value?: unknown; what?: string; prefix?: string } = {},
): StatetraceError[] {
  if (!errors?.length) return [];
  const basePath = options.basePath ?? [];
  const value = options.value ?? source.value;
  const byPath = new Map<string, ErrorObject>();
  for (const error of errors) {
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if') continue;
    const key = error.instancePath + (error.keyword === 'additionalProperties' ? `/${String(error.params.additionalProperty)}` : '');
    if (!byPath.has(key)) byPath.set(key, error);
  }
  // In an anyOf, the branch the value was meant for reports the useful error; drop the other branches'
  // "wrong type" errors at the same or an enclosing path.
  for (const [key, error] of byPath) {
    if (error.keyword !== 'type') continue;
    for (const [otherKey, other] of byPath) {
      if (other !== error && other.keyword !== 'type' && (otherKey === key || otherKey.startsWith(`${key}/`))) {
        byPath.delete(key);
        break;
      }
    }
  }
  if (byPath.size === 0) {
    const first = errors[0]!;
    byPath.set(first.instancePath, first);
  }
  const out: StatetraceError[] = [];
  for (const error of byPath.values()) {
    const rel = instancePathToYamlPath(error.instancePath, value);
    const path = [...basePath, ...rel];
    const field = rel.length ? rel.join('.') : options.what ?? 'document';
    let message: string;
    let hint: string | undefined;
    let location = locate(source, path);
    switch (error.keyword) {
      case 'additionalProperties': {
        const extra = String(error.params.additionalProperty);
        const allowed = Object.keys((error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
        location = locateKey(source, [...path, extra]);
        message = `unknown field "${extra}"${rel.length ? ` in ${field}` : ''}`;
        const near = closestMatches(extra, allowed, 1)[0];
        hint = allowed.length ? `${near && editDistance(near, extra) <= 3 ? `did you mean "${near}"? ` : ''}allowed fields: ${allowed.join(', ')}` : 'remove it';
        break;
      }
      case 'required':
        message = `${rel.length ? `${field}: ` : ''}missing required field "${String(error.params.missingProperty)}"`;
        hint = `add "${String(error.params.missingProperty)}:"`;
        break;
      case 'enum':
        message = `${field}: ${JSON.stringify(valueAt(value, rel))} is not allowed`;
        hint = `use one of: ${(error.params.allowedValues as unknown[]).map(String).join(', ')}`;
        break;
      case 'type':
        message = `${field}: expected ${String(error.params.type)}, got ${describeType(valueAt(value, rel))}`;
        break;
      case 'pattern':
        message = `${field}: ${JSON.stringify(valueAt(value, rel))} does not match the expected form`;
        hint = (error.parentSchema as { description?: string } | undefined)?.description ?? `must match ${String(error.params.pattern)}`;
        break;
      default:
        message = `${field}: ${error.message ?? error.keyword}`;
    }
    out.push(new StatetraceError(code, options.prefix ? `${options.prefix}${message}` : message, { location, hint }));
  }
  return out;
}

/** The value at `path` inside parsed YAML/JSON (undefined when the path does not exist). */
export function valueAt(value: unknown, path: ReadonlyArray<string | number>): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Errors in reading order: files in the order given, then line and column. Errors without a location
 * come first. Stable, so errors at one position keep the order they were found in.
 */
export function sortByLocation(errors: StatetraceError[], files: readonly string[]): StatetraceError[] {
  const fileIndex = new Map(files.map((f, i) => [f, i]));
  const key = (e: StatetraceError): [number, number, number] => {
    const loc = e.location;
    if (!loc) return [-1, 0, 0];
    return [fileIndex.get(loc.file) ?? files.length, loc.line ?? 0, loc.column ?? 0];
  };
  return errors
    .map((e, i) => ({ e, i, k: key(e) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2] || a.i - b.i)
    .map((x) => x.e);
}
