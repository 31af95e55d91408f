/**
 * Which files a rollup reads (STATETRACE-TELEMETRY §3.1, §3.4): directories are listed at the top
 * level for `*.json` and sorted by name; name filters (PowerShell `-like` wildcards, case-insensitive)
 * and "latest N by last write time" apply to those listings; explicit files are always read. The
 * daily mode keeps the files named after the last N local dates (`yyyy-MM-dd.json`).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ErrorCode, StatetraceError, closestMatches } from '../../core/errors.js';
import { compareText } from './sort.js';

export interface InputSelection {
  /** Files and/or directories. */
  paths: string[];
  /** Wildcard name filters for directory listings (any may match). */
  filters?: string[];
  /** Keep the newest N files of the directory listings (by mtime), then re-sort by name. */
  latest?: number;
  /** Daily mode: only `<date>.json` for the last N local days ending at `today`. */
  days?: number;
  today?: Date;
  cwd: string;
}

/** PowerShell `-like`: `*`, `?`, `[abc]`/`[a-z]`, whole-string, case-insensitive. */
export function wildcardToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) source += '\\[';
      else {
        source += `[${pattern.slice(i + 1, close).replace(/[\\^\]]/g, '\\$&')}]`;
        i = close;
      }
    } else source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'is');
}

/** `yyyy-MM-dd` of a local date. */
export function localDateName(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The daily wrapper's name filters: `<today − i days>.json` for i = 0..days−1. */
export function dailyFilters(days: number, today: Date): string[] {
  const names: string[] = [];
  for (let i = 0; i < days; i++) {
    const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() - i);
    names.push(`${localDateName(d)}.json`);
  }
  return names;
}

export interface ResolvedInputs {
  files: string[];
  /** Directory the default output goes to (first directory, or the first file's folder). */
  baseDir: string;
}

export function resolveInputs(selection: InputSelection): ResolvedInputs {
  if (selection.days !== undefined && (!Number.isInteger(selection.days) || selection.days < 1 || selection.days > 30)) {
    throw new StatetraceError(ErrorCode.CliUsage, `--days must be a whole number from 1 to 30, got ${selection.days}`);
  }
  if (selection.latest !== undefined && (!Number.isInteger(selection.latest) || selection.latest < 0)) {
    throw new StatetraceError(ErrorCode.CliUsage, `--latest must be a whole number >= 0, got ${selection.latest}`);
  }
  const filters = [...(selection.filters ?? []), ...(selection.days ? dailyFilters(selection.days, selection.today ?? new Date()) : [])]
    .filter((f) => f.trim() !== '')
    .map(wildcardToRegExp);
  const explicit: string[] = [];
  let listed: Array<{ path: string; name: string; mtimeMs: number }> = [];
  let baseDir: string | undefined;
  for (const given of selection.paths) {
    const path = resolve(selection.cwd, given);
    if (!existsSync(path)) {
      const parent = resolve(path, '..');
      const siblings = existsSync(parent) ? readdirSync(parent) : [];
      const near = closestMatches(given.split(/[\\/]/).pop() ?? given, siblings);
      throw new StatetraceError(ErrorCode.InputMissing, `telemetry path not found: ${given}`, {
        hint: near.length > 0 ? `did you mean ${near.join(', ')}?` : 'pass a telemetry file or a folder of yyyy-MM-dd.json files',
      });
    }
    if (statSync(path).isDirectory()) {
      baseDir ??= path;
      for (const entry of readdirSync(path, { withFileTypes: true })) {
        if (!entry.isFile() || !entry.name.toLowerCase().endsWith('.json')) continue;
        const full = join(path, entry.name);
        listed.push({ path: full, name: entry.name, mtimeMs: statSync(full).mtimeMs });
      }
    } else {
      baseDir ??= resolve(path, '..');
      explicit.push(path);
    }
  }
  if (filters.length > 0) listed = listed.filter((f) => filters.some((re) => re.test(f.name)));
  if (selection.latest && listed.length > selection.latest) {
    listed = [...listed].sort((a, b) => b.mtimeMs - a.mtimeMs).slice(0, selection.latest);
  }
  const byName = (a: string, b: string): number => compareText(nameOf(a), nameOf(b)) || (a < b ? -1 : a > b ? 1 : 0);
  const files = [...new Set([...explicit, ...listed.map((f) => f.path)])].sort(byName);
  return { files, baseDir: baseDir ?? selection.cwd };
}

function nameOf(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
