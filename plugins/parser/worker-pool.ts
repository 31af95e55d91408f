/**
 * A fixed pool of parse workers. `size` 0 runs jobs inline on the calling thread (tests, tiny corpora).
 * A worker that crashes fails only its current job and is replaced; after repeated crashes the pool
 * parses inline rather than hang.
 */
import { Worker } from 'node:worker_threads';
import { resolveWorkerUrl } from '../../core/workers.js';
import { runParseJob, type ParseJob, type ParseJobResult } from './parse-job.js';

const MAX_RESPAWNS = 8;

export class WorkerPool {
  private readonly workers = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly pending = new Map<Worker, { id: number; resolve: (r: ParseJobResult) => void }>();
  private respawns = 0;
  private inline: boolean;
  private closed = false;
  private url: URL | undefined;

  constructor(readonly size: number) {
    this.inline = size <= 0;
    if (this.inline) return;
    this.url = resolveWorkerUrl(import.meta.url, './parse.worker.js');
    for (let i = 0; i < size; i++) this.spawn();
  }

  private spawn(): void {
    const worker = new Worker(this.url!);
    worker.on('message', (message: string) => {
      const result = JSON.parse(message) as ParseJobResult;
      const job = this.pending.get(worker);
      this.pending.delete(worker);
      this.idle.push(worker);
      job?.resolve(result);
    });
    worker.on('error', (error) => {
      const job = this.pending.get(worker);
      this.pending.delete(worker);
      this.workers.delete(worker);
      const i = this.idle.indexOf(worker);
      if (i >= 0) this.idle.splice(i, 1);
      if (!this.closed) {
        if (this.respawns++ < MAX_RESPAWNS) this.spawn();
        else if (this.workers.size === 0) this.inline = true;
      }
      job?.resolve({ id: job.id, kind: 'error', message: `parse worker crashed: ${error.message}`, startedAt: Date.now() });
    });
    this.workers.add(worker);
    this.idle.push(worker);
  }

  /** Number of jobs that can start now (inline: one at a time). */
  get available(): number {
    return this.inline ? 1 : this.idle.length;
  }

  /** Run a job; resolves with its result. Inline mode runs it on a microtask so callers stay uniform. */
  run(job: ParseJob): Promise<ParseJobResult> {
    if (this.inline) return Promise.resolve().then(() => runParseJob(job));
    const worker = this.idle.pop();
    if (!worker) return Promise.reject(new Error('no idle parse worker'));
    return new Promise((resolve) => {
      this.pending.set(worker, { id: job.id, resolve });
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.workers].map((w) => w.terminate()));
    this.workers.clear();
    this.idle.length = 0;
  }
}
