/**
 * What `statetrace check` costs on real telemetry: read every file of the shared telemetry folder,
 * select ParseDuration.DurationSeconds and DatabaseWriteLatency.LatencyMs, compute their p95.
 * Compared in the same run with a naive loop (read whole file, split lines, JSON.parse each).
 *
 * Each measurement runs in its own child process so peak RSS (`maxRSS`) belongs to that mode alone;
 * when run from sources (no compiled .js to fork) it runs in-process and peak RSS is cumulative.
 * The full run adds a synthetic ~256 MB NDJSON file (corpus lines repeated, in the OS temp dir) to
 * show that the streaming reader's memory stays bounded while the naive loop's grows with the file.
 */
import { fork, spawnSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile } from '../../core/stats/percentile.js';
import { readTelemetry } from '../../core/telemetry/reader.js';
import { corpusPath, hasCorpus, projectRoot } from '../corpus.js';
import type { BenchFigure, BenchOptions } from './index.js';

type Mode = 'reader-prefilter' | 'reader-all' | 'naive';

interface Measurement {
  ms: number;
  bytes: number;
  events: number;
  malformed: number;
  p95: Record<string, number | null>;
  maxRssMB: number;
}

const SELECT: Record<string, string> = { ParseDuration: 'DurationSeconds', DatabaseWriteLatency: 'LatencyMs' };

function emptySamples(): Record<string, number[]> {
  return Object.fromEntries(Object.keys(SELECT).map((k) => [k, []]));
}

function pick(record: Record<string, unknown>, samples: Record<string, number[]>): void {
  const name = record.EventName;
  if (typeof name !== 'string') return;
  const field = SELECT[name];
  if (field === undefined) return;
  const v = record[field];
  if (typeof v === 'number') samples[name]!.push(v);
}

async function runMode(mode: Mode, files: string[]): Promise<Omit<Measurement, 'maxRssMB'>> {
  const samples = emptySamples();
  const bytes = files.reduce((a, f) => a + statSync(f).size, 0);
  const start = performance.now();
  let events = 0;
  let malformed = 0;
  if (mode === 'naive') {
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        try {
          pick(JSON.parse(line) as Record<string, unknown>, samples);
          events++;
        } catch {
          malformed++;
        }
      }
    }
  } else {
    const summary = await readTelemetry(files, {
      eventNames: mode === 'reader-prefilter' ? new Set(Object.keys(SELECT)) : undefined,
      onRecord: (r) => pick(r, samples),
    });
    events = summary.events;
    malformed = summary.malformed;
  }
  const p95 = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, percentile(v, 95)]));
  return { ms: performance.now() - start, bytes, events, malformed, p95 };
}

/** Child-process entry: `node check.bench.js --bench-child <mode> <iterations> <files...>`. */
async function childMain(args: string[]): Promise<void> {
  const [mode, iterations, ...files] = args as [Mode, string, ...string[]];
  const runs: number[] = [];
  let last: Omit<Measurement, 'maxRssMB'> | undefined;
  for (let i = 0; i < Number(iterations); i++) {
    last = await runMode(mode, files);
    runs.push(last.ms);
  }
  runs.sort((a, b) => a - b);
  const result: Measurement = { ...last!, ms: runs[Math.floor(runs.length / 2)]!, maxRssMB: process.resourceUsage().maxRSS / 1024 };
  process.send!(result);
}

const selfPath = fileURLToPath(import.meta.url);
const canFork = selfPath.endsWith('.js');

async function measure(mode: Mode, iterations: number, files: string[]): Promise<Measurement> {
  if (!canFork) {
    const runs: Array<Omit<Measurement, 'maxRssMB'>> = [];
    for (let i = 0; i < iterations; i++) runs.push(await runMode(mode, files));
    runs.sort((a, b) => a.ms - b.ms);
    return { ...runs[Math.floor(runs.length / 2)]!, maxRssMB: process.resourceUsage().maxRSS / 1024 };
  }
  return new Promise((resolve, reject) => {
    const child = fork(selfPath, ['--bench-child', mode, String(iterations), ...files], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve(m as Measurement));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`bench child ${mode} exited ${code}`))));
  });
}

