/**
 * Imports a user module (config, plugin, reporter) given by path. JavaScript goes through Node's own
 * `import()`. Node 20 cannot load TypeScript, so a `.ts` module is bundled with esbuild (its relative
 * imports included, npm packages left external) into a temporary `.mjs` beside it, imported, and
 * removed: esbuild does this in milliseconds, where a JS-side transpiler costs a quarter second of
 * start-up.
 */
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export async function importUserModule(absolutePath: string): Promise<unknown> {
  if (!/\.(c|m)?tsx?$/.test(absolutePath)) return import(pathToFileURL(absolutePath).href);
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [absolutePath],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  // Beside the original so relative paths (import.meta.url, node_modules resolution) stay the same.
  const temporary = join(dirname(absolutePath), `.${basename(absolutePath)}.${process.pid}-${randomBytes(3).toString('hex')}.mjs`);
  writeFileSync(temporary, result.outputFiles[0]!.text);
  try {
    return await import(pathToFileURL(temporary).href);
  } finally {
    rmSync(temporary, { force: true });
  }
}
