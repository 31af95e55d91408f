/**
 * The fast scanner must give exactly what the plain JSON.parse path gives — records (selected
 * fields), malformed lines, event counts — on adversarial lines, and on randomly damaged real
 * lines. The plain path (`readFileNaive`) is the oracle.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScanSelection } from '../../../../core/telemetry/scan/collector.js';
import { readFileNaive } from '../../../../core/telemetry/scan/naive.js';
import { LineOutcome, LineScanner } from '../../../../core/telemetry/scan/line-scanner.js';
import { scanRange, type RangeResult } from '../../../../core/telemetry/scan/scan-range.js';

const dir = mkdtempSync(join(tmpdir(), 'scan-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const selection: ScanSelection = {
  eventNames: ['ParseDuration', 'UserAction'],
  fields: ['EventName', 'Site', 'DurationSeconds', 'Success', 'Action'],
  caseInsensitive: true,
};

let counter = 0;
function writeTemp(content: string | Buffer): string {
  const path = join(dir, `case-${counter++}.json`);
  writeFileSync(path, content);
  return path;
}

/** Compare everything but the scanner-only counters. */
function comparable(r: RangeResult & { encoding?: string }): Omit<RangeResult, 'deferred' | 'bytes'> {
  const { deferred: _d, bytes: _b, encoding: _e, ...rest } = r;
  return rest;
}

function scanWhole(path: string, size: number, bomBytes = 0, maxRange = size, sel: ScanSelection = selection): RangeResult {
  // Split into ranges of maxRange bytes and merge, as the coordinator does.
  const merged: RangeResult = { records: [], recordLines: [], lines: 0, objects: 0, malformed: 0, malformedSamples: [], eventCounts: {}, deferred: 0, bytes: 0 };
  for (let start = bomBytes; start < size || start === bomBytes; start += maxRange) {
    const r = scanRange({ path, start, end: Math.min(size, start + maxRange), lineAligned: start === bomBytes, selection: sel, chunkBytes: 64, maxMalformedSamples: 100 });
    for (let k = 0; k < r.records.length; k++) {
      merged.records.push(r.records[k]!);
      merged.recordLines.push(merged.lines + r.recordLines[k]!);
    }
    for (const m of r.malformedSamples) if (merged.malformedSamples.length < 100) merged.malformedSamples.push({ ...m, line: merged.lines + m.line });
    merged.lines += r.lines;
    merged.objects += r.objects;
    merged.malformed += r.malformed;
    merged.deferred += r.deferred;
    for (const [k, v] of Object.entries(r.eventCounts)) merged.eventCounts[k] = (merged.eventCounts[k] ?? 0) + v;
    if (size === bomBytes) break;
  }
  return merged;
}

function expectSameAsJsonParse(content: string | Buffer, bomBytes = 0, sel: ScanSelection = selection): RangeResult {
  const path = writeTemp(content);
  const size = Buffer.byteLength(content);
  const oracle = readFileNaive(path, sel, 100);
  // Ranges of every size down to 1 byte for small inputs; a few sizes for big ones.
  const sizes = size < 2000 ? [size + 1, 7, 1] : [size + 1, 4099, 333];
  for (const maxRange of sizes) {
    const fast = scanWhole(path, size, bomBytes, Math.max(1, maxRange), sel);
    expect(comparable(fast), `ranges of ${maxRange} bytes`).toEqual(comparable(oracle));
  }
  return oracle;
}

