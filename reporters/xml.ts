/**
 * Minimal XML 1.0 text escaping that keeps every document well-formed whatever the input: messages
 * come from telemetry and child processes and may hold control characters, `]]>` or lone surrogates.
 * No CDATA is ever written, so `]]>` needs no special case beyond escaping `>`.
 */

/**
 * Characters XML 1.0 forbids even as references (C0 controls except tab/newline/CR, U+FFFE/U+FFFF,
 * and unpaired surrogates) become a visible `\xNN` / `\uXXXX` so the information is kept.
 */
const INVALID_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function sanitizeXmlChars(text: string): string {
  return text.replace(INVALID_XML_CHAR, (ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Element content. `>` is escaped too, which is what makes `]]>` harmless. */
export function escapeXmlText(text: string): string {
  return sanitizeXmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute value (double-quoted). Tab, newline and CR are written as references so parsers keep them. */
export function escapeXmlAttr(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** `<name a="1" b="2"` without the closing bracket; undefined attributes are left out. */
export function openTag(name: string, attributes: Record<string, string | number | undefined>): string {
  let tag = `<${name}`;
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    tag += ` ${key}="${escapeXmlAttr(String(value))}"`;
  }
  return tag;
}
