/**
 * Worker replies carry records packed (`packed.ts`): the round trip must give back exactly the
 * records (every JSON value kind, -0 included, absent fields absent), and the whole worker path
 * must still equal the plain JSON.parse path on unusual lines. The JIT warm-up lines must be
 * valid JSON that the scanner reads as JSON.parse does.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScanSelection } from '../../../../core/telemetry/scan/collector.js';
import { LineOutcome, LineScanner } from '../../../../core/telemetry/scan/line-scanner.js';
import { PackedRecordsBuilder, packRecords, unpackRecords } from '../../../../core/telemetry/scan/packed.js';
import { scanTelemetryFiles } from '../../../../core/telemetry/scan/scan-files.js';
import { readFileNaive } from '../../../../core/telemetry/scan/naive.js';
import { scanRange, warmUpLines } from '../../../../core/telemetry/scan/scan-range.js';

const dir = mkdtempSync(join(tmpdir(), 'scan-packed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fields = ['EventName', 'Site', 'Value', 'Flag', 'Detail'];

describe('packed records', () => {
  it.each<[string, Array<Record<string, unknown>>]>([
    ['no records', []],
    ['every kind of value', [{ EventName: 'A', Site: 'x', Value: 1.5, Flag: true, Detail: null }, { EventName: 'A', Value: -0, Flag: false }]],
    ['repeated strings share a table entry', Array.from({ length: 50 }, (_, k) => ({ EventName: 'Same', Site: k % 2 ? 'one' : 'two', Value: k }))],
    ['arrays and objects pass unchanged', [{ EventName: ['A', 1], Detail: { a: [1, { b: null }] }, Value: 1e308 }]],
    ['absent fields stay absent', [{ EventName: 'A' }, {}, { Detail: '' }]],
  ])('%s', (_name, records) => {
    const back = unpackRecords(packRecords(records, fields));
    expect(back).toEqual(records);
    for (let r = 0; r < records.length; r++) {
      for (const f of fields) expect(Object.is(back[r]![f], records[r]![f]), `${r}.${f}`).toBe(true);
      expect(Object.keys(back[r]!).sort()).toEqual(Object.keys(records[r]!).sort());
    }
  });

  it('grows past its first allocation and dedupes strings', () => {
    const builder = new PackedRecordsBuilder(fields);
    for (let k = 0; k < 5000; k++) builder.addRecord({ EventName: 'E', Site: `s${k % 7}`, Value: k });
    const packed = builder.finish();
    expect(packed.count).toBe(5000);
    expect(packed.strings.length).toBe(8);
    expect(unpackRecords(packed)[4999]).toEqual({ EventName: 'E', Site: 's1', Value: 4999 });
  });
});

describe('scanned ranges packed as they are read', () => {
  const selection: ScanSelection = { eventNames: ['UserAction', 'ParseDuration'], fields: ['EventName', 'Site', 'Action', 'DurationSeconds', 'Success'], caseInsensitive: true };
  const lines = [
    '{"EventName":"UserAction","Action":"say \\"hi\\"","Site":"A"}',
    '{"EventName":"ParseDuration","DurationSeconds":-0,"Success":null}',
    '{"EventName":"ParseDuration","DurationSeconds":1.25E+2,"Success":true}',
    '{"EventName":"UserAction","Action":{"x":[1,2]}}',
    '{"EventName":["UserAction"],"Action":"array name"}',
    '{"eventname":"UserAction","action":"case variants"}',
    '{"EventName":"RowsWritten","Rows":10}',
    'not json',
    '',
    '{"EventName":"UserAction","Action":"caf\\u00e9","Site":"東京"}',
  ];

  it('packed = objects, range by range', () => {
    const path = join(dir, 'lines.json');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const size = Buffer.byteLength(`${lines.join('\n')}\n`);
    const plain = scanRange({ path, start: 0, end: size, lineAligned: true, selection });
    const packed = scanRange({ path, start: 0, end: size, lineAligned: true, selection }, { pack: true });
    expect(packed.records).toEqual([]);
    expect(unpackRecords(packed.packed!)).toEqual(plain.records);
    expect(packed.recordLines).toEqual(plain.recordLines);
    expect(plain.records.length).toBeGreaterThan(5);
  });

  it('workers with tiny ranges = the JSON.parse path', async () => {
    const path = join(dir, 'many.json');
    writeFileSync(path, `${Array.from({ length: 40 }, () => lines.join('\n')).join('\n')}\n`);
    const run = async (extra: object) => {
      const records: Array<[number, Record<string, unknown>]> = [];
      const summaries = await scanTelemetryFiles([path], { selection, onRecord: (record, _file, line) => records.push([line, record]), ...extra });
      return { records, summaries: summaries.map(({ deferred: _d, ...s }) => s) };
    };
    const naive = await run({ mode: 'naive', workers: 0 });
    const parallel = await run({ workers: 2, minBytesPerThread: 0, maxRangeBytes: 97 });
    expect(parallel).toEqual(naive);
    // -0 survives the trip from the worker.
    expect(parallel.records.some(([, r]) => Object.is(r.DurationSeconds, -0))).toBe(true);
  });
});

describe('JIT warm-up', () => {
  it('a first range large enough to warm up on gives what JSON.parse gives (records, counts, malformed lines)', () => {
    // A selection of its own, so this thread's handler is new and warms up on this 9 MB range.
    const selection: ScanSelection = { eventNames: ['WarmTestEvent', 'UserAction'], fields: ['EventName', 'Site', 'Action', 'N'], caseInsensitive: true };
    const block = [
      '{"EventName":"WarmTestEvent","Site":"s\\u00e9","N":-0.5e-3,"Action":null}',
      '{"EventName":"UserAction","Action":"a \\"b\\"","Nested":{"Action":"inner"},"N":12}',
      '{"EventName":"Other","Site":"x","List":[1,"two",{"three":3}]}',
      '{"EventName":"UserAction","Action":"x",}',
      '',
    ].join('\n');
    const path = join(dir, 'warm.json');
    const copies = Math.ceil((9 * 1024 * 1024) / block.length);
    writeFileSync(path, `${Array.from({ length: copies }, () => block).join('\n')}\n`);
    const size = Buffer.byteLength(block) * copies + copies;
    const fast = scanRange({ path, start: 0, end: size, lineAligned: true, selection, maxMalformedSamples: 5 });
    const oracle = readFileNaive(path, selection, 5);
    expect(fast.records.length).toBe(oracle.records.length);
    expect(fast.records).toEqual(oracle.records);
    expect(fast.recordLines).toEqual(oracle.recordLines);
    expect(fast.eventCounts).toEqual(oracle.eventCounts);
    expect(fast.malformed).toBe(copies);
    expect(fast.malformedSamples).toEqual(oracle.malformedSamples);
  });
});

describe('JIT warm-up lines', () => {
  it('are valid JSON objects, read by the scanner as JSON.parse reads them', () => {
    const selection: ScanSelection = { eventNames: ['UserAction'], fields: ['EventName', 'Site', 'Action', 'DurationSeconds'], caseInsensitive: true };
    // Without the stop byte that ends the buffer, as one would follow data in a read buffer.
    const lines = warmUpLines(selection);
    expect(lines.at(-1)).toBe(0);
    const text = lines.subarray(0, -1).toString('utf8');
    const scanner = new LineScanner(selection.fields, true);
    let objects = 0;
    for (const line of text.split('\n')) {
      const buf = Buffer.from(line);
      const outcome = scanner.scanLine(buf, 0, buf.length);
      if (line.trim() === '') {
        expect(outcome).toBe(LineOutcome.Blank);
        continue;
      }
      const parsed = JSON.parse(line) as Record<string, unknown>;
      expect(typeof parsed).toBe('object');
      if (outcome === LineOutcome.Defer) continue; // the deliberately deferred ones (an escaped key, a key in other case)
      expect(outcome).toBe(LineOutcome.Object);
      objects++;
      selection.fields.forEach((field, slot) => expect(scanner.value(slot)).toEqual(parsed[field]));
    }
    expect(objects).toBeGreaterThan(20);
  });
});
