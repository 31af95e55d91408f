import { afterAll, describe, expect, it } from 'vitest';
import { StatetraceError } from '../../../core/errors.js';
import { NO_EVENT_NAME, readTelemetry, sniffFormat } from '../../../core/telemetry/reader.js';
import { collect, makeTempDir, utf16 } from './helpers.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

const ndjson = [
  '{"EventName":"ParseDuration","Timestamp":"2025-12-05T16:21:54.7420355-07:00","DurationSeconds":1.5,"Site":"BOYO"}',
  '',
  '{"EventName":"RowsWritten","Timestamp":"2025-12-05T16:21:55.1000000-07:00","Rows":12,"Note":"héllo ✓ 😀"}',
  '   ',
  '{"EventName":"ParseDuration","Timestamp":"2025-12-05T16:21:56.0000000-07:00","DurationSeconds":2.25}',
].join('\r\n');

describe('readTelemetry: encodings', () => {
  const cases: Array<[string, Uint8Array, string]> = [
    ['UTF-8 without BOM', Buffer.from(ndjson, 'utf8'), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ndjson, 'utf8')]), 'utf-8-bom'],
    ['UTF-16 LE with BOM (Windows PowerShell)', utf16(ndjson, 'le', true), 'utf-16le-bom'],
    ['UTF-16 BE with BOM', utf16(ndjson, 'be', true), 'utf-16be-bom'],
    ['UTF-16 LE without BOM', utf16(ndjson, 'le', false), 'utf-16le'],
    ['UTF-16 BE without BOM', utf16(ndjson, 'be', false), 'utf-16be'],
  ];
  it.each(cases)('%s: 3 records, CRLF and blank lines handled, lines numbered', async (_name, bytes, encoding) => {
    const path = tmp.file(`enc-${encoding}.json`, bytes);
    // A tiny chunk size forces characters and lines to straddle chunk boundaries.
    for (const chunkBytes of [64, 97, 1 << 20]) {
      const { records, summary } = await collect([path], { chunkBytes });
      expect(summary.files[0]).toMatchObject({ encoding, format: 'ndjson', events: 3, malformed: 0, bytes: bytes.length });
      expect(records.map((r) => r.location.line)).toEqual([1, 3, 5]);
      expect(records[1]!.record.Note).toBe('héllo ✓ 😀');
      expect(summary.eventCounts).toEqual({ ParseDuration: 2, RowsWritten: 1 });
    }
  });
});

describe('readTelemetry: malformed lines', () => {
  it('counts every bad line with file:line, reason and excerpt, keeps reading, caps samples', async () => {
    const lines = ['{"EventName":"A","Timestamp":"t"}'];
    for (let i = 0; i < 30; i++) lines.push(`{"EventName":"B","x":${i}`); // truncated
    lines.push('[1,2]', '42', 'null', ' "text"', '{"EventName":"A"}');
    const path = tmp.file('bad.json', lines.join('\n'));
    const { records, malformed, summary } = await collect([path], { maxMalformedSamples: 5 });
    expect(records).toHaveLength(2);
    expect(summary.events).toBe(2);
    expect(summary.malformed).toBe(34);
    expect(malformed).toHaveLength(34);
    expect(summary.malformedSamples).toHaveLength(5);
    expect(malformed[0]).toMatchObject({ file: path, line: 2, excerpt: '{"EventName":"B","x":0' });
    expect(malformed[0]!.reason).toMatch(/JSON/);
    expect(malformed.slice(30).map((m) => [m.line, m.reason.split(',')[0]])).toEqual([
      [32, 'a JSON array'],
      [33, 'a JSON number'],
      [34, 'a JSON null'],
      [35, 'a JSON string'],
    ]);
    expect(records[1]!.location.line).toBe(36);
  });

  it('shortens long excerpts', async () => {
    const path = tmp.file('long.json', `{"EventName":"X","pad":"${'y'.repeat(500)}"`);
    const { malformed } = await collect([path]);
    expect(malformed[0]!.excerpt.length).toBe(121);
    expect(malformed[0]!.excerpt.endsWith('…')).toBe(true);
  });

  it('EventNames that are Object.prototype keys count like any other', async () => {
    const path = tmp.file('proto.json', '{"EventName":"constructor"}\n{"EventName":"__proto__"}\n{"EventName":"__proto__"}\n{"EventName":"toString"}\n');
    for (const eventNames of [undefined, new Set(['toString'])]) {
      const { summary } = await collect([path], { eventNames });
      expect(Object.entries(summary.eventCounts)).toEqual([
        ['constructor', 1],
        ['__proto__', 2],
        ['toString', 1],
      ]);
    }
  });

  it('records without a string EventName are counted under NO_EVENT_NAME', async () => {
    const path = tmp.file('noname.json', '{"Timestamp":"x"}\n{"EventName":7}\n{"EventName":"A"}\n');
    const { records, summary } = await collect([path]);
    expect(records).toHaveLength(3);
    expect(summary.eventCounts).toEqual({ [NO_EVENT_NAME]: 2, A: 1 });
  });
});

