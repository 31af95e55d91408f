/**
 * The shipped gate files against real StateTrace day files (STATETRACE-TELEMETRY.md §9 items 11, 13, 17),
 * through the real telemetry reader. Needs ../shared/corpus/statetrace/telemetry/.
 */
import { describe, expect, test } from 'vitest';
import { collectSamples, evaluateGates, loadGateFiles, loadGateText, noReferences, type Gate } from '../../../core/gates/index.js';
import { MetricDictionary } from '../../../core/metrics/dictionary.js';
import { readTelemetry } from '../../../core/telemetry/reader.js';
import type { GateResult } from '../../../core/types.js';
import { corpusPath, corpusSkipReason, hasCorpus, projectRoot } from '../../corpus.js';
import { builtinMetrics } from '../../builtin-metrics.js';

const gateFile = (name: string) => `${projectRoot}/gates/${name}.yaml`;
const day = (date: string) => corpusPath('telemetry', `${date}.json`);

async function check(gates: Gate[], files: string[], tags: string[] = []): Promise<GateResult[]> {
  const { samples } = await collectSamples(gates, files, { readTelemetry });
  return evaluateGates(gates, samples, noReferences, { scenario: { name: 'check', tags }, now: Date.parse('2026-01-05T00:00:00Z') });
}

const pick = (r: GateResult) => ({ gate: r.gate, statistic: r.statistic, actual: r.actual, actualText: r.actualText, samples: r.samples, verdict: r.verdict });

describe.skipIf(!hasCorpus)(`shipped gates on the corpus telemetry folder (${hasCorpus ? 'present' : corpusSkipReason})`, () => {
  test('check 2025-12-05 with plan E and plan B: ParseDuration p95 1.84 s passes, DatabaseWriteLatency p95 1719.3 ms fails the cold gate', async () => {
    const files = loadGateFiles([gateFile('plan-e-telemetry'), gateFile('plan-b-performance')], new MetricDictionary(builtinMetrics()));
    const results = await check(files.flatMap((f) => f.gates), [day('2025-12-05')]);
    const byGate = new Map(results.map((r) => [r.gate, r]));
    expect(pick(byGate.get('parse-duration-p95')!)).toEqual({ gate: 'parse-duration-p95', statistic: 'p95', actual: 1.8404, actualText: '1.84 s', samples: 39, verdict: 'pass' });
    expect(pick(byGate.get('parse-duration-max')!)).toEqual({ gate: 'parse-duration-max', statistic: 'max', actual: 2.195, actualText: '2.195 s', samples: 39, verdict: 'pass' });
    const latency = byGate.get('db-write-latency-cold')!;
    expect(latency).toMatchObject({ actual: 1719.3, actualText: '1719.3 ms', expected: '950 ms', operator: '<', samples: 39, verdict: 'fail', level: 'error', plan: 'Plan B - Performance & Caching' });
    expect(latency.source).toEqual({ file: gateFile('plan-b-performance'), line: 16, column: 13 });
    expect(latency.message).toBe('P95 of DatabaseWriteLatency.LatencyMs is 1719.3 ms over 39 samples, does not meet < 950 ms.');
    // §9.7: SiteCacheFetchDurationMs over non-zero fetches: Count 2, P95 847.499 (ms).
    expect(pick(byGate.get('site-cache-fetch-p95')!)).toMatchObject({ actual: 847.49895, actualText: '0.847 s', samples: 2, verdict: 'pass' });
    // Warm-only gates do not judge a cold day file unless asked.
    expect(results.some((r) => r.gate.startsWith('warm-run') || r.gate.startsWith('db-write-latency-warm'))).toBe(false);
    expect(results.filter((r) => r.verdict === 'fail').map((r) => r.gate)).toEqual(['db-write-latency-cold']);
  });

  test('with --tag warm the warm gates apply (and WarmRunComparison is absent from a day file)', async () => {
    const [file] = loadGateFiles([gateFile('plan-b-performance')], new MetricDictionary(builtinMetrics()));
    const results = await check(file!.gates, [day('2025-12-05')], ['warm']);
    expect(results.filter((r) => r.gate.startsWith('warm-run')).map((r) => [r.gate, r.verdict, r.samples])).toEqual([
      ['warm-run-improvement', 'fail', 0],
      ['warm-run-cache-hit-ratio', 'fail', 0],
      ['warm-run-cache-misses', 'fail', 0],
    ]);
  });

  test.each([
    { date: '2025-12-05', p95: 1.8404, verdict: 'pass' },
    { date: '2025-12-14', p95: 4.05, verdict: 'fail' },
    { date: '2025-12-16', p95: 3.777, verdict: 'fail' },
  ])('§9.11 ParseDuration p95 on $date ≈ $p95 s → $verdict', async ({ date, p95, verdict }) => {
    const [file] = loadGateFiles([gateFile('plan-e-telemetry')], new MetricDictionary(builtinMetrics()));
    const result = (await check(file!.gates, [day(date)])).find((r) => r.gate === 'parse-duration-p95')!;
    expect(result.actual as number).toBeCloseTo(p95, 3);
    expect(result.verdict).toBe(verdict);
  });

  test('§9.13 queue delay on 2026-01-01 passes (n 12, p95 24.7859, p99 26.21238); 2025-12-05 has 3 samples → fails minSamples 10', async () => {
    const [file] = loadGateFiles([gateFile('plan-a-routing')], new MetricDictionary(builtinMetrics()));
    const gates = file!.gates.filter((g) => g.id === 'queue-delay');
    expect((await check(gates, [day('2026-01-01')])).map(pick)).toEqual([
      { gate: 'queue-delay', statistic: 'p95', actual: 24.7859, actualText: '24.786 ms', samples: 12, verdict: 'pass' },
      { gate: 'queue-delay', statistic: 'p99', actual: 26.21238, actualText: '26.212 ms', samples: 12, verdict: 'pass' },
    ]);
    expect((await check(gates, [day('2025-12-05')])).map((r) => [r.verdict, r.samples, r.actual])).toEqual([
      ['fail', 3, null],
      ['fail', 3, null],
    ]);
  });

  test('§9.17 scheduler fairness on 2025-12-05: max streak 1 over 78 launches with the QueuedSites reset, 14 without', async () => {
    const dictionary = new MetricDictionary(builtinMetrics());
    const [file] = loadGateFiles([gateFile('plan-a-routing')], dictionary);
    const fairness = file!.gates.filter((g) => g.id === 'scheduler-fairness');
    expect((await check(fairness, [day('2025-12-05')])).map(pick)).toEqual([
      { gate: 'scheduler-fairness', statistic: 'streak', actual: 1, actualText: '1 (longest run: BOYO)', samples: 78, verdict: 'pass' },
    ]);
    const raw = loadGateText('gates:\n  - id: raw\n    metric: ParserSchedulerLaunch.Site\n    expect: streak <= 8\n', 'raw.yaml', dictionary).gates;
    expect((await check(raw, [day('2025-12-05')]))[0]).toMatchObject({ actual: 14, verdict: 'fail' });
    const [newYear] = await check(fairness, [day('2026-01-01')]);
    expect([newYear!.actual, newYear!.samples]).toEqual([2, 74]);
  });
});
