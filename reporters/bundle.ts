/**
 * Bundle reporter: at the end of a run, writes the release evidence bundle
 * `<outDir>/bundles/<name>/` — each scenario's telemetry, every artifact the run registered (by area),
 * the gate files, the gate results, the RunResult, the environment, READMEs and a manifest per area
 * compatible with the original's `TelemetryBundle.json`. `statetrace bundle verify` checks it.
 * The writing itself lives in `plugins/bundle/` (shared with `bundle.assemble`).
 */
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
    const files = written.areas.reduce((n, a) => n + a.manifest.Artifacts.length, 0);
    this.ctx?.stdout.write(`bundle: ${written.dir} (${written.areas.length} areas, ${files} artifacts${spec.missingAtWrite.length ? `, ${spec.missingAtWrite.length} registered artifact(s) missing` : ''})\n`);
  }
}

export default BundleReporter;