const cases: Array<[string, string]> = [
  ['plain record', '{"EventName":"ParseDuration","Site":"BOYO","DurationSeconds":1.5,"Success":true}'],
  ['unwanted event', '{"EventName":"RowsWritten","Rows":10}'],
  ['escaped quote in a value', '{"EventName":"UserAction","Action":"say \\"hi\\"","Site":"A"}'],
  ['EventName inside a string value', '{"Note":"{\\"EventName\\":\\"ParseDuration\\"}","EventName":"RowsWritten"}'],
  ['"EventName" as an unselected value', '{"Other":"EventName","EventName":"UserAction","Action":"x"}'],
  ['nested object with the same keys', '{"EventName":"UserAction","Details":{"EventName":"ParseDuration","Action":"inner","Site":{"a":[1,{"b":2}]}},"Action":"outer"}'],
  ['nested arrays', '{"EventName":"UserAction","List":[[],[[1,2],{}],"x",null,true,false,-1.5e-3],"Action":"a"}'],
  ['literals as selected values', '{"EventName":"ParseDuration","Success":true,"Site":null,"DurationSeconds":false}'],
  ['literals cut short or run on', '{"EventName":"ParseDuration","Success":tru}\n{"EventName":"ParseDuration","Success":fals}\n{"EventName":"ParseDuration","Success":nul}\n{"EventName":"ParseDuration","Success":truex}\n{"EventName":"ParseDuration","Success":falsey}\n{"EventName":"ParseDuration","Success":True}\n{"EventName":"ParseDuration","X":nulll}'],
  ['duplicate keys: last wins', '{"EventName":"RowsWritten","Action":"first","EventName":"UserAction","Action":"second"}'],
  ['duplicate names back to unwanted', '{"EventName":"UserAction","EventName":"RowsWritten"}'],
  ['whitespace everywhere', ' \t{ "EventName" : "UserAction" ,\t"Action" :\t"x" }  \t'],
  ['numbers with exponents', '{"EventName":"ParseDuration","DurationSeconds":1.25E+2}'],
  ['number -0', '{"EventName":"ParseDuration","DurationSeconds":-0}'],
  ['big integer', '{"EventName":"ParseDuration","DurationSeconds":123456789012345678901234567890}'],
  ['many digits', '{"EventName":"ParseDuration","DurationSeconds":0.1000000000000000055511151231257827}'],
  ['unicode escape in a key', '{"EventName":"UserAction","\\u0041ction":"escaped-key"}'],
  ['unicode escape in the name', '{"EventName":"User\\u0041ction","Action":"x"}'],
  ['unicode escape in a value', '{"EventName":"UserAction","Action":"caf\\u00e9 \\ud83d\\ude00"}'],
  ['lone surrogate escape', '{"EventName":"UserAction","Action":"\\ud800"}'],
  ['non-ASCII text', '{"EventName":"UserAction","Action":"Überprüfung ✓","Site":"東京"}'],
  ['case variant of a field', '{"EventName":"UserAction","action":"lower"}'],
  ['case variant beside the exact key', '{"EventName":"UserAction","Action":"exact","ACTION":"upper"}'],
  ['case variant of EventName', '{"eventname":"UserAction","Action":"x"}'],
  ['name needs trimming and folding', '{"EventName":"  useraction ","Action":"x"}'],
  ['name is an array', '{"EventName":["UserAction"],"Action":"x"}'],
  ['name is a number', '{"EventName":5}'],
  ['name is null', '{"EventName":null,"Action":"x"}'],
  ['no name', '{"Action":"x"}'],
  ['selected field is an object', '{"EventName":"UserAction","Action":{"x":1}}'],
  ['selected field is null', '{"EventName":"ParseDuration","DurationSeconds":null,"Success":null}'],
  ['empty object', '{}'],
  ['empty key', '{"":1,"EventName":"UserAction"}'],
  ['blank line', '   \t  '],
  ['CR only', '\r'],
  ['truncated object', '{"EventName":"UserAction","Action":"x"'],
  ['truncated string', '{"EventName":"UserAction","Action":"x'],
  ['trailing comma', '{"EventName":"UserAction","Action":"x",}'],
  ['trailing garbage', '{"EventName":"UserAction"} x'],
  ['two objects on a line', '{"EventName":"UserAction"}{"EventName":"UserAction"}'],
  ['raw tab inside a string', '{"EventName":"UserAction","Action":"a\tb"}'],
  ['raw control char inside a key', '{"EventName":"UserAction","A\u0001":"x"}'],
  ['bad escape', '{"EventName":"UserAction","Action":"\\x"}'],
  ['short unicode escape', '{"EventName":"UserAction","Action":"\\u12"}'],
  ['leading zero', '{"EventName":"ParseDuration","DurationSeconds":01}'],
  ['bare dot', '{"EventName":"ParseDuration","DurationSeconds":1.}'],
  ['leading dot', '{"EventName":"ParseDuration","DurationSeconds":.5}'],
  // The fraction fast path: plain `digits.digits` followed by `,` or `}`; everything else falls through.
  ['fractions, selected and not', '{"EventName":"ParseDuration","X":2.075,"DurationSeconds":0.25,"Y":10.5}'],
  ['bare dot before a comma', '{"EventName":"ParseDuration","DurationSeconds":1.,"Y":1}'],
  ['two dots', '{"EventName":"ParseDuration","DurationSeconds":1..5}'],
  ['dot then letter', '{"EventName":"ParseDuration","DurationSeconds":1.x}'],
  ['fraction with leading zero', '{"EventName":"ParseDuration","DurationSeconds":01.5}'],
  ['fraction then exponent', '{"EventName":"ParseDuration","DurationSeconds":1.5e3,"X":2.5E-1}'],
  ['fraction then bad exponent', '{"EventName":"ParseDuration","DurationSeconds":1.5e}'],
  ['fraction then space', '{"EventName":"ParseDuration","DurationSeconds":1.5 ,"X":0.0 }'],
  ['fraction at the end of a line', '{"EventName":"ParseDuration","DurationSeconds":1.5'],
  ['negative fraction', '{"EventName":"ParseDuration","DurationSeconds":-0.5}'],
  ['plus sign', '{"EventName":"ParseDuration","DurationSeconds":+1}'],
  ['exponent without digits', '{"EventName":"ParseDuration","DurationSeconds":1e}'],
  ['NaN literal', '{"EventName":"ParseDuration","DurationSeconds":NaN}'],
  ['misspelt literal', '{"EventName":"ParseDuration","Success":tru}'],
  ['single quotes', "{'EventName':'UserAction'}"],
  ['unquoted key', '{EventName:"UserAction"}'],
  ['array line', '[{"EventName":"UserAction"}]'],
  ['scalar line', '42'],
  ['string line', '"UserAction"'],
  ['null line', 'null'],
  ['missing colon', '{"EventName" "UserAction"}'],
  ['unclosed nested', '{"EventName":"UserAction","D":{"a":[1,2}}'],
  ['BOM in the middle of the file', '\ufeff{"EventName":"UserAction","Action":"x"}'],
  ['non-breaking space as padding', '\u00a0{"EventName":"UserAction"}'],
  ['pretty-printed fragment', '  "EventName": "UserAction",'],
];

