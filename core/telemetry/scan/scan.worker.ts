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
    // Records travel as one JSON string: far cheaper to clone than thousands of small objects,
    // and exact for JSON values (only the sign of -0 is lost, which no consumer can observe).
    const recordsJson = JSON.stringify(result.records);
    result.records = [];
    reply = { id: request.id, result, recordsJson };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? `${error.message}` : String(error) };
  }
  port.postMessage(reply);
});
