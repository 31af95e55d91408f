/**
 * `bundle.assemble` / `statetrace bundle assemble`: one area of a release bundle from named files and
 * files picked from folders, like the original's Publish-TelemetryBundle + New-TelemetryBundle.
 */
import { basename, resolve } from 'node:path';
import { ErrorCode, StatetraceError } from '../../core/errors.js';
import { pickNewest, publishRules, type CollectDirs, type PickRule } from './collect.js';
import type { RuleSet } from './readiness.js';
import { writeBundle, type BundleArtifactInput, type WrittenBundle } from './writer.js';

/** Explicit files per category, named like Publish-TelemetryBundle's parameters. */
export const CATEGORY_OPTIONS = {
  coldTelemetry: 'ColdTelemetry',
  warmTelemetry: 'WarmTelemetry',
  analyzer: 'SharedCacheAnalyzer',
  diffHotspots: 'DiffHotspots',
  userActionSummary: 'UserActionSummary',
  freshnessSummary: 'FreshnessSummary',
  rollupCsv: 'RollupCsv',
  docSync: 'DocSync',
  queueDelaySummary: 'QueueDelaySummary',
  additional: 'Additional',
} as const;
export type CategoryOption = keyof typeof CATEGORY_OPTIONS;

export interface AssembleOptions extends Partial<Record<CategoryOption, string | string[]>> {
  name: string;
  area?: string;
  /** Folder holding bundles. */
  outputRoot: string;
  /** Add or replace this area in an existing bundle (the original's `-Force`). */
  force?: boolean;
  planReferences?: string[];
  taskBoardIds?: string[];
  notes?: string | null;
  /** Any other files, with their category. */
  artifacts?: Array<{ path: string; category: string; target?: string }>;
  /** Folders to auto-collect from with the original's publish picks. */
  collect?: CollectDirs;
  /** Extra pick rules (newest matching files from folders). */
  pick?: Array<Partial<PickRule> & Pick<PickRule, 'category' | 'from' | 'pattern'>>;
  /** Required picks that find nothing are errors unless this is set. */
  allowMissing?: boolean;
  /** Readiness rules `bundle verify` applies by default to this bundle. */
  rules?: RuleSet;
  hostname?: string;
}

/** `baseDir` resolves relative paths (project root for steps, cwd for the CLI). */
export async function assembleBundle(options: AssembleOptions, baseDir: string): Promise<WrittenBundle & { artifacts: number }> {
  const area = options.area ?? 'Telemetry';
  const artifacts: BundleArtifactInput[] = [];
  const explicitCategories = new Set<string>();
  for (const [option, category] of Object.entries(CATEGORY_OPTIONS)) {
    const value = options[option as CategoryOption];
    const paths = value === undefined ? [] : Array.isArray(value) ? value : [value];
    if (paths.length > 0) explicitCategories.add(category);
    for (const path of paths) artifacts.push(toArtifact(category, resolve(baseDir, path)));
  }
  for (const extra of options.artifacts ?? []) {
    artifacts.push({ ...toArtifact(extra.category, resolve(baseDir, extra.path)), ...(extra.target ? { target: extra.target } : {}) });
  }

  const rules: PickRule[] = [
    ...(options.collect ? publishRules(options.collect, area) : []),
    ...(options.pick ?? []).map((p) => ({ count: 1, required: false, ...p })),
  ];
  if (rules.length > 0) {
    const picked = await pickNewest(rules, baseDir, explicitCategories);
    if (picked.missingRequired.length > 0 && !options.allowMissing) {
      throw new StatetraceError(ErrorCode.InputMissing, `bundle '${options.name}': no file found for required ${picked.missingRequired.join('; ')}`, {
        hint: 'produce those files first, name them explicitly, or pass allowMissing to assemble without them',
      });
    }
    for (const file of picked.files) {
      artifacts.push({ ...toArtifact(file.category, file.path), ...(file.targetDir ? { target: `${file.targetDir}/${basename(file.path)}` } : {}) });
    }
  }
  if (artifacts.length === 0) {
    throw new StatetraceError(ErrorCode.InputMissing, `bundle '${options.name}': nothing to put in area '${area}'`, {
      hint: 'name files (rollupCsv, warmTelemetry, artifacts, …) or folders to collect from (collect.metricsDir, …)',
    });
  }
  const written = await writeBundle({
    outputRoot: options.outputRoot,
    name: options.name,
    onExisting: options.force ? 'merge' : 'error',
    rules: options.rules ?? 'original',
    ...(options.hostname ? { hostname: options.hostname } : {}),
    areas: [
      {
        name: area,
        artifacts,
        planReferences: options.planReferences ?? [],
        taskBoardIds: options.taskBoardIds ?? [],
        notes: options.notes ?? null,
      },
    ],
  });
  return { ...written, artifacts: written.areas.reduce((n, a) => n + a.manifest.Artifacts.length, 0) };
}

function toArtifact(category: string, source: string): BundleArtifactInput {
  // DocSync evidence lives in `DocSync/` inside the area, where the original's readiness rules look for it.
  return category === 'DocSync' ? { category, source, target: `DocSync/${basename(source)}` } : { category, source };
}
