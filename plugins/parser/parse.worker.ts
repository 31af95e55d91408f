/**
 * Worker thread: runs parse jobs posted by `WorkerPool` and posts the results back as one JSON string
 * (a device is hundreds of small objects; cloning one string and `JSON.parse` on the other side costs
 * the writer thread far less than structured-cloning the object graph).
 *
 * Before taking jobs the worker parses a few small generated logs, so the JIT has compiled the parser
 * and the first real hosts' `ParseDuration` measures parsing, not compilation. The time is part of the
 * pool's start-up (and of the ingest's wall time).
 */
import { parentPort } from 'node:worker_threads';
import { buildHost } from './corpus/model.js';
import { renderHost } from './corpus/generate.js';
import { runParseJob, type ParseJob } from './parse-job.js';
import { parseDeviceLog } from './parse-log.js';

function warmUp(): void {
  const samples = (['Cisco', 'Brocade', 'Arista'] as const).map((vendor, i) => renderHost(buildHost(`WARM-A01-AS-0${i}`, 'WARM', vendor, 12, i)));
  for (let round = 0; round < 20; round++) for (const text of samples) parseDeviceLog(text);
}

warmUp();
parentPort?.on('message', (job: ParseJob) => {
  parentPort!.postMessage(JSON.stringify(runParseJob(job)));
});
