/**
 * Where statetrace keeps what it can rebuild (compiled user modules, compiled schemas): the nearest
 * `node_modules/.cache/statetrace/` at or above a folder, so packages resolve from there as they do
 * from the folder itself. Nothing in it is needed: a missing or unwritable cache only costs time.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The cache folder for `kind` (e.g. `modules`) above `startDir`, or undefined without a node_modules. */
export function cacheDirAbove(startDir: string, kind: string): string | undefined {
  for (let dir = startDir; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'statetrace', kind);
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Write a cache file under a temporary name, then rename it: a command starting meanwhile never
 * loads half a file. Throws what the file system throws (callers treat a failed write as no cache).
 */
export function writeCacheFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}-${randomBytes(3).toString('hex')}`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}
