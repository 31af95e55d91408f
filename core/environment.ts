/** The environment fingerprint recorded with every run (reports and evidence bundles show it). */
import { execFileSync } from 'node:child_process';
import { arch, cpus, hostname, platform, release } from 'node:os';
import type { ResolvedConfig } from './config/types.js';
import { packageInfo } from './package-info.js';
import type { StatetracePlugin } from './plugin.js';
import type { EnvironmentRecord } from './types.js';

export function describeEnvironment(config: ResolvedConfig, plugins: StatetracePlugin[]): EnvironmentRecord {
  return {
    statetraceVersion: packageInfo().version,
    node: process.version,
    platform: `${platform()} ${release()}`,
    arch: arch(),
    hostname: hostname(),
    cpus: cpus().length,
    gitCommit: gitCommit(config.rootDir),
    plugins: plugins.map((p) => ({ name: p.name, version: p.version })),
    configFile: config.configFile,
    configLayers: config.layers,
  };
}

function gitCommit(cwd: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 }).toString().trim() || undefined;
  } catch {
    return undefined;
  }
}
