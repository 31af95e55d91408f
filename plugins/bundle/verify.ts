/**
 * `bundle verify`: the original's per-area readiness rules (filename patterns) plus what it promised
 * and never did — every manifest validated against the schema, every listed artifact's SHA-256 and
 * size checked against the bytes on disk, files present but not listed, files listed but missing, and
 * (for statetrace bundles) manifests and READMEs checked against the bundle index. Every problem names
 * the file it is about.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, posix, resolve } from 'node:path';
import { ErrorCode, StatetraceError } from '../../core/errors.js';
import { ExitCode } from '../../core/exit-codes.js';
import { decodeText, isAbsoluteAnyOs, listFilesRecursive, sha256File, toPosix } from './files.js';
import { INDEX_FILE, type BundleIndex } from './index-file.js';
import { MANIFEST_FILE, README_FILE, validateManifest } from './manifest.js';
import { evaluateRules, rulesFor, type ReadinessOptions, type RequirementState, type RuleSet } from './readiness.js';

export type ProblemKind =
  | 'MissingRequired'
  | 'SchemaViolation'
  | 'ManifestUnreadable'
  | 'HashMismatch'
  | 'SizeMismatch'
  | 'ListedMissing'
  | 'Unlisted'
  | 'AreaMissing'
  | 'IndexMismatch'
  | 'TargetInvalid'
  | 'FileUnreadable'
  | 'IndexUnreadable';

export type WarningKind = 'MissingOptional' | 'IncompleteWrite';

export interface Finding<K extends string> {
  kind: K;
  area?: string;
  /** Path relative to the bundle folder, `/` separators. */
  file?: string;
  message: string;
}
export type Problem = Finding<ProblemKind>;
export type Warning = Finding<WarningKind>;

export interface AreaReport {
  Area: string;
  BundlePath: string;
  ManifestPath: string | null;
  ReadmePath: string | null;
  ReadmeHash: string | null;
  HashAlgorithm: 'SHA256';
  Ready: boolean;
  RequirementState: RequirementState[];
  Artifacts: { Listed: number; Verified: number };
  Problems: Problem[];
  Warnings: Warning[];
}

export interface VerifyCounts {
  Areas: number;
  ArtifactsListed: number;
  ArtifactsVerified: number;
  Problems: number;
  MissingRequired: number;
  MissingOptional: number;
  SchemaViolations: number;
  HashMismatches: number;
  SizeMismatches: number;
  ListedMissing: number;
  Unlisted: number;
  Other: number;
}

export interface VerifyReport {
  Bundle: string;
  Path: string;
  Rules: RuleSet;
  Ready: boolean;
  Areas: AreaReport[];
  /** Problems about the bundle as a whole (root files, index, areas missing). */
  Problems: Problem[];
  Warnings: Warning[];
  Counts: VerifyCounts;
}

export interface VerifyOptions extends ReadinessOptions {
  /** Only these areas (must exist). Default: the index's areas, else every sub-folder. */
  areas?: string[];
  /** `auto` (default): `statetrace` rules for bundles with an index, the original's otherwise. */
  rules?: RuleSet | 'auto';
}

/** Files an area may hold without listing them: its README, its manifest, and the original's readiness summary. */
const AREA_EXEMPT = new Set([README_FILE.toLowerCase(), MANIFEST_FILE.toLowerCase(), 'verificationsummary.json']);
const ROOT_EXEMPT = new Set([README_FILE.toLowerCase(), INDEX_FILE.toLowerCase(), 'verificationsummary.json']);

