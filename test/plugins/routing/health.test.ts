import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyHealth, recordsToSnapshot } from '../../../plugins/routing/health.js';
import { diffMs, formatRoundTrip, parseOffsetTimestamp, recordId, roundHalfEven, snapshotId } from '../../../plugins/routing/ids.js';
import { corpusPath, corpusSkipReason, hasCorpus } from '../../corpus.js';

const record = (over: Record<string, unknown> = {}) => ({
  SchemaVersion: '1.0',
  RecordId: 'RR-1',
  CapturedAt: '2026-01-05T08:00:00Z',
  Site: 'WLLS',
  Hostname: 'WLLS-CORE-01',
  Vrf: 'default',
  Prefix: '10.0.0.0',
  PrefixLength: 24,
  NextHop: '10.0.0.1',
  Protocol: 'OSPF',
  RouteRole: 'Primary',
  RouteState: 'Active',
  ...over,
});

describe('deterministic ids (DOMAIN §5.3)', () => {
  it('RecordId of the Cisco fixture route 10.10.0.0/24 is the documented hash (raw CapturedAt string)', () => {
    expect(
      recordId({ CapturedAt: '2025-12-29T12:00:00Z', Site: 'wlls', Hostname: 'wlls-a01-as-21', Vrf: 'default', Prefix: '10.10.0.0', PrefixLength: 24, NextHop: 'DIRECT', Protocol: 'Connected', RouteRole: 'Primary', RouteState: 'Active' }),
    ).toBe('9e717f4d05c5e00466ccbf49f98695c0e73c899f9e7313b837cc2f74eaa2c1b5');
  });

  it('SnapshotId sorts the RecordIds (ordinal) before hashing', () => {
    const a = snapshotId('WLLS', 'H', 'default', '2025-12-27T19:00:30.0000000+00:00', ['b', 'a']);
    expect(a).toBe(snapshotId('WLLS', 'H', 'default', '2025-12-27T19:00:30.0000000+00:00', ['a', 'b']));
    expect(a).toMatch(/^RHS-[0-9a-f]{64}$/);
  });

  it.each([
    ['2025-12-27T19:00:30Z', '2025-12-27T19:00:30.0000000+00:00'],
    ['2025-12-27T19:00:30.5Z', '2025-12-27T19:00:30.5000000+00:00'],
    ['2025-12-27T19:00:30.1234567+02:00', '2025-12-27T19:00:30.1234567+02:00'],
    ['2025-12-27T19:00:30-05:30', '2025-12-27T19:00:30.0000000-05:30'],
    ['2025-12-27 19:00', '2025-12-27T19:00:00.0000000+00:00'],
  ])('round-trip rendering of %s is %s', (input, output) => {
    expect(formatRoundTrip(parseOffsetTimestamp(input)!)).toBe(output);
  });

  it('rejects what is not a timestamp', () => {
    for (const bad of ['yesterday', '2025-13-01T00:00:00Z', '2025-02-30T00:00:00Z', '']) expect(parseOffsetTimestamp(bad)).toBeUndefined();
  });

  it('differences are exact to 100 ns across offsets; rounding is half-to-even like .NET', () => {
    expect(diffMs(parseOffsetTimestamp('2025-12-27T19:00:00Z')!, parseOffsetTimestamp('2025-12-27T21:00:30.0000005+02:00')!)).toBeCloseTo(30000.0005, 6);
    expect([0.5, 1.5, 2.5, 2.4999, 3.5].map(roundHalfEven)).toEqual([0, 2, 2, 2, 4]);
  });
});

describe.skipIf(!hasCorpus)(`health snapshot fixture (shared corpus fixtures/Routing) ${hasCorpus ? '' : corpusSkipReason}`, () => {
  it('RouteRecords.sample.json → exactly RouteHealthSnapshot.expected.json (SnapshotId RHS-0ec346…6fcb)', () => {
    const records = JSON.parse(readFileSync(corpusPath('fixtures', 'Routing', 'RouteRecords.sample.json'), 'utf8'));
    const expected = JSON.parse(readFileSync(corpusPath('fixtures', 'Routing', 'RouteHealthSnapshot.expected.json'), 'utf8'));
    const { snapshot, summary } = recordsToSnapshot(records);
    expect(snapshot).toEqual(expected);
    expect(snapshot!.SnapshotId).toBe('RHS-0ec34606ba20362b4f5be74a07ebbcedf916b2c52e32d5e7eedd57e0e0886fcb');
    // Field order too, so a written file reads like the original's.
    expect(Object.keys(snapshot!)).toEqual(Object.keys(expected));
    expect(summary).toMatchObject({ Status: 'Pass', GroupKey: 'WLLS|WLLS-A01-AS-01|default', RouteRecordCount: 2, PrimaryRecordCount: 1, SecondaryRecordCount: 1 });
  });
});

