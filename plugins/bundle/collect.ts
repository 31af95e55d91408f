/**
 * Picking the files a release bundle carries, the way the original's Publish-TelemetryBundle.ps1 did
 * (STATETRACE-TELEMETRY.md §6.2): for each category, the newest file(s) by modification time matching
 * a pattern in a folder. Explicitly named files always win over picks of the same category.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ErrorCode, StatetraceError } from '../../core/errors.js';
import { matchesPattern } from './readiness.js';

/** The original's artifact categories, by Publish-TelemetryBundle parameter. */
export const CATEGORIES = [
  'ColdTelemetry',
  'WarmTelemetry',
  'SharedCacheAnalyzer',
  'DiffHotspots',
  'UserActionSummary',
  'FreshnessSummary',
  'RollupCsv',
  'DocSync',
  'QueueDelaySummary',
  'Additional',
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface PickRule {
  category: string;
  /** Folder to look in (absolute, or relative to the base directory). */
  from: string;
  /** File-name pattern (`*`, `?`), case-insensitive, not recursive. */
  pattern: string;
  /** How many of the newest matches to take. */
  count: number;
  required: boolean;
  /** Folder inside the area the copies go to (DocSync evidence goes to `DocSync/`). */
  targetDir?: string;
}

export interface CollectDirs {
  /** The original's `Logs/IngestionMetrics`: cold/warm telemetry, analyzers, diff hotspots, rollups, queue summaries. */
  metricsDir?: string;
  /** Where the shared-cache analyzer outputs are, when not beside the metrics (`Logs/SharedCacheDiagnostics`). */
  analyzerDir?: string;
  /** The original's `Logs/Reports`: user-action and freshness summaries, history CSVs, diversity summaries. */
  reportsDir?: string;
  /** The original's `docs/performance`: SchedulerVsPortDiversity-*.md. */
  performanceDocsDir?: string;
  /** The original's `docs/agents/sessions`: the newest session log is the DocSync evidence. */
  sessionsDir?: string;
}

/** Publish-TelemetryBundle's auto-collection, as pick rules over the folders that were given. */
export function publishRules(dirs: CollectDirs, area: string): PickRule[] {
  const rules: PickRule[] = [];
  const add = (from: string | undefined, category: string, pattern: string, count: number, required = false, targetDir?: string) => {
    if (from) rules.push({ category, from, pattern, count, required, ...(targetDir ? { targetDir } : {}) });
  };
  const metrics = dirs.metricsDir;
  // Faithful to the original: `20*.json` also matches the compact `yyyyMMdd.json` scheduler arrays.
  add(metrics, 'ColdTelemetry', '20*.json', 1, true);
  add(metrics, 'WarmTelemetry', 'WarmRunTelemetry*.json', 1, true);
  add(dirs.analyzerDir ?? metrics, 'SharedCacheAnalyzer', 'SharedCacheStoreState*.json', 2);
  add(dirs.analyzerDir ?? metrics, 'SharedCacheAnalyzer', 'SiteCacheProviderReasons*.json', 2);
  add(metrics, 'DiffHotspots', 'WarmRunDiffHotspots*.csv', 1);
  add(metrics, 'RollupCsv', 'IngestionMetricsSummary*.csv', 1);
  if (area.toLowerCase().startsWith('routing')) add(metrics, 'QueueDelaySummary', 'QueueDelaySummary*.json', 2);
  const reports = dirs.reportsDir;
  add(reports, 'UserActionSummary', 'UserActionSummary*', 1);
  add(reports, 'FreshnessSummary', 'FreshnessTelemetrySummary*', 1);
  for (const history of ['QueueDelayHistory.csv', 'ParserSchedulerHistory.csv', 'PortBatchHistory.csv', 'InterfaceSyncHistory.csv']) add(reports, 'Additional', history, 1);
  add(reports, 'Additional', 'SchedulerVsPortDiversity-*.json', 1);
  add(dirs.performanceDocsDir, 'Additional', 'SchedulerVsPortDiversity-*.md', 1);
  add(dirs.sessionsDir, 'DocSync', '*.md', 1, false, 'DocSync');
  return rules;
}

export interface PickedFile {
  category: string;
  path: string;
  targetDir?: string;
}

export interface PickResult {
  files: PickedFile[];
  /** Required rules with no match: "WarmTelemetry (WarmRunTelemetry*.json in /x/Logs/IngestionMetrics)". */
  missingRequired: string[];
}

/** Apply pick rules; categories in `skipCategories` (given explicitly) are not auto-picked. */
export async function pickNewest(rules: PickRule[], baseDir: string, skipCategories: ReadonlySet<string> = new Set()): Promise<PickResult> {
  const files: PickedFile[] = [];
  const missingRequired: string[] = [];
  const listings = new Map<string, Array<{ name: string; mtimeMs: number }>>();
  for (const rule of rules) {
    if (skipCategories.has(rule.category)) continue;
    const dir = resolve(baseDir, rule.from);
    let listing = listings.get(dir);
    if (!listing) {
      listing = await listWithTimes(dir);
      listings.set(dir, listing);
    }
    const newest = listing
      .filter((f) => matchesPattern(rule.pattern, f.name))
      // Newest first; equal times fall back to the name, newest-looking (largest) first, so picks are deterministic.
      .sort((a, b) => b.mtimeMs - a.mtimeMs || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0))
      .slice(0, rule.count);
    if (newest.length === 0 && rule.required) missingRequired.push(`${rule.category} (${rule.pattern} in ${dir})`);
    for (const f of newest) files.push({ category: rule.category, path: join(dir, f.name), ...(rule.targetDir ? { targetDir: rule.targetDir } : {}) });
  }
  return { files, missingRequired };
}

async function listWithTimes(dir: string): Promise<Array<{ name: string; mtimeMs: number }>> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new StatetraceError(ErrorCode.InputMissing, `cannot read folder ${dir} to collect bundle artifacts: ${(error as Error).message}`, {
      cause: error,
      hint: 'check the collect folder options (metricsDir, reportsDir, …)',
    });
  }
  const out: Array<{ name: string; mtimeMs: number }> = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    out.push({ name: entry.name, mtimeMs: (await stat(join(dir, entry.name))).mtimeMs });
  }
  return out;
}
