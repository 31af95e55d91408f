/**
 * The fast reader (the rollup's scanner behind the `readTelemetry` contract, for the gates) must
 * give what the reference reader gives: the same summary (counts per EventName, malformed lines
 * with their samples, per-file format and encoding), the same records in the same order at the
 * same lines — as far as the named fields go, looked up as the gates' `getField` looks them up —
 * and therefore the same gate samples. Needs ../shared/corpus/statetrace for the real-data cases.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getField } from '../../../../core/gates/filter.js';
import { collectSamples, loadGateFiles } from '../../../../core/gates/index.js';
import { MetricDictionary } from '../../../../core/metrics/dictionary.js';
import { readTelemetry } from '../../../../core/telemetry/reader.js';
import { createFastReader } from '../../../../core/telemetry/scan/fast-reader.js';
import type { ReadTelemetry } from '../../../../core/telemetry/types.js';
import { builtinMetrics } from '../../../builtin-metrics.js';
import { corpusPath, hasCorpus, projectRoot } from '../../../corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'fast-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const eventNames = new Set(['ParseDuration', 'UserAction', 'constructor']);
const fields = ['EventName', 'Timestamp', 'Site', 'DurationSeconds', 'Action', 'Success'];

/** What a gate can see of a read: summary, and per record its place and its fields as getField finds them. */
async function read(reader: ReadTelemetry, paths: string[]) {
  const records: unknown[] = [];
  const summary = await reader(paths, {
    eventNames,
    fields,
    maxMalformedSamples: 50,
    onRecord: (record, location) => records.push([location, record.EventName, record.Timestamp, fields.map((f) => getField(record, f))]),
  });
  return { summary, records };
}

const fast = createFastReader({ minBytes: 0 });

const lines = [
  '{"EventName":"ParseDuration","Timestamp":"2025-12-05T16:21:52.1976652-07:00","Site":"BOYO","DurationSeconds":1.5,"Success":true}',
  '{"EventName":"ParseDuration","site":"lower-case key only","DurationSeconds":2}',
  '{"EventName":"ParseDuration","Site":"exact","SITE":"variant after","DurationSeconds":3}',
  '{"EventName":"ParseDuration","SITE":"first variant","site":"second variant"}',
  '{"EventName":"ParseDuration","timestamp":"lower-case timestamp","DurationSeconds":4}',
  '{"eventname":"ParseDuration","DurationSeconds":5}',
  '{"EventName":"parseduration","DurationSeconds":6}',
  '{"EventName":"UserAction","Action":"say \\"hi\\"","Details":{"Site":"nested"},"Site":["a","b"]}',
  '{"EventName":"UserAction","Act\\u0069on":"escaped key","Action":"plain"}',
  '{"EventName":"RowsWritten","Rows":10}',
  '{"EventName":"RowsWritten", broken',
  '{"EventName":"ParseDuration", broken',
  '[1,2,3]',
  '"a string"',
  '',
  '   ',
  '{"EventName":"constructor","Site":"proto"}',
  '{"EventName":"__proto__","Site":"proto"}',
  '{"EventName":"__proto__","Site":"proto again"}',
  '{"Site":"no name"}',
  '{"EventName":"ParseDuration","EventName":"UserAction","Action":"duplicate name, last wins"}',
  '\ufeff{"EventName":"UserAction","Action":"BOM at a line start"}',
  '{"EventName":"UserAction","Action":"CRLF"}\r',
];

describe('createFastReader ≡ readTelemetry', () => {
  it('on adversarial lines: case variants, escapes, duplicates, malformed and non-object lines', async () => {
    const path = join(dir, 'adversarial.json');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const expected = await read(readTelemetry, [path]);
    expect(expected.records.length).toBeGreaterThan(8);
    expect(expected.summary.malformed).toBe(4);
    expect(await read(fast, [path])).toEqual(expected);
  });

  it('on several files, through worker threads and small ranges', async () => {
    const paths = [0, 1, 2].map((k) => {
      const path = join(dir, `part-${k}.json`);
      writeFileSync(path, `${Array.from({ length: 300 }, (_, i) => lines[(i * 7 + k) % lines.length]).join('\n')}\n`);
      return path;
    });
    const parallel = createFastReader({ minBytes: 0, scan: { workers: 3, minBytesPerThread: 0, maxRangeBytes: 4096 } });
    const expected = await read(readTelemetry, paths);
    expect(await read(parallel, paths)).toEqual(expected);
  });

  it('leaves JSON documents, empty files and missing paths to the reference reader', async () => {
    const array = join(dir, 'array.json');
    writeFileSync(array, '[\n  {"EventName":"ParseDuration","DurationSeconds":1}\n]\n');
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '\n\n');
    expect(await read(fast, [array, empty])).toEqual(await read(readTelemetry, [array, empty]));
    await expect(read(fast, [join(dir, 'missing.json')])).rejects.toThrow(/not found/);
  });
});

describe.skipIf(!hasCorpus)('createFastReader ≡ readTelemetry on the shared telemetry (needs ../shared/corpus/statetrace)', () => {
  const days = hasCorpus
    ? readdirSync(corpusPath('telemetry'))
        .filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f))
        .sort()
        .map((f) => corpusPath('telemetry', f))
    : [];

  it('the same gate samples for every shipped gate file, day files read together', async () => {
    const gatesDir = join(projectRoot, 'gates');
    const gateFiles = readdirSync(gatesDir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => join(gatesDir, f));
    const gates = loadGateFiles(gateFiles, new MetricDictionary(builtinMetrics())).flatMap((f) => f.gates);
    const parallel = createFastReader({ minBytes: 0, scan: { workers: 2, minBytesPerThread: 0, maxRangeBytes: 256 * 1024 } });
    const expected = await collectSamples(gates, days, { readTelemetry });
    expect(expected.telemetry.events).toBeGreaterThan(10_000);
    expect(await collectSamples(gates, days, { readTelemetry: parallel })).toEqual(expected);
  });
});
