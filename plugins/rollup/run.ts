/**
 * One rollup from selection to files on disk, shared by the CLI command and the step: resolve the
 * inputs, roll them up, write the CSV (or JSON) and optionally the hash manifest.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { ErrorCode, StatetraceError } from '../../core/errors.js';
import { rollupFiles, type RollupResult } from './engine.js';
import { resolveInputs, type InputSelection } from './inputs.js';
import { rowsToCsv, rowsToJson } from './output.js';

export interface RollupRequest extends InputSelection {
  /** Output file; `-` returns the text in `outcome.text` instead of writing a file. */
  output?: string;
  format: 'csv' | 'json';
  includePerSite: boolean;
  includeSiteCache: boolean;
  failOnWarnings: boolean;
  hashManifest: boolean;
  engine?: 'fast' | 'prefilter' | 'naive';
  workers?: number;
  onProgress?(bytesDone: number, totalBytes: number): void;
  signal?: AbortSignal;
  /** Clock for the timestamped daily file name and the manifest (tests pin it). */
  now?: () => Date;
}

export interface RollupOutcome {
  result: RollupResult;
  files: string[];
  /** Written output, or undefined when no rows resulted (nothing is written then, as in the original). */
  outputPath?: string;
  /** The CSV/JSON text when the output was `-`. */
  text?: string;
  manifestPath?: string;
  generatedAt: string;
  durationMs: number;
}

/** `yyyyMMdd-HHmmss` in local time, as the daily wrapper names its output. */
function stamp(date: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}

/** .NET round-trip UTC format (`o`): seven fractional digits. */
export function dotNetUtcTimestamp(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

/** The original's `[IO.Path]::ChangeExtension(output, '.hashes.json')`. */
export function manifestPathFor(output: string): string {
  const ext = extname(output);
  return `${ext ? output.slice(0, -ext.length) : output}.hashes.json`;
}

export function defaultOutputPath(baseDir: string, days: number | undefined, format: 'csv' | 'json', now: Date): string {
  const name = days ? `IngestionMetricsSummary-${stamp(now)}` : 'IngestionMetricsSummary';
  return join(baseDir, `${name}.${format}`);
}

/** `-o` may name a file, or a folder (existing, or written with a trailing slash) for the default name. */
function outputPathFor(request: RollupRequest, baseDir: string, now: Date): string {
  const given = request.output;
  if (given === undefined) return defaultOutputPath(baseDir, request.days, request.format, now);
  const path = resolve(request.cwd, given);
  const isFolder = /[\\/]$/.test(given) || (existsSync(path) && statSync(path).isDirectory());
  return isFolder ? defaultOutputPath(path, request.days, request.format, now) : path;
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex').toUpperCase();
}

export async function runRollup(request: RollupRequest): Promise<RollupOutcome> {
  const started = performance.now();
  const now = request.now ?? (() => new Date());
  const { files, baseDir } = resolveInputs(request);
  if (files.length === 0) {
    throw new StatetraceError(ErrorCode.InputMissing, `no telemetry files matched in ${request.paths.join(', ')}`, {
      hint: request.days ? `--days ${request.days} keeps only files named after the last ${request.days} local date(s) (yyyy-MM-dd.json); pass --today to anchor it` : 'check the --filter patterns and --latest',
    });
  }
  const result = await rollupFiles(files, {
    includePerSite: request.includePerSite,
    includeSiteCache: request.includeSiteCache,
    mode: request.engine === 'naive' ? 'naive' : 'fast',
    prefilter: request.engine === 'prefilter',
    workers: request.workers,
    onProgress: request.onProgress,
    signal: request.signal,
  });
  const generated = now();
  const outcome: RollupOutcome = { result, files, generatedAt: generated.toISOString(), durationMs: 0 };
  if (result.rows.length > 0) {
    const text =
      request.format === 'json'
        ? rowsToJson(result.rows, { generatedAt: outcome.generatedAt, inputFiles: files, warningCount: result.warningCount })
        : rowsToCsv(result.rows);
    if (request.output === '-') {
      outcome.text = text;
      outcome.durationMs = performance.now() - started;
      return outcome;
    }
    const output = outputPathFor(request, baseDir, generated);
    try {
      await mkdir(dirname(output), { recursive: true });
      await writeFile(output, text);
    } catch (error) {
      throw new StatetraceError(ErrorCode.InputInvalid, `cannot write the rollup to ${output}: ${(error as Error).message}`, {
        hint: 'choose a writable place with -o <file>',
        cause: error,
      });
    }
    outcome.outputPath = output;
    if (request.hashManifest) {
      const manifestPath = manifestPathFor(output);
      const inputFiles = [];
      for (const path of files) inputFiles.push({ Path: path, SHA256: await sha256(path) });
      const manifest = { GeneratedAtUtc: dotNetUtcTimestamp(generated), OutputFile: output, InputFiles: inputFiles, WarningCount: result.warningCount };
      await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
      outcome.manifestPath = manifestPath;
    }
  }
  outcome.durationMs = performance.now() - started;
  return outcome;
}
