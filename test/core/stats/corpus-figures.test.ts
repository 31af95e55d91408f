/**
 * STATETRACE-TELEMETRY.md §9 items 4, 7 and 13, computed from the real files through the reader:
 * select the events, take the field, summarise, round as the original tool did.
 */
import { describe, expect, it } from 'vitest';
import { readTelemetry } from '../../../core/telemetry/reader.js';
import { percentile } from '../../../core/stats/percentile.js';
import { roundAwayFromZero, roundHalfEven } from '../../../core/stats/rounding.js';
import { formatDotNetNumber } from '../../../core/stats/dotnet-number.js';
import { summarize } from '../../../core/stats/summary.js';
import { corpusPath, hasCorpus } from '../../corpus.js';

async function fieldValues(file: string[], eventName: string, field: string): Promise<number[]> {
  const values: number[] = [];
  await readTelemetry([corpusPath(...file)], {
    eventNames: new Set([eventName]),
    onRecord: (r) => {
      const v = r[field];
      if (typeof v !== 'number') throw new Error(`${eventName}.${field} is ${typeof v}`);
      values.push(v);
    },
  });
  return values;
}

/** The rollup's row figures: Count, Average, P95, Max, Total at 3 dp AwayFromZero, as .NET prints them. */
function rollupRow(values: number[]): string[] {
  const s = summarize(values, { percentiles: [95] });
  const r = (x: number) => formatDotNetNumber(roundAwayFromZero(x, 3));
  return [String(s.count), r(s.mean!), r(s.percentiles.p95!), r(s.max!), r(s.sum)];
}

/** New-StatsSummary figures (6 dp ToEven). */
function queueSummary(values: number[]) {
  const s = summarize(values, { percentiles: [50, 95, 99] });
  const r = (x: number | null) => roundHalfEven(x!, 6);
  return { count: s.count, mean: r(s.mean), p50: r(s.percentiles.p50!), p95: r(s.percentiles.p95!), p99: r(s.percentiles.p99!), min: s.min, max: s.max };
}

describe.skipIf(!hasCorpus)('§9 statistics from ../shared/corpus/statetrace', () => {
  it('item 4: CISmoke fixture delays → p50 10, p95 11.55, p99 11.91; Synthetic-5.1 → p95 12.55, p99 12.91', async () => {
    const cismoke = await fieldValues(['fixtures', 'CISmoke', 'IngestionMetrics.json'], 'InterfacePortQueueMetrics', 'QueueBuildDelayMs');
    expect(cismoke).toEqual([8, 10, 9, 11, 10, 12, 9, 10, 11, 10]);
    expect(percentile(cismoke, 50)).toBe(10);
    expect(roundHalfEven(percentile(cismoke, 95)!, 6)).toBe(11.55);
    expect(percentile(cismoke, 99)).toBe(11.91);
    const synthetic = await fieldValues(['fixtures', 'Synthetic', '5.1', 'IngestionMetrics.json'], 'InterfacePortQueueMetrics', 'QueueBuildDelayMs');
    expect(roundHalfEven(percentile(synthetic, 95)!, 6)).toBe(12.55);
    expect(roundHalfEven(percentile(synthetic, 99)!, 6)).toBe(12.91);
  });

  it('item 7: 2025-12-05 ParseDurationSeconds 39 / 1.281 / 1.84 / 2.195 / 49.965', async () => {
    const values = await fieldValues(['telemetry', '2025-12-05.json'], 'ParseDuration', 'DurationSeconds');
    expect(rollupRow(values)).toEqual(['39', '1.281', '1.84', '2.195', '49.965']);
  });

  it('item 7: 2025-12-05 DatabaseWriteLatencyMs 39 / 1143.769 / 1719.3 / 2098 / 44607', async () => {
    const values = await fieldValues(['telemetry', '2025-12-05.json'], 'DatabaseWriteLatency', 'LatencyMs');
    expect(rollupRow(values)).toEqual(['39', '1143.769', '1719.3', '2098', '44607']);
  });

  it('item 13: 2026-01-01 InterfacePortQueueMetrics delay and duration, matching QueueDelaySummary-2026-01-01.json', async () => {
    const file = ['telemetry', '2026-01-01.json'];
    const delay = queueSummary(await fieldValues(file, 'InterfacePortQueueMetrics', 'QueueBuildDelayMs'));
    expect(delay).toMatchObject({ count: 12, mean: 18.74075, p95: 24.7859, p99: 26.21238, max: 26.569 });
    const duration = queueSummary(await fieldValues(file, 'InterfacePortQueueMetrics', 'QueueBuildDurationMs'));
    expect(duration).toMatchObject({ count: 12, mean: 21.56675, p95: 26.7436 });

    // The original tool's own output, read through the same reader (a pretty-printed object).
    let stored: Record<string, Record<string, number>> = {};
    await readTelemetry([corpusPath('summaries', 'QueueDelaySummary-2026-01-01.json')], {
      onRecord: (r) => {
        stored = (r.Statistics as typeof stored) ?? {};
      },
    });
    for (const [name, ours] of [['QueueBuildDelayMs', delay], ['QueueBuildDurationMs', duration]] as const) {
      const theirs = stored[name]!;
      expect([ours.count, ours.mean, ours.min, ours.max, ours.p50, ours.p95, ours.p99]).toEqual([
        theirs.Count, theirs.Average, theirs.Min, theirs.Max, theirs.P50, theirs.P95, theirs.P99,
      ]);
    }
  });

  it('item 13: 2025-12-05 queue delay n 3, mean 1.086, p95 2.9322, p99 3.19284, min 0, max 3.258', async () => {
    const delay = queueSummary(await fieldValues(['telemetry', '2025-12-05.json'], 'InterfacePortQueueMetrics', 'QueueBuildDelayMs'));
    expect(delay).toMatchObject({ count: 3, mean: 1.086, p95: 2.9322, p99: 3.19284, min: 0, max: 3.258 });
  });
});
