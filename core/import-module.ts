/**
 * Imports a user module (plugin, reporter) given by path. JavaScript goes through Node's own
 * `import()`; TypeScript through jiti, because Node 20 cannot load `.ts` files itself.
 */
import { pathToFileURL } from 'node:url';

export async function importUserModule(absolutePath: string): Promise<unknown> {
  if (/\.(c|m)?tsx?$/.test(absolutePath)) {
    const { createJiti } = await import('jiti');
    return createJiti(import.meta.url, { interopDefault: false }).import(absolutePath);
  }
  return import(pathToFileURL(absolutePath).href);
}
