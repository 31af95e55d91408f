/**
 * Bundle reporter: at the end of a run, writes the release evidence bundle
 * `<outDir>/bundles/<name>/` — each scenario's telemetry, every artifact the run registered (by area),
 * the gate files, the gate results, the RunResult, the environment, READMEs and a manifest per area
 * compatible with the original's `TelemetryBundle.json`. `statetrace bundle verify` checks it.
 * The writing itself lives in `plugins/bundle/` (shared with `bundle.assemble`).
 */
import { readdirSync, rmSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { RunResult } from '../core/types.js';
import type { Reporter, ReporterContext } from './types.js';

export interface BundleReporterOptions {
  /** Bundle folder name; an existing folder of that name gets a `-1`, `-2`, … suffix. @default `statetrace-<runId>` */
  name?: string;
  /** Folder that holds bundles; relative paths resolve against the root. @default `<outDir>/bundles` */
  outputRoot?: string;
  /** Added to the plans the gates name. */
  planReferences?: string[];
  /** Added to the task IDs the gates name. */
  taskBoardIds?: string[];
  /** Manifest `Notes`. @default a one-line run summary */
  notes?: string;
  /** Copy each scenario's telemetry into the bundle. @default true */
  includeTelemetry?: boolean;
  /**
   * Keep only the newest N run bundles (`statetrace-<runId>` folders) in `outputRoot`, deleting older
   * ones after a new one is written; 0 keeps all. Named bundles (`name`) are never deleted.
   * @default 5
   */
  keep?: number;
}

export class BundleReporter implements Reporter {
  readonly name = 'bundle';
  private ctx?: ReporterContext;
  /** Folder of the last bundle written (for callers and tests). */
  lastBundleDir?: string;

  constructor(private readonly options: BundleReporterOptions = {}) {}

  onInit(ctx: ReporterContext): void {
    this.ctx = ctx;
  }

  async onRunEnd(run: RunResult): Promise<void> {
    const rootDir = this.ctx?.rootDir ?? process.cwd();
    const outDir = this.ctx?.outDir ?? run.outDir;
    const outputRoot = this.options.outputRoot
      ? isAbsolute(this.options.outputRoot)
        ? this.options.outputRoot
        : resolve(rootDir, this.options.outputRoot)
      : join(outDir, 'bundles');
    const { bundleSpecFromRun } = await import('../plugins/bundle/from-run.js');
    const { writeBundle } = await import('../plugins/bundle/writer.js');
    const spec = bundleSpecFromRun(run, rootDir, this.options);
    const written = await writeBundle({
      outputRoot,
      name: spec.name,
      areas: spec.areas,
      onExisting: 'suffix',
      rules: 'statetrace',
      hostname: run.environment.hostname,
      run: spec.run,
      rootReadme: spec.rootReadme,
      missingAtWrite: spec.missingAtWrite,
    });
    this.lastBundleDir = written.dir;
    if (this.options.name === undefined) pruneRunBundles(outputRoot, this.options.keep ?? 5);
    const files = written.areas.reduce((n, a) => n + a.manifest.Artifacts.length, 0);
    this.ctx?.stdout.write(`bundle: ${written.dir} (${written.areas.length} areas, ${files} artifacts${spec.missingAtWrite.length ? `, ${spec.missingAtWrite.length} registered artifact(s) missing` : ''})\n`);
  }
}

/** Run ids sort by time, so the newest `keep` auto-named bundles are the last ones by name. */
function pruneRunBundles(outputRoot: string, keep: number): void {
  if (keep <= 0) return;
  const bundles = readdirSync(outputRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && RUN_BUNDLE.test(d.name))
    .map((d) => d.name)
    .sort();
  for (const old of bundles.slice(0, Math.max(0, bundles.length - keep))) rmSync(join(outputRoot, old), { recursive: true, force: true });
}

const RUN_BUNDLE = /^statetrace-\d{8}-\d{6}-[0-9a-f]{4}(-\d+)?$/;

export default BundleReporter;
