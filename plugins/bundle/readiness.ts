/**
 * Readiness rules: which files an area must (or should) contain, by filename pattern. The `original`
 * rule set is StateTrace's Test-TelemetryBundleReadiness.ps1 table (STATETRACE-TELEMETRY.md §6.3);
 * the `statetrace` rule set is what a bundle written by statetrace promises (README and manifest in
 * every area — everything else is covered by the manifest's own artifact list, which verify checks).
 */
import { posix } from 'node:path';
import { MANIFEST_FILE, README_FILE } from './manifest.js';

export type RuleSet = 'original' | 'statetrace';

export interface RequirementRule {
  requirement: string;
  description: string;
  /** Patterns relative to the area folder; `*` and `?` within a name, at most one folder level. */
  patterns: string[];
  required: boolean;
}

export interface ReadinessOptions {
  requireQueueSummary?: boolean;
  requireDiversitySummary?: boolean;
  requireHashManifest?: boolean;
}

export type RequirementStatus = 'Present' | 'Missing' | 'Missing (Optional)';

/** One row of the readiness table, shaped like the original's result rows. */
export interface RequirementState {
  Area: string;
  Requirement: string;
  Description: string;
  Status: RequirementStatus;
  Required: boolean;
  Patterns: string[];
  /** Matching files relative to the area, `; `-joined like the original. */
  Files: string;
}

const readme: RequirementRule = { requirement: 'README', description: 'Area README', patterns: [README_FILE], required: true };
const manifest: RequirementRule = { requirement: 'Manifest', description: 'Bundle manifest', patterns: [MANIFEST_FILE], required: true };
const docSync: RequirementRule = {
  requirement: 'Doc-sync evidence',
  description: 'Documentation sync checklist or session log',
  patterns: ['DocSync/DocSyncChecklist.json', 'DocSync/*.json', 'DocSync/*.md', '*session*.md'],
  required: true,
};

/** The rules for one area under one rule set, in the original's row order. */
export function rulesFor(ruleSet: RuleSet, area: string, options: ReadinessOptions = {}): RequirementRule[] {
  if (ruleSet === 'statetrace') return [readme, manifest];
  const kind = area.toLowerCase();
  if (kind === 'telemetry') {
    const rules: RequirementRule[] = [
      readme,
      manifest,
      { requirement: 'Rollup CSV', description: 'Ingestion metrics rollup', patterns: ['IngestionMetricsSummary*.csv'], required: true },
      { requirement: 'Shared-cache analyzer', description: 'Shared cache store state analysis', patterns: ['SharedCacheStoreState*.json'], required: true },
      { requirement: 'Site cache providers', description: 'Site cache provider reasons', patterns: ['SiteCacheProviderReasons*.json'], required: true },
      { requirement: 'Warm-run telemetry', description: 'Warm-run telemetry', patterns: ['WarmRunTelemetry*.json'], required: true },
      { requirement: 'Diff hotspot CSV', description: 'Warm-run diff hotspots', patterns: ['WarmRunDiffHotspots*.csv', 'DiffHotspots-*.csv'], required: true },
      {
        requirement: 'Port diversity summary',
        description: 'Port batch site diversity summary',
        patterns: ['PortBatchSiteDiversity*.json', 'PortDiversity*.json'],
        required: options.requireDiversitySummary === true,
      },
      { requirement: 'Queue delay summary', description: 'Queue delay summary', patterns: ['QueueDelaySummary*.json'], required: options.requireQueueSummary === true },
    ];
    if (options.requireHashManifest) rules.push({ requirement: 'Hash manifest', description: 'Artifact hash manifest', patterns: ['*.hashes.json'], required: true });
    rules.push(docSync);
    return rules;
  }
  if (kind === 'routing') {
    return [
      readme,
      manifest,
      { requirement: 'Routing telemetry JSON', description: 'Routing telemetry', patterns: ['20*.json', 'Routing*.json'], required: true },
      { requirement: 'Queue delay summary', description: 'Queue delay summary', patterns: ['QueueDelaySummary*.json'], required: true },
      { requirement: 'Queue delay pointer', description: 'Latest queue delay summary pointer', patterns: ['QueueDelaySummary-latest.json'], required: false },
      { requirement: 'Dispatcher logs', description: 'Dispatcher logs', patterns: ['DispatcherLogs/*.log', '*.log'], required: true },
      { requirement: 'Routing sweep summary', description: 'Routing queue sweep summary', patterns: ['RoutingQueueSweep*.json'], required: false },
      docSync,
    ];
  }
  // Areas the original never defined rules for (real bundles have `Performance`): README and manifest only.
  return [readme, manifest];
}

/** Evaluate rules against the files of an area (paths relative to the area, `/` separators). */
export function evaluateRules(area: string, rules: RequirementRule[], files: readonly string[]): RequirementState[] {
  return rules.map((rule) => {
    const matched = files.filter((file) => rule.patterns.some((pattern) => matchesPattern(pattern, file)));
    const unique = [...new Set(matched)];
    const status: RequirementStatus = unique.length > 0 ? 'Present' : rule.required ? 'Missing' : 'Missing (Optional)';
    return {
      Area: area,
      Requirement: rule.requirement,
      Description: rule.description,
      Status: status,
      Required: rule.required,
      Patterns: rule.patterns,
      Files: unique.join('; '),
    };
  });
}

/** Case-insensitive wildcard match of `pattern` (`dir/name*`) against a relative file path, without recursion. */
export function matchesPattern(pattern: string, file: string): boolean {
  const p = pattern.replace(/\\/g, '/');
  const patternDir = posix.dirname(p);
  const fileDir = posix.dirname(file);
  if (patternDir.toLowerCase() !== fileDir.toLowerCase()) return false;
  return wildcardToRegExp(posix.basename(p)).test(posix.basename(file));
}

function wildcardToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}
