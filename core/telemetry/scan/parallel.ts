/**
 * The main thread's side of a parallel scan: it scans tasks itself (claimed from the front, see
 * `claims.ts`), collects the workers' results, and delivers all results strictly in task order.
 */
import type { Worker } from 'node:worker_threads';
import type { RangeResult } from './collector.js';
import { TaskClaims } from './claims.js';
import { readFileNaive } from './naive.js';
import { unpackRecords, type PackedRecords } from './packed.js';
import { returnScanWorkers } from './pool.js';
import { scanRange } from './scan-range.js';
import type { ScanJob, ScanTask, WorkerReply } from './tasks.js';

export function runInline(task: ScanTask): RangeResult {
  return task.kind === 'range' ? scanRange(task.range) : readFileNaive(task.path, task.selection, task.maxMalformedSamples);
}

/**
 * Scan `queue` on the main thread and `workers`, delivering each result in queue order. At most
 * `window` tasks past the first undelivered one are started, so memory stays bounded. The workers
 * go back to the pool afterwards (or are terminated, after a failure).
 */
export async function runParallel(
  queue: Array<{ file: number; task: ScanTask }>,
  workers: Worker[],
  deliver: (file: number, result: RangeResult) => void,
  signal: AbortSignal | undefined,
  window: number,
): Promise<void> {
  const claims = TaskClaims.create(queue.length, window);
  // Worker results wait packed until their turn (cheaper to hold than record objects).
  const pending = new Map<number, RangeResult>();
  const packedRecords = new Map<number, PackedRecords>();
  let nextToDeliver = 0;
  let idleWorkers = 0;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const fail = (error: unknown): void => {
    failure ??= error;
    claims.abort();
    wake?.();
  };
  const waitForWorkers = (): Promise<void> =>
    new Promise<void>((resolve) => {
      wake = resolve;
    }).then(() => {
      wake = undefined;
    });

  // Listeners come off again afterwards: the workers go back to the pool for the next scan.
  const detach: Array<() => void> = [];
  const job: ScanJob = { tasks: queue.map((q) => q.task), shared: claims.shared, window: claims.window };
  for (const worker of workers) {
    const onMessage = (reply: WorkerReply): void => {
      if (reply.kind === 'done') idleWorkers++;
      else if (reply.kind === 'error') fail(new Error(`scanning ${describeTask(queue[reply.id]!.task)} failed: ${reply.error}`));
      else {
        packedRecords.set(reply.id, reply.records);
        pending.set(reply.id, reply.result);
      }
      wake?.();
    };
    // A worker that dies without an error event (e.g. out of memory) must not leave us waiting.
    const onExit = (code: number): void => fail(new Error(`a telemetry scan worker exited (code ${code}) during the scan`));
    worker.on('message', onMessage).on('error', fail).on('exit', onExit);
    detach.push(() => worker.off('message', onMessage).off('error', fail).off('exit', onExit));
    worker.postMessage(job);
  }

  const drain = (): void => {
    const before = nextToDeliver;
    for (;;) {
      const ready = pending.get(nextToDeliver);
      if (ready === undefined) break;
      pending.delete(nextToDeliver);
      const packed = packedRecords.get(nextToDeliver);
      if (packed !== undefined) {
        packedRecords.delete(nextToDeliver);
        ready.records = unpackRecords(packed);
      }
      deliver(queue[nextToDeliver]!.file, ready);
      nextToDeliver++;
    }
    if (nextToDeliver !== before) claims.delivered(nextToDeliver);
  };

  const onAbort = (): void => fail(signal?.reason ?? new Error('aborted'));
  signal?.addEventListener('abort', onAbort, { once: true });
  let completed = false;
  try {
    while (nextToDeliver < queue.length) {
      if (failure !== undefined) throw failure;
      try {
        drain();
      } catch (error) {
        fail(error);
        continue;
      }
      if (nextToDeliver >= queue.length) break;
      const id = claims.claimFront();
      if (id >= 0) {
        // The main thread scans a task itself, then yields so worker results can arrive.
        pending.set(id, runInline(queue[id]!.task));
        await new Promise<void>((resolve) => setImmediate(resolve));
      } else if (!pending.has(nextToDeliver)) {
        await waitForWorkers();
      }
    }
    // A worker is free for the next scan once it has found nothing left to claim and said so.
    while (idleWorkers < workers.length && failure === undefined) await waitForWorkers();
    if (failure !== undefined) throw failure;
    completed = true;
  } finally {
    // Whatever ended the scan early (a worker's error, the consumer's, the main thread's own
    // task failing to read its file, an abort), the workers claim nothing more.
    if (!completed) claims.abort();
    signal?.removeEventListener('abort', onAbort);
    for (const off of detach) off();
    // After a failure a worker may still be busy with a task nobody waits for: it is not reused.
    await returnScanWorkers(workers, completed);
  }
}

function describeTask(task: ScanTask): string {
  return task.kind === 'range' ? `${task.range.path} bytes ${task.range.start}-${task.range.end}` : task.path;
}