export async function verifyBundle(bundleDir: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const dir = resolve(bundleDir);
  await assertDirectory(dir);
  const warnings: Warning[] = [];
  const problems: Problem[] = [];

  const singleArea = await isFile(join(dir, MANIFEST_FILE));
  let index = await readIndex(dir, problems);
  if (singleArea && !index.present) {
    // One area of a statetrace bundle checked on its own: its index is one level up.
    const parent = await readIndex(dirname(dir), []);
    if (parent.value?.Areas.some((a) => a.Name.toLowerCase() === basename(dir).toLowerCase())) index = parent;
  }
  // `auto`: the rule set the writer recorded in the index; the original's rules for bundles without one.
  const recorded = index.value?.Rules === 'original' || index.value?.Rules === 'statetrace' ? index.value.Rules : undefined;
  const ruleSet: RuleSet = options.rules && options.rules !== 'auto' ? options.rules : (recorded ?? (index.present ? 'statetrace' : 'original'));

  // Single-area bundle: the folder itself holds the manifest (the original checks just that area).
  const areaDirs: Array<{ name: string; dir: string; prefix: string }> = [];
  if (singleArea) {
    const declared = await readAreaName(join(dir, MANIFEST_FILE));
    areaDirs.push({ name: declared ?? basename(dir), dir, prefix: '' });
  } else {
    const subfolders = await listSubfolders(dir, warnings);
    if (!index.present) await refuseFolderOfBundles(dir, subfolders);
    const indexAreas = index.value?.Areas.map((a) => a.Name) ?? [];
    const wanted = options.areas && options.areas.length > 0 ? options.areas : indexAreas.length > 0 ? unionCaseless(indexAreas, subfolders) : subfolders;
    for (const name of wanted) {
      const actual = subfolders.find((s) => s.toLowerCase() === name.toLowerCase());
      if (!actual) {
        problems.push({ kind: 'AreaMissing', area: name, file: `${name}/`, message: `area folder ${name}/ is missing` });
        continue;
      }
      if (index.value && !indexAreas.some((a) => a.toLowerCase() === actual.toLowerCase())) {
        problems.push({ kind: 'Unlisted', area: actual, file: `${actual}/`, message: `area folder ${actual}/ is not listed in ${INDEX_FILE}` });
      }
      areaDirs.push({ name: actual, dir: join(dir, actual), prefix: `${actual}/` });
    }
    if (areaDirs.length === 0 && problems.length === 0) {
      throw new StatetraceError(ErrorCode.InputInvalid, `${dir} is not a telemetry bundle: no ${MANIFEST_FILE} and no area folders`, {
        exitCode: ExitCode.InvalidInput,
        hint: `point at a bundle folder (with Telemetry/, Routing/, … inside) or at one area folder holding ${MANIFEST_FILE}`,
      });
    }
    if (!options.areas || options.areas.length === 0) await checkRootFiles(dir, index.value, problems);
  }
  const checked = new Set(areaDirs.map((a) => a.name.toLowerCase()));
  for (const gone of (index.value?.MissingAtWrite ?? []).filter((g) => checked.has(g.Area.toLowerCase()))) {
    problems.push({ kind: 'ListedMissing', area: gone.Area, file: gone.SourcePath, message: `${gone.Category} artifact ${gone.SourcePath} was registered by the run but missing when the bundle was written` });
  }

  const areas: AreaReport[] = [];
  for (const area of areaDirs) {
    const indexEntry = index.value?.Areas.find((a) => a.Name.toLowerCase() === area.name.toLowerCase());
    areas.push(await verifyArea(area.name, area.dir, area.prefix, ruleSet, options, indexEntry));
  }

  const allProblems = [...problems, ...areas.flatMap((a) => a.Problems)];
  const allWarnings = [...warnings, ...areas.flatMap((a) => a.Warnings)];
  const counts = countFindings(areas, allProblems, allWarnings);
  return {
    Bundle: index.value?.BundleName ?? basename(dir),
    Path: dir,
    Rules: ruleSet,
    Ready: allProblems.length === 0,
    Areas: areas,
    Problems: problems,
    Warnings: warnings,
    Counts: counts,
  };
}

