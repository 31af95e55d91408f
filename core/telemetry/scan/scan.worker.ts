/**
 * Worker side of the parallel scan: runs range or whole-file tasks and posts their results.
 */
import { parentPort } from 'node:worker_threads';
import { withEventName } from './collector.js';
import { readFileNaive } from './naive.js';
import { packRecords } from './packed.js';
import { scanRange } from './scan-range.js';
import type { WorkerRequest, WorkerReply } from './tasks.js';

if (!parentPort) throw new Error('scan.worker must run as a worker thread');
const port = parentPort;

port.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const task = request.task;
    const result = task.kind === 'range' ? scanRange(task.range, { pack: true }) : readFileNaive(task.path, task.selection, task.maxMalformedSamples);
    // Records travel packed (typed arrays transferred, strings deduplicated): far cheaper than
    // cloning thousands of small objects, or serialising them as JSON and parsing that again.
    const records = result.packed ?? packRecords(result.records, withEventName(task.kind === 'range' ? task.range.selection : task.selection).fields);
    result.packed = undefined;
    result.records = [];
    transfer = [records.kinds.buffer as ArrayBuffer, records.values.buffer as ArrayBuffer];
    reply = { id: request.id, result, records };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? `${error.message}` : String(error) };
  }
  port.postMessage(reply, transfer);
});
