/** Worker thread: runs parse jobs posted by `WorkerPool` and posts the results back. */
import { parentPort } from 'node:worker_threads';
import { runParseJob, type ParseJob } from './parse-job.js';

parentPort?.on('message', (job: ParseJob) => {
  parentPort!.postMessage(runParseJob(job));
});