describe('fast scanner agrees with JSON.parse, line by line', () => {
  it.each(cases)('%s', (_name, line) => {
    // Surround the line with valid records, with LF and CRLF endings, so splitting and
    // line numbers are exercised too.
    const before = '{"EventName":"UserAction","Action":"before"}';
    const after = '{"EventName":"ParseDuration","DurationSeconds":2}';
    expectSameAsJsonParse(`${before}\n${line}\n${after}\n`);
    expectSameAsJsonParse(`${before}\r\n${line}\r\n${after}`);
    // Prefilter mode: unwanted lines whose name is visible are skipped by both paths alike.
    expectSameAsJsonParse(`${before}\n${line}\n${after}\n`, 0, { ...selection, prefilter: true });
  });
});

describe('files', () => {
  it('strips a UTF-8 BOM at the start only', () => {
    const r = expectSameAsJsonParse('\ufeff{"EventName":"UserAction","Action":"a"}\n', 3);
    expect(r.records).toEqual([{ EventName: 'UserAction', Action: 'a' }]);
  });

  it('handles lines longer than the read buffer and an unterminated last line', () => {
    const long = `{"EventName":"UserAction","Pad":"${'x'.repeat(5000)}","Action":"long"}`;
    const r = expectSameAsJsonParse(`${long}\n${long}`);
    expect(r.records).toHaveLength(2);
  });

  it('invalid UTF-8 bytes decode the same way', () => {
    const bytes = Buffer.concat([Buffer.from('{"EventName":"UserAction","Action":"a'), Buffer.from([0xff, 0xc3]), Buffer.from('b"}\n')]);
    const r = expectSameAsJsonParse(bytes);
    expect(r.records[0]!.Action).toBe('a\ufffd\ufffdb');
  });

  it('empty file', () => {
    expect(expectSameAsJsonParse('').lines).toBe(0);
  });

  it('counts events by name and reports malformed lines with their line numbers', () => {
    const r = expectSameAsJsonParse('{"EventName":"A"}\n\n{"EventName":"A"}\nnot json\n{"EventName":"UserAction"}\n');
    expect(r.eventCounts).toEqual({ A: 2, UserAction: 1 });
    expect(r.malformed).toBe(1);
    expect(r.malformedSamples[0]!.line).toBe(4);
    expect(r.records).toEqual([{ EventName: 'UserAction' }]);
    expect(r.recordLines).toEqual([5]);
  });

  // The scanner finds each line's end as it scans, so a newline must end a line wherever it falls.
  it.each([
    ['an object pretty-printed over lines', '{\n"EventName":"UserAction",\n"Action":"a"\n}\n'],
    ['a newline where whitespace may go', '{"EventName":"UserAction", \n "Action":"a"}\n{"EventName" :\n"UserAction"}\n'],
    ['a newline inside a nested value', '{"EventName":"UserAction","L":[1,\n2],"Action":"a"}\n'],
    ['blank lines of whitespace, CR and tabs', ' \t\r\n\r\n{"EventName":"UserAction","Action":"a"} \t\r\n   '],
    ['a record with no newline at the end', '{"EventName":"UserAction","Action":"a"}\n{"EventName":"UserAction","Action":"b"}'],
    ['a record followed by more text on its line', '{"EventName":"UserAction","Action":"a"} x\n{"EventName":"UserAction"}{"EventName":"UserAction"}\n'],
  ])('%s: every line judged on its own, as JSON.parse judges it', (_name, content) => {
    expectSameAsJsonParse(content);
    expectSameAsJsonParse(content, 0, { ...selection, prefilter: true });
  });
});

