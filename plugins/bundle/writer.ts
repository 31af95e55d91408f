/**
 * The bundle writer, shared by the bundle reporter and the `bundle.assemble` step/command.
 *
 * Layout: `<outputRoot>/<name>/<Area>/{TelemetryBundle.json, README.md, artifacts…}` plus, at the bundle
 * root, `README.md` and the index `statetrace-bundle.json`.
 *
 * Atomicity: a new bundle is built completely in a hidden sibling folder (`.<name>.partial-…`) and
 * renamed into place in one step, so a crash mid-write leaves only a dot-folder that never looks like a
 * bundle. Adding areas to an existing bundle (the original's `-Force`) builds each area the same way
 * inside the bundle, swaps it in by rename, and rewrites the index last through a temp file + rename.
 */
import { randomBytes } from 'node:crypto';
import { hostname as osHostname } from 'node:os';
import { copyFile, mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ErrorCode, StatetraceError } from '../../core/errors.js';
import { localIsoTimestamp, statetraceVersion } from './clock.js';
import { decodeText, sha256File, sha256Text, toPosix, uniqueName } from './files.js';
import { INDEX_FILE, INDEX_FORMAT, type BundleIndex, type BundleIndexArea } from './index-file.js';
import { MANIFEST_FILE, README_FILE, type ManifestArtifact, type TelemetryBundleManifest } from './manifest.js';
import { renderAreaReadme } from './readme.js';

export interface BundleArtifactInput {
  category: string;
  /** File to copy (absolute, or relative to the process cwd). */
  source?: string;
  /** Or the bytes to write, for generated evidence (RunResult.json, GateResults.json, …). */
  content?: string | Buffer;
  /** Path inside the area, `/` separators; default: the source's file name. Clashes get `-1`, `-2`, … */
  target?: string;
  /** `SourcePath` recorded in the manifest; default: the absolute source path, or `generated`. */
  sourceLabel?: string;
}

export interface BundleAreaInput {
  name: string;
  artifacts: BundleArtifactInput[];
  planReferences?: string[] | null;
  taskBoardIds?: string[] | null;
  notes?: string | null;
  /** Markdown added to the area README above the artifact table. */
  readmeSections?: string;
}

export interface WriteBundleOptions {
  /** Folder that holds bundles (`<outDir>/bundles`). */
  outputRoot: string;
  name: string;
  areas: BundleAreaInput[];
  /**
   * When `<outputRoot>/<name>` exists: `suffix` picks `<name>-1`, `<name>-2`, …; `error` refuses (the
   * original's default); `merge` adds or replaces the given areas (the original's `-Force`).
   */
  onExisting?: 'suffix' | 'error' | 'merge';
  createdAt?: Date;
  hostname?: string;
  rules?: BundleIndex['Rules'];
  run?: BundleIndex['Run'];
  /** Bundle-level README.md; omitted → a short one listing the areas. */
  rootReadme?: (areas: WrittenArea[]) => string;
  /** Registered artifacts that no longer exist; recorded in the index so verify reports them. */
  missingAtWrite?: BundleIndex['MissingAtWrite'];
}

export interface WrittenArea {
  name: string;
  dir: string;
  manifestPath: string;
  manifest: TelemetryBundleManifest;
}

export interface WrittenBundle {
  name: string;
  dir: string;
  areas: WrittenArea[];
  indexPath: string;
}

