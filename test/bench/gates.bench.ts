/**
 * The gate language's own costs, measured with tinybench: parsing an expression, compiling a gate
 * file against the full metric dictionary, collecting samples from in-memory events and evaluating
 * (the pure part of `check`). Evaluation should stay negligible next to reading telemetry.
 */
import { Bench } from 'tinybench';
import { collectSamplesFromRecords, evaluateGates, loadGateText, noReferences, parseExpectation } from '../../core/gates/index.js';
import { MetricDictionary } from '../../core/metrics/dictionary.js';
import { seededRandom } from '../../core/random.js';
import { builtinMetrics } from '../builtin-metrics.js';
import type { BenchFigure, BenchOptions } from './index.js';

const GATES = `
gates:
  - id: parse-p95
    metric: ParseDuration.DurationSeconds
    where: { Success: true }
    expect: [p95 <= 3 s, max <= 10 s]
  - id: latency-per-site
    metric: DatabaseWriteLatency.LatencyMs
    per: Site
    expect: p99.9 < 950 ms
  - id: fairness
    metric: ParserSchedulerLaunch.Site
    streakReset: { QueuedSites: { lte: 1 } }
    expect: streak <= 8
  - id: cache-hits
    metric: InterfaceSyncTiming.SiteCacheProvider
    expect: "ratio(count {SiteCacheProvider: [Cache, SharedCache]}, all) >= 99%"
`;

export default async function gatesBench(options: BenchOptions): Promise<BenchFigure[]> {
  const dictionary = new MetricDictionary(builtinMetrics());
  const [gateFile] = [loadGateText(GATES, 'bench.yaml', dictionary.clone())];
  const gates = gateFile!.gates;
  const random = seededRandom(7);
  const sites = ['BOYO', 'WLLS', 'SW1', 'SITE1'];
  const events = Array.from({ length: options.quick ? 20_000 : 100_000 }, (_, i) => {
    const site = sites[Math.floor(random() * sites.length)]!;
    switch (i % 4) {
      case 0:
        return { EventName: 'ParseDuration', Site: site, DurationSeconds: random() * 4, Success: random() > 0.01 };
      case 1:
        return { EventName: 'DatabaseWriteLatency', Site: site, LatencyMs: Math.round(random() * 1200) };
      case 2:
        return { EventName: 'ParserSchedulerLaunch', Site: site, QueuedSites: 1 + Math.floor(random() * 3) };
      default:
        return { EventName: 'InterfaceSyncTiming', Site: site, SiteCacheProvider: random() > 0.005 ? 'SharedCache' : 'Unknown' };
    }
  });
  const samples = collectSamplesFromRecords(gates, events);

  const bench = new Bench({ time: options.quick ? 100 : 500, warmupTime: 50 });
  bench
    .add('parse expression', () => void parseExpectation('ratio(count {SiteCacheProvider: [Cache, SharedCache]}, all) >= 99%'))
    .add('compile gate file (4 gates, full dictionary)', () => void loadGateText(GATES, 'bench.yaml', dictionary.clone()))
    .add(`collect samples (${events.length.toLocaleString('en-US')} events)`, () => void collectSamplesFromRecords(gates, events))
    .add('evaluate 4 gates (5 expectations, 4 groups)', () => void evaluateGates(gates, samples, noReferences, { scenario: 'bench', now: 0 }));
  await bench.run();
  return bench.tasks.map((task) => {
    const r = task.result!;
    return { name: task.name, figures: { 'ops/s': Math.round(r.hz), meanMs: r.mean, p99Ms: r.p99, samples: r.samples.length } };
  });
}