describe('readTelemetry: format sniffing', () => {
  const pretty = JSON.stringify(
    [
      { Timestamp: '2025-12-22T07:11:50.2394464-07:00', QueuedJobs: 37, Note: 'a [bracket] and "quote" \\ and {brace}' },
      { Timestamp: '2025-12-22T07:11:50.2976246-07:00', QueuedJobs: 36, Nested: { a: [1, { b: 2 }] } },
      { EventName: 'Inner', Timestamp: 'x' },
    ],
    null,
    2,
  ).replace(/\n/g, '\r\n');

  it.each([64, 100, 1 << 20])('a pretty-printed array is read element by element (chunk %i)', async (chunkBytes) => {
    const path = tmp.file(`array-${chunkBytes}.json`, `\uFEFF${pretty}\r\n`);
    const { records, summary } = await collect([path], { chunkBytes });
    expect(summary.files[0]).toMatchObject({ format: 'json-array', events: 3, malformed: 0, encoding: 'utf-8-bom' });
    expect(records.map((r) => r.location.line)).toEqual([2, 7, 19]);
    expect(records[0]!.record.Note).toBe('a [bracket] and "quote" \\ and {brace}');
    expect(records[1]!.record.Nested).toEqual({ a: [1, { b: 2 }] });
    expect(summary.eventCounts).toEqual({ [NO_EVENT_NAME]: 2, Inner: 1 });
  });

  it('a compact one-line array and a UTF-16 array', async () => {
    const compact = tmp.file('compact.json', '[{"a":1},{"a":2},{"EventName":"E","a":3}]');
    const wide = tmp.file('wide.json', utf16(pretty, 'le', true));
    const { records, summary } = await collect([compact, wide]);
    expect(summary.files.map((f) => [f.format, f.events])).toEqual([
      ['json-array', 3],
      ['json-array', 3],
    ]);
    expect(records.slice(0, 3).map((r) => r.location.line)).toEqual([1, 1, 1]);
  });

  it('a bad element is reported at its line and the rest is read', async () => {
    const path = tmp.file('array-bad.json', '[\n  {"a":1},\n  {"a":},\n  {"a":3},\n  ,\n  {"a":4}\n]\n');
    const { records, malformed } = await collect([path]);
    expect(records.map((r) => r.record.a)).toEqual([1, 3, 4]);
    expect(malformed.map((m) => m.line)).toEqual([3, 5]);
    expect(malformed[1]!.reason).toMatch(/empty array element/);
  });

  it('a truncated array reports the cut element instead of losing it silently', async () => {
    const path = tmp.file('array-cut.json', '[\n  {"a":1},\n  {"a":2,\n   "b":');
    const { records, malformed } = await collect([path]);
    expect(records).toHaveLength(1);
    expect(malformed).toHaveLength(1);
    expect(malformed[0]).toMatchObject({ line: 3, reason: expect.stringMatching(/file ended inside an array element/) });
  });

  it('NDJSON after an array: the rest of the file is read as NDJSON', async () => {
    const path = tmp.file('array-then-ndjson.json', '[{"EventName":"A"}]\n{"EventName":"B"}\n{"EventName":"C"}\n');
    const { records, summary } = await collect([path]);
    expect(records.map((r) => [r.record.EventName, r.location.line])).toEqual([
      ['A', 1],
      ['B', 2],
      ['C', 3],
    ]);
    expect(summary.files[0]!.format).toBe('json-array');
  });

  it('a single pretty-printed object is one record', async () => {
    const obj = JSON.stringify({ GeneratedAtUtc: 'x', Statistics: { P95: 1, Note: '}' } }, null, 4).replace(/\n/g, '\r\n');
    const path = tmp.file('object.json', `\r\n${obj}\r\n`);
    const { records, summary } = await collect([path], { chunkBytes: 64 });
    expect(summary.files[0]).toMatchObject({ format: 'json-object', events: 1, malformed: 0 });
    expect(records[0]!.location.line).toBe(2);
    expect(records[0]!.record.Statistics).toEqual({ P95: 1, Note: '}' });
  });

  it('an empty or blank file is format empty', async () => {
    const empty = tmp.file('empty.json', '');
    const blank = tmp.file('blank.json', '\r\n  \r\n');
    const { summary } = await collect([empty, blank]);
    expect(summary.files.map((f) => [f.format, f.events, f.malformed])).toEqual([
      ['empty', 0, 0],
      ['empty', 0, 0],
    ]);
  });

  it.each<[string, ReturnType<typeof sniffFormat>]>([
    ['[', 'array'],
    ['  \r\n [{"a":1}]', 'array'],
    ['{\r\n  "a": 1', 'object'],
    ['{  \n', 'object'],
    ['{"EventName":"A"}\n', 'ndjson'],
    ['{"EventName":"A","x":', 'ndjson'],
    ['{ "a": 1,\n', 'ndjson'],
    ['garbage', 'ndjson'],
    ['{', undefined],
    ['   ', undefined],
  ])('sniffFormat(%j) = %s', (text, expected) => {
    expect(sniffFormat(text)).toBe(expected);
  });
});

