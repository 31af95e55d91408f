/**
 * Configuration types. `UserConfig` is what `statetrace.config.ts` (or a CLI flag) may set, every
 * field optional; `ResolvedConfig` is the same with defaults applied and paths made absolute.
 */
import type { StatetracePlugin } from '../plugin.js';

/**
 * A reporter by built-in name, `[name, options]` (options type-checked per built-in reporter), or a
 * path to a module exporting a reporter.
 */
export type { ReporterSpec } from '../../reporters/index.js';
import type { ReporterSpec } from '../../reporters/index.js';

/** A plugin by built-in name (`parser`), a path to a module default-exporting a plugin, or the plugin object. */
export type PluginSpec = string | StatetracePlugin;

export interface UserConfig {
  /**
   * Globs (relative to the config file's directory) of scenario files.
   * @default ['scenarios/**\/*.yaml', 'scenarios/**\/*.yml']
   */
  scenarios?: string[];
  /**
   * Directory of gate files. Every `*.yaml` in it is validated before any scenario runs, and
   * `statetrace check` uses them when `--gates` is not given.
   * @default 'gates'
   */
  gatesDir?: string;
  /**
   * Plugins to load, in order. Built-ins by name: exec, statetrace, parser, persistence, shared-cache,
   * warm-run, routing, rollup, bundle.
   * @default every built-in plugin
   */
  plugins?: PluginSpec[];
  /**
   * Reporters for `run` and `check`.
   * @default ['console', 'junit', 'markdown', 'json']
   */
  reporters?: ReporterSpec[];
  /**
   * Where report files go (JUnit, Markdown, JSON, bundles).
   * @default 'reports'
   */
  outDir?: string;
  /**
   * Where scenario run directories go (`<runsDir>/<runId>/<scenario>/`).
   * @default '.statetrace/runs'
   */
  runsDir?: string;
  /**
   * How many scenarios run at once.
   * @default 1
   */
  concurrency?: number;
  /**
   * Threads a plugin may use inside one step (parsing, scanning).
   * @default the number of CPU cores
   */
  workers?: number;
  /**
   * SQLite history of runs (metric summaries and gate results) used for `baseline` references;
   * `false` disables it.
   * @default '.statetrace/history.db'
   */
  history?: string | false;
  /**
   * Default scenario timeout (`ms`, `s`, `m`, `h` suffix, or milliseconds as a number).
   * @default '15m'
   */
  timeout?: string | number;
  /**
   * Keep only the newest N run directories under `runsDir` (older ones are deleted at the start of a run).
   * @default 10
   */
  keepRuns?: number;
}

export interface ResolvedConfig {
  rootDir: string;
  configFile?: string;
  scenarios: string[];
  gatesDir: string;
  plugins: PluginSpec[];
  reporters: ReporterSpec[];
  outDir: string;
  runsDir: string;
  concurrency: number;
  workers: number;
  history: string | false;
  timeoutMs: number;
  keepRuns: number;
  /** Where each setting came from, for the evidence bundle. */
  layers: Array<{ source: string; settings: Record<string, unknown> }>;
}
