/**
 * Location of the shared StateTrace reference corpus (`../shared/corpus/statetrace` relative to the
 * project root). It is never copied into the repo; tests that need it skip with a message naming
 * the folder when it is absent (CI always has it).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Project root, whether running from sources (vitest) or from `dist/`. */
export const projectRoot = (() => {
  const here = dirname(fileURLToPath(import.meta.url));
  const up = resolve(here, '..');
  return up.endsWith('/dist') || up.endsWith('\\dist') ? resolve(up, '..') : up;
})();

export const corpusRoot = resolve(projectRoot, '..', 'shared', 'corpus', 'statetrace');
export const hasCorpus = existsSync(corpusRoot);

/** Absolute path of a file or folder inside the corpus. */
export function corpusPath(...parts: string[]): string {
  return join(corpusRoot, ...parts);
}

/** Reason shown when corpus tests are skipped. */
export const corpusSkipReason = `shared corpus not found at ${corpusRoot} (expected ../shared/corpus/statetrace beside the project)`;

if (!hasCorpus) {
  console.warn(`[statetrace tests] skipping corpus conformance tests: ${corpusSkipReason}`);
}