describe('readTelemetry: eventNames prefilter', () => {
  const lines = [
    '{"EventName":"Wanted","v":1}',
    '{"EventName":"Other","v":2}',
    '{"Timestamp":"x","EventName":"Wanted","v":3}', // other key order: parsed
    '{"EventName":"Oth\\u0065r","v":4}', // escape: parsed (it is "Other")
    '{"EventName":"Other","v":5,"EventName":"Wanted"}', // duplicate key: JSON.parse keeps the last
    '{"EventName":"Other","v":6', // truncated: must still be reported
    '{ "EventName" : "Wanted", "v": 7 }',
    '{"v":8}',
  ];

  it('delivers exactly what a full read would, with identical counts and malformed totals', async () => {
    const path = tmp.file('prefilter.json', lines.join('\n'));
    const wanted = new Set(['Wanted']);
    const full = await collect([path]);
    const filtered = await collect([path], { eventNames: wanted });
    expect(filtered.records.map((r) => r.record.v)).toEqual([1, 3, 5, 7]);
    expect(filtered.records.map((r) => r.record.v)).toEqual(full.records.filter((r) => wanted.has(r.record.EventName as string)).map((r) => r.record.v));
    expect(filtered.summary.eventCounts).toEqual(full.summary.eventCounts);
    expect(filtered.summary.eventCounts).toEqual({ Wanted: 4, Other: 2, [NO_EVENT_NAME]: 1 });
    expect(filtered.summary.malformed).toBe(1);
    expect(filtered.malformed[0]!.line).toBe(6);
  });

  it('NO_EVENT_NAME in the set selects records without EventName', async () => {
    const path = tmp.file('prefilter2.json', lines.join('\n'));
    const { records } = await collect([path], { eventNames: new Set([NO_EVENT_NAME]) });
    expect(records.map((r) => r.record.v)).toEqual([8]);
  });
});

describe('readTelemetry: progress, abort, errors', () => {
  it('reports progress up to the total bytes over several files', async () => {
    const a = tmp.file('p1.json', `${'{"EventName":"A"}\n'.repeat(100)}`);
    const b = tmp.file('p2.json', `${'{"EventName":"B"}\n'.repeat(50)}`);
    const seen: Array<[number, number]> = [];
    const summary = await readTelemetry([a, b], { chunkBytes: 256, onRecord: () => {}, onProgress: (d, t) => seen.push([d, t]) });
    expect(summary.events).toBe(150);
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.at(-1)).toEqual([1800 + 900, 2700]);
    expect(seen.every(([d], i) => i === 0 || d >= seen[i - 1]![0])).toBe(true);
  });

  it('stops when the signal aborts', async () => {
    const a = tmp.file('abort.json', '{"EventName":"A"}\n'.repeat(100));
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(readTelemetry([a], { onRecord: () => {}, signal: controller.signal })).rejects.toThrow('stop');
  });

  it('a missing file is a StatetraceError naming it', async () => {
    const missing = `${tmp.dir}/nope.json`;
    const error = await readTelemetry([missing], { onRecord: () => {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatetraceError);
    expect((error as StatetraceError).code).toBe('STATETRACE_INPUT_MISSING');
    expect((error as StatetraceError).message).toContain(missing);
  });

  it('a directory is rejected with a hint', async () => {
    const error = await readTelemetry([tmp.dir], { onRecord: () => {} }).catch((e: unknown) => e);
    expect((error as StatetraceError).hint).toMatch(/glob/);
  });
});
