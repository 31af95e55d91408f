/**
 * Loads `statetrace.config.ts` (TypeScript on Node 20, through jiti) from the working directory or an
 * explicit path, and resolves it with the CLI overrides.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ErrorCode, StatetraceError } from '../errors.js';
import { importUserModule } from '../import-module.js';
import { resolveConfig } from './resolve.js';
import type { ResolvedConfig, UserConfig } from './types.js';

export interface LoadConfigOptions {
  cwd: string;
  /** Explicit config file (`--config`). */
  configFile?: string;
  overrides?: UserConfig;
}

export async function loadResolvedConfig(options: LoadConfigOptions): Promise<ResolvedConfig> {
  const explicit = options.configFile ? resolve(options.cwd, options.configFile) : undefined;
  if (explicit && !existsSync(explicit)) {
    throw new StatetraceError(ErrorCode.ConfigInvalid, `Config file ${explicit} does not exist`, {
      hint: 'pass an existing file to --config, or omit it to use statetrace.config.ts in the working directory',
    });
  }
  const found = explicit ?? findConfigFile(options.cwd);
  if (!found) {
    return resolveConfig({}, { rootDir: options.cwd, overrides: options.overrides });
  }
  let user: UserConfig;
  try {
    const mod = (await importUserModule(found)) as { default?: UserConfig } | UserConfig;
    const exported = (mod && typeof mod === 'object' && 'default' in mod ? mod.default : mod) ?? {};
    if (typeof exported !== 'object' || Array.isArray(exported)) throw new Error('the default export is not an object');
    user = exported as UserConfig;
  } catch (error) {
    throw new StatetraceError(ErrorCode.ConfigInvalid, `Could not load config file ${found}: ${(error as Error).message}`, {
      location: { file: found },
      hint: 'fix the TypeScript error above; the file must default-export defineConfig({...})',
      cause: error,
    });
  }
  return resolveConfig(user, { rootDir: dirname(found), configFile: found, overrides: options.overrides });
}

const CONFIG_NAMES = ['statetrace.config.ts', 'statetrace.config.mts', 'statetrace.config.js', 'statetrace.config.mjs'];

function findConfigFile(cwd: string): string | undefined {
  for (const name of CONFIG_NAMES) {
    const candidate = resolve(cwd, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
