import { afterAll, describe, expect, it } from 'vitest';
import { ROUTING_METRICS } from '../../../plugins/routing/metrics.js';
import { validateAgainst } from '../../../plugins/routing/schemas.js';
import { diffStep, evaluateStep, parseCaptureStep, recordsStep, simulateStep, snapshotStep } from '../../../plugins/routing/steps.js';
import { recordingContext } from './helpers.js';

describe('every field the routing steps emit is declared in the metric dictionary', () => {
  const ctx = recordingContext();
  afterAll(() => ctx.cleanup());

  it('parse-capture, records, snapshot, diff, evaluate, simulate', async () => {
    const before = await parseCaptureStep(ctx, { captures: 'scenarios/routing/captures/wlls-core-01/0800/Capture.json', outDir: 'a' });
    const after = await parseCaptureStep(ctx, { captures: 'scenarios/routing/captures/wlls-core-01/0900/Capture.json', outDir: 'b' });
    const converted = await recordsStep(ctx, { discovery: (before.hosts as Array<{ discovery: string }>)[0]!.discovery });
    expect(converted.recordFiles).toHaveLength(1);
    const s1 = await snapshotStep(ctx, { records: before.records as string, outDir: 'a' });
    const s2 = await snapshotStep(ctx, { records: after.records as string, outDir: 'b' });
    await diffStep(ctx, { old: s1.snapshot as string, new: s2.snapshot as string });
    await evaluateStep(ctx, { timeline: 'scenarios/routing/outage-drill.timeline.ndjson' });
    await simulateStep(ctx, { routes: 20, duration: '20m', primaryFailures: 2, failovers: 2, flaps: 1, blips: 1 });
    const declared = new Set(ROUTING_METRICS.map((m) => m.name));
    const emitted = new Set<string>();
    for (const event of ctx.events) {
      emitted.add(event.EventName);
      for (const field of Object.keys(event)) if (field !== 'EventName' && field !== 'Timestamp') emitted.add(`${event.EventName}.${field}`);
    }
    expect([...emitted].filter((name) => !declared.has(name))).toEqual([]);
    expect(emitted.size).toBeGreaterThan(60);
  });
});

describe('routing schemas (ajv, from the original contracts)', () => {
  const record = { SchemaVersion: '1.0', RecordId: 'r', CapturedAt: '2026-01-05T08:00:00Z', Site: 'S', Hostname: 'H', Vrf: 'default', Prefix: '10.0.0.0', PrefixLength: 24, NextHop: 'DIRECT', Protocol: 'Connected', RouteRole: 'Primary', RouteState: 'Active' };

  it.each([
    ['a minimal record', record, []],
    ['an unknown role', { ...record, RouteRole: 'Backup' }, ['/RouteRole must be equal to one of the allowed values (Primary, Secondary)']],
    ['a prefix length of 33', { ...record, PrefixLength: 33 }, ['/PrefixLength must be <= 32']],
    ['a non-ISO CapturedAt', { ...record, CapturedAt: '12/29/2025' }, ['/CapturedAt must match pattern "^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,7})?)?(Z|[+-]\\d{2}:?\\d{2})?$"']],
    ['a missing NextHop', (({ NextHop: _n, ...rest }) => rest)(record), ["(root) must have required property 'NextHop'"]],
  ])('RouteRecord: %s', (_name, value, errors) => {
    expect(validateAgainst('RouteRecord', value).errors).toEqual(errors);
  });

  it('RouteRecords needs at least one record; errors carry the index', () => {
    expect(validateAgainst('RouteRecords', []).errors).toEqual(['(root) must NOT have fewer than 1 items']);
    expect(validateAgainst('RouteRecords', [record, { ...record, RouteState: 'Up' }]).errors).toEqual(['/1/RouteState must be equal to one of the allowed values (Active, Inactive)']);
  });

  it('RouteHealthSnapshot enums and the 0–1 score', () => {
    const snapshot = { SchemaVersion: '1.0', SnapshotId: 'RHS-x', CapturedAt: '2026-01-05T08:00:00Z', Site: 'S', Hostname: 'H', Vrf: 'default', PrimaryRouteStatus: 'Up', SecondaryRouteStatus: 'Standby', HealthState: 'Healthy', DetectionLatencyMs: 0, RouteRecordIds: [] };
    expect(validateAgainst('RouteHealthSnapshot', snapshot).valid).toBe(true);
    expect(validateAgainst('RouteHealthSnapshot', { ...snapshot, HealthState: 'Fine', HealthScore: 1.5 }).errors).toEqual([
      '/HealthState must be equal to one of the allowed values (Healthy, Warning, Critical)',
      '/HealthScore must be <= 1',
    ]);
  });
});
