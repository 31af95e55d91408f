/**
 * Public API for plugin and reporter authors: `import { definePlugin } from 'statetrace'`.
 */
export { definePlugin, defineStep } from './plugin.js';
export type { CommandContext, CommandDefinition, EventInput, PluginSetupContext, StatetracePlugin, StepContext, StepDefinition } from './plugin.js';
export { defineConfig } from './config/define.js';
export type { UserConfig, ReporterSpec, PluginSpec } from './config/types.js';
export { ErrorCode, StatetraceError } from './errors.js';
export { ExitCode } from './exit-codes.js';
export type { MetricDefinition, MetricKind, MetricUnit } from './metrics/types.js';
export type * from './types.js';
