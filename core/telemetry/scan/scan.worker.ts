/**
 * Worker side of the parallel scan: claims range or whole-file tasks of a scan and posts their results.
 */
import { parentPort } from 'node:worker_threads';
import { deliversWholeRecords, withEventName } from './collector.js';
import { readFileNaive } from './naive.js';
import { packRecords } from './packed.js';
import { scanRange } from './scan-range.js';
import { ALL_CLAIMED, TaskClaims, WINDOW_FULL } from './claims.js';
import type { ScanJob, ScanTask, WorkerReply } from './tasks.js';

if (!parentPort) throw new Error('scan.worker must run as a worker thread');
const port = parentPort;
// Every reply transfers (detaches) two ArrayBuffers. The first detach in a thread invalidates a
// V8-wide assumption that no buffer ever was, and with it every optimized function that reads a
// typed array: the whole scanner was thrown away after the first range and compiled again
// (~100 ms on a 16 MB range). Detaching one now, before anything is optimized, avoids that.
const detached = new ArrayBuffer(8);
structuredClone(detached, { transfer: [detached] });

/** Scan one task and post its result; false when it failed (the error is posted instead). */
function runTask(id: number, task: ScanTask): boolean {
  try {
    const result = task.kind === 'range' ? scanRange(task.range, { pack: true }) : readFileNaive(task.path, task.selection, task.maxMalformedSamples);
    // Records travel packed (typed arrays transferred, strings deduplicated): far cheaper than
    // cloning thousands of small objects, or serialising them as JSON and parsing that again.
    const selection = withEventName(task.kind === 'range' ? task.range.selection : task.selection);
    // The plain path (whole files) builds objects; in `whole` mode they are whole records.
    const records = result.packed ?? packRecords(result.records, selection.fields, deliversWholeRecords(selection));
    result.packed = undefined;
    result.records = [];
    const reply: WorkerReply = { kind: 'result', id, result, records };
    port.postMessage(reply, [records.kinds.buffer as ArrayBuffer, records.values.buffer as ArrayBuffer]);
    return true;
  } catch (error) {
    const reply: WorkerReply = { kind: 'error', id, error: error instanceof Error ? error.message : String(error) };
    port.postMessage(reply);
    return false;
  }
}

// A scan: claim tasks (from the back of the delivery window) until none is left, then say so.
port.on('message', (job: ScanJob) => {
  const claims = new TaskClaims(job.shared, job.tasks.length, job.window);
  while (!claims.aborted) {
    // Read before claiming: a delivery in between then ends the wait at once.
    const seen = claims.nextToDeliver;
    const id = claims.claimBack();
    if (id === ALL_CLAIMED) break;
    if (id === WINDOW_FULL) {
      claims.waitForDelivery(seen, 1000);
      continue;
    }
    if (!runTask(id, job.tasks[id]!)) break;
  }
  const done: WorkerReply = { kind: 'done' };
  port.postMessage(done);
});
