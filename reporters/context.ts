/**
 * Building a `ReporterContext` from the process, with the colour rules in one place:
 * `NO_COLOR` (any non-empty value, https://no-color.org) wins, then `FORCE_COLOR` (`0`/`false` off,
 * anything else on), then colour only when stdout is a TTY.
 */
import { resolve } from 'node:path';
import type { ReporterContext } from './types.js';

export interface ReporterContextOptions extends Partial<ReporterContext> {}

export function shouldUseColor(env: Record<string, string | undefined>, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  return isTTY;
}

/** A context for the current process; every field can be overridden (tests pass buffers and env). */
export function createReporterContext(options: ReporterContextOptions = {}): ReporterContext {
  const env = options.env ?? process.env;
  const rootDir = resolve(options.rootDir ?? process.cwd());
  const isTTY = options.isTTY ?? Boolean(process.stdout.isTTY);
  return {
    rootDir,
    outDir: resolve(rootDir, options.outDir ?? 'reports'),
    stdout: options.stdout ?? process.stdout,
    stderr: options.stderr ?? process.stderr,
    isTTY,
    color: options.color ?? shouldUseColor(env, isTTY),
    env,
  };
}
