/**
 * Warm-run benchmark: the cold pass (fresh databases, shared cache disabled) against the warm pass
 * (cache restored from the post-cold snapshot, every host re-parsed), exactly as `warm-run.compare`
 * runs them. Figures per corpus: mean and p95 of the interface write step
 * (DatabaseWriteBreakdown.InterfaceCallDurationMs) and of the whole ingest (wall time of each pass;
 * `--quick` runs one repetition), the warm hit ratio, and the improvements. Target: warm ≥ 90 %
 * faster with a 100 % hit ratio (the original reached 46 %, at best 86 %).
 *
 * Corpora: the default 37-host corpus (5 repetitions) and a 10,000-host fleet (1 repetition;
 * 1,000 hosts with --quick).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchFigure, BenchOptions } from './index.js';
import { generateCorpus, type GenerateOptions } from '../../plugins/parser/corpus/generate.js';
import { ingestCorpus } from '../../plugins/parser/ingest.js';
import { runWarmRunComparison } from '../../plugins/warm-run/compare.js';
import { percentile } from '../../core/stats/index.js';

const round = (n: number | null, d = 3) => (n === null ? 'n/a' : Math.round(n * 10 ** d) / 10 ** d);
const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : null);
const improvement = (cold: number | null, warm: number | null) => (cold && warm !== null ? round(((cold - warm) / cold) * 100, 2) : 'n/a');

async function measure(name: string, corpus: Omit<GenerateOptions, 'outDir'>, repetitions: number): Promise<BenchFigure> {
  const dir = mkdtempSync(join(tmpdir(), 'statetrace-bench-warm-run-'));
  try {
    const generated = generateCorpus({ ...corpus, outDir: join(dir, 'corpus') });
    const calls = { cold: [] as number[], warm: [] as number[] };
    // Where the interface step's time goes (InterfaceSyncTiming): cache lookup, diff, bulk write.
    const parts = { warmFetch: [] as number[], warmDiff: [] as number[], coldDiff: [] as number[], coldBulk: [] as number[] };
    const ingest = { cold: [] as number[], warm: [] as number[] };
    let hit = 0;
    let lookups = 0;
    for (let i = 0; i < repetitions; i++) {
      const result = await runWarmRunComparison(
        { corpus: generated.dir, workDir: join(dir, `run-${i}`), concurrency: Math.max(1, availableParallelism()) },
        { ingest: ingestCorpus, emit: () => {} },
      );
      for (const [pass, outcome] of [['cold', result.cold], ['warm', result.warm]] as const) {
        for (const e of outcome.events) {
          if (e.EventName === 'DatabaseWriteBreakdown') calls[pass].push(e.InterfaceCallDurationMs as number);
          if (e.EventName !== 'InterfaceSyncTiming') continue;
          if (pass === 'warm') {
            parts.warmFetch.push(e.SiteCacheFetchDurationMs as number);
            parts.warmDiff.push(e.DiffDurationMs as number);
          } else {
            parts.coldDiff.push(e.DiffDurationMs as number);
            parts.coldBulk.push(e.BulkCommandExecuteDurationMs as number);
          }
        }
        ingest[pass].push(outcome.durationMs);
      }
      hit += result.warm.cacheCounters.hits;
      lookups += result.warm.cacheCounters.lookups;
      rmSync(join(dir, `run-${i}`), { recursive: true, force: true });
    }
    const coldCallMean = mean(calls.cold);
    const warmCallMean = mean(calls.warm);
    const coldIngestMean = mean(ingest.cold);
    const warmIngestMean = mean(ingest.warm);
    return {
      name: `${name} (${generated.hosts} hosts, ${generated.interfaces} rows, ×${repetitions})`,
      figures: {
        coldCallMeanMs: round(coldCallMean),
        coldCallP95Ms: round(percentile(calls.cold, 95)),
        warmCallMeanMs: round(warmCallMean),
        warmCallP95Ms: round(percentile(calls.warm, 95)),
        callImprovementPct: improvement(coldCallMean, warmCallMean),
        coldIngestMeanMs: round(coldIngestMean, 1),
        coldIngestP95Ms: round(percentile(ingest.cold, 95), 1),
        warmIngestMeanMs: round(warmIngestMean, 1),
        warmIngestP95Ms: round(percentile(ingest.warm, 95), 1),
        ingestImprovementPct: improvement(coldIngestMean, warmIngestMean),
        warmHitRatioPct: lookups ? round((hit / lookups) * 100, 2) : 'n/a',
        warmFetchMeanMs: round(mean(parts.warmFetch)),
        warmDiffMeanMs: round(mean(parts.warmDiff)),
        coldDiffMeanMs: round(mean(parts.coldDiff)),
        coldBulkMeanMs: round(mean(parts.coldBulk)),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function bench(options: BenchOptions): Promise<BenchFigure[]> {
  return [
    await measure('default corpus', { seed: 42 }, options.quick ? 1 : 5),
    await measure('fleet', { seed: 42, shape: 'fleet', hosts: options.quick ? 1000 : 10_000, sites: 20 }, 1),
  ];
}