/** Area names become folder names: keep them to safe characters so a name can never escape the bundle. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export async function writeBundle(options: WriteBundleOptions): Promise<WrittenBundle> {
  assertSafeName(options.name, 'bundle name');
  if (options.areas.length === 0) throw new StatetraceError(ErrorCode.InputInvalid, `bundle '${options.name}' has no areas to write`);
  const seenAreas = new Set<string>();
  for (const area of options.areas) {
    assertSafeName(area.name, 'area name');
    if (seenAreas.has(area.name.toLowerCase())) throw new StatetraceError(ErrorCode.InputInvalid, `area '${area.name}' is given twice`);
    seenAreas.add(area.name.toLowerCase());
    if (area.artifacts.length === 0) {
      throw new StatetraceError(ErrorCode.InputMissing, `area '${area.name}' of bundle '${options.name}' has no artifacts`, {
        hint: 'the manifest schema requires at least one artifact (Artifacts minItems 1); add files or drop the area',
      });
    }
  }
  const outputRoot = resolve(options.outputRoot);
  await mkdir(outputRoot, { recursive: true });
  const createdAt = localIsoTimestamp(options.createdAt ?? new Date());
  const host = options.hostname ?? osHostname();
  const mode = options.onExisting ?? 'suffix';

  let name = options.name;
  let finalDir = join(outputRoot, name);
  const exists = await pathExists(finalDir);
  if (exists && mode === 'error') {
    throw new StatetraceError(ErrorCode.InputInvalid, `bundle folder already exists: ${finalDir}`, {
      hint: 'choose another name, or use force/merge to add areas to it',
    });
  }
  if (exists && mode === 'suffix') {
    const taken = new Set((await readdir(outputRoot)).map((n) => n.toLowerCase()));
    name = uniqueName(name, taken);
    finalDir = join(outputRoot, name);
  }

  const common = { bundleName: name, createdAt, host, bundleDir: finalDir };
  if (exists && mode === 'merge') {
    const areas: WrittenArea[] = [];
    for (const area of options.areas) {
      const staging = join(finalDir, `.${area.name}.partial-${token()}`);
      try {
        areas.push(await writeArea(staging, join(finalDir, area.name), area, common));
        await swapInto(staging, join(finalDir, area.name));
      } catch (error) {
        await rm(staging, { recursive: true, force: true });
        throw error;
      }
    }
    const indexPath = await writeIndexAndReadme(finalDir, finalDir, options, name, createdAt);
    return { name, dir: finalDir, areas, indexPath };
  }

  const staging = join(outputRoot, `.${name}.partial-${token()}`);
  try {
    const areas: WrittenArea[] = [];
    for (const area of options.areas) areas.push(await writeArea(join(staging, area.name), join(finalDir, area.name), area, common));
    await writeIndexAndReadme(staging, finalDir, options, name, createdAt);
    await rename(staging, finalDir);
    return { name, dir: finalDir, areas, indexPath: join(finalDir, INDEX_FILE) };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

interface AreaCommon {
  bundleName: string;
  createdAt: string;
  host: string;
  bundleDir: string;
}

/** Write one area into `stagingDir`; the manifest records `finalDir`, where the area will live after the rename. */
async function writeArea(stagingDir: string, finalDir: string, area: BundleAreaInput, common: AreaCommon): Promise<WrittenArea> {
  await mkdir(stagingDir, { recursive: true });
  // The area's own README and manifest names are reserved so an artifact can never overwrite them.
  const taken = new Set<string>([README_FILE.toLowerCase(), MANIFEST_FILE.toLowerCase()]);
  const copiedSources = new Map<string, string>();
  const listed: ManifestArtifact[] = [];
  for (const artifact of area.artifacts) {
    const sourcePath = artifact.source === undefined ? undefined : resolve(artifact.source);
    // The same file registered twice (by two steps) is copied once.
    if (sourcePath && copiedSources.has(sourcePath)) continue;
    const wanted = toPosix(artifact.target ?? (sourcePath ? basename(sourcePath) : ''));
    if (!wanted || wanted.startsWith('/') || wanted.split('/').some((part) => part === '..' || part === '')) {
      throw new StatetraceError(ErrorCode.InputInvalid, `artifact target '${wanted}' in area '${area.name}' is not a relative path inside the area`);
    }
    const target = uniqueName(wanted, taken);
    taken.add(target.toLowerCase());
    const targetPath = join(stagingDir, ...target.split('/'));
    await mkdir(dirname(targetPath), { recursive: true });
    let hash: string;
    let size: number;
    if (artifact.content !== undefined) {
      const bytes = typeof artifact.content === 'string' ? Buffer.from(artifact.content, 'utf8') : artifact.content;
      await writeFile(targetPath, bytes);
      ({ hash, size } = { hash: sha256Text(bytes), size: bytes.length });
    } else if (sourcePath) {
      try {
        await copyFile(sourcePath, targetPath);
      } catch (error) {
        throw new StatetraceError(ErrorCode.InputMissing, `cannot copy artifact ${sourcePath} (${artifact.category}) into area '${area.name}': ${(error as Error).message}`, {
          cause: error,
          hint: 'the file was registered as an artifact but is gone or unreadable',
        });
      }
      copiedSources.set(sourcePath, target);
      // Hash the copy, not the source: the manifest vouches for what is in the bundle.
      ({ hash, size } = await sha256File(targetPath));
    } else {
      throw new StatetraceError(ErrorCode.InputInvalid, `artifact '${wanted}' in area '${area.name}' has neither a source file nor content`);
    }
    listed.push({ Category: artifact.category, TargetFile: target, SourcePath: artifact.sourceLabel ?? sourcePath ?? 'generated', Hash: hash, SizeBytes: size });
  }

  const manifest: TelemetryBundleManifest = {
    BundleName: common.bundleName,
    AreaName: area.name,
    CreatedAt: common.createdAt,
    Hostname: common.host,
    OutputRoot: common.bundleDir,
    BundlePath: finalDir,
    PlanReferences: area.planReferences ?? [],
    TaskBoardIds: area.taskBoardIds ?? [],
    Notes: area.notes ?? null,
    Artifacts: listed,
  };
  await writeFile(join(stagingDir, README_FILE), renderAreaReadme(manifest, area.readmeSections));
  // Manifest last, flushed: inside the staging folder it marks the area as finished.
  const manifestPath = join(stagingDir, MANIFEST_FILE);
  await writeDurable(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return { name: area.name, dir: finalDir, manifestPath: join(finalDir, MANIFEST_FILE), manifest };
}

/** Compute the index over every area now present in `dir` (staging or final) and write it with the root README. */
async function writeIndexAndReadme(dir: string, finalDir: string, options: WriteBundleOptions, name: string, createdAt: string): Promise<string> {
  const areas: BundleIndexArea[] = [];
  const written: WrittenArea[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const manifestPath = join(dir, entry.name, MANIFEST_FILE);
    if (!(await pathExists(manifestPath))) continue;
    const manifestHash = await sha256File(manifestPath);
    const readmePath = join(dir, entry.name, README_FILE);
    const readme = (await pathExists(readmePath)) ? await sha256File(readmePath) : undefined;
    const manifest = await readManifestLoosely(manifestPath);
    areas.push({
      Name: entry.name,
      Manifest: `${entry.name}/${MANIFEST_FILE}`,
      ManifestHash: manifestHash.hash,
      Readme: readme ? `${entry.name}/${README_FILE}` : null,
      ReadmeHash: readme?.hash ?? null,
      Artifacts: Array.isArray(manifest.Artifacts) ? manifest.Artifacts.length : 0,
    });
    written.push({ name: entry.name, dir: join(finalDir, entry.name), manifestPath: join(finalDir, entry.name, MANIFEST_FILE), manifest });
  }
  const rootReadme = options.rootReadme ? options.rootReadme(written) : defaultRootReadme(name, written);
  await writeFile(join(dir, README_FILE), rootReadme);
  const index: BundleIndex = {
    Format: INDEX_FORMAT,
    Tool: 'statetrace',
    ToolVersion: statetraceVersion(),
    BundleName: name,
    CreatedAt: createdAt,
    Rules: options.rules ?? 'statetrace',
    Run: options.run ?? null,
    Areas: areas,
    RootFiles: [{ File: README_FILE, Hash: sha256Text(rootReadme), SizeBytes: Buffer.byteLength(rootReadme) }],
    ...(options.missingAtWrite && options.missingAtWrite.length > 0 ? { MissingAtWrite: options.missingAtWrite } : {}),
  };
  const indexPath = join(dir, INDEX_FILE);
  const temp = join(dir, `.${INDEX_FILE}.partial-${token()}`);
  await writeDurable(temp, JSON.stringify(index, null, 2) + '\n');
  await rename(temp, indexPath);
  return join(finalDir, INDEX_FILE);
}

/** Areas already in a bundle (merge mode) may have been written by the original: BOM, UTF-16, even broken JSON. */
async function readManifestLoosely(path: string): Promise<TelemetryBundleManifest> {
  try {
    return JSON.parse(decodeText(await readFile(path))) as TelemetryBundleManifest;
  } catch {
    return { Artifacts: [] } as unknown as TelemetryBundleManifest;
  }
}

function defaultRootReadme(name: string, areas: WrittenArea[]): string {
  const lines = [`# Telemetry Bundle - ${name}`, '', '| Area | Artifacts | Manifest |', '|---|---:|---|'];
  for (const a of areas) lines.push(`| ${a.name} | ${a.manifest.Artifacts.length} | ${a.name}/${MANIFEST_FILE} |`);
  lines.push('', 'Verify with `statetrace bundle verify <this folder>`.', '');
  return lines.join('\n');
}

/** Move a finished staging area over `target`: the old area (if any) is renamed away first, then removed. */
async function swapInto(staging: string, target: string): Promise<void> {
  if (await pathExists(target)) {
    const old = join(dirname(target), `.${basename(target)}.replaced-${token()}`);
    await rename(target, old);
    await rename(staging, target);
    await rm(old, { recursive: true, force: true });
  } else {
    await rename(staging, target);
  }
}

async function writeDurable(path: string, text: string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function pathExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function assertSafeName(name: string, what: string): void {
  if (!SAFE_NAME.test(name)) {
    throw new StatetraceError(ErrorCode.InputInvalid, `${what} '${name}' is not a safe folder name`, {
      hint: 'use letters, digits, dot, dash and underscore, starting with a letter or digit',
    });
  }
}

function token(): string {
  return `${process.pid}-${randomBytes(4).toString('hex')}`;
}
