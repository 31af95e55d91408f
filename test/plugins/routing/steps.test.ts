import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { diffStep, evaluateStep, parseCaptureStep, simulateStep, snapshotStep, validateStep } from '../../../plugins/routing/steps.js';
import { corpusPath, corpusSkipReason, hasCorpus } from '../../corpus.js';
import { recordingContext, type RecordingContext } from './helpers.js';

const SAMPLES = 'scenarios/routing/captures';
let ctx: RecordingContext;
afterEach(() => ctx?.cleanup());

const eventsNamed = (name: string) => ctx.events.filter((e) => e.EventName === name);

describe('routing steps on the shipped sample captures (scenarios/routing/captures)', () => {
  it('parse-capture → snapshot → diff: files, artifacts, events and facts', async () => {
    ctx = recordingContext();
    const before = await parseCaptureStep(ctx, { captures: `${SAMPLES}/wlls-core-01/0800/Capture.json`, outDir: 'routing/before' });
    const after = await parseCaptureStep(ctx, { captures: `${SAMPLES}/wlls-core-01/0900/Capture.json`, outDir: 'routing/after' });
    expect(before.routes).toBe(13);
    expect(after.routes).toBe(12);
    expect(eventsNamed('RoutingCaptureParsed').map((e) => [e.Hostname, e.Vendor, e.RoutesParsedCount, e.LinesParsedCount, e.UnreadableLineCount, e.Status])).toEqual([
      ['WLLS-CORE-01', 'CiscoIOSXE', 13, 33, 0, 'Pass'],
      ['WLLS-CORE-01', 'CiscoIOSXE', 12, 32, 0, 'Pass'],
    ]);
    const snapBefore = await snapshotStep(ctx, { records: before.records as string });
    const snapAfter = await snapshotStep(ctx, { records: after.records as string });
    const snapshot = JSON.parse(readFileSync(snapBefore.snapshot as string, 'utf8'));
    expect(snapshot).toMatchObject({ Site: 'WLLS', Hostname: 'WLLS-CORE-01', HealthState: 'Healthy', PrimaryRouteStatus: 'Up', SecondaryRouteStatus: 'Missing', DetectionLatencyMs: 0 });
    const diff = await diffStep(ctx, { old: snapBefore.snapshot as string, new: snapAfter.snapshot as string, oldRecords: before.records as string, newRecords: after.records as string });
    expect(diff).toMatchObject({ added: 12, removed: 13, changedRoutes: 1 });
    const written = JSON.parse(readFileSync(diff.diff as string, 'utf8'));
    expect(written.Changes.ChangedRoutes[0]).toMatchObject({ Key: 'default|10.30.0.0/16|Primary', FieldsChanged: ['NextHop', 'InterfaceName'] });
    expect(eventsNamed('RoutingSchemaValidation').every((e) => e.Valid === true)).toBe(true);
    expect(eventsNamed('RoutingSchemaValidation')).toHaveLength(4);
    expect(ctx.artifacts.every((a) => a.area === 'Routing')).toBe(true);
    expect(ctx.artifacts.map((a) => a.category)).toEqual(expect.arrayContaining(['RoutingDiscoveryCapture', 'RouteRecords', 'RouteHealthSnapshot', 'RoutingDiff', 'RoutingDiffMarkdown']));
    expect(ctx.factsRecorded['routing.diff']).toEqual({ added: 12, removed: 13, unchanged: 0, changedRoutes: 1 });
  });

  it('a session and several vendors in one step; a multi-VRF snapshot needs a vrf filter', async () => {
    ctx = recordingContext();
    const fleet = await parseCaptureStep(ctx, { captures: [`${SAMPLES}/arista-leafs/Session.json`, `${SAMPLES}/juniper-edge/Capture.json`, `${SAMPLES}/paloalto-fw/Capture.json`] });
    expect((fleet.hosts as Array<{ hostname: string; routes: number }>).map((h) => [h.hostname, h.routes])).toEqual([
      ['WLLS-LEAF-01', 11],
      ['WLLS-LEAF-02', 11],
      ['WLLS-EDGE-01', 10],
      ['WLLS-FW-01', 10],
    ]);
    await expect(snapshotStep(ctx, { records: fleet.recordFiles as string[] })).rejects.toThrow(/MultipleRouteRecordGroups:WLLS\|WLLS-LEAF-01\|MGMT,WLLS\|WLLS-LEAF-01\|default/);
    const snaps = await snapshotStep(ctx, { records: fleet.recordFiles as string[], vrf: 'default' });
    expect(Object.values(snaps.states as Record<string, string>)).toEqual(['Healthy', 'Healthy', 'Healthy', 'Healthy']);
  });

  it('validate: an invalid file is an event (and a step failure only when strict)', async () => {
    ctx = recordingContext();
    const out = await validateStep(ctx, { files: `${SAMPLES}/arista-leafs/Session.json`, schema: 'RouteHealthSnapshot' });
    expect(out).toEqual({ files: 1, invalid: 1 });
    expect(eventsNamed('RoutingSchemaValidation')[0]).toMatchObject({ Valid: false, ErrorCount: 7 });
    await expect(validateStep(ctx, { files: `${SAMPLES}/arista-leafs/Session.json`, schema: 'RouteHealthSnapshot', strict: true })).rejects.toThrow('1 of 1 files do not satisfy RouteHealthSnapshot');
  });

  it('a glob that matches nothing is an error naming the pattern', async () => {
    ctx = recordingContext();
    await expect(parseCaptureStep(ctx, { captures: 'scenarios/routing/nowhere/*.json' })).rejects.toThrow('the pattern "scenarios/routing/nowhere/*.json" matches no file');
  });
});

