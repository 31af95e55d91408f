/**
 * Loads plugins (built-in by name, a module path, or an object) and indexes what they contribute:
 * steps by `<plugin>.<step>`, metric definitions, CLI commands. Built-ins are the folders under
 * `plugins/` next to `core/` (compiled JS when running from dist, TypeScript under vitest).
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { closestMatches, ErrorCode, StatetraceError } from './errors.js';
import { importUserModule } from './import-module.js';
import type { MetricDefinition } from './metrics/types.js';
import type { CommandDefinition, StatetracePlugin, StepDefinition } from './plugin.js';
import type { PluginSpec } from './config/types.js';

const here = dirname(fileURLToPath(import.meta.url));
/** Folder holding `core/`, `plugins/`, `reporters/` (the repo root, or `dist/`). */
export const packageRoot = resolve(here, '..');
const moduleExtension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const builtinPluginsDir = join(packageRoot, 'plugins');

/** Names of the built-in plugins present in this installation, sorted. */
export function builtinPluginNames(): string[] {
  if (!existsSync(builtinPluginsDir)) return [];
  return readdirSync(builtinPluginsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(builtinPluginsDir, d.name, `index${moduleExtension}`)))
    .map((d) => d.name)
    .sort();
}

export interface RegisteredStep {
  plugin: StatetracePlugin;
  /** `<plugin>.<step>` */
  name: string;
  definition: StepDefinition<any>;
}

export class PluginRegistry {
  readonly plugins: StatetracePlugin[] = [];
  private readonly steps = new Map<string, RegisteredStep>();

  add(plugin: StatetracePlugin, origin: string): void {
    if (!plugin || typeof plugin.name !== 'string' || plugin.name.length === 0) {
      throw new StatetraceError(ErrorCode.PluginInvalid, `Plugin from ${origin} has no name`, {
        hint: 'default-export definePlugin({ name: "my-plugin", ... })',
      });
    }
    if (this.plugins.some((p) => p.name === plugin.name)) {
      throw new StatetraceError(ErrorCode.PluginInvalid, `Plugin "${plugin.name}" is loaded twice (from ${origin})`, {
        hint: 'list each plugin once in the config "plugins" field',
      });
    }
    this.plugins.push(plugin);
    for (const [stepName, definition] of Object.entries(plugin.steps ?? {})) {
      this.steps.set(`${plugin.name}.${stepName}`, { plugin, name: `${plugin.name}.${stepName}`, definition });
    }
  }

  /** Resolves `uses:`; a bare plugin name means its `run` step (so `uses: exec` is `exec.run`). */
  step(uses: string): RegisteredStep | undefined {
    return this.steps.get(uses) ?? this.steps.get(`${uses}.run`);
  }

  stepNames(): string[] {
    return [...this.steps.keys()].sort();
  }

  metrics(): MetricDefinition[] {
    return this.plugins.flatMap((p) => (p.metrics ?? []).map((m) => ({ ...m, source: m.source ?? p.name })));
  }

  commands(): Array<{ plugin: StatetracePlugin; command: CommandDefinition }> {
    return this.plugins.flatMap((plugin) => (plugin.commands ?? []).map((command) => ({ plugin, command })));
  }
}

export async function loadPlugins(specs: PluginSpec[], rootDir: string): Promise<PluginRegistry> {
  const registry = new PluginRegistry();
  const names = specs.length > 0 ? specs : builtinPluginNames();
  for (const spec of names) {
    if (typeof spec !== 'string') {
      registry.add(spec, 'config');
      continue;
    }
    const { plugin, origin } = await importPlugin(spec, rootDir);
    registry.add(plugin, origin);
  }
  return registry;
}

async function importPlugin(spec: string, rootDir: string): Promise<{ plugin: StatetracePlugin; origin: string }> {
  const looksLikePath = spec.startsWith('.') || isAbsolute(spec);
  const builtin = join(builtinPluginsDir, spec, `index${moduleExtension}`);
  const target = looksLikePath ? resolve(rootDir, spec) : existsSync(builtin) ? builtin : undefined;
  if (!target) {
    throw new StatetraceError(ErrorCode.PluginInvalid, `Unknown plugin "${spec}"`, {
      hint: `built-in plugins: ${builtinPluginNames().join(', ')}; did you mean ${closestMatches(spec, builtinPluginNames(), 2).join(' or ')}? A plugin module can be given by path ("./my-plugin.js").`,
    });
  }
  try {
    // Built-ins are compiled JS (or TS under vitest, which handles them); user plugins may be TypeScript.
    const mod = (looksLikePath ? await importUserModule(target) : await import(pathToFileURL(target).href)) as { default?: StatetracePlugin; plugin?: StatetracePlugin };
    const plugin = mod.default ?? mod.plugin;
    if (!plugin) throw new Error('the module has no default export');
    return { plugin, origin: target };
  } catch (error) {
    if (error instanceof StatetraceError) throw error;
    throw new StatetraceError(ErrorCode.PluginInvalid, `Failed to load plugin "${spec}" from ${target}: ${(error as Error).message}`, {
      hint: 'the module must default-export definePlugin({ name, steps, metrics })',
      cause: error,
    });
  }
}
