/**
 * TypeScript user modules (the config, plugins, reporters): bundled with esbuild, and the bundle
 * cached by what its files hold — a change to the module or to anything it imports is picked up,
 * an unchanged module is imported without bundling again.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importUserModule } from '../../core/import-module.js';

const root = mkdtempSync(join(tmpdir(), 'import-module-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function project(name: string, withNodeModules: boolean): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'lib'), { recursive: true });
  if (withNodeModules) mkdirSync(join(dir, 'node_modules'));
  writeFileSync(join(dir, 'lib', 'helper.ts'), "export const greeting: string = 'hello';\n");
  writeFileSync(join(dir, 'config.ts'), "import { greeting } from './lib/helper.js';\nexport default { greeting, url: import.meta.url };\n");
  return dir;
}

async function load(dir: string): Promise<{ greeting: string; url: string }> {
  const mod = (await importUserModule(join(dir, 'config.ts'))) as { default: { greeting: string; url: string } };
  return mod.default;
}

describe('importUserModule', () => {
  it('bundles a TypeScript module with its relative imports; the module sees its own URL', async () => {
    const dir = project('plain', true);
    expect(await load(dir)).toEqual({ greeting: 'hello', url: pathToFileURL(join(dir, 'config.ts')).href });
  });

  it('keeps the bundle in node_modules/.cache and imports it again while nothing changed', async () => {
    const dir = project('cached', true);
    const cacheDir = join(dir, 'node_modules', '.cache', 'statetrace', 'modules');
    await load(dir);
    const first = readdirSync(cacheDir).filter((f) => f.endsWith('.mjs'));
    expect(first).toHaveLength(1);
    expect((await load(dir)).greeting).toBe('hello');
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.mjs'))).toEqual(first);
  });

  it('bundles again when an imported file changes, and drops the stale bundle', async () => {
    const dir = project('changed', true);
    const cacheDir = join(dir, 'node_modules', '.cache', 'statetrace', 'modules');
    await load(dir);
    writeFileSync(join(dir, 'lib', 'helper.ts'), "export const greeting: string = 'hullo';\n");
    expect((await load(dir)).greeting).toBe('hullo');
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.mjs'))).toHaveLength(1);
  });

  it('without a node_modules folder above it, bundles beside the module and leaves nothing behind', async () => {
    const dir = project('bare', false);
    expect((await load(dir)).greeting).toBe('hello');
    expect(readdirSync(dir).sort()).toEqual(['config.ts', 'lib']);
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
  });
});