describe('randomly damaged real-looking lines', () => {
  // A deterministic PRNG (mulberry32) so failures reproduce.
  function prng(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const templates = [
    '{"EventName":"ParseDuration","Timestamp":"2025-12-05T16:21:53.1178871-07:00","Site":"BOYO","FileName":"BOYO-A05-AS-02.log","DurationSeconds":1.753,"Hostname":"BOYO-A05-AS-02","Success":true}',
    '{"EventName":"UserAction","Timestamp":"2025-12-05T16:22:46.5844999-07:00","Site":"WLLS","Hostname":"WLLS-A01-AS-01","Action":"InterfacesView","Details":{"Rows":[1,2.5e3,-0.1],"Ok":false,"Note":"a \\"q\\" \\\\ \\u00e9"}}',
    '{"EventName":"RowsWritten","Timestamp":"2025-12-05T16:21:52.8908938-07:00","Rows":10,"RunDate":"2025-12-05 16:21:51","Site":"BOYO","DeletedRows":0,"Hostname":"BOYO-A05-AS-02"}',
  ];
  const alphabet = ['"', '\\', '{', '}', '[', ']', ',', ':', ' ', '\t', 'e', '-', '.', '0', '1', 'u', 'n', 't', 'f', 'x', 'é', '\u0001'];

  it('agree on 3,000 mutations', () => {
    const rand = prng(20251205);
    const lines: string[] = [];
    for (let k = 0; k < 3000; k++) {
      let line = templates[Math.floor(rand() * templates.length)]!;
      const edits = 1 + Math.floor(rand() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rand() * line.length);
        const op = rand();
        const ch = alphabet[Math.floor(rand() * alphabet.length)]!;
        if (op < 0.4) line = line.slice(0, at) + line.slice(at + 1);
        else if (op < 0.8) line = line.slice(0, at) + ch + line.slice(at);
        else line = line.slice(0, at) + ch + line.slice(at + 1);
      }
      lines.push(line);
    }
    expectSameAsJsonParse(`${lines.join('\n')}\n`, 0, { ...selection, prefilter: true });
    const r = expectSameAsJsonParse(`${lines.join('\n')}\n`);
    // The mutations must produce both outcomes, or the test proves little.
    expect(r.malformed).toBeGreaterThan(500);
    expect(r.objects).toBeGreaterThan(500);
  });
});

