/**
 * Conformance against the real StateTrace telemetry (shared corpus, `telemetry/` folder). Expected
 * numbers were computed independently with python3 (`json.loads` per non-blank line, `utf-8-sig`,
 * whole-document `json.load` for the array file); see docs/telemetry-engine.md.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NO_EVENT_NAME, readTelemetry } from '../../../core/telemetry/reader.js';
import { compareTimestamps, parseTimestampParts } from '../../../core/telemetry/timestamp.js';
import { corpusPath, hasCorpus } from '../../corpus.js';

const NDJSON_EVENTS: Record<string, number> = {
  '2025-12-05.json': 1175,
  '2025-12-06.json': 1342,
  '2025-12-08.json': 671,
  '2025-12-09.json': 822,
  '2025-12-13.json': 2414,
  '2025-12-14.json': 2132,
  '2025-12-16.json': 3054,
  '2025-12-27.json': 1081,
  '2025-12-28.json': 599,
  '2026-01-01.json': 1978,
};
const ARRAY_ELEMENTS = 3942; // 20251222.json, the scheduler-snapshot array

/** Per-EventName totals over the 10 NDJSON files. */
const EVENT_COUNTS: Record<string, number> = {
  InterfaceSiteCacheSharedStore: 6484,
  InterfaceSiteCacheClearInvocation: 2325,
  InterfaceSyncTiming: 1315,
  RowsWritten: 1291,
  SiteExistingRowCacheState: 1045,
  InterfaceSiteCacheHostPersisted: 529,
  InterfaceSiteCacheSharedStoreState: 377,
  UserAction: 359,
  InterfaceSiteCacheRunspaceState: 336,
  ParserSchedulerLaunch: 174,
  SkippedDuplicate: 116,
  InterfaceSiteCacheReuseAttempt: 85,
  InterfaceSiteCacheMetrics: 85,
  InterfaceSiteCacheReuseState: 83,
  PortBatchReady: 79,
  InterfacePortStreamMetrics: 77,
  ParseDuration: 58,
  DatabaseWriteLatency: 56,
  DatabaseWriteBreakdown: 56,
  InterfaceBulkInsertTiming: 55,
  InterfaceBulkInsert: 55,
  InterfacePortQueueMetrics: 53,
  InterfacePortDispatchMetrics: 53,
  DeviceDetailsLoadMetrics: 31,
  DiffUsageRate: 24,
  DiffCompareDurationMs: 24,
  DiffCompareResultCounts: 24,
  ConcurrencyProfileResolved: 15,
  ParserRunspacePoolState: 4,
};

