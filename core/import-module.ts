/**
 * Imports a user module (config, plugin, reporter) given by path. JavaScript goes through Node's own
 * `import()`. Node 20 cannot load TypeScript, so a `.ts` module is bundled with esbuild (its relative
 * imports included, npm packages left external) and the bundle imported.
 *
 * Bundles are cached in the nearest `node_modules/.cache/statetrace/modules/`, named by a hash of the
 * contents of every file that went into them: the next command imports the bundle directly when
 * none of those files changed. Starting esbuild and bundling was ~40 ms of every command's
 * start-up. Without a `node_modules` folder above the module, the bundle is written beside it,
 * imported and removed, as before.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cacheDirAbove, writeCacheFile } from './cache-dir.js';

export async function importUserModule(absolutePath: string): Promise<unknown> {
  if (!/\.(c|m)?tsx?$/.test(absolutePath)) return import(pathToFileURL(absolutePath).href);
  const cache = cacheFor(absolutePath);
  const cached = cache && cachedBundle(cache);
  if (cached) return import(pathToFileURL(cached).href);
  const { text, inputs } = await bundle(absolutePath);
  const stored = cache && storeBundle(cache, text, inputs);
  if (stored) return import(pathToFileURL(stored).href);
  // Beside the original so node_modules resolution stays the same.
  const temporary = join(dirname(absolutePath), `.${basename(absolutePath)}.${process.pid}-${randomBytes(3).toString('hex')}.mjs`);
  writeFileSync(temporary, text);
  try {
    return await import(pathToFileURL(temporary).href);
  } finally {
    rmSync(temporary, { force: true });
  }
}

async function bundle(absolutePath: string): Promise<{ text: string; inputs: string[] }> {
  const { build } = await import('esbuild');
  const workingDir = dirname(absolutePath);
  const result = await build({
    entryPoints: [absolutePath],
    absWorkingDir: workingDir,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    metafile: true,
    sourcemap: 'inline',
    logLevel: 'silent',
    // The bundle may be imported from the cache folder: the module still sees its own location.
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(absolutePath).href) },
  });
  return { text: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs).map((input) => resolve(workingDir, input)) };
}

interface BundleCache {
  dir: string;
  /** Names this module's files in the cache folder. */
  key: string;
}

/** The cache slot of a module: in the nearest `node_modules` at or above it (so packages resolve the same). */
function cacheFor(absolutePath: string): BundleCache | undefined {
  const dir = cacheDirAbove(dirname(absolutePath), 'modules');
  return dir === undefined ? undefined : { dir, key: sha1(absolutePath).slice(0, 16) };
}

/** The bundle's name: the module's key and a hash of what every input file holds now. */
function bundleName(cache: BundleCache, inputs: readonly string[]): string | undefined {
  const hash = createHash('sha1');
  for (const input of inputs) {
    if (!existsSync(input)) return undefined;
    hash.update(input).update('\0').update(readFileSync(input)).update('\0');
  }
  return `${cache.key}-${hash.digest('hex').slice(0, 20)}.mjs`;
}

/** The cached bundle, if one was made from files that all still hold what they held then. */
function cachedBundle(cache: BundleCache): string | undefined {
  try {
    const inputs = JSON.parse(readFileSync(join(cache.dir, `${cache.key}.json`), 'utf8')) as { inputs: string[] };
    const name = bundleName(cache, inputs.inputs);
    const file = name && join(cache.dir, name);
    return file && existsSync(file) ? file : undefined;
  } catch {
    return undefined; // no cache yet, or one this version cannot read: bundle afresh
  }
}

/** Keep a fresh bundle (and drop this module's older ones); undefined when the cache cannot be written. */
function storeBundle(cache: BundleCache, text: string, inputs: string[]): string | undefined {
  try {
    const name = bundleName(cache, inputs);
    if (!name) return undefined;
    mkdirSync(cache.dir, { recursive: true });
    for (const old of readdirSync(cache.dir)) if (old.startsWith(`${cache.key}-`) && old !== name) rmSync(join(cache.dir, old), { force: true });
    const file = join(cache.dir, name);
    writeCacheFile(file, text);
    writeCacheFile(join(cache.dir, `${cache.key}.json`), JSON.stringify({ inputs }));
    return file;
  } catch {
    return undefined; // a read-only or full disk only costs the cache
  }
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
