import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StatetraceError } from '../../../core/errors.js';
import { diffSnapshots, diffToMarkdown } from '../../../plugins/routing/diff.js';
import { corpusPath, corpusSkipReason, hasCorpus } from '../../corpus.js';

const snap = (over: Record<string, unknown> = {}) => ({
  SchemaVersion: '1.0',
  CapturedAt: '2026-01-05T08:00:00Z',
  Site: 'WLLS',
  Hostname: 'H1',
  Vrf: 'default',
  PrimaryRouteStatus: 'Up',
  SecondaryRouteStatus: 'Standby',
  HealthState: 'Healthy',
  RouteRecordIds: ['a', 'b'],
  ...over,
});

describe.skipIf(!hasCorpus)(`RouteDiff fixtures (shared corpus fixtures/Routing/RouteDiff) ${hasCorpus ? '' : corpusSkipReason}`, () => {
  const read = (name: string) => JSON.parse(readFileSync(corpusPath('fixtures', 'Routing', 'RouteDiff', name), 'utf8'));
  const base = () => ({ old: read('RouteHealthSnapshot.old.json'), new: read('RouteHealthSnapshot.new.json'), oldPath: 'old.json', newPath: 'new.json', generatedAt: '2026-01-01T00:00:00Z' });

  it('with both RouteRecords files: Added 1, Removed 1, Unchanged 2, ChangedRoutes 1', () => {
    const diff = diffSnapshots({ ...base(), oldRecords: read('RouteRecords.old.json'), newRecords: read('RouteRecords.new.json') });
    expect(diff.Counts).toEqual({ Added: 1, Removed: 1, ChangedRoutes: 1 });
    expect(diff.Changes.AddedRouteRecordIds).toEqual(['RR-NEW-001']);
    expect(diff.Changes.RemovedRouteRecordIds).toEqual(['RR-OLD-001']);
    expect(diff.Changes.UnchangedCount).toBe(2);
    expect(diff.Changes.ChangedRoutes).toHaveLength(1);
    expect(diff.Changes.ChangedRoutes[0]).toMatchObject({ Key: 'default|10.0.2.0/24|Primary', FieldsChanged: ['NextHop'], Old: { NextHop: '10.0.2.1' }, New: { NextHop: '10.0.2.254' } });
    expect(diff.Changes.AddedRouteRecords?.map((r) => r.RecordId)).toEqual(['RR-NEW-001']);
    expect(diff.Changes.RemovedRouteRecords?.map((r) => r.RecordId)).toEqual(['RR-OLD-001']);
    expect(diff.Changes.Health).toEqual({
      PrimaryRouteStatus: { Old: 'Up', New: 'Up' },
      SecondaryRouteStatus: { Old: 'Standby', New: 'Up' },
      HealthState: { Old: 'Healthy', New: 'Warning' },
      HealthScore: { Old: 0.98, New: 0.75 },
      DetectionLatencyMs: { Old: 210, New: 520 },
    });
    expect(diff.Warnings).toEqual([]);
  });

  it('without RouteRecords: the same ids, ChangedRoutes 0, no record details', () => {
    const diff = diffSnapshots(base());
    expect(diff.Counts).toEqual({ Added: 1, Removed: 1, ChangedRoutes: 0 });
    expect(diff.Changes.UnchangedCount).toBe(2);
    expect(diff.Changes.AddedRouteRecords).toBeUndefined();
    expect(diff.Old).toMatchObject({ Path: 'old.json', HealthScore: 0.98, DetectionLatencyMs: 210 });
  });

  it('only one RouteRecords file: a warning, no enrichment', () => {
    const diff = diffSnapshots({ ...base(), oldRecords: read('RouteRecords.old.json') });
    expect(diff.Counts.ChangedRoutes).toBe(0);
    expect(diff.Warnings).toEqual(['RouteRecords enrichment requires both OldRouteRecordsPath and NewRouteRecordsPath; skipping enrichment.']);
  });
});

describe('snapshot diff rules', () => {
  it('refuses different targets unless allowed, naming AllowDifferentTargets', () => {
    const run = (allow: boolean) => diffSnapshots({ old: snap(), new: snap({ Hostname: 'H2' }), oldPath: 'o', newPath: 'n', allowDifferentTargets: allow });
    expect(run).toThrow(/targets do not match.*H1.*H2/);
    try {
      run(false);
    } catch (error) {
      expect((error as StatetraceError).hint).toContain('AllowDifferentTargets');
    }
    expect(run(true).Counts.Added).toBe(0);
  });

  it('lists every missing required field of a snapshot', () => {
    expect(() => diffSnapshots({ old: snap({ HealthState: '', RouteRecordIds: 'a,b' }), new: snap(), oldPath: 'old.json', newPath: 'n' })).toThrow(
      "RouteHealthSnapshot 'old.json' is missing required fields: HealthState, RouteRecordIds.",
    );
  });

  it('warns on duplicate ids and duplicate diff keys; compares strings case-insensitively like PowerShell -ne', () => {
    const rec = (id: string, over: Record<string, unknown> = {}) => ({ RecordId: id, Vrf: 'default', Prefix: '10.0.0.0', PrefixLength: 24, RouteRole: 'Primary', NextHop: '10.0.0.1', Protocol: 'OSPF', ...over });
    const diff = diffSnapshots({
      old: snap({ RouteRecordIds: ['a', 'a'] }),
      new: snap({ RouteRecordIds: ['b'] }),
      oldPath: 'o',
      newPath: 'n',
      oldRecords: [rec('a'), rec('a2')],
      newRecords: [rec('b', { Protocol: 'ospf', Metric: 5 })],
    });
    expect(diff.Warnings).toEqual(["OldSnapshot contains duplicate RouteRecordId 'a'.", "OldRouteRecords record duplicate diff key 'default|10.0.0.0/24|Primary'."]);
    expect(diff.Changes.ChangedRoutes.map((c) => c.FieldsChanged)).toEqual([['Metric']]);
    expect(diffToMarkdown(diff)).toContain('- default|10.0.0.0/24|Primary: Metric null → 5');
  });
});
