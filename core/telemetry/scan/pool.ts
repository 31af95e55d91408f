/**
 * The scan worker threads, kept between scans. A worker costs ~35–50 ms to start and, on its first
 * large range, ~100 ms of optimizing-compiler time before the scanner runs at full speed; a
 * process that scans more than once (a scenario run with several rollups, the test suite) pays
 * that once, not per scan.
 *
 * Idle workers are unreferenced, so they never keep the process alive; a worker handed to a scan
 * is referenced until it comes back. A worker whose scan failed is terminated, never reused (it
 * may still be busy with a task nobody waits for).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { resolveWorkerUrl } from '../../workers.js';

const idle: Worker[] = [];

function startWorker(): Worker {
  // The build bundles the worker and its imports into one CommonJS file: it boots ~25% faster
  // (~35 ms instead of ~45 alone, more when the cores are busy) than loading a dozen ES modules.
  const worker = new Worker(resolveWorkerUrl(import.meta.url, './scan.worker.cjs'));
  // A worker that dies while idle (it should not) must not be handed out later.
  worker.once('exit', () => {
    const at = idle.indexOf(worker);
    if (at >= 0) idle.splice(at, 1);
  });
  return worker;
}

/** `count` workers for a scan: idle pooled ones first, new ones for the rest. */
export function takeScanWorkers(count: number): Worker[] {
  const taken = idle.splice(0, count);
  for (const worker of taken) worker.ref();
  while (taken.length < count) taken.push(startWorker());
  return taken;
}

/** Give workers back after a scan: `healthy` ones wait (unreferenced) for the next scan, the others are terminated. */
export async function returnScanWorkers(workers: readonly Worker[], healthy: boolean): Promise<void> {
  if (!healthy) {
    await Promise.all(workers.map((w) => w.terminate()));
    return;
  }
  const spare: Worker[] = [];
  for (const worker of workers) {
    // Concurrent scans may have started more workers than one scan uses: keep no more than that.
    if (idle.length >= availableParallelism() - 1) {
      spare.push(worker);
      continue;
    }
    worker.unref();
    idle.push(worker);
  }
  await Promise.all(spare.map((w) => w.terminate()));
}

/** Terminate the idle workers (tests, or a host process that wants its threads back). */
export async function stopIdleScanWorkers(): Promise<void> {
  await Promise.all(idle.splice(0).map((w) => w.terminate()));
}
