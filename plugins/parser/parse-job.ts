/**
 * One parse job: read a slice, fingerprint it, skip it if the history says it is unchanged, else parse it.
 * Runs inside a worker thread (`parse.worker.ts`) or inline on the calling thread.
 */
import { readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fingerprint } from './history.js';
import { parseDeviceLog, type ParseOutcome } from './parse-log.js';
import type { ParseOptions } from './types.js';

export interface ParseJob {
  id: number;
  file: string;
  key: string;
  /** History fingerprint; when the slice matches it the job is a duplicate and is not parsed. */
  expected?: { hash: string; length: number };
  options: ParseOptions;
}

export type ParseJobResult =
  | { id: number; kind: 'skipped'; hash: string; length: number; startedAt: number; readMs: number }
  | { id: number; kind: 'parsed'; outcome: ParseOutcome; hash: string; length: number; mtimeUtc: string; startedAt: number; parseMs: number }
  | { id: number; kind: 'error'; message: string; startedAt: number };

export function runParseJob(job: ParseJob): ParseJobResult {
  const startedAt = Date.now();
  const t0 = performance.now();
  try {
    const bytes = readFileSync(job.file);
    const { hash, length } = fingerprint(bytes);
    if (job.expected && job.expected.hash === hash && job.expected.length === length) {
      return { id: job.id, kind: 'skipped', hash, length, startedAt, readMs: performance.now() - t0 };
    }
    const outcome = parseDeviceLog(bytes.toString('utf8'), job.options, job.key);
    const mtimeUtc = statSync(job.file).mtime.toISOString();
    return { id: job.id, kind: 'parsed', outcome, hash, length, mtimeUtc, startedAt, parseMs: performance.now() - t0 };
  } catch (error) {
    return { id: job.id, kind: 'error', message: error instanceof Error ? error.message : String(error), startedAt };
  }
}