async function verifyArea(
  area: string,
  areaDir: string,
  prefix: string,
  ruleSet: RuleSet,
  options: ReadinessOptions,
  indexEntry: BundleIndex['Areas'][number] | undefined,
): Promise<AreaReport> {
  const problems: Problem[] = [];
  const warnings: Warning[] = [];
  const files = await listFilesRecursive(areaDir);
  const rows = evaluateRules(area, rulesFor(ruleSet, area, options), files);
  for (const row of rows) {
    const where = row.Patterns.join(', ');
    if (row.Status === 'Missing') problems.push({ kind: 'MissingRequired', area, file: prefix + row.Patterns[0], message: `${area}: required ${row.Requirement} missing (no file matches ${where})` });
    if (row.Status === 'Missing (Optional)') warnings.push({ kind: 'MissingOptional', area, file: prefix + row.Patterns[0], message: `${area}: optional ${row.Requirement} missing (no file matches ${where})` });
  }

  const manifestPath = join(areaDir, MANIFEST_FILE);
  const readmePath = join(areaDir, README_FILE);
  const hasManifest = files.some((f) => f.toLowerCase() === MANIFEST_FILE.toLowerCase());
  const hasReadme = files.some((f) => f.toLowerCase() === README_FILE.toLowerCase());
  const readmeHash = hasReadme ? (await sha256File(readmePath)).hash : null;
  const listedFiles = new Set<string>();
  let listed = 0;
  let verified = 0;

  if (hasManifest) {
    const manifestRel = prefix + MANIFEST_FILE;
    let manifest: unknown;
    try {
      manifest = JSON.parse(decodeText(await readFile(manifestPath)));
    } catch (error) {
      problems.push({ kind: 'ManifestUnreadable', area, file: manifestRel, message: `${manifestRel} is not valid JSON: ${(error as Error).message}` });
    }
    if (manifest !== undefined) {
      for (const p of validateManifest(manifest)) {
        problems.push({ kind: 'SchemaViolation', area, file: manifestRel, message: `${manifestRel}${p.pointer ? ` ${p.pointer}` : ''} ${p.message}` });
      }
      const artifacts = (manifest as { Artifacts?: unknown }).Artifacts;
      // PowerShell serialises a one-element array as a bare object; accept both.
      const list = Array.isArray(artifacts) ? artifacts : artifacts && typeof artifacts === 'object' ? [artifacts] : [];
      const bundlePath = typeof (manifest as { BundlePath?: unknown }).BundlePath === 'string' ? (manifest as { BundlePath: string }).BundlePath : undefined;
      for (const item of list) {
        const result = await checkArtifact(item as Record<string, unknown>, areaDir, prefix, area, bundlePath);
        listed++;
        if (result.relative) listedFiles.add(result.relative.toLowerCase());
        if (result.problem) problems.push(result.problem);
        else verified++;
      }
    }
    if (indexEntry) {
      const actual = (await sha256File(manifestPath)).hash;
      if (actual !== indexEntry.ManifestHash.toUpperCase()) {
        problems.push({ kind: 'IndexMismatch', area, file: manifestRel, message: `${manifestRel} changed since the bundle was written (SHA-256 ${actual.slice(0, 12)}…, index says ${indexEntry.ManifestHash.slice(0, 12)}…)` });
      }
    }
  }
  if (indexEntry?.ReadmeHash && readmeHash && readmeHash !== indexEntry.ReadmeHash.toUpperCase()) {
    problems.push({ kind: 'IndexMismatch', area, file: prefix + README_FILE, message: `${prefix}${README_FILE} changed since the bundle was written` });
  }

  for (const file of files) {
    const lower = file.toLowerCase();
    if (AREA_EXEMPT.has(lower) || listedFiles.has(lower)) continue;
    problems.push({ kind: 'Unlisted', area, file: prefix + file, message: `${prefix}${file} is in the bundle but not listed in ${prefix}${MANIFEST_FILE}` });
  }

  return {
    Area: area,
    BundlePath: areaDir,
    ManifestPath: hasManifest ? manifestPath : null,
    ReadmePath: hasReadme ? readmePath : null,
    ReadmeHash: readmeHash,
    HashAlgorithm: 'SHA256',
    Ready: problems.length === 0,
    RequirementState: rows,
    Artifacts: { Listed: listed, Verified: verified },
    Problems: problems,
    Warnings: warnings,
  };
}

interface ArtifactCheck {
  relative?: string;
  problem?: Problem;
}

