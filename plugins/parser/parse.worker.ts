/**
 * Worker thread: runs parse jobs posted by `WorkerPool` and posts the results back as one JSON string
 * (a device is hundreds of small objects; cloning one string and `JSON.parse` on the other side costs
 * the writer thread far less than structured-cloning the object graph).
 */
import { parentPort } from 'node:worker_threads';
import { runParseJob, type ParseJob } from './parse-job.js';

parentPort?.on('message', (job: ParseJob) => {
  parentPort!.postMessage(JSON.stringify(runParseJob(job)));
});
