/**
 * Worker threads need JavaScript files. The CLI runs from `dist/` (built JS), but vitest runs the
 * TypeScript sources, so a worker started from a `.ts` module is pointed at its compiled twin under
 * `dist/` (`npm test` builds first).
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runningFromDist = projectRoot.endsWith(`${'/'}dist`) || projectRoot.endsWith('\\dist');

/**
 * URL of a worker script given as a path relative to the calling module, written as it is named
 * under `dist/` (e.g. `resolveWorkerUrl(import.meta.url, './parse.worker.js')`, or `.cjs` for a
 * worker the build bundles).
 */
export function resolveWorkerUrl(callerUrl: string, relativeJsPath: string): URL {
  const callerPath = fileURLToPath(callerUrl);
  const target = resolve(dirname(callerPath), relativeJsPath);
  if (runningFromDist || callerPath.endsWith('.js')) return pathToFileURL(target);
  const compiled = join(projectRoot, 'dist', relative(projectRoot, target));
  if (!existsSync(compiled)) {
    throw new Error(`Worker script ${compiled} is missing; run "npm run build" first (tests run the compiled workers).`);
  }
  return pathToFileURL(compiled);
}