describe.skipIf(!hasCorpus)('corpus conformance: ../shared/corpus/statetrace/telemetry', () => {
  const dir = corpusPath('telemetry');
  // Collected even when the suite is skipped, so only read the folder when it exists.
  const names = hasCorpus ? readdirSync(dir).sort() : [];
  const paths = names.map((n) => `${dir}/${n}`);

  it('holds the files these expectations were computed for', () => {
    expect(names).toEqual([...Object.keys(NDJSON_EVENTS), '20251222.json'].sort());
  });

  it('reads every file: exact event counts per file and per EventName, 0 malformed, the array read as an array', async () => {
    let delivered = 0;
    const summary = await readTelemetry(paths, { onRecord: () => delivered++ });
    const byFile = Object.fromEntries(summary.files.map((f) => [f.path.slice(dir.length + 1), f]));
    for (const [name, events] of Object.entries(NDJSON_EVENTS)) {
      expect(byFile[name], name).toMatchObject({ format: 'ndjson', events, malformed: 0 });
    }
    expect(byFile['20251222.json']).toMatchObject({ format: 'json-array', events: ARRAY_ELEMENTS, malformed: 0, encoding: 'utf-8' });
    expect(byFile['2026-01-01.json']!.encoding).toBe('utf-8-bom');
    const ndjsonTotal = Object.values(NDJSON_EVENTS).reduce((a, b) => a + b, 0);
    expect(ndjsonTotal).toBe(15268);
    expect(summary.events).toBe(ndjsonTotal + ARRAY_ELEMENTS);
    expect(delivered).toBe(summary.events);
    expect(summary.malformed).toBe(0);
    expect(summary.eventCounts).toEqual({ ...EVENT_COUNTS, [NO_EVENT_NAME]: ARRAY_ELEMENTS });
  });

  it('the eventNames prefilter gives the same counts and delivers only the wanted events', async () => {
    const wanted = new Set(['ParseDuration', 'DatabaseWriteLatency']);
    const seen: Record<string, number> = {};
    const summary = await readTelemetry(paths, {
      eventNames: wanted,
      onRecord: (r) => {
        const name = r.EventName as string;
        seen[name] = (seen[name] ?? 0) + 1;
      },
    });
    expect(seen).toEqual({ ParseDuration: 58, DatabaseWriteLatency: 56 });
    expect(summary.eventCounts).toEqual({ ...EVENT_COUNTS, [NO_EVENT_NAME]: ARRAY_ELEMENTS });
    expect(summary.malformed).toBe(0);
  });

  it('2026-01-01.json: every Timestamp parses, 20 have fewer than 7 fractional digits, 75 order inversions', async () => {
    const stamps: Array<ReturnType<typeof parseTimestampParts>> = [];
    await readTelemetry([corpusPath('telemetry', '2026-01-01.json')], { onRecord: (r) => stamps.push(parseTimestampParts(r.Timestamp as string)) });
    expect(stamps).toHaveLength(1978);
    expect(stamps.every((s) => s !== undefined && s.offsetMinutes === -420)).toBe(true);
    expect(stamps.filter((s) => s!.fractionDigits < 7)).toHaveLength(20);
    let inversions = 0;
    for (let i = 1; i < stamps.length; i++) if (compareTimestamps(stamps[i]!, stamps[i - 1]!) < 0) inversions++;
    expect(inversions).toBe(75);
  });

  it('every Timestamp of every NDJSON event parses', async () => {
    let bad = 0;
    let count = 0;
    const ndjsonPaths = Object.keys(NDJSON_EVENTS).map((n) => `${dir}/${n}`);
    await readTelemetry(ndjsonPaths, {
      onRecord: (r) => {
        count++;
        if (typeof r.Timestamp !== 'string' || parseTimestampParts(r.Timestamp) === undefined) bad++;
      },
    });
    expect(count).toBe(15268);
    expect(bad).toBe(0);
  });
});

describe.skipIf(!hasCorpus)('corpus conformance: other shapes in ../shared/corpus/statetrace', () => {
  it.each<[string, string, number]>([
    ['warm-run/WarmRunTelemetry-20251212-173043.json', 'json-array', 34],
    ['warm-run/WarmRunTelemetry-20251223-151505.json', 'json-array', 98],
    ['warm-run/WarmRunTelemetry-ST-B-005-20260102-154500.json', 'json-array', 73],
    ['summaries/QueueDelaySummary-2026-01-01.json', 'json-object', 1],
    ['fixtures/CISmoke/WarmRunTelemetry.json', 'json-object', 1],
    ['summaries/SharedCacheDiagnosticsInput-ST-B-007-20260103-095402.json', 'ndjson', 3],
    ['fixtures/CISmoke/IngestionMetrics.json', 'ndjson', 49],
    ['fixtures/Synthetic/5.1/IngestionMetrics.json', 'ndjson', 21],
    ['samples/DiffPrototype-TelemetrySample.json', 'ndjson', 6],
  ])('%s is read as %s with %i records and 0 malformed', async (file, format, events) => {
    const summary = await readTelemetry([corpusPath(...file.split('/'))], { onRecord: () => {} });
    expect(summary.files[0]).toMatchObject({ format, events, malformed: 0 });
  });
});
