/** Shared helpers for steps and commands: which telemetry files to read, and reading them all. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ErrorCode, StatetraceError } from '../../core/errors.js';
import { field, readJsonRecords, text, type JsonRecord } from './read-records.js';

/** Explicit paths, else every `*.json`/`*.jsonl` of `directory`, newest first (the analyzers' default). */
export function telemetryFiles(cwd: string, paths: readonly string[], directory?: string): string[] {
  if (paths.length > 0) return paths.map((p) => resolve(cwd, p));
  const dir = resolve(cwd, directory ?? 'Logs/IngestionMetrics');
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.jsonl?$/i.test(f))
        .map((f) => ({ path: join(dir, f), mtime: statSync(join(dir, f)).mtimeMs }))
        .sort((a, b) => b.mtime - a.mtime)
        .map((f) => f.path)
    : [];
  if (files.length === 0) {
    throw new StatetraceError(ErrorCode.InputMissing, `no telemetry files given and none found in ${dir}`, {
      hint: 'pass telemetry files as arguments, or --directory <folder of *.json NDJSON files>',
    });
  }
  return files;
}

export interface LoadedRecords {
  records: JsonRecord[];
  malformed: number;
  files: Array<{ path: string; records: number; malformed: number; firstMalformedLine?: number }>;
}

/** Read files; records optionally restricted to one `PassLabel`. Malformed lines are counted per file. */
export function loadRecords(paths: readonly string[], passLabel?: string): LoadedRecords {
  const out: LoadedRecords = { records: [], malformed: 0, files: [] };
  for (const path of paths) {
    const read = readJsonRecords(path);
    let kept = 0;
    for (const { record } of read.records) {
      if (passLabel && text(field(record, 'PassLabel')).toLowerCase() !== passLabel.toLowerCase()) continue;
      out.records.push(record);
      kept++;
    }
    out.malformed += read.malformed.length;
    out.files.push({ path, records: kept, malformed: read.malformed.length, firstMalformedLine: read.malformed[0]?.line });
  }
  return out;
}

export function parseUtc(value: unknown, flag: string): Date | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const d = new Date(String(value));
  if (Number.isNaN(d.getTime())) {
    throw new StatetraceError(ErrorCode.CliUsage, `${flag}: "${String(value)}" is not a date/time`, { hint: 'use ISO 8601, e.g. 2026-01-03T09:35:00Z' });
  }
  return d;
}

export function windowOf(start: unknown, end: unknown): { startTimeUtc?: Date; endTimeUtc?: Date } {
  const window = { startTimeUtc: parseUtc(start, '--start'), endTimeUtc: parseUtc(end, '--end') };
  if (window.startTimeUtc && window.endTimeUtc && window.startTimeUtc > window.endTimeUtc) {
    throw new StatetraceError(ErrorCode.CliUsage, `the start time ${window.startTimeUtc.toISOString()} is after the end time ${window.endTimeUtc.toISOString()}`, {
      hint: 'swap --start and --end',
    });
  }
  return window;
}
