/**
 * The coordinator: worker threads, byte ranges and in-order delivery give exactly the records and
 * summaries of the inline scan and of the plain JSON.parse path; UTF-16 files fall back to the
 * plain path; JSON-array documents are recognised.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScanSelection } from '../../../../core/telemetry/scan/collector.js';
import { scanTelemetryFiles, type ScanFilesOptions } from '../../../../core/telemetry/scan/scan-files.js';
import { corpusPath, hasCorpus } from '../../../corpus.js';

const selection: ScanSelection = {
  eventNames: ['ParseDuration', 'RowsWritten', 'InterfaceSyncTiming', 'UserAction'],
  fields: ['EventName', 'Site', 'DurationSeconds', 'Rows', 'SiteCacheFetchDurationMs', 'SiteCacheProvider', 'Action'],
  caseInsensitive: true,
};

async function collect(paths: string[], extra: Partial<ScanFilesOptions>) {
  const records: Array<[string, number, Record<string, unknown>]> = [];
  const summaries = await scanTelemetryFiles(paths, {
    selection,
    onRecord: (record, file, line) => records.push([file, line, record]),
    ...extra,
  });
  return { records, summaries: summaries.map(({ deferred: _d, ...s }) => s) };
}

const dir = mkdtempSync(join(tmpdir(), 'scan-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!hasCorpus)('scanTelemetryFiles on the shared telemetry (needs ../shared/corpus/statetrace)', () => {
  const files = hasCorpus
    ? readdirSync(corpusPath('telemetry'))
        .sort()
        .map((f) => corpusPath('telemetry', f))
    : [];

  it('workers + small ranges = inline = JSON.parse path', async () => {
    const naive = await collect(files, { mode: 'naive', workers: 0 });
    const inline = await collect(files, { workers: 0 });
    const parallel = await collect(files, { workers: 3, minBytesPerThread: 0, maxRangeBytes: 256 * 1024 }); // main + 2 workers
    expect(naive.records.length).toBeGreaterThan(3000);
    expect(inline).toEqual(naive);
    expect(parallel).toEqual(naive);
    const arrayFile = naive.summaries.find((s) => s.path.endsWith('20251222.json'))!;
    expect(arrayFile.format).toBe('json-array');
    const bomFile = naive.summaries.find((s) => s.path.endsWith('2026-01-01.json'))!;
    expect(bomFile.encoding).toBe('utf-8-bom');
    expect(naive.summaries.reduce((n, s) => n + s.malformed, 0)).toBe(0);
  });

  it('reports progress up to the total', async () => {
    const seen: number[] = [];
    await collect(files, { workers: 2, minBytesPerThread: 0, maxRangeBytes: 1024 * 1024, onProgress: (done, total) => seen.push(done / total) });
    expect(seen.at(-1)).toBe(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('UTF-16 files are read through the plain path with the same records', async () => {
    const utf8 = readFileSync(corpusPath('telemetry', '2025-12-08.json'), 'utf8');
    const le = join(dir, 'le.json');
    writeFileSync(le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8, 'utf16le')]));
    const fromUtf16 = await collect([le], { workers: 0 });
    const fromUtf8 = await collect([corpusPath('telemetry', '2025-12-08.json')], { workers: 0 });
    expect(fromUtf16.summaries[0]!.encoding).toBe('utf-16le-bom');
    expect(fromUtf16.records.map(([, line, r]) => [line, r])).toEqual(fromUtf8.records.map(([, line, r]) => [line, r]));
  });
});