function figures(m: Measurement): Record<string, string | number> {
  const mb = m.bytes / 1024 / 1024;
  return {
    MB: Number(mb.toFixed(1)),
    ms: Number(m.ms.toFixed(1)),
    'MB/s': Number((mb / (m.ms / 1000)).toFixed(1)),
    'events/s': Math.round(m.events / (m.ms / 1000)),
    events: m.events,
    malformed: m.malformed,
    peakRssMB: Number(m.maxRssMB.toFixed(0)),
    p95: Object.entries(m.p95)
      .map(([k, v]) => `${k}=${v === null ? '-' : Number(v.toFixed(4))}`)
      .join(','),
  };
}

/** ~targetBytes of NDJSON made of the corpus's own lines, repeated. */
function writeLargeFile(path: string, sources: string[], targetBytes: number): void {
  const lines = sources
    .flatMap((f) => readFileSync(f, 'utf8').replace(/^\uFEFF/, '').split('\n'))
    .filter((l) => l.trim().startsWith('{"EventName"'))
    .map((l) => `${l.trimEnd()}\r\n`);
  const block = Buffer.from(lines.join(''));
  const fd = openSync(path, 'w');
  try {
    for (let written = 0; written < targetBytes; written += block.length) writeSync(fd, block);
  } finally {
    closeSync(fd);
  }
}

export default async function checkBench(options: BenchOptions): Promise<BenchFigure[]> {
  if (!hasCorpus) return [{ name: 'check (skipped)', figures: { reason: 'shared corpus not found at ../shared/corpus/statetrace' } }];
  const dir = corpusPath('telemetry');
  const files = readdirSync(dir)
    .sort()
    .map((f) => join(dir, f));
  const iterations = options.quick ? 1 : 5;
  const results: BenchFigure[] = [];
  for (const mode of ['reader-prefilter', 'reader-all', 'naive'] as const) {
    results.push({ name: `telemetry/ (${files.length} files) ${mode}`, figures: figures(await measure(mode, iterations, files)) });
  }
  results.push(await measureCheckCommand(dir, files, iterations));
  if (!options.quick) {
    const large = join(tmpdir(), `statetrace-bench-${process.pid}.jsonl`);
    try {
      writeLargeFile(large, files.filter((f) => /\d{4}-\d{2}-\d{2}\.json$/.test(f)), 256 * 1024 * 1024);
      for (const mode of ['reader-prefilter', 'reader-all', 'naive'] as const) {
        results.push({ name: `synthetic 256 MB NDJSON ${mode}`, figures: figures(await measure(mode, 1, [large])) });
      }
    } finally {
      rmSync(large, { force: true });
    }
  }
  return results;
}

/**
 * The real command, end to end as a user runs it: `statetrace check <telemetry folder> --gates
 * gates/plan-*.yaml --reporter json` in a fresh process (start-up, config, plugins, gate
 * compilation, reading, evaluation and the report included). Median wall time of the runs.
 */
async function measureCheckCommand(dir: string, files: string[], iterations: number): Promise<BenchFigure> {
  const cli = join(projectRoot, 'dist', 'core', 'cli.js');
  const gates = ['plan-a-routing', 'plan-b-performance', 'plan-e-telemetry', 'plan-h-adoption'].map((g) => join(projectRoot, 'gates', `${g}.yaml`));
  const outDir = join(tmpdir(), `statetrace-bench-check-${process.pid}`);
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  const times: number[] = [];
  let exitCode: number | null = null;
  let events = 0;
  for (let i = 0; i < Math.max(3, iterations); i++) {
    const started = performance.now();
    const child = spawnSync(process.execPath, [cli, 'check', dir, '--gates', ...gates, '--reporter', 'json', '--out-dir', outDir], { cwd: projectRoot, encoding: 'utf8' });
    times.push(performance.now() - started);
    exitCode = child.status;
    events = (JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as { scenarios: Array<{ telemetry: { events: number } }> }).scenarios[0]!.telemetry.events;
  }
  rmSync(outDir, { recursive: true, force: true });
  const ms = times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  return {
    name: `statetrace check telemetry/ --gates plan-a,b,e,h (CLI)`,
    figures: { MB: Math.round(bytes / 1e6), ms: Math.round(ms), 'MB/s': (bytes / 1e6) / (ms / 1000), 'events/s': Math.round(events / (ms / 1000)), events, exitCode: String(exitCode) },
  };
}

if (process.argv[2] === '--bench-child') await childMain(process.argv.slice(3));
