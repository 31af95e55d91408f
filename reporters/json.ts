/**
 * JSON reporter: the RunResult as it is, for machines (`<outDir>/results.json`). Keys keep the
 * order the runner constructed them in, so two runs diff cleanly.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RunResult } from '../core/types.js';
import { outputPath } from './shared.js';
import type { Reporter, ReporterContext } from './types.js';

export interface JsonReporterOptions {
  /** Where to write the JSON; relative paths are resolved against the root. @default `<outDir>/results.json` */
  outputFile?: string;
  /** Indentation; 0 writes one compact line. @default 2 */
  indent?: number;
}

export class JsonReporter implements Reporter {
  readonly name = 'json';
  private ctx!: ReporterContext;
  constructor(private readonly options: JsonReporterOptions = {}) {}

  onInit(ctx: ReporterContext): void {
    this.ctx = ctx;
  }

  async onRunEnd(run: RunResult): Promise<void> {
    const file = outputPath(this.ctx.rootDir, this.ctx.outDir, this.options.outputFile, 'results.json');
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, renderJson(run, this.options.indent ?? 2), 'utf8');
  }
}

export function renderJson(run: RunResult, indent = 2): string {
  return `${JSON.stringify(run, null, indent || undefined)}\n`;
}