async function checkArtifact(item: Record<string, unknown>, areaDir: string, prefix: string, area: string, bundlePath: string | undefined): Promise<ArtifactCheck> {
  const target = typeof item['TargetFile'] === 'string' ? item['TargetFile'] : undefined;
  if (!target) return { problem: { kind: 'TargetInvalid', area, file: prefix + MANIFEST_FILE, message: `${prefix}${MANIFEST_FILE} lists an artifact without TargetFile` } };
  const relative = targetRelativeToArea(target, bundlePath);
  if (!relative) {
    return { problem: { kind: 'TargetInvalid', area, file: prefix + MANIFEST_FILE, message: `${prefix}${MANIFEST_FILE} lists TargetFile '${target}', which is not inside the area folder` } };
  }
  const shown = prefix + relative;
  const full = join(areaDir, ...relative.split('/'));
  let actual: { hash: string; size: number };
  try {
    const info = await stat(full);
    if (!info.isFile()) return { relative, problem: { kind: 'ListedMissing', area, file: shown, message: `${shown} is listed in the manifest but is not a file` } };
    actual = await sha256File(full);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { relative, problem: { kind: 'ListedMissing', area, file: shown, message: `${shown} is listed in the manifest but missing` } };
    return { relative, problem: { kind: 'FileUnreadable', area, file: shown, message: `${shown} cannot be read: ${(error as Error).message}` } };
  }
  const size = item['SizeBytes'];
  if (typeof size === 'number' && size !== actual.size) {
    return { relative, problem: { kind: 'SizeMismatch', area, file: shown, message: `${shown} has ${actual.size} bytes, manifest says ${size}` } };
  }
  const hash = typeof item['Hash'] === 'string' ? item['Hash'].toUpperCase() : undefined;
  if (hash !== actual.hash) {
    return { relative, problem: { kind: 'HashMismatch', area, file: shown, message: `${shown} SHA-256 is ${actual.hash.slice(0, 12)}…, manifest says ${hash ? hash.slice(0, 12) + '…' : '(no hash)'}` } };
  }
  return { relative };
}

/**
 * TargetFile as a path inside the area. The original wrote relative names (`DocSync\DocSyncChecklist.json`);
 * an absolute one is accepted when it lies under the manifest's BundlePath (bundles get moved between
 * machines, so only the part after BundlePath counts). Anything escaping the area is refused.
 */
