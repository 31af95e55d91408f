import { it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus } from '../../../plugins/parser/corpus/generate.js';
import { ingestCorpus } from '../../../plugins/parser/ingest.js';
import { runWarmRunComparison } from '../../../plugins/warm-run/compare.js';
it('real', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wr-real-'));
  const corpus = join(dir, 'corpus');
  generateCorpus({ outDir: corpus, seed: 42 });
  for (let i = 0; i < 3; i++) {
    const events: any[] = [];
    const r = await runWarmRunComparison({ corpus, workDir: join(dir, 'work' + i), concurrency: 1 }, { ingest: ingestCorpus, emit: (e) => events.push(e) });
    const avg = (p: string, ev: string, f: string) => { const v = events.filter(e => e.PassLabel === p && e.EventName === ev).map(e => e[f] as number); return (v.reduce((a, b) => a + b, 0) / v.length).toFixed(3); };
    console.log(i, r.comparison.ColdInterfaceCallAvgMs, r.comparison.WarmInterfaceCallAvgMs, r.comparison.ImprovementPercent, 'ingest', r.cold.durationMs.toFixed(0), r.warm.durationMs.toFixed(0),
      'fetch', avg('ColdPass','InterfaceSyncTiming','SiteCacheFetchDurationMs'), avg('WarmPass','InterfaceSyncTiming','SiteCacheFetchDurationMs'),
      'load', avg('ColdPass','InterfaceSyncTiming','LoadExistingDurationMs'), avg('WarmPass','InterfaceSyncTiming','LoadExistingDurationMs'),
      'diff', avg('ColdPass','InterfaceSyncTiming','DiffDurationMs'), avg('WarmPass','InterfaceSyncTiming','DiffDurationMs'),
      'bulk', avg('ColdPass','InterfaceSyncTiming','BulkCommandExecuteDurationMs'), 'upd', avg('ColdPass','InterfaceSyncTiming','SiteCacheUpdateDurationMs'), avg('WarmPass','InterfaceSyncTiming','SiteCacheUpdateDurationMs'));
  }
}, 60000);
