/**
 * The reader against a plain oracle (whole text, split on \n, strip \r, skip blanks, JSON.parse),
 * over seeded random NDJSON with multi-byte characters, CRLF/LF, blank and broken lines, for
 * several chunk sizes and encodings: same records, same line numbers, same malformed lines.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { collect, makeTempDir, utf16 } from './helpers.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['BOYO', 'WLLS', 'sw1', 'héllo', '✓ ok', '😀', 'a "quoted" word', 'back\\slash', 'ÿ', '日本'];

function generate(seed: number, count: number): string {
  const random = prng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = random();
    const eol = random() < 0.5 ? '\r\n' : '\n';
    if (r < 0.08) out.push(eol);
    else if (r < 0.12) out.push(`{"EventName":"${pick(['A', 'B'])}","x":${i}${eol}`); // truncated
    else if (r < 0.14) out.push(`  ${eol}`);
    else {
      const event = { EventName: pick(['A', 'B', 'C']), Timestamp: '2025-12-05T16:21:54.7420355-07:00', i, Site: pick(WORDS), pad: pick(WORDS).repeat(Math.floor(random() * 30)) };
      out.push(`${JSON.stringify(event)}${eol}`);
    }
  }
  return out.join('');
}

function oracle(text: string) {
  const records: Array<[number, unknown]> = [];
  const bad: number[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    try {
      records.push([index + 1, JSON.parse(line)]);
    } catch {
      bad.push(index + 1);
    }
  });
  return { records, bad };
}

describe('reader ≡ oracle on random NDJSON', () => {
  it.each([1, 2])('seed %i: every encoding, chunk sizes 71 B…1 MiB, with and without prefilter', async (seed) => {
    const text = generate(seed, 250);
    const expected = oracle(text);
    const encodings: Array<[string, Uint8Array]> = [
      ['utf8', Buffer.from(text)],
      ['utf8bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
      ['utf16le', utf16(text, 'le', true)],
      ['utf16be', utf16(text, 'be', true)],
    ];
    for (const [name, bytes] of encodings) {
      const path = tmp.file(`eq-${seed}-${name}.json`, bytes);
      for (const chunkBytes of [71, 1 << 20]) {
        const got = await collect([path], { chunkBytes });
        expect(got.records.map((r) => [r.location.line, r.record])).toEqual(expected.records);
        expect(got.malformed.map((m) => m.line)).toEqual(expected.bad);
        const filtered = await collect([path], { chunkBytes, eventNames: new Set(['B']) });
        expect(filtered.records.map((r) => [r.location.line, r.record])).toEqual(expected.records.filter(([, r]) => (r as { EventName: string }).EventName === 'B'));
        expect(filtered.summary.eventCounts).toEqual(got.summary.eventCounts);
        expect(filtered.summary.malformed).toBe(expected.bad.length);
      }
    }
  });
});
