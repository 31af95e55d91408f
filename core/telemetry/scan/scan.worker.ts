/**
 * Worker side of the parallel scan: runs range or whole-file tasks and posts their results.
 */
import { parentPort } from 'node:worker_threads';
import { readFileNaive } from './naive.js';
import { scanRange } from './scan-range.js';
import type { WorkerRequest, WorkerReply } from './tasks.js';

if (!parentPort) throw new Error('scan.worker must run as a worker thread');
const port = parentPort;

port.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    const result =
      request.task.kind === 'range'
        ? scanRange(request.task.range)
        : readFileNaive(request.task.path, request.task.selection, request.task.maxMalformedSamples);
    reply = { id: request.id, result };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? `${error.message}` : String(error) };
  }
  port.postMessage(reply);
});
