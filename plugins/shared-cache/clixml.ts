/**
 * A small reader for PowerShell CliXML (`Export-Clixml`), enough for the original's shared-cache
 * snapshots and seed (`SharedCacheSeed.clixml`): objects (`MS` members), hashtables (`DCT`/`En`),
 * lists (`LST`/`IE`), strings, numbers, booleans, dates (kept as text), `Nil` and `Ref` back-references.
 * Type names (`TN`/`TNRef`) and `ToString` are ignored. UTF-16 and UTF-8 files are both accepted.
 */
import { ErrorCode, StatetraceError } from '../../core/errors.js';
import { decodeFile } from './read-records.js';

interface Token {
  kind: 'open' | 'close' | 'empty' | 'text';
  name: string;
  attrs: Record<string, string>;
  text: string;
}

const TOKEN = /<(\/?)([A-Za-z0-9_]+)((?:\s+[A-Za-z0-9_:]+="[^"]*")*)\s*(\/?)>|<\?[^>]*\?>|([^<]+)/g;
const ATTR = /([A-Za-z0-9_:]+)="([^"]*)"/g;

function unescapeText(s: string): string {
  return s
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function tokenize(xml: string): Token[] {
  const tokens: Token[] = [];
  for (const m of xml.matchAll(TOKEN)) {
    if (m[5] !== undefined) {
      if (m[5].trim()) tokens.push({ kind: 'text', name: '', attrs: {}, text: unescapeText(m[5]) });
      continue;
    }
    if (!m[2]) continue; // processing instruction
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? '').matchAll(ATTR)) attrs[a[1]!] = unescapeText(a[2]!);
    tokens.push({ kind: m[1] ? 'close' : m[4] ? 'empty' : 'open', name: m[2], attrs, text: '' });
  }
  return tokens;
}

const SCALARS = new Set(['S', 'DT', 'G', 'URI', 'Version', 'C', 'TS', 'SBK', 'XD']);
const NUMBERS = new Set(['I16', 'I32', 'I64', 'U16', 'U32', 'U64', 'By', 'SB', 'Db', 'D', 'Sg']);
const LISTS = new Set(['LST', 'IE', 'STK', 'QUE']);

export function parseCliXml(path: string): unknown {
  const tokens = tokenize(decodeFile(path));
  let i = 0;
  const refs = new Map<string, unknown>();
  const fail = (message: string): never => {
    throw new StatetraceError(ErrorCode.InputInvalid, `${path}: not readable CliXML (${message})`, {
      location: { file: path },
      hint: 'export the snapshot with Export-Clixml, or as JSON',
    });
  };

  function skipElement(): void {
    const start = tokens[i]!;
    i++;
    if (start.kind !== 'open') return;
    let depth = 1;
    while (i < tokens.length && depth > 0) {
      const t = tokens[i++]!;
      if (t.kind === 'open') depth++;
      else if (t.kind === 'close') depth--;
    }
  }

  function textUntilClose(name: string): string {
    let value = '';
    while (i < tokens.length && !(tokens[i]!.kind === 'close' && tokens[i]!.name === name)) {
      value += tokens[i]!.text;
      i++;
    }
    i++; // close
    return value;
  }

  /** Parse the value element at `i`. */
  function value(): unknown {
    const t = tokens[i];
    if (!t) return fail('unexpected end');
    if (t.kind === 'empty') {
      i++;
      if (t.name === 'Ref') return refs.get(t.attrs.RefId ?? '');
      if (t.name === 'S') return '';
      return null; // Nil and other empty elements
    }
    if (t.kind !== 'open') return fail(`unexpected ${t.kind} ${t.name}`);
    i++;
    if (SCALARS.has(t.name)) return textUntilClose(t.name);
    if (NUMBERS.has(t.name)) return Number(textUntilClose(t.name));
    if (t.name === 'B') return textUntilClose(t.name).trim().toLowerCase() === 'true';
    if (t.name === 'Obj') return objectBody(t);
    // Unknown element: skip its content.
    i--;
    skipElement();
    return null;
  }

  function objectBody(open: Token): unknown {
    let result: unknown = null;
    const members: Record<string, unknown> = {};
    let hasMembers = false;
    while (i < tokens.length && !(tokens[i]!.kind === 'close' && tokens[i]!.name === 'Obj')) {
      const t = tokens[i]!;
      if (t.kind === 'open' && (t.name === 'MS' || t.name === 'Props')) {
        i++;
        while (!(tokens[i]!.kind === 'close' && tokens[i]!.name === t.name)) {
          const name = tokens[i]!.attrs.N ?? '';
          members[name] = value();
          hasMembers = true;
        }
        i++;
      } else if (t.kind === 'open' && t.name === 'DCT') {
        i++;
        const dict: Record<string, unknown> = {};
        while (!(tokens[i]!.kind === 'close' && tokens[i]!.name === 'DCT')) {
          if (tokens[i]!.name !== 'En') fail('DCT without En');
          i++;
          let key = '';
          let val: unknown = null;
          while (!(tokens[i]!.kind === 'close' && tokens[i]!.name === 'En')) {
            const n = tokens[i]!.attrs.N;
            const v = value();
            if (n === 'Key') key = String(v);
            else val = v;
          }
          i++;
          dict[key] = val;
        }
        i++;
        result = dict;
      } else if (t.kind === 'open' && LISTS.has(t.name)) {
        i++;
        const list: unknown[] = [];
        while (!(tokens[i]!.kind === 'close' && tokens[i]!.name === t.name)) list.push(value());
        i++;
        result = list;
      } else if (SCALARS.has(t.name) || NUMBERS.has(t.name) || t.name === 'B') {
        result = value(); // primitive wrapped in an Obj
      } else {
        skipElement(); // TN, TNRef, ToString, …
      }
    }
    i++; // </Obj>
    const out = hasMembers ? (result && typeof result === 'object' && !Array.isArray(result) ? { ...(result as object), ...members } : members) : result;
    if (open.attrs.RefId !== undefined) refs.set(open.attrs.RefId, out);
    return out;
  }

  while (i < tokens.length && !(tokens[i]!.kind === 'open' && tokens[i]!.name === 'Objs')) i++;
  if (i >= tokens.length) fail('no <Objs> root');
  i++;
  const items: unknown[] = [];
  while (i < tokens.length && !(tokens[i]!.kind === 'close' && tokens[i]!.name === 'Objs')) items.push(value());
  return items.length === 1 ? items[0] : items;
}
