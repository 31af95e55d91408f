/**
 * Rollup throughput: one day, all shared days, and 10× and 26× (351 MB, the issue's reference size)
 * concatenations of the day files (built in a temp folder, never in the repo), each through
 *   - `split`: read 16 MB chunks and find line ends only (the floor),
 *   - `naive`: the plain path, decode 4 MB chunks and JSON.parse every line — the test oracle,
 *   - `fast×1`: the validating field scanner on the main thread,
 *   - `fast, auto`: the default — up to N threads (N = cores), as many as the input repays,
 *   - `fast×N`: N threads however small the input (the main thread and N − 1 workers),
 *   - `prefilter, auto`: skipping unwanted events' lines unvalidated (readTelemetry's rule).
 * Every measurement runs in its own child process so peak RSS is that run's own, three times, and
 * the median run is reported (`bestMs`: the fastest). Figures: wall time from the engine call to its
 * result (modules already loaded), MB/s, events/s, CPU seconds (all threads), peak RSS, and the load
 * average at the start (other work on a shared machine slows wall times). For the large single-file
 * inputs, `statetrace rollup` also runs as a user runs it: the whole process's wall time, and the
 * time and MB/s the command prints for the rollup itself.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchFigure, BenchOptions } from './index.js';

const here = fileURLToPath(import.meta.url);
const projectRoot = join(here, '..', '..', '..', '..');
const corpusTelemetry = join(projectRoot, '..', 'shared', 'corpus', 'statetrace', 'telemetry');

interface ChildReport {
  ms: number;
  cpuMs: number;
  maxRssMiB: number;
  bytes: number;
  events: number;
  rows: number;
  /** Threads that scanned (main thread included; 0 = main thread only, the inline path). */
  threads: number;
}

/** Child mode: `node rollup.bench.js --child <mode> <workers> <files...>` prints one JSON report. */
async function child(mode: string, workers: number, files: string[]): Promise<void> {
  // Load the engine before the clock starts: module loading is start-up, not throughput.
  const { rollupFiles } = await import('../../plugins/rollup/engine.js');
  const { scanningThreads } = await import('../../core/telemetry/scan/scan-files.js');
  // `fast-all`: every allowed thread even where the input is too small to repay them (for comparison).
  const minBytesPerThread = mode === 'fast-all' ? 0 : undefined;
  const threads = mode === 'split' || mode === 'naive' ? 0 : scanningThreads(files.reduce((n, f) => n + statSync(f).size, 0), { workers, minBytesPerThread });
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  let bytes = 0;
  let events = 0;
  let rows = 0;
  if (mode === 'split') {
    const buf = Buffer.allocUnsafe(16 * 1024 * 1024);
    for (const file of files) {
      const fd = openSync(file, 'r');
      let n: number;
      while ((n = readSync(fd, buf, 0, buf.length, null)) > 0) {
        bytes += n;
        let at = buf.indexOf(10, 0);
        while (at >= 0 && at < n) {
          events++;
          at = buf.indexOf(10, at + 1);
        }
      }
      closeSync(fd);
    }
  } else {
    const result = await rollupFiles(files, {
      includePerSite: true,
      includeSiteCache: true,
      mode: mode === 'naive' ? 'naive' : 'fast',
      prefilter: mode === 'prefilter',
      workers,
      minBytesPerThread,
    });
    bytes = result.bytes;
    events = result.events;
    rows = result.rows.length;
  }
  const cpu = process.cpuUsage(cpu0);
  const report: ChildReport = {
    ms: performance.now() - started,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    bytes,
    events,
    rows,
    threads,
  };
  process.stdout.write(JSON.stringify(report));
}

/** Runs per measurement: single runs vary by 10–20% with the machine's state, so the median run is reported. */
const REPEATS = 3;