export function targetRelativeToArea(target: string, bundlePath: string | undefined): string | undefined {
  let path = toPosix(target);
  if (isAbsoluteAnyOs(target)) {
    const root = bundlePath ? toPosix(bundlePath).replace(/\/+$/, '') + '/' : undefined;
    if (!root || !path.toLowerCase().startsWith(root.toLowerCase())) return undefined;
    path = path.slice(root.length);
  }
  const normal = posix.normalize(path).replace(/^\.\//, '');
  if (!normal || normal === '.' || normal.startsWith('../') || normal === '..' || normal.startsWith('/')) return undefined;
  return normal;
}

async function checkRootFiles(dir: string, index: BundleIndex | undefined, problems: Problem[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const lower = entry.name.toLowerCase();
    if (!ROOT_EXEMPT.has(lower)) {
      problems.push({ kind: 'Unlisted', file: entry.name, message: `${entry.name} is at the bundle root but not listed in any manifest` });
      continue;
    }
    const listed = index?.RootFiles?.find((f) => f.File.toLowerCase() === lower);
    if (listed) {
      const actual = await sha256File(join(dir, entry.name));
      if (actual.hash !== listed.Hash.toUpperCase() || actual.size !== listed.SizeBytes) {
        problems.push({ kind: 'IndexMismatch', file: entry.name, message: `${entry.name} changed since the bundle was written` });
      }
    }
  }
  for (const listed of index?.RootFiles ?? []) {
    if (!entries.some((e) => e.isFile() && e.name.toLowerCase() === listed.File.toLowerCase())) {
      problems.push({ kind: 'ListedMissing', file: listed.File, message: `${listed.File} is listed in ${INDEX_FILE} but missing` });
    }
  }
}

/** `reports/bundles` holds bundles, not areas: checking it as one bundle would report nonsense. */
async function refuseFolderOfBundles(dir: string, subfolders: string[]): Promise<void> {
  const bundles: string[] = [];
  for (const name of subfolders) if (await isFile(join(dir, name, INDEX_FILE))) bundles.push(name);
  if (bundles.length === 0) return;
  throw new StatetraceError(ErrorCode.InputInvalid, `${dir} is a folder of bundles, not a bundle`, {
    exitCode: ExitCode.InvalidInput,
    hint: `verify one of them, e.g. statetrace bundle verify ${join(dir, bundles[bundles.length - 1]!)} (${bundles.length} found: ${bundles.slice(-5).join(', ')})`,
  });
}

async function readIndex(dir: string, problems: Problem[]): Promise<{ present: boolean; value?: BundleIndex }> {
  const path = join(dir, INDEX_FILE);
  if (!(await isFile(path))) return { present: false };
  try {
    const value = JSON.parse(decodeText(await readFile(path))) as BundleIndex;
    if (!Array.isArray(value.Areas)) throw new Error('Areas is not a list');
    return { present: true, value };
  } catch (error) {
    // A statetrace bundle whose index is broken cannot prove its manifests are the ones written.
    problems.push({ kind: 'IndexUnreadable', file: INDEX_FILE, message: `${INDEX_FILE} cannot be read (${(error as Error).message}); manifests and READMEs cannot be cross-checked` });
    return { present: true };
  }
}

async function readAreaName(manifestPath: string): Promise<string | undefined> {
  try {
    const value = JSON.parse(decodeText(await readFile(manifestPath))) as { AreaName?: unknown };
    return typeof value.AreaName === 'string' && value.AreaName ? value.AreaName : undefined;
  } catch {
    return undefined;
  }
}

async function listSubfolders(dir: string, warnings: Warning[]): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    if (entry.name.startsWith('.')) {
      // Staging folders of an interrupted write: the bundle itself is intact, but say so.
      if (entry.name.includes('.partial-') || entry.name.includes('.replaced-')) {
        warnings.push({ kind: 'IncompleteWrite', file: `${entry.name}/`, message: `${entry.name}/ is left over from an interrupted bundle write; it is ignored and can be deleted` });
      }
      continue;
    }
    names.push(entry.name);
  }
  return names.sort();
}

function unionCaseless(first: string[], second: string[]): string[] {
  const out = [...first];
  for (const s of second) if (!out.some((o) => o.toLowerCase() === s.toLowerCase())) out.push(s);
  return out;
}

function countFindings(areas: AreaReport[], problems: Problem[], warnings: Warning[]): VerifyCounts {
  const count = (kind: ProblemKind) => problems.filter((p) => p.kind === kind).length;
  const named = count('MissingRequired') + count('SchemaViolation') + count('HashMismatch') + count('SizeMismatch') + count('ListedMissing') + count('Unlisted');
  return {
    Areas: areas.length,
    ArtifactsListed: areas.reduce((n, a) => n + a.Artifacts.Listed, 0),
    ArtifactsVerified: areas.reduce((n, a) => n + a.Artifacts.Verified, 0),
    Problems: problems.length,
    MissingRequired: count('MissingRequired'),
    MissingOptional: warnings.filter((w) => w.kind === 'MissingOptional').length,
    SchemaViolations: count('SchemaViolation'),
    HashMismatches: count('HashMismatch'),
    SizeMismatches: count('SizeMismatch'),
    ListedMissing: count('ListedMissing'),
    Unlisted: count('Unlisted'),
    Other: problems.length - named,
  };
}

async function assertDirectory(dir: string): Promise<void> {
  let info;
  try {
    info = await stat(dir);
  } catch (error) {
    throw new StatetraceError(ErrorCode.InputMissing, `bundle folder not found: ${dir}`, { cause: error, hint: 'give the path of a bundle folder, e.g. reports/bundles/<name>' });
  }
  if (!info.isDirectory()) {
    throw new StatetraceError(ErrorCode.InputInvalid, `${dir} is a file, not a bundle folder`, { hint: `give the folder that holds ${MANIFEST_FILE} or the area folders` });
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
