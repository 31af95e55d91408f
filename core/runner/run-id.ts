import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** `20261122-021530-ab12`: sortable by time, unique enough for parallel CI jobs on one disk. */
export function newRunId(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

/** Deletes all but the newest `keep - 1` run directories, making room for the run about to start. */
export function pruneRuns(runsDir: string, keep: number): void {
  let entries: string[];
  try {
    entries = readdirSync(runsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    return;
  }
  for (const name of entries.slice(0, Math.max(0, entries.length - (keep - 1)))) {
    rmSync(join(runsDir, name), { recursive: true, force: true });
  }
}
