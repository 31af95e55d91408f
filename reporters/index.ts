/**
 * The reporter registry. Built-in reporters are looked up by name in `ReportersMap`, their options
 * typed by name in `BuiltinReporterOptions`, so `reporters: [['junit', { outputFile }]]` in
 * `statetrace.config.ts` is checked by the compiler; custom reporters are modules loaded by path.
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ErrorCode, StatetraceError, closestMatches, editDistance } from '../core/errors.js';
import { ConsoleReporter, type ConsoleReporterOptions } from './console.js';
import { GithubReporter, type GithubReporterOptions } from './github.js';
import { JsonReporter, type JsonReporterOptions } from './json.js';
import { JUnitReporter, type JUnitReporterOptions } from './junit.js';
import { MarkdownReporter, type MarkdownReporterOptions } from './markdown.js';
import { report, type Reporter, type ReporterContext } from './types.js';
// Type-only: the bundle reporter module itself (and the bundle writer behind it) loads only when selected.
import type { BundleReporterOptions } from './bundle.js';

export type { Reporter, ReporterContext, RunStartInfo, ScenarioStartInfo, PlannedScenario, ReporterHook, TextWriter, Awaitable } from './types.js';
export { report, ReporterError } from './types.js';
export { createReporterContext, shouldUseColor } from './context.js';
export type { ConsoleReporterOptions, GithubReporterOptions, JsonReporterOptions, JUnitReporterOptions, MarkdownReporterOptions };
export { ConsoleReporter, GithubReporter, JsonReporter, JUnitReporter, MarkdownReporter };

export type { BundleReporterOptions };

/** Options of each built-in reporter, by name. */
export interface BuiltinReporterOptions {
  console: ConsoleReporterOptions;
  junit: JUnitReporterOptions;
  markdown: MarkdownReporterOptions;
  json: JsonReporterOptions;
  github: GithubReporterOptions;
  bundle: BundleReporterOptions;
}

export type BuiltinReporterName = keyof BuiltinReporterOptions;

type ReporterFactory<O> = (options?: O) => Reporter | Promise<Reporter>;

/**
 * A specifier that names a module, not a built-in: it contains a path separator or ends in a
 * script extension. Keeping this distinct from plain strings is what lets the compiler reject
 * `['junit', { outputFlie: … }]`.
 */
export type ReporterModulePath = `${string}/${string}` | `${string}\\${string}` | `${string}.js` | `${string}.mjs` | `${string}.cjs` | `${string}.ts`;

/**
 * One entry of `reporters:` in the config or of `--reporter`: a built-in name, a built-in with its
 * options, a module path (optionally with options), or a reporter object.
 */
export type ReporterSpec =
  | BuiltinReporterName
  | { [K in BuiltinReporterName]: readonly [K, BuiltinReporterOptions[K]] }[BuiltinReporterName]
  | ReporterModulePath
  | readonly [ReporterModulePath, Record<string, unknown>]
  | Reporter;

/** The bundle reporter pulls in the bundle writer; import it only when it is selected, to keep start-up fast. */
async function loadBundleReporter(options?: BundleReporterOptions): Promise<Reporter> {
  const { BundleReporter } = await import('./bundle.js');
  return new BundleReporter(options);
}

/** Built-in reporters by name. Every factory takes that reporter's options. */
export const ReportersMap: { [K in BuiltinReporterName]: ReporterFactory<BuiltinReporterOptions[K]> } = {
  console: (options) => new ConsoleReporter(options),
  junit: (options) => new JUnitReporter(options),
  markdown: (options) => new MarkdownReporter(options),
  json: (options) => new JsonReporter(options),
  github: (options) => new GithubReporter(options),
  bundle: loadBundleReporter,
};

export const builtinReporterNames = Object.keys(ReportersMap) as BuiltinReporterName[];

export interface CreateReportersOptions {
  /**
   * How to import a custom reporter module, given its absolute file URL. Defaults to native
   * `import()`, which loads `.js`/`.mjs`; the CLI may pass its TypeScript-aware loader.
   */
  importModule?: (url: string) => Promise<unknown>;
}

/**
 * Build the reporters for `specs` and call their `onInit(ctx)`. Throws a `StatetraceError`
 * (exit 2) for an unknown name (listing the valid ones) or a module that cannot be loaded
 * (`Failed to load reporter from <path>`, with the original error as `cause`).
 */
