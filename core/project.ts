/**
 * Everything a command needs before it can do work: the resolved config, the loaded plugins and
 * the metric dictionary they contribute.
 */
import { loadResolvedConfig } from './config/load.js';
import type { ResolvedConfig, UserConfig } from './config/types.js';
import { MetricDictionary } from './metrics/dictionary.js';
import { loadPlugins, type PluginRegistry } from './plugin-registry.js';

export interface Project {
  config: ResolvedConfig;
  registry: PluginRegistry;
  dictionary: MetricDictionary;
}

export interface LoadProjectOptions {
  cwd: string;
  configFile?: string;
  overrides?: UserConfig;
  /** Skip building the dictionary (the CLI only needs plugin commands for `--help`). */
  pluginsOnly?: boolean;
}

export async function loadProject(options: LoadProjectOptions): Promise<Project> {
  const config = await loadResolvedConfig({ cwd: options.cwd, configFile: options.configFile, overrides: options.overrides });
  const registry = await loadPlugins(config.plugins, config.rootDir);
  const dictionary = new MetricDictionary();
  if (!options.pluginsOnly) {
    for (const plugin of registry.plugins) dictionary.registerAll(plugin.metrics ?? [], plugin.name);
  }
  return { config, registry, dictionary };
}