describe('routing.evaluate on the shipped drill timeline', () => {
  it('gives the exact transitions of the failover drill (failover, primary failure with one conflicting tick, flapping, a second outage)', async () => {
    ctx = recordingContext();
    const out = await evaluateStep(ctx, { timeline: 'scenarios/routing/outage-drill.timeline.ndjson', for: '30s', keepFor: '60s' });
    expect(out).toEqual({ transitions: 7, failures: 4, routes: 3 });
    expect(eventsNamed('RouteStateTransition').map((e) => `${e.Hostname} ${e.From}→${e.To} ${String(e.ObservedAt).slice(11, 19)} ${String(e.DetectedAt).slice(11, 19)} ${e.DetectionLatencyMs} ${e.RunbookUrl}`)).toEqual([
      'BOYO-A05-AS-02 healthy→down 10:01:00 10:01:30 30000 docs/routing.md#runbook-down',
      'WLLS-CORE-01 healthy→degraded 10:02:00 10:02:30 30000 docs/routing.md#runbook-degraded',
      'WLLS-EDGE-01 healthy→down 10:03:20 10:03:50 30000 docs/routing.md#runbook-down',
      'WLLS-CORE-01 degraded→recovered 10:05:00 10:06:00 60000 docs/routing.md#runbook-recovered',
      'BOYO-A05-AS-02 down→recovered 10:05:40 10:06:40 60000 docs/routing.md#runbook-recovered',
      'WLLS-EDGE-01 down→recovered 10:06:40 10:07:40 60000 docs/routing.md#runbook-recovered',
      'BOYO-A05-AS-02 recovered→down 10:08:00 10:08:30 30000 docs/routing.md#runbook-down',
    ]);
    expect(eventsNamed('RouteOutageSummary')[0]).toMatchObject({ Source: 'timeline', ConflictingEvaluations: 1, MultiSourceEvaluations: 180, MaxFailuresPerWindow: 1, StatelessFailureReports: 8, TransitionsWithoutRunbook: 0 });
  });

  it('reads RouteHealthSnapshot files as a timeline (HealthState → condition)', async () => {
    ctx = recordingContext();
    const out = await evaluateStep(ctx, { snapshots: [corpusSafeSnapshot('old'), corpusSafeSnapshot('new')], for: 0, keepFor: 0, runbookUrl: 'https://runbooks.example/routing/{kind}?route={route}' });
    expect(out.transitions).toBe(1);
    expect(eventsNamed('RouteStateTransition')[0]).toMatchObject({ From: 'healthy', To: 'degraded', Kind: 'failure', RunbookUrl: 'https://runbooks.example/routing/failure?route=WLLS%7CH1%7Cdefault' });
  });

  it('rejects a timeline line it cannot read, with file:line', async () => {
    ctx = recordingContext();
    const bad = `${ctx.runDir}/bad.ndjson`;
    writeFileSync(bad, '{"At":"2026-01-01T00:00:00Z","Route":"R","Condition":"down"}\n{"At":"later","Route":"R","Condition":"down"}\n');
    await expect(evaluateStep(ctx, { timeline: bad })).rejects.toThrow(/line 2: At is missing or not an ISO-8601 time/);
  });
});

/** Two tiny snapshots written into the run dir (Healthy then Warning) so this test needs no corpus. */
function corpusSafeSnapshot(which: 'old' | 'new'): string {
  const path = `${ctx.runDir}/${which}.json`;
  writeFileSync(path, JSON.stringify({ SchemaVersion: '1.0', CapturedAt: which === 'old' ? '2026-01-05T08:00:00Z' : '2026-01-05T09:00:00Z', Site: 'WLLS', Hostname: 'H1', Vrf: 'default', HealthState: which === 'old' ? 'Healthy' : 'Warning', EvidenceSources: ['RouteRecords'] }));
  return path;
}

