/** Implementations of the `bundle.assemble` and `bundle.verify` steps (loaded lazily by index.ts). */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { StepContext } from '../../core/plugin.js';
import { assembleBundle, type AssembleOptions } from './assemble.js';
import type { RuleSet } from './readiness.js';
import { verifyBundle, type VerifyReport } from './verify.js';

export type AssembleStepOptions = Omit<AssembleOptions, 'outputRoot'> & { outputRoot?: string };

export async function runAssembleStep(ctx: StepContext, options: AssembleStepOptions): Promise<Record<string, unknown>> {
  const outputRoot = options.outputRoot ? resolve(ctx.rootDir, options.outputRoot) : join(ctx.runDir, 'bundles');
  const written = await assembleBundle({ ...options, outputRoot }, ctx.rootDir);
  ctx.log.info(`bundle ${written.name}: ${written.artifacts} artifact(s) in ${written.dir}`);
  return { dir: written.dir, name: written.name, areas: written.areas.map((a) => a.name), artifacts: written.artifacts };
}

export interface VerifyStepOptions {
  path: string;
  areas?: string[];
  rules?: RuleSet | 'auto';
  requireQueueSummary?: boolean;
  requireDiversitySummary?: boolean;
  requireHashManifest?: boolean;
  /** Fail the step (not just record facts) when the bundle is not ready. */
  failOnNotReady?: boolean;
}

export async function runVerifyStep(ctx: StepContext, options: VerifyStepOptions): Promise<Record<string, unknown>> {
  const report = await verifyBundle(resolve(ctx.rootDir, options.path), {
    ...(options.areas ? { areas: options.areas } : {}),
    rules: options.rules ?? 'auto',
    requireQueueSummary: options.requireQueueSummary === true,
    requireDiversitySummary: options.requireDiversitySummary === true,
    requireHashManifest: options.requireHashManifest === true,
  });
  recordVerification(ctx, report);
  const summary = join(ctx.runDir, `BundleVerification-${report.Bundle.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
  await writeFile(summary, JSON.stringify(report, null, 2) + '\n');
  ctx.artifact(summary, { category: 'BundleVerification', area: 'Verification', description: `bundle verify of ${report.Path}` });
  for (const p of [...report.Problems, ...report.Areas.flatMap((a) => a.Problems)]) ctx.log.warn(`${p.kind}: ${p.message}`);
  if (!report.Ready && options.failOnNotReady) {
    const { ErrorCode, StatetraceError } = await import('../../core/errors.js');
    throw new StatetraceError(ErrorCode.InputInvalid, `bundle ${report.Path} is not ready: ${report.Counts.Problems} problem(s); see ${summary}`);
  }
  return { ready: report.Ready, problems: report.Counts.Problems, summary };
}

/** Facts and events a scenario gates on (`fact:bundle.ready`, `BundleVerification.Problems`). */
export function recordVerification(ctx: Pick<StepContext, 'emit' | 'fact'>, report: VerifyReport): void {
  const c = report.Counts;
  ctx.fact('bundle.ready', report.Ready);
  ctx.fact('bundle.problems', c.Problems);
  ctx.fact('bundle.areas', Object.fromEntries(report.Areas.map((a) => [a.Area, a.Ready])));
  for (const area of report.Areas) ctx.fact(`bundle.ready.${area.Area}`, area.Ready);
  ctx.emit({
    EventName: 'BundleVerification',
    Bundle: report.Bundle,
    Rules: report.Rules,
    Ready: report.Ready,
    Problems: c.Problems,
    MissingRequired: c.MissingRequired,
    MissingOptional: c.MissingOptional,
    SchemaViolations: c.SchemaViolations,
    HashMismatches: c.HashMismatches,
    SizeMismatches: c.SizeMismatches,
    ListedMissing: c.ListedMissing,
    Unlisted: c.Unlisted,
    Areas: c.Areas,
    ArtifactsListed: c.ArtifactsListed,
    ArtifactsVerified: c.ArtifactsVerified,
  });
  for (const area of report.Areas) {
    ctx.emit({
      EventName: 'BundleAreaVerification',
      Bundle: report.Bundle,
      Area: area.Area,
      Ready: area.Ready,
      Problems: area.Problems.length,
      MissingRequired: area.Problems.filter((p) => p.kind === 'MissingRequired').length,
      ArtifactsListed: area.Artifacts.Listed,
      ArtifactsVerified: area.Artifacts.Verified,
    });
  }
}
