/**
 * Turns a user config plus CLI overrides into a `ResolvedConfig`: defaults applied, paths absolute,
 * every field checked. The first invalid field throws, naming the field and what would be valid.
 */
import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { ErrorCode, StatetraceError } from '../errors.js';
import { parseDurationMs } from '../duration.js';
import type { ReporterSpec, ResolvedConfig, UserConfig } from './types.js';

export const DEFAULT_REPORTERS: ReporterSpec[] = ['console', 'junit', 'markdown', 'json'];

const KNOWN_FIELDS: Record<keyof UserConfig, 1> = {
  scenarios: 1, gatesDir: 1, plugins: 1, reporters: 1, outDir: 1, runsDir: 1, concurrency: 1, workers: 1,
  history: 1, timeout: 1, keepRuns: 1,
};

export interface ResolveOptions {
  rootDir: string;
  configFile?: string;
  /** Settings from the command line; they win over the file. */
  overrides?: UserConfig;
}

export function resolveConfig(user: UserConfig, options: ResolveOptions): ResolvedConfig {
  const where = options.configFile ?? 'config';
  const invalid = (field: string, problem: string, hint: string): never => {
    throw new StatetraceError(ErrorCode.ConfigInvalid, `Invalid config field "${field}": ${problem}`, {
      location: { file: where },
      hint,
    });
  };
  for (const key of Object.keys(user)) {
    if (!(key in KNOWN_FIELDS)) {
      invalid(key, 'unknown field', `valid fields: ${Object.keys(KNOWN_FIELDS).join(', ')}`);
    }
  }
  const merged: UserConfig = { ...user, ...stripUndefined(options.overrides ?? {}) };
  const root = options.rootDir;
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(root, p));

  const stringList = (field: keyof UserConfig, value: unknown): string[] | undefined => {
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.length === 0)) {
      return invalid(field, `expected a list of non-empty strings, got ${JSON.stringify(value)}`, `e.g. ${field}: ['scenarios/**/*.yaml']`);
    }
    return value as string[];
  };
  const positiveInt = (field: keyof UserConfig, value: unknown, fallback: number): number => {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      return invalid(field, `expected a whole number ≥ 1, got ${JSON.stringify(value)}`, `e.g. ${field}: ${fallback}`);
    }
    return value;
  };
  const path = (field: keyof UserConfig, value: unknown, fallback: string): string => {
    if (value === undefined) return abs(fallback);
    if (typeof value !== 'string' || value.trim() === '') {
      return invalid(field, `expected a path, got ${JSON.stringify(value)}`, `e.g. ${field}: '${fallback}'`);
    }
    return abs(value);
  };

  const scenarios = stringList('scenarios', merged.scenarios) ?? ['scenarios/**/*.yaml', 'scenarios/**/*.yml'];
  const reporters = merged.reporters ?? DEFAULT_REPORTERS;
  if (!Array.isArray(reporters) || reporters.some((r) => !isReporterSpec(r))) {
    invalid('reporters', `expected names or [name, options] pairs, got ${JSON.stringify(reporters)}`, "e.g. reporters: ['console', ['junit', { outputFile: 'reports/junit.xml' }]]");
  }
  const plugins = merged.plugins ?? [];
  if (!Array.isArray(plugins) || plugins.some((p) => typeof p !== 'string' && (typeof p !== 'object' || p === null || typeof (p as { name?: unknown }).name !== 'string'))) {
    invalid('plugins', 'expected plugin names, module paths or plugin objects', "e.g. plugins: ['exec', 'parser', './my-plugin.js']");
  }
  let history: string | false = abs('.statetrace/history.db');
  if (merged.history === false) history = false;
  else if (merged.history !== undefined) history = path('history', merged.history, '.statetrace/history.db');
  const timeoutMs = parseDurationMs(merged.timeout ?? '15m');
  if (timeoutMs === undefined || timeoutMs <= 0) {
    invalid('timeout', `expected a duration like '90s', '15m' or milliseconds, got ${JSON.stringify(merged.timeout)}`, "e.g. timeout: '15m'");
  }

  return {
    rootDir: root,
    configFile: options.configFile,
    scenarios,
    gatesDir: path('gatesDir', merged.gatesDir, 'gates'),
    plugins,
    reporters,
    outDir: path('outDir', merged.outDir, 'reports'),
    runsDir: path('runsDir', merged.runsDir, '.statetrace/runs'),
    concurrency: positiveInt('concurrency', merged.concurrency, 1),
    workers: positiveInt('workers', merged.workers, availableParallelism()),
    history,
    timeoutMs: timeoutMs!,
    keepRuns: positiveInt('keepRuns', merged.keepRuns, 10),
    layers: [
      { source: 'defaults', settings: {} },
      ...(options.configFile ? [{ source: options.configFile, settings: describeSettings(user) }] : []),
      ...(options.overrides && Object.keys(stripUndefined(options.overrides)).length > 0
        ? [{ source: 'command line', settings: describeSettings(stripUndefined(options.overrides)) }]
        : []),
    ],
  };
}

function isReporterSpec(value: unknown): boolean {
  if (typeof value === 'string') return value.length > 0;
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'object' && value[1] !== null;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Plugin objects are recorded by name so the layer stays serialisable. */
function describeSettings(config: UserConfig): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  if (config.plugins) out.plugins = config.plugins.map((p) => (typeof p === 'string' ? p : `${p.name} (object)`));
  return out;
}