describe('health rules v1: the status matrix (DOMAIN §5.4)', () => {
  // [primary records, secondary records] as lists of states; expected statuses, health, score, failover.
  it.each([
    [['Active'], ['Inactive'], 'Up', 'Standby', 'Healthy', 1, 'None'],
    [['Active'], ['Active'], 'Up', 'Up', 'Healthy', 1, 'None'],
    [['Active'], [], 'Up', 'Missing', 'Healthy', 1, 'None'],
    [['Inactive'], ['Active'], 'Degraded', 'Up', 'Warning', 0.7, 'FailoverComplete'],
    [['Inactive'], ['Inactive'], 'Down', 'Down', 'Critical', 0, 'None'],
    [['Inactive'], [], 'Down', 'Missing', 'Critical', 0, 'None'],
    [[], ['Active'], 'Missing', 'Up', 'Warning', 0.7, 'None'],
    [[], ['Inactive'], 'Missing', 'Down', 'Critical', 0, 'None'],
    [['Inactive', 'Active'], ['Inactive'], 'Up', 'Standby', 'Healthy', 1, 'None'],
  ])('primary %j, secondary %j → %s / %s, %s %s %s', (primary, secondary, p, s, health, score, failover) => {
    const records = [
      ...primary.map((state, i) => record({ RecordId: `P${i}`, RouteRole: 'Primary', RouteState: state })),
      ...secondary.map((state, i) => record({ RecordId: `S${i}`, RouteRole: 'Secondary', RouteState: state })),
    ];
    const { snapshot } = recordsToSnapshot(records);
    expect(snapshot).toMatchObject({ PrimaryRouteStatus: p, SecondaryRouteStatus: s, HealthState: health, HealthScore: score, FailoverState: failover });
    expect(classifyHealth({ count: primary.length, anyActive: primary.includes('Active') }, { count: secondary.length, anyActive: secondary.includes('Active') })).toEqual({ primaryStatus: p, secondaryStatus: s, healthState: health });
  });

  it('DetectionLatencyMs is newest − oldest CapturedAt, CapturedAt the newest in round-trip form', () => {
    const { snapshot } = recordsToSnapshot([record({ RecordId: 'a', CapturedAt: '2026-01-05T08:00:00Z' }), record({ RecordId: 'b', CapturedAt: '2026-01-05T08:00:01.2345Z' })]);
    expect(snapshot).toMatchObject({ DetectionLatencyMs: 1234, CapturedAt: '2026-01-05T08:00:01.2345000+00:00', RouteRecordIds: ['a', 'b'] });
  });
});

describe('health rules v1: validation errors', () => {
  it.each([
    ['no records', 'NoRouteRecords', []],
    ['missing field', 'MissingRequiredField:Record[0].RouteState', [record({ RouteState: undefined })]],
    ['empty field', 'EmptyRequiredField:Record[0].Site', [record({ Site: ' ' })]],
    ['wrong type', 'InvalidType:Record[0].RecordId expected=string actual=number', [record({ RecordId: 7 })]],
    ['schema version', 'SchemaVersionMismatch:Record[0] expected=1.0 actual=2.0', [record({ SchemaVersion: '2.0' })]],
    ['bad time', 'InvalidCapturedAt:RR-1', [record({ CapturedAt: 'soon' })]],
    ['two groups', 'MultipleRouteRecordGroups:WLLS|OTHER|default,WLLS|WLLS-CORE-01|default', [record(), record({ RecordId: 'RR-2', Hostname: 'OTHER' })]],
  ])('%s → %s', (_name, error, records) => {
    const { snapshot, summary } = recordsToSnapshot(records);
    expect(snapshot).toBeUndefined();
    expect(summary.Status).toBe('Fail');
    expect(summary.Errors).toContain(error);
  });

  it('filters pick one group; a filter that matches nothing is NoRouteRecordsAfterFilter', () => {
    const records = [record(), record({ RecordId: 'RR-2', Hostname: 'OTHER' })];
    expect(recordsToSnapshot(records, { hostname: 'OTHER' }).snapshot?.RouteRecordIds).toEqual(['RR-2']);
    expect(recordsToSnapshot(records, { site: 'BOYO' }).summary.Errors).toEqual(['NoRouteRecordsAfterFilter']);
  });
});
