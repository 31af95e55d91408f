/**
 * Which snapshot to import (`Resolve-SharedCacheSnapshot.ps1`, DOMAIN §3.4): an explicit path, else
 * the newest valid `SharedCacheSnapshot-*` file in the snapshot folder, else the tracked seed.
 * Valid = readable, the required sites (BOYO, WLLS) present, at least 2 hosts, at most 168 h old.
 * The seed is not age-checked (it is a tracked fixture).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readSnapshot, type SnapshotContent } from './snapshot.js';

export interface ResolveOptions {
  explicitPath?: string;
  /** Folder searched for `SharedCacheSnapshot-*.json|.clixml` (`-latest`/`-summary` files excluded). */
  snapshotDir?: string;
  seedPath?: string;
  requiredSites?: string[];
  minimumHostCount?: number;
  maximumAgeHours?: number;
  now?: Date;
}

export interface ResolveResult {
  ResolvedPath: string | null;
  Source: 'Explicit' | 'AutoDiscovered' | 'Seed' | 'None';
  FallbackReason: string | null;
  /** Hours. */
  SnapshotAge: number | null;
  SiteCount: number;
  HostCount: number;
  Valid: boolean;
  /** The parsed snapshot when one resolved. */
  content?: SnapshotContent;
}

interface Validation {
  ok: boolean;
  reason?: string;
  ageHours: number | null;
  siteCount: number;
  hostCount: number;
  content?: SnapshotContent;
}

export function validateSnapshot(path: string, options: ResolveOptions, checkAge: boolean): Validation {
  const required = options.requiredSites ?? ['BOYO', 'WLLS'];
  const minimumHosts = options.minimumHostCount ?? 2;
  const maxAge = options.maximumAgeHours ?? 168;
  if (!existsSync(path)) return { ok: false, reason: 'FileNotFound', ageHours: null, siteCount: 0, hostCount: 0 };
  let content: SnapshotContent;
  try {
    content = readSnapshot(path);
  } catch {
    return { ok: false, reason: 'ParseError', ageHours: null, siteCount: 0, hostCount: 0 };
  }
  const now = (options.now ?? new Date()).getTime();
  const created = content.createdAt ? Date.parse(content.createdAt) : NaN;
  const stamp = Number.isFinite(created) ? created : statSync(path).mtimeMs;
  const ageHours = Math.round(((now - stamp) / 3_600_000) * 10) / 10;
  const sites = new Set(content.summary.map((s) => s.Site.toLowerCase()));
  const hostCount = content.summary.reduce((n, s) => n + s.Hosts, 0);
  const base = { ageHours, siteCount: sites.size, hostCount, content };
  const missing = required.filter((r) => !sites.has(r.toLowerCase()));
  if (missing.length > 0) return { ok: false, reason: `MissingSites: ${missing.join(',')}`, ...base };
  if (hostCount < minimumHosts) return { ok: false, reason: `InsufficientHosts: ${hostCount} < ${minimumHosts}`, ...base };
  if (checkAge && ageHours > maxAge) return { ok: false, reason: `TooOld: ${ageHours}h > ${maxAge}h`, ...base };
  return { ok: true, ...base };
}

/** Snapshot files in a folder, newest first (by modification time, then name). */
export function discoverSnapshots(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^SharedCacheSnapshot-.*\.(json|clixml)$/i.test(f) && !/-latest|-summary/i.test(f))
    .map((f) => ({ path: join(dir, f), mtime: statSync(join(dir, f)).mtimeMs, name: f }))
    .sort((a, b) => b.mtime - a.mtime || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0))
    .map((f) => f.path);
}

export function resolveSnapshot(options: ResolveOptions): ResolveResult {
  let fallbackReason: string | null = null;
  const found = (source: ResolveResult['Source'], path: string, v: Validation): ResolveResult => ({
    ResolvedPath: path,
    Source: source,
    FallbackReason: fallbackReason,
    SnapshotAge: v.ageHours,
    SiteCount: v.siteCount,
    HostCount: v.hostCount,
    Valid: true,
    content: v.content,
  });

  if (options.explicitPath) {
    const v = validateSnapshot(options.explicitPath, options, true);
    if (v.ok) return found('Explicit', options.explicitPath, v);
    fallbackReason = v.reason ?? 'Invalid';
  }
  if (options.snapshotDir) {
    const candidates = discoverSnapshots(options.snapshotDir);
    const reasons: string[] = [];
    for (const path of candidates) {
      const v = validateSnapshot(path, options, true);
      if (v.ok) return found('AutoDiscovered', path, v);
      reasons.push(v.reason ?? 'Invalid');
    }
    fallbackReason ??= candidates.length === 0 ? 'NoProductionSnapshot' : `NoValidSnapshot: ${reasons[0]}`;
  }
  if (options.seedPath) {
    const v = validateSnapshot(options.seedPath, options, false);
    if (v.ok) return found('Seed', options.seedPath, v);
    fallbackReason = v.reason === 'FileNotFound' ? 'SeedNotFound' : 'SeedInvalid';
  } else {
    fallbackReason = 'SeedNotFound';
  }
  return { ResolvedPath: null, Source: 'None', FallbackReason: fallbackReason, SnapshotAge: null, SiteCount: 0, HostCount: 0, Valid: false };
}
