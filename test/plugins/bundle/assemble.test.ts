import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assembleBundle } from '../../../plugins/bundle/assemble.js';
import { publishRules } from '../../../plugins/bundle/collect.js';
import type { TelemetryBundleManifest } from '../../../plugins/bundle/manifest.js';
import { verifyBundle } from '../../../plugins/bundle/verify.js';
import { removeTempRoot, tempDir } from './tmp.js';

/** A miniature of the original's repo: Logs/IngestionMetrics, Logs/Reports, docs/agents/sessions, with controlled mtimes. */
function originalRepo(): string {
  const root = tempDir('st-bundle-repo-');
  let clock = Date.UTC(2025, 11, 1) / 1000;
  const file = (rel: string, text = '{}') => {
    const path = join(root, rel);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    clock += 60;
    utimesSync(path, clock, clock);
  };
  file('Logs/IngestionMetrics/2025-12-05.json', '{"EventName":"ParseDuration"}\n');
  file('Logs/IngestionMetrics/2025-12-06.json', '{"EventName":"ParseDuration"}\n');
  file('Logs/IngestionMetrics/WarmRunTelemetry-20251226-125927.json', '[]');
  file('Logs/IngestionMetrics/WarmRunTelemetry-20251223-151505.json', '[]'); // written later: newest by time, not by name
  for (const ts of ['1', '2', '3']) file(`Logs/IngestionMetrics/SharedCacheStoreState-2025122${ts}.json`);
  file('Logs/IngestionMetrics/SiteCacheProviderReasons-20251226.json');
  file('Logs/IngestionMetrics/WarmRunDiffHotspots-20251223-151505.csv', 'DiffKey,Count,TotalMs\r\n');
  file('Logs/IngestionMetrics/IngestionMetricsSummary-20251222-060953.csv', 'Date\r\n');
  file('Logs/IngestionMetrics/QueueDelaySummary-2026-01-01.json');
  file('Logs/Reports/UserActionSummary-20260101.json');
  file('Logs/Reports/QueueDelayHistory.csv', 'a\r\n');
  file('docs/agents/sessions/2026-01-01-session.md', '# session');
  return root;
}

const manifestOf = (dir: string, area: string) => JSON.parse(readFileSync(join(dir, area, 'TelemetryBundle.json'), 'utf8')) as TelemetryBundleManifest;

