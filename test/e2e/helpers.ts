/**
 * End-to-end helpers: copy a fixture project to a temp dir and run the built CLI in it, the way a
 * user would (`npm test` builds dist/ first).
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { projectRoot } from '../corpus.js';

export const cliPath = join(projectRoot, 'dist', 'core', 'cli.js');

export function copyFixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `statetrace-e2e-${name}-`));
  cpSync(join(projectRoot, 'test', 'fixtures', 'e2e', name), dir, { recursive: true });
  return dir;
}

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> {
  const result = await execa(process.execPath, [cliPath, ...args], {
    cwd,
    reject: false,
    env: { NO_COLOR: '1', GITHUB_STEP_SUMMARY: '', ...env },
    extendEnv: true,
    timeout: 120_000,
  });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function readJson<T = any>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}
