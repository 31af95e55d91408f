import { fork } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTimestampParts } from '../../../core/telemetry/timestamp.js';
import { createTelemetryWriter, formatEventLine } from '../../../core/telemetry/writer.js';
import { projectRoot } from '../../corpus.js';
import { makeTempDir } from './helpers.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').slice(0, -1);
}

describe('formatEventLine', () => {
  it('EventName first, Timestamp second (added when missing), then the fields in their order, one line', () => {
    const line = formatEventLine({ Site: 'BOYO', Note: 'a\nb', EventName: 'ParseDuration', DurationSeconds: 1.5 });
    expect(line).not.toContain('\n');
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['EventName', 'Timestamp', 'Site', 'Note', 'DurationSeconds']);
    expect(parseTimestampParts(parsed.Timestamp as string)).toMatchObject({ fractionDigits: 7, format: 'iso' });
    expect(formatEventLine({ EventName: 'X', Timestamp: '2025-12-05T16:21:54.7420355-07:00' })).toBe(
      '{"EventName":"X","Timestamp":"2025-12-05T16:21:54.7420355-07:00"}',
    );
  });

  it('rejects an event without EventName', () => {
    expect(() => formatEventLine({ EventName: '' })).toThrow(/EventName/);
  });
});

describe('createTelemetryWriter', () => {
  it('buffers, flushes on the event count, on flush() and on close(); appends to existing content', () => {
    const path = tmp.file('buffer.jsonl', '{"EventName":"Existing"}\n');
    const writer = createTelemetryWriter(path, { maxBufferedEvents: 3, flushIntervalMs: 60_000 });
    writer.write({ EventName: 'A', n: 1 });
    writer.write({ EventName: 'A', n: 2 });
    expect(lines(path)).toHaveLength(1);
    writer.write({ EventName: 'A', n: 3 });
    expect(lines(path)).toHaveLength(4);
    writer.write({ EventName: 'A', n: 4 });
    writer.flush();
    expect(lines(path)).toHaveLength(5);
    writer.write({ EventName: 'A', n: 5 });
    writer.close();
    expect(lines(path).map((l) => (JSON.parse(l) as { n?: number }).n)).toEqual([undefined, 1, 2, 3, 4, 5]);
    expect(() => writer.write({ EventName: 'A' })).toThrow(/closed/);
  });

  it('flushes on size, splitting batches only between lines', () => {
    const path = join(tmp.dir, 'size.jsonl');
    const writer = createTelemetryWriter(path, { maxWriteBytes: 1000, maxBufferedEvents: 1000, flushIntervalMs: 60_000 });
    for (let i = 0; i < 30; i++) writer.write({ EventName: 'Big', i, pad: 'x'.repeat(100 + i * 20) });
    writer.write({ EventName: 'Huge', pad: 'y'.repeat(5000) }); // larger than the cap: written alone
    writer.close();
    const all = lines(path).map((l) => JSON.parse(l) as { i?: number; EventName: string });
    expect(all).toHaveLength(31);
    expect(all.slice(0, 30).map((e) => e.i)).toEqual([...Array(30).keys()]);
    expect(all[30]!.EventName).toBe('Huge');
  });

  it('many writers share one exit listener', () => {
    const before = process.listenerCount('exit');
    const writers = Array.from({ length: 20 }, (_, i) => createTelemetryWriter(join(tmp.dir, `many-${i}.jsonl`)));
    expect(process.listenerCount('exit') - before).toBeLessThanOrEqual(1);
    for (const w of writers) w.close();
  });

  it('flushes after the interval', async () => {
    const path = join(tmp.dir, 'timer.jsonl');
    const writer = createTelemetryWriter(path, { flushIntervalMs: 10 });
    writer.write({ EventName: 'Later' });
    expect(readFileSync(path, 'utf8')).toBe('');
    for (let i = 0; i < 200 && readFileSync(path, 'utf8') === ''; i++) await new Promise((r) => setTimeout(r, 10));
    expect(lines(path)).toHaveLength(1);
    writer.close();
  });
});

/**
 * Several processes appending to one file at once: each child writes thousands of lines of varied
 * size (many batches far above PIPE_BUF) through its own writer. Every line must arrive whole,
 * exactly once, in each writer's order.
 */
describe('createTelemetryWriter: concurrent processes', () => {
  const CHILDREN = 4;
  const PER_CHILD = 2500;
  let childScript = '';

  beforeAll(() => {
    // Children run plain JS: transpile the writer and its one runtime dependency next to the script.
    for (const name of ['writer', 'timestamp']) {
      const source = readFileSync(join(projectRoot, 'core', 'telemetry', `${name}.ts`), 'utf8');
      const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
      writeFileSync(join(tmp.dir, `${name}.js`), js);
    }
    childScript = tmp.file(
      'append-child.mjs',
      `import { createTelemetryWriter } from './writer.js';
const [path, id, count] = process.argv.slice(2);
const writer = createTelemetryWriter(path, { maxBufferedEvents: 1 + (Number(id) * 7) % 40, flushIntervalMs: 60000 });
for (let seq = 0; seq < Number(count); seq++) {
  writer.write({ EventName: 'Append', writer: Number(id), seq, pad: 'p'.repeat((seq * 131 + Number(id) * 17) % 900) });
}
// The last batch is left for the exit hook to flush.
`,
    );
  });

  it(`${CHILDREN} processes × ${PER_CHILD} lines: all present, none torn or interleaved`, async () => {
    const path = join(tmp.dir, 'shared.jsonl');
    await Promise.all(
      Array.from({ length: CHILDREN }, (_, id) =>
        new Promise<void>((resolve, reject) => {
          const child = fork(childScript, [path, String(id), String(PER_CHILD)], { stdio: 'inherit' });
          child.on('error', reject);
          child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`child ${id} exited ${code}`))));
        }),
      ),
    );
    const all = lines(path);
    expect(all).toHaveLength(CHILDREN * PER_CHILD);
    const nextSeq = new Array<number>(CHILDREN).fill(0);
    let invalid = 0;
    for (const line of all) {
      let event: { writer: number; seq: number; pad: string };
      try {
        event = JSON.parse(line) as typeof event;
      } catch {
        invalid++;
        continue;
      }
      expect(event.seq).toBe(nextSeq[event.writer]);
      expect(event.pad.length).toBe((event.seq * 131 + event.writer * 17) % 900);
      nextSeq[event.writer]!++;
    }
    expect(invalid).toBe(0);
    expect(nextSeq).toEqual(new Array(CHILDREN).fill(PER_CHILD));
  }, 30_000);
});
