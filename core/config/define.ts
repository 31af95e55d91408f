import type { UserConfig } from './types.js';

export type { UserConfig, ReporterSpec, PluginSpec } from './types.js';

/** Identity function that type-checks `statetrace.config.ts`. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
