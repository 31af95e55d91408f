/**
 * A fixed pool of parse workers. `size` 0 runs jobs inline on the calling thread (tests, tiny corpora).
 */
import { Worker } from 'node:worker_threads';
import { resolveWorkerUrl } from '../../core/workers.js';
import { runParseJob, type ParseJob, type ParseJobResult } from './parse-job.js';

export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly pending = new Map<Worker, (r: ParseJobResult) => void>();

  constructor(readonly size: number) {
    if (size <= 0) return;
    const url = resolveWorkerUrl(import.meta.url, './parse.worker.js');
    for (let i = 0; i < size; i++) {
      const worker = new Worker(url);
      worker.on('message', (message: string) => {
        const result = JSON.parse(message) as ParseJobResult;
        const done = this.pending.get(worker);
        this.pending.delete(worker);
        this.idle.push(worker);
        done?.(result);
      });
      worker.on('error', (error) => {
        const done = this.pending.get(worker);
        this.pending.delete(worker);
        done?.({ id: -1, kind: 'error', message: `parse worker crashed: ${error.message}`, startedAt: Date.now() });
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  /** Number of jobs that can start now. */
  get available(): number {
    return this.size <= 0 ? 1 : this.idle.length;
  }

  /** Run a job; resolves with its result. Inline mode runs it on a microtask so callers stay uniform. */
  run(job: ParseJob): Promise<ParseJobResult> {
    if (this.size <= 0) return Promise.resolve().then(() => runParseJob(job));
    const worker = this.idle.pop();
    if (!worker) return Promise.reject(new Error('no idle parse worker'));
    return new Promise((resolve) => {
      this.pending.set(worker, (r) => resolve(r.id === -1 ? { ...r, id: job.id } : r));
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
    this.idle.length = 0;
  }
}
