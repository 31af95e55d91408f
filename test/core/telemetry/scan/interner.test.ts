/**
 * The string interner the scanner decodes names and short values through: it must give exactly
 * the text of the bytes asked for, whatever is already in its table — including strings that share
 * its hash key (length, first and last four bytes) but differ in the middle.
 */
import { describe, expect, it } from 'vitest';
import { StringInterner } from '../../../../core/telemetry/scan/line-scanner.js';

/** `text` placed at `offset` of a buffer padded with other bytes. */
function at(text: string, offset: number): { buf: Buffer; start: number; end: number } {
  const body = Buffer.from(text, 'utf8');
  const buf = Buffer.concat([Buffer.alloc(offset, 0x78), body, Buffer.from('"tail')]);
  return { buf, start: offset, end: offset + body.length };
}

describe('StringInterner', () => {
  const cases: Array<[string, string[]]> = [
    ['the same name again, at other offsets', ['InterfaceSyncTiming', 'InterfaceSyncTiming', 'InterfaceSyncTiming']],
    ['same length, first and last four bytes, different middle', ['ABCD-one-WXYZ', 'ABCD-two-WXYZ', 'ABCD-one-WXYZ', 'ABCD-owt-WXYZ']],
    ['lengths 4 to 9 around the word size', ['abcd', 'abcde', 'abcdef', 'abcdefg', 'abcdefgh', 'abcdefghi', 'abcdXbcd', 'abcdefgX']],
    ['under four bytes', ['', 'a', 'ab', 'abc', 'b', 'ba', 'cba']],
    ['non-ASCII text and bytes', ['café', 'cafe', 'Zürich-01', 'Zurich-01', '日本語のサイト']],
    ['longer than the table keeps (decoded every time)', ['x'.repeat(65), `${'x'.repeat(64)}y`, 'x'.repeat(65)]],
  ];

  it.each(cases)('%s', (_name, texts) => {
    const interner = new StringInterner();
    texts.forEach((text, k) => {
      const { buf, start, end } = at(text, (k * 7) % 13);
      expect(interner.get(buf, start, end)).toBe(text);
    });
  });

  it('returns the same string object for the same bytes (no new string per event)', () => {
    const interner = new StringInterner();
    const first = at('RowsWritten', 3);
    const again = at('RowsWritten', 11);
    const a = interner.get(first.buf, first.start, first.end);
    const b = interner.get(again.buf, again.start, again.end);
    expect(b).toBe(a);
  });

  it('is not fooled by a buffer whose bytes changed since the text was stored', () => {
    const interner = new StringInterner();
    const buf = Buffer.from('{"EventName":"ParseDuration"}');
    expect(interner.get(buf, 14, 27)).toBe('ParseDuration');
    // Same length, same first and last four bytes: the same hash key, other text.
    buf.write('ParseXuration', 14);
    expect(interner.get(buf, 14, 27)).toBe('ParseXuration');
  });
});
