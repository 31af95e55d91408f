/**
 * Temp folders for the bundle tests, all under one root per test file (vitest isolates modules per
 * file), removed by `removeTempRoot` in each file's `afterAll`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let root: string | undefined;

export function tempDir(prefix: string): string {
  root ??= mkdtempSync(join(tmpdir(), 'st-bundle-tests-'));
  mkdirSync(root, { recursive: true });
  return mkdtempSync(join(root, prefix));
}

export function removeTempRoot(): void {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
}