describe('routing.simulate', () => {
  const options = { routes: 200, duration: '30m', seed: 7, primaryFailures: 5, failovers: 5, flaps: 3, blips: 3, outage: ['2m', '5m'] as [string, string], flapPeriod: '80s', flapDuration: '4m', noiseRate: 0.001, conflictRate: 0.01 };

  it('is deterministic per seed and detects every injected primary fault within the plan A budget', async () => {
    ctx = recordingContext();
    await simulateStep(ctx, options);
    const first = ctx.events.map((e) => ({ ...e, ...(e.EventName === 'RouteOutageSummary' ? { DurationMs: 0 } : {}) }));
    ctx.cleanup();
    ctx = recordingContext();
    await simulateStep(ctx, options);
    expect(ctx.events.map((e) => ({ ...e, ...(e.EventName === 'RouteOutageSummary' ? { DurationMs: 0 } : {}) }))).toEqual(first);
    const summary = eventsNamed('RouteOutageSummary')[0]!;
    expect(summary).toMatchObject({ Routes: 200, Observations: 200 * 180 * 2, InjectedPrimaryFaults: 10, MissedPrimaryFaults: 0, DetectedPrimaryFaults: 10, BlipsReported: 0, FalseFailures: 0, MaxFailuresPerWindow: 1, Source: 'simulator' });
    expect(Number(summary.ConflictingSignalPercent)).toBeGreaterThan(0.5);
    expect(Number(summary.ConflictingSignalPercent)).toBeLessThan(1.5);
    const primary = eventsNamed('RouteStateTransition').filter((e) => e.Kind === 'failure' && (e.FaultKind === 'primary-failure' || e.FaultKind === 'failover'));
    expect(primary).toHaveLength(10);
    for (const e of primary) {
      expect(Number(e.TimeToDetectMs)).toBeGreaterThanOrEqual(30_000);
      expect(Number(e.TimeToDetectMs)).toBeLessThan(60_000);
    }
    expect(primary.filter((e) => e.FaultKind === 'failover').every((e) => e.To === 'degraded')).toBe(true);
    expect(ctx.artifacts.map((a) => a.category)).toEqual(['RoutingSimulatedFaults']);
  });

  it('a different seed gives a different fleet history', async () => {
    ctx = recordingContext();
    await simulateStep(ctx, options);
    const a = eventsNamed('RouteStateTransition').map((e) => e.Route);
    ctx.cleanup();
    ctx = recordingContext();
    await simulateStep(ctx, { ...options, seed: 8 });
    expect(eventsNamed('RouteStateTransition').map((e) => e.Route)).not.toEqual(a);
  });
});

describe.skipIf(!hasCorpus)(`routing.snapshot on the corpus fixture ${hasCorpus ? '' : corpusSkipReason}`, () => {
  it('writes the expected snapshot file for RouteRecords.sample.json', async () => {
    ctx = recordingContext();
    const out = await snapshotStep(ctx, { records: corpusPath('fixtures', 'Routing', 'RouteRecords.sample.json') });
    expect(JSON.parse(readFileSync(out.snapshot as string, 'utf8'))).toEqual(JSON.parse(readFileSync(corpusPath('fixtures', 'Routing', 'RouteHealthSnapshot.expected.json'), 'utf8')));
    expect(eventsNamed('RoutingHealthSnapshot')[0]).toMatchObject({ SnapshotId: 'RHS-0ec34606ba20362b4f5be74a07ebbcedf916b2c52e32d5e7eedd57e0e0886fcb', DetectionLatencyMs: 30000, HealthScore: 1 });
  });
});

describe('input resolution', () => {
  it('globs resolve against the project root, in a stable order', async () => {
    const { resolveInputs } = await import('../../../plugins/routing/steps.js');
    const { projectRoot } = await import('../../corpus.js');
    const files = resolveInputs(projectRoot, 'scenarios/routing/captures/*/Capture.json', 'test');
    expect(files.map((f) => f.slice(projectRoot.length + 1))).toEqual(['scenarios/routing/captures/juniper-edge/Capture.json', 'scenarios/routing/captures/paloalto-fw/Capture.json']);
    expect(resolveInputs(projectRoot, `${projectRoot}/scenarios/routing/captures/**/Capture.json`, 'test')).toHaveLength(4);
  });
});