export async function createReporters(specs: readonly (ReporterSpec | string | readonly [string, unknown])[], ctx: ReporterContext, options: CreateReportersOptions = {}): Promise<Reporter[]> {
  const reporters: Reporter[] = [];
  for (const spec of specs) reporters.push(await createReporter(spec, ctx, options));
  await report(reporters, 'onInit', ctx);
  return reporters;
}

async function createReporter(spec: ReporterSpec | string | readonly [string, unknown], ctx: ReporterContext, options: CreateReportersOptions): Promise<Reporter> {
  if (isReporter(spec)) return spec;
  const [name, reporterOptions] = typeof spec === 'string' ? [spec, undefined] : Array.isArray(spec) ? (spec as readonly [unknown, unknown]) : [spec, undefined];
  if (typeof name !== 'string' || name.trim() === '') {
    throw new StatetraceError(ErrorCode.ConfigInvalid, `Invalid reporter entry ${JSON.stringify(spec)}.`, { hint: `Use a name (${builtinReporterNames.join(', ')}), [name, options], or a path to a module.` });
  }
  if (reporterOptions !== undefined && (typeof reporterOptions !== 'object' || reporterOptions === null || Array.isArray(reporterOptions))) {
    throw new StatetraceError(ErrorCode.ConfigInvalid, `Options of reporter "${name}" must be an object, got ${JSON.stringify(reporterOptions)}.`);
  }
  if (Object.hasOwn(ReportersMap, name)) {
    const factory = ReportersMap[name as BuiltinReporterName] as ReporterFactory<unknown>;
    return factory(reporterOptions);
  }
  if (looksLikePath(name)) return loadCustomReporter(name, reporterOptions ?? {}, ctx, options);
  // Suggest only a near miss (a typo), not whatever happens to be least far away.
  const suggestions = closestMatches(name, builtinReporterNames, 1).filter((c) => editDistance(name, c) <= Math.max(2, Math.floor(name.length / 3)));
  throw new StatetraceError(ErrorCode.ConfigInvalid, `Unknown reporter "${name}".`, {
    hint: `Valid reporters: ${builtinReporterNames.join(', ')}, or a path to a reporter module (e.g. ./reporters/my-reporter.js).${suggestions.length ? ` Did you mean "${suggestions[0]}"?` : ''}`,
  });
}

async function loadCustomReporter(path: string, reporterOptions: unknown, ctx: ReporterContext, options: CreateReportersOptions): Promise<Reporter> {
  const absolute = isAbsolute(path) ? path : resolve(ctx.rootDir, path);
  const url = pathToFileURL(absolute).href;
  let mod: unknown;
  try {
    mod = await (options.importModule ?? ((u: string) => import(u)))(url);
  } catch (cause) {
    throw new StatetraceError(ErrorCode.ConfigInvalid, `Failed to load reporter from ${path}`, { cause, hint: errorText(cause) });
  }
  const exported = (mod as { default?: unknown } | null)?.default ?? mod;
  let reporter: Reporter | undefined;
  try {
    reporter = await instantiate(exported, reporterOptions);
  } catch (cause) {
    throw new StatetraceError(ErrorCode.ConfigInvalid, `Failed to load reporter from ${path}`, { cause, hint: `creating the reporter threw: ${errorText(cause)}` });
  }
  if (!reporter) {
    throw new StatetraceError(ErrorCode.ConfigInvalid, `Failed to load reporter from ${path}`, {
      hint: 'The module must default-export a reporter class, a factory function (options) => reporter, or a reporter object with hooks such as onRunEnd.',
    });
  }
  return reporter;
}

/** A class (`new X(options)`), a factory (`X(options)`) or a reporter object. */
async function instantiate(exported: unknown, reporterOptions: unknown): Promise<Reporter | undefined> {
  if (typeof exported === 'function') {
    const isClass = /^class[\s{]/.test(Function.prototype.toString.call(exported));
    const made: unknown = isClass ? new (exported as new (o: unknown) => unknown)(reporterOptions) : await (exported as (o: unknown) => unknown)(reporterOptions);
    return isReporter(made) ? made : undefined;
  }
  return isReporter(exported) ? exported : undefined;
}

const HOOKS = ['onInit', 'onRunStart', 'onScenarioStart', 'onStepEnd', 'onScenarioEnd', 'onRunEnd'] as const;

function isReporter(value: unknown): value is Reporter {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return HOOKS.some((hook) => typeof (value as Record<string, unknown>)[hook] === 'function');
}

function looksLikePath(name: string): boolean {
  return /[\\/]/.test(name) || /\.(m|c)?[jt]s$/.test(name);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