describe('prefilter mode matches readTelemetry with eventNames', () => {
  it('same records, counts and malformed lines on the adversarial lines', async () => {
    const { readTelemetry } = await import('../../../../core/telemetry/reader.js');
    const exact: ScanSelection = { eventNames: ['ParseDuration', 'UserAction'], fields: selection.fields, caseInsensitive: false, prefilter: true };
    const content = `${cases.map(([, line]) => line).join('\n')}\n`;
    const path = writeTemp(content);
    const fast = scanWhole(path, Buffer.byteLength(content), 0, Buffer.byteLength(content) + 1, exact);
    const records: Array<Record<string, unknown>> = [];
    const lines: number[] = [];
    const summary = await readTelemetry([path], {
      eventNames: new Set(exact.eventNames),
      onRecord: (record, location) => {
        const picked: Record<string, unknown> = {};
        for (const f of exact.fields) if (Object.prototype.hasOwnProperty.call(record, f)) picked[f] = record[f];
        records.push(picked);
        lines.push(location.line);
      },
      maxMalformedSamples: 100,
    });
    expect(fast.records).toEqual(records);
    expect(fast.recordLines).toEqual(lines);
    expect(fast.eventCounts).toEqual(summary.eventCounts);
    expect(fast.malformed).toBe(summary.malformed);
    expect(fast.malformedSamples).toEqual(summary.malformedSamples.map(({ file: _f, ...m }) => m));
  });
});

describe('the SWAR stop test on strings', () => {
  it('finds the first quote, backslash or control byte in every position of long strings', () => {
    // Every stop byte at every offset (alignment), after every kind of plain byte (ASCII, UTF-8
    // lead/continuation bytes, 0x7f, 0xff): the scanner's verdict and value must equal JSON.parse's.
    const scanner = new LineScanner(['EventName', 'Action'], false);
    const stops = [0x22, 0x5c, 0x00, 0x01, 0x09, 0x1f];
    const plains = [0x20, 0x21, 0x23, 0x41, 0x5b, 0x5d, 0x7f, 0x80, 0xc3, 0xa9, 0xff];
    let checked = 0;
    for (const plain of plains) {
      for (const stop of stops) {
        for (let at = 0; at < 19; at++) {
          const body = Buffer.alloc(24, plain);
          body[at] = stop;
          const line = Buffer.concat([Buffer.from('{"EventName":"UserAction","Action":"'), body, Buffer.from('"}\n')]);
          const text = line.toString('utf8', 0, line.length - 1);
          let expected: unknown;
          try {
            expected = (JSON.parse(text) as { Action: string }).Action;
          } catch {
            expected = 'malformed';
          }
          const outcome = scanner.scanLine(line, 0, line.length - 1);
          // A deferred line goes to JSON.parse, which then decides; an accepted one must agree.
          if (outcome === LineOutcome.Object) expect(scanner.value(1), `plain ${plain} stop ${stop} at ${at}`).toBe(expected);
          else expect(outcome === LineOutcome.Defer && (expected === 'malformed' || stop === 0x5c), `plain ${plain} stop ${stop} at ${at}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBe(11 * 6 * 19);
  });
});
