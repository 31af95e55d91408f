/**
 * The parallel scan's moving parts: tasks claimed in shared memory (front for the main thread,
 * back of the delivery window for workers), workers kept in a pool between scans, and a failed
 * or aborted scan that neither hangs nor poisons the next one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_CLAIMED, TaskClaims, WINDOW_FULL } from '../../../../core/telemetry/scan/claims.js';
import type { ScanSelection } from '../../../../core/telemetry/scan/collector.js';
import { runParallel } from '../../../../core/telemetry/scan/parallel.js';
import type { ScanTask } from '../../../../core/telemetry/scan/tasks.js';
import { returnScanWorkers, stopIdleScanWorkers, takeScanWorkers } from '../../../../core/telemetry/scan/pool.js';
import { scanTelemetryFiles, scanningThreads, type ScanFilesOptions } from '../../../../core/telemetry/scan/scan-files.js';

describe('TaskClaims', () => {
  it('hands each task out once: the main thread from the front, workers from the back of the window', () => {
    const claims = TaskClaims.create(10, 4);
    expect([claims.claimFront(), claims.claimBack(), claims.claimBack(), claims.claimFront()]).toEqual([0, 3, 2, 1]);
    // Window [0, 4) is all claimed; tasks 4–9 wait for deliveries.
    expect(claims.claimFront()).toBe(-1);
    expect(claims.claimBack()).toBe(WINDOW_FULL);
    claims.delivered(2);
    expect(claims.nextToDeliver).toBe(2);
    expect([claims.claimBack(), claims.claimFront()]).toEqual([5, 4]);
  });

  it('says when every task is claimed, and remembers an abort', () => {
    const claims = TaskClaims.create(3, 8);
    expect([claims.claimBack(), claims.claimBack(), claims.claimBack()]).toEqual([2, 1, 0]);
    expect(claims.claimBack()).toBe(ALL_CLAIMED);
    expect(claims.claimFront()).toBe(-1);
    expect(claims.aborted).toBe(false);
    claims.abort();
    expect(claims.aborted).toBe(true);
  });

  it('is the same state seen through another view of the shared memory (as a worker sees it)', () => {
    const main = TaskClaims.create(5, 5);
    const worker = new TaskClaims(main.shared, main.count, main.window);
    expect(worker.claimBack()).toBe(4);
    expect(main.claimBack()).toBe(3);
    main.delivered(1);
    expect(worker.nextToDeliver).toBe(1);
  });
});

describe('scanningThreads: as many threads as allowed, but no more than the input repays', () => {
  const MiB = 1024 * 1024;
  it.each([
    ['a day file', 15 * MiB, { workers: 2 }, 0],
    ['135 MB on two cores: one thread is faster', 135e6, { workers: 2 }, 0],
    ['192 MiB: two threads', 192 * MiB, { workers: 2 }, 2],
    ['351 MB, two cores', 351e6, { workers: 2 }, 2],
    ['351 MB, eight cores: three threads repay their start', 351e6, { workers: 8 }, 3],
    ['a gigabyte, eight cores', 1024 * MiB, { workers: 8 }, 8],
    ['workers: 1 is the main thread only', 1024 * MiB, { workers: 1 }, 0],
    ['minBytesPerThread 0: always the threads asked for', 1000, { workers: 3, minBytesPerThread: 0 }, 3],
    ['a smaller per-thread minimum', 100 * MiB, { workers: 4, minBytesPerThread: 25 * MiB }, 4],
  ] as Array<[string, number, Partial<ScanFilesOptions>, number]>)('%s', (_name, bytes, options, threads) => {
    expect(scanningThreads(bytes, options)).toBe(threads);
  });
});

describe('scan worker pool', () => {
  afterAll(() => stopIdleScanWorkers());

  it('gives healthy workers back to the next scan and terminates the others', async () => {
    const [first] = takeScanWorkers(1);
    await returnScanWorkers([first!], true);
    const [again] = takeScanWorkers(1);
    expect(again).toBe(first);
    const exited = new Promise<number>((resolve) => again!.once('exit', resolve));
    await returnScanWorkers([again!], false);
    await exited;
    const [fresh] = takeScanWorkers(1);
    expect(fresh).not.toBe(first);
    await returnScanWorkers([fresh!], true);
  });
});

describe('parallel scans (main thread + 2 workers, 64 KB ranges)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scan-parallel-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'telemetry.json');
  const lines: string[] = [];
  for (let k = 0; k < 20_000; k++) {
    lines.push(JSON.stringify({ EventName: k % 3 === 0 ? 'Wanted' : 'Other', Site: `S${k % 7}`, N: k, Note: 'x'.repeat(k % 50) }));
    if (k % 997 === 0) lines.push('{"EventName":"Wanted", broken');
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  const selection: ScanSelection = { eventNames: ['Wanted'], fields: ['EventName', 'Site', 'N'], caseInsensitive: false };
  const parallel: Partial<ScanFilesOptions> = { workers: 3, minBytesPerThread: 0, maxRangeBytes: 64 * 1024 };

  async function scan(extra: Partial<ScanFilesOptions>) {
    const records: Array<[number, Record<string, unknown>]> = [];
    const summaries = await scanTelemetryFiles([file], { selection, onRecord: (record, _file, line) => records.push([line, record]), ...extra });
    return { records, summary: summaries[0]! };
  }

  it('deliver exactly what the inline scan delivers, in order, scan after scan', async () => {
    const inline = await scan({ workers: 0 });
    expect(inline.records.length).toBe(6667);
    expect(inline.summary.malformed).toBe(21);
    for (let round = 0; round < 3; round++) expect(await scan(parallel)).toEqual(inline);
  });

  it('many small files (kept whole, a wider window) deliver what the inline scan delivers', async () => {
    const small: string[] = [];
    for (let f = 0; f < 30; f++) {
      const path = join(dir, `small-${String(f).padStart(2, '0')}.json`);
      writeFileSync(path, `${lines.slice(f * 600, f * 600 + 600 + (f % 7)).join('\n')}\n`);
      small.push(path);
    }
    const collect = async (extra: Partial<ScanFilesOptions>) => {
      const records: Array<[string, number, Record<string, unknown>]> = [];
      const summaries = await scanTelemetryFiles(small, { selection, onRecord: (record, path, line) => records.push([path, line, record]), ...extra });
      return { records, summaries };
    };
    const inline = await collect({ workers: 0 });
    expect(inline.records.length).toBeGreaterThan(5000);
    expect(await collect({ workers: 3, minBytesPerThread: 0 })).toEqual(inline);
  });

  it('a consumer that throws fails the scan, and the next scan still works', async () => {
    let seen = 0;
    await expect(
      scan({
        ...parallel,
        onRecord: () => {
          if (++seen === 3000) throw new Error('consumer broke');
        },
      }),
    ).rejects.toThrow('consumer broke');
    expect((await scan(parallel)).records.length).toBe(6667);
  });

  it('a range the main thread cannot read fails the scan; its workers are not reused', async () => {
    const range = (path: string, start: number, end: number): { file: number; task: ScanTask } => ({
      file: 0,
      task: { kind: 'range', range: { path, start, end, selection, lineAligned: start === 0 } },
    });
    // The main thread takes the first task: a file that is gone by the time it is read.
    const queue = [range(join(dir, 'vanished.json'), 0, 1000), range(file, 0, 64 * 1024), range(file, 64 * 1024, 128 * 1024)];
    const workers = takeScanWorkers(1);
    const exited = new Promise<number>((resolve) => workers[0]!.once('exit', resolve));
    await expect(runParallel(queue, workers, () => {}, undefined, 8)).rejects.toThrow(/ENOENT/);
    await exited;
    expect((await scan(parallel)).records.length).toBe(6667);
  });

  it('an abort stops the scan, and the next scan still works', async () => {
    const controller = new AbortController();
    let seen = 0;
    await expect(
      scan({
        ...parallel,
        signal: controller.signal,
        onRecord: () => {
          if (++seen === 2000) controller.abort(new Error('stopped by the user'));
        },
      }),
    ).rejects.toThrow('stopped by the user');
    expect((await scan(parallel)).records.length).toBe(6667);
  });
});