function measureOnce(mode: string, workers: number, files: string[]): ChildReport {
  const run = spawnSync(process.execPath, [here, '--child', mode, String(workers), ...files], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`bench child failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as ChildReport;
}

/** The median of REPEATS runs (by wall time), with the fastest run's time alongside. */
function measure(mode: string, workers: number, files: string[]): ChildReport & { bestMs: number } {
  const runs = Array.from({ length: REPEATS }, () => measureOnce(mode, workers, files)).sort((a, b) => a.ms - b.ms);
  return { ...runs[Math.floor(runs.length / 2)]!, bestMs: runs[0]!.ms };
}

/**
 * What a user sees: `statetrace rollup FILE --per-site --site-cache -o OUT` as a process — the
 * whole process's wall time (Node start-up, config, plugins, rollup, CSV) and the figure the
 * command prints for the rollup itself.
 */
function measureCli(files: string[], out: string): Record<string, string | number> {
  const cli = join(projectRoot, 'dist', 'core', 'cli.js');
  const runs = Array.from({ length: REPEATS }, () => {
    const started = performance.now();
    const run = spawnSync(process.execPath, [cli, 'rollup', ...files, '--per-site', '--site-cache', '-o', out], { encoding: 'utf8', cwd: projectRoot });
    const wallMs = performance.now() - started;
    if (run.status !== 0) throw new Error(`statetrace rollup failed: ${run.stderr}`);
    const printed = /in ([\d.]+) s \((\d+) MB\/s\)/.exec(run.stdout);
    return { wallMs, reportedS: Number(printed?.[1] ?? NaN), reportedMBs: Number(printed?.[2] ?? NaN) };
  }).sort((a, b) => a.wallMs - b.wallMs);
  const median = runs[Math.floor(runs.length / 2)]!;
  return { processMs: Math.round(median.wallMs), 'process MB/s': Math.round(files.reduce((n, f) => n + statSync(f).size, 0) / 1e3 / median.wallMs), 'printed s': median.reportedS, 'printed MB/s': median.reportedMBs };
}

function figures(r: ChildReport & { bestMs: number }): Record<string, string | number> {
  const seconds = r.ms / 1000;
  return {
    'MB/s': Math.round(r.bytes / 1e6 / seconds),
    'events/s': Math.round(r.events / seconds),
    ms: Math.round(r.ms),
    bestMs: Math.round(r.bestMs),
    cpuS: Number((r.cpuMs / 1000).toFixed(2)),
    peakRssMiB: Math.round(r.maxRssMiB),
    rows: r.rows,
    threads: Math.max(1, r.threads),
  };
}

/** The yyyy-MM-dd day files, concatenated `times` times (BOMs dropped, each file newline-terminated). */
function buildConcatenation(dayFiles: string[], times: number, dir: string): string {
  const parts = dayFiles.map((f) => {
    let b = readFileSync(f);
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
    return b[b.length - 1] === 0x0a ? b : Buffer.concat([b, Buffer.from('\r\n')]);
  });
  const one = Buffer.concat(parts);
  const path = join(dir, `telemetry-x${times}.json`);
  writeFileSync(path, '');
  const fd = openSync(path, 'a');
  for (let k = 0; k < times; k++) {
    let written = 0;
    while (written < one.length) written += writeSync(fd, one, written, one.length - written);
  }
  closeSync(fd);
  return path;
}

export default async function rollupBench(options: BenchOptions): Promise<BenchFigure[]> {
  const all = readdirSync(corpusTelemetry)
    .sort()
    .map((f) => join(corpusTelemetry, f));
  const days = all.filter((f) => /\d{4}-\d{2}-\d{2}\.json$/.test(f));
  const largestDay = [...days].sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
  const dir = mkdtempSync(join(tmpdir(), 'statetrace-rollup-bench-'));
  const cores = availableParallelism();
  const results: BenchFigure[] = [];
  try {
    const inputs: Array<[string, string[]]> = [
      [`one day (${largestDay.split('/').pop()})`, [largestDay]],
      [`all days (${all.length} files)`, all],
    ];
    if (!options.quick) {
      inputs.push(['10x concatenation', [buildConcatenation(days, 10, dir)]]);
      // The reference input is a 351 MB 10× of the original's (larger) telemetry folder;
      // 26× of the shared day files is the same size, for comparable MB/s and memory.
      inputs.push(['26x concatenation', [buildConcatenation(days, 26, dir)]]);
    }
    for (const [label, files] of inputs) {
      const mb = files.reduce((n, f) => n + statSync(f).size, 0) / 1e6;
      const load = loadavg()[0]!.toFixed(1);
      for (const [mode, workers, name] of [
        ['split', 0, 'split only (floor)'],
        ['naive', 0, 'naive JSON.parse'],
        ['fast', 0, 'fast x1'],
        ['fast', cores, `fast, auto (<= ${cores} threads)`],
        ['fast-all', cores, `fast x${cores} threads`],
        ['prefilter', cores, `prefilter, auto`],
      ] as const) {
        results.push({ name: `${label} ${mb.toFixed(1)} MB: ${name}`, figures: { ...figures(measure(mode, workers, files)), load } });
      }
      if (files.length === 1 && mb > 100) {
        results.push({ name: `${label} ${mb.toFixed(1)} MB: statetrace rollup (CLI)`, figures: { ...measureCli(files, join(dir, 'summary.csv')), load: loadavg()[0]!.toFixed(1) } });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url && process.argv[2] === '--child') {
  const [, , , mode, workers, ...files] = process.argv;
  await child(mode!, Number(workers), files);
}
