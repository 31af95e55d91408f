import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StatetraceError } from '../../../core/errors.js';
import { readWarmRunTelemetry } from '../../../plugins/warm-run/telemetry-file.js';
import { readJsonRecords } from '../../../plugins/shared-cache/read-records.js';

const dir = mkdtempSync(join(tmpdir(), 'statetrace-warm-run-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bad input is reported with file, line and a fix', () => {
  it.each([
    ['empty.json', '', /is empty/, undefined],
    ['broken.json', '[\n  {"PassLabel": "ColdPass",\n', /not valid JSON/, 1],
    ['ndjson-bad.json', '{"PassLabel":"ColdPass"}\n{oops\n', /not valid JSON \(1 bad line/, 2],
  ])('%s', (name, text, message, line) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    try {
      readWarmRunTelemetry(path);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(StatetraceError);
      const e = error as StatetraceError;
      expect(e.message).toMatch(message);
      expect(e.location?.file).toBe(path);
      if (line !== undefined) expect(e.location?.line).toBe(line);
      expect(e.hint ?? '').not.toBe('');
    }
  });

  it('missing file → InputMissing naming the path', () => {
    expect(() => readWarmRunTelemetry(join(dir, 'nope.json'))).toThrow(/Cannot read .*nope\.json/);
  });

  it('reader copes with BOM, UTF-16 LE, CRLF and PowerShell formatting records (counted, not returned)', () => {
    const path = join(dir, 'utf16.json');
    const text = '[\r\n {"ClassId2e4f51ef21dd47e99d3c952918aff9cd":"x"},\r\n {"Site":"TEST","Total":1}\r\n]\r\n';
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const read = readJsonRecords(path);
    expect(read).toMatchObject({ shape: 'json-array', formattingRecords: 1, malformed: [] });
    expect(read.records.map((r) => r.record)).toEqual([{ Site: 'TEST', Total: 1 }]);
  });
});
