/**
 * A strict little XML 1.0 parser for tests: throws on anything not well-formed (bad characters,
 * unbalanced or mismatched tags, bad attribute syntax, duplicate attributes, stray `&`, `<` in
 * attribute values, `]]>` in text, text or a second element outside the root) and returns a tiny
 * element tree with entities decoded, so tests can both validate and query JUnit output.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const INVALID_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const NAME = /^[A-Za-z_:][A-Za-z0-9_:.-]*$/;
const REFERENCE = /^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;

export function parseXml(xml: string): XmlElement {
  const bad = INVALID_CHAR.exec(xml);
  if (bad) throw new Error(`character U+${bad[0].charCodeAt(0).toString(16)} not allowed in XML 1.0 at offset ${bad.index}`);
  let pos = 0;
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) throw new Error('unterminated XML declaration');
    pos = end + 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;

  while (pos < xml.length) {
    const lt = xml.indexOf('<', pos);
    const text = xml.slice(pos, lt < 0 ? xml.length : lt);
    if (text) {
      const top = stack[stack.length - 1];
      if (!top) {
        if (text.trim()) throw new Error(`text outside the root element at offset ${pos}: ${JSON.stringify(text.slice(0, 20))}`);
      } else {
        top.text += decode(text, pos, 'text');
      }
    }
    if (lt < 0) break;
    pos = lt;
    if (xml.startsWith('<!--', pos)) {
      const end = xml.indexOf('-->', pos + 4);
      if (end < 0) throw new Error('unterminated comment');
      pos = end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', pos)) {
      const end = xml.indexOf(']]>', pos + 9);
      if (end < 0 || !stack.length) throw new Error(`bad CDATA at offset ${pos}`);
      stack[stack.length - 1]!.text += xml.slice(pos + 9, end);
      pos = end + 3;
      continue;
    }
    const gt = xml.indexOf('>', pos);
    if (gt < 0) throw new Error(`unterminated tag at offset ${pos}`);
    const inner = xml.slice(pos + 1, gt);
    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim();
      const top = stack.pop();
      if (!top || top.name !== name) throw new Error(`closing </${name}> does not match <${top?.name ?? '(none)'}> at offset ${pos}`);
      if (stack.length === 0) root = top;
      pos = gt + 1;
      continue;
    }
    // A `>` inside a quoted attribute value is legal; find the real end of the tag.
    const tagEnd = findTagEnd(xml, pos);
    const tag = xml.slice(pos + 1, tagEnd);
    const selfClosing = tag.endsWith('/');
    const element = parseTag(selfClosing ? tag.slice(0, -1) : tag, pos);
    if (stack.length === 0 && root) throw new Error(`second root element <${element.name}> at offset ${pos}`);
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    if (selfClosing) {
      if (!parent) root = element;
    } else stack.push(element);
    pos = tagEnd + 1;
  }
  if (stack.length) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (!root) throw new Error('no root element');
  return root;
}

function findTagEnd(xml: string, start: number): number {
  let quote: string | undefined;
  for (let i = start + 1; i < xml.length; i++) {
    const ch = xml[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') return i;
    else if (ch === '<') throw new Error(`'<' inside a tag at offset ${i}`);
  }
  throw new Error(`unterminated tag at offset ${start}`);
}

function parseTag(tag: string, offset: number): XmlElement {
  const nameMatch = /^([^\s]+)/.exec(tag);
  const name = nameMatch?.[1] ?? '';
  if (!NAME.test(name)) throw new Error(`bad element name ${JSON.stringify(name)} at offset ${offset}`);
  const attrs: Record<string, string> = {};
  let rest = tag.slice(name.length);
  while (rest.trim()) {
    const m = /^\s+([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/.exec(rest);
    if (!m) throw new Error(`bad attribute syntax in <${name}> at offset ${offset}: ${JSON.stringify(rest.slice(0, 30))}`);
    const attrName = m[1]!;
    const raw = m[3] ?? m[4] ?? '';
    if (!NAME.test(attrName)) throw new Error(`bad attribute name ${attrName}`);
    if (attrName in attrs) throw new Error(`duplicate attribute ${attrName} in <${name}>`);
    if (raw.includes('<')) throw new Error(`'<' in attribute ${attrName}`);
    attrs[attrName] = decode(raw, offset, 'attribute');
    rest = rest.slice(m[0].length);
  }
  return { name, attrs, children: [], text: '' };
}

function decode(text: string, offset: number, where: string): string {
  if (where === 'text' && text.includes(']]>')) throw new Error(`']]>' in text at offset ${offset}`);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== '&') {
      out += ch;
      continue;
    }
    const m = REFERENCE.exec(text.slice(i));
    if (!m) throw new Error(`bare '&' in ${where} at offset ${offset + i}`);
    const ref = m[1]!;
    out += ref === 'amp' ? '&' : ref === 'lt' ? '<' : ref === 'gt' ? '>' : ref === 'quot' ? '"' : ref === 'apos' ? "'" : String.fromCodePoint(ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
    i += m[0].length - 1;
  }
  return out;
}

/** Every descendant element named `name`, in document order. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (e: XmlElement) => {
    for (const child of e.children) {
      if (child.name === name) found.push(child);
      visit(child);
    }
  };
  visit(element);
  return found;
}

export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

/** `<properties>` of an element as a map. */
export function propertiesOf(element: XmlElement): Record<string, string> {
  const props = child(element, 'properties');
  return Object.fromEntries((props?.children ?? []).map((p) => [p.attrs.name ?? '', p.attrs.value ?? '']));
}