describe('bundle assemble (Publish-TelemetryBundle picks, §6.2)', () => {
  it('collects the newest file per category from the folders and writes a Telemetry area the original rules accept', async () => {
    const root = originalRepo();
    const written = await assembleBundle(
      {
        name: 'Release-2026-01-05',
        outputRoot: join(root, 'Logs/TelemetryBundles'),
        collect: { metricsDir: 'Logs/IngestionMetrics', reportsDir: 'Logs/Reports', sessionsDir: 'docs/agents/sessions' },
        planReferences: ['PlanE', 'PlanG'],
        taskBoardIds: ['ST-G-007'],
      },
      root,
    );
    const manifest = manifestOf(written.dir, 'Telemetry');
    expect(manifest.Artifacts.map((a) => `${a.Category} ${a.TargetFile}`)).toEqual([
      'ColdTelemetry 2025-12-06.json',
      'WarmTelemetry WarmRunTelemetry-20251223-151505.json',
      'SharedCacheAnalyzer SharedCacheStoreState-20251223.json',
      'SharedCacheAnalyzer SharedCacheStoreState-20251222.json',
      'SharedCacheAnalyzer SiteCacheProviderReasons-20251226.json',
      'DiffHotspots WarmRunDiffHotspots-20251223-151505.csv',
      'RollupCsv IngestionMetricsSummary-20251222-060953.csv',
      'UserActionSummary UserActionSummary-20260101.json',
      'Additional QueueDelayHistory.csv',
      'DocSync DocSync/2026-01-01-session.md',
    ]);
    expect(manifest.PlanReferences).toEqual(['PlanE', 'PlanG']);
    const report = await verifyBundle(written.dir);
    expect(report.Rules).toBe('original');
    expect(report.Areas[0]!.RequirementState.filter((r) => r.Status !== 'Present').map((r) => `${r.Requirement}: ${r.Status}`)).toEqual([
      'Port diversity summary: Missing (Optional)',
      'Queue delay summary: Missing (Optional)',
    ]);
    expect(report.Ready).toBe(true);
  });

  it('Routing areas also pick queue delay summaries; --force adds the area to the existing bundle', async () => {
    const root = originalRepo();
    const outputRoot = join(root, 'out');
    await assembleBundle({ name: 'R', outputRoot, collect: { metricsDir: 'Logs/IngestionMetrics' } }, root);
    await expect(assembleBundle({ name: 'R', area: 'Routing', outputRoot, collect: { metricsDir: 'Logs/IngestionMetrics' } }, root)).rejects.toThrow(/already exists/);
    const written = await assembleBundle({ name: 'R', area: 'Routing', force: true, outputRoot, collect: { metricsDir: 'Logs/IngestionMetrics' } }, root);
    expect(manifestOf(written.dir, 'Routing').Artifacts.map((a) => a.Category)).toContain('QueueDelaySummary');
    const report = await verifyBundle(written.dir);
    expect(report.Areas.map((a) => a.Area)).toEqual(['Routing', 'Telemetry']);
    // The original's Routing rules still want dispatcher logs and doc-sync evidence.
    expect(report.Areas[0]!.Problems.map((p) => p.kind)).toEqual(['MissingRequired', 'MissingRequired']);
  });

  it('explicitly named files win over picks of their category, DocSync goes to DocSync/, and clashing names get -1', async () => {
    const root = originalRepo();
    mkdirSync(join(root, 'other'));
    writeFileSync(join(root, 'other', 'SharedCacheStoreState-20251223.json'), '{"other":true}');
    const written = await assembleBundle(
      {
        name: 'R',
        outputRoot: join(root, 'out'),
        coldTelemetry: 'Logs/IngestionMetrics/2025-12-05.json',
        analyzer: ['Logs/IngestionMetrics/SharedCacheStoreState-20251223.json', 'other/SharedCacheStoreState-20251223.json'],
        docSync: 'docs/agents/sessions/2026-01-01-session.md',
        artifacts: [{ path: 'Logs/Reports/QueueDelayHistory.csv', category: 'Additional' }],
        collect: { metricsDir: 'Logs/IngestionMetrics' },
      },
      root,
    );
    const targets = manifestOf(written.dir, 'Telemetry').Artifacts.map((a) => `${a.Category} ${a.TargetFile}`);
    expect(targets.filter((t) => t.startsWith('ColdTelemetry'))).toEqual(['ColdTelemetry 2025-12-05.json']);
    expect(targets.filter((t) => t.startsWith('SharedCacheAnalyzer'))).toEqual(['SharedCacheAnalyzer SharedCacheStoreState-20251223.json', 'SharedCacheAnalyzer SharedCacheStoreState-20251223-1.json']);
    expect(targets).toContain('DocSync DocSync/2026-01-01-session.md');
    expect(targets).toContain('Additional QueueDelayHistory.csv');
  });

  it('a required pick with no file is an error naming the category, pattern and folder (unless allowMissing)', async () => {
    const root = tempDir('st-bundle-repo-');
    mkdirSync(join(root, 'metrics'));
    writeFileSync(join(root, 'metrics', 'IngestionMetricsSummary-1.csv'), 'x');
    const options = { name: 'R', outputRoot: join(root, 'out'), collect: { metricsDir: 'metrics' } };
    await expect(assembleBundle(options, root)).rejects.toThrow(/ColdTelemetry \(20\*\.json in .*metrics\); WarmTelemetry \(WarmRunTelemetry\*\.json/);
    const written = await assembleBundle({ ...options, allowMissing: true }, root);
    expect(written.artifacts).toBe(1);
  });

  it('nothing to assemble and unreadable folders are clear errors', async () => {
    const root = tempDir('st-bundle-repo-');
    await expect(assembleBundle({ name: 'R', outputRoot: join(root, 'out') }, root)).rejects.toThrow(/nothing to put in area 'Telemetry'/);
    await expect(assembleBundle({ name: 'R', outputRoot: join(root, 'out'), collect: { metricsDir: 'nope' } }, root)).rejects.toThrow(/cannot read folder .*nope/);
  });

  it('publish rules only pick queue summaries for Routing* areas', () => {
    const categories = (area: string) => publishRules({ metricsDir: 'm' }, area).map((r) => r.category);
    expect(categories('Telemetry')).not.toContain('QueueDelaySummary');
    expect(categories('Routing-East')).toContain('QueueDelaySummary');
  });
});

afterAll(removeTempRoot);
