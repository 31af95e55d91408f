/**
 * JSON Schema validators (ajv) for every schema the harness checks: scenario and gate files, gate
 * tests, plugin step options, bundle manifests, plugin records.
 *
 * Compiling a schema (ajv generating and optimizing a validation function) was ~100–150 ms of the
 * start-up of `run`, `check`, `validate` and `list`. So: ajv's code optimizer is off (our schemas
 * are small and checked at most a few hundred times per run), and `compileSchema` keeps each
 * validator's generated code in `node_modules/.cache/statetrace/schemas/`, named by a hash of the
 * schema, the options and ajv's version; the next command loads it (~1 ms) instead of compiling.
 * The cached validators are ajv's own standalone code: they report the same errors.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type Options, type ValidateFunction } from 'ajv';
// A CommonJS module: its default import is `module.exports`, whose `default` is the function.
import standalone from 'ajv/dist/standalone/index.js';
import { cacheDirAbove, writeCacheFile } from './cache-dir.js';

/** An ajv instance with the harness's settings (not strict, no code optimizer). */
export function createValidator(options: Options = {}): Ajv {
  return new Ajv({ strict: false, ...options, code: { ...options.code, optimize: false } });
}

const requireCjs = createRequire(import.meta.url);
const ajvVersion = (requireCjs('ajv/package.json') as { version: string }).version;
let cacheDir: string | null | undefined;

/** Where the compiled validator of `schema` with `options` is kept (undefined without a node_modules folder). */
export function compiledSchemaFile(schema: object, options: Options = {}): string | undefined {
  cacheDir ??= cacheDirAbove(dirname(fileURLToPath(import.meta.url)), 'schemas') ?? null;
  if (cacheDir === null) return undefined;
  return join(cacheDir, `${createHash('sha1').update(JSON.stringify({ ajvVersion, options, schema })).digest('hex').slice(0, 24)}.cjs`);
}

/** A validator for `schema` (self-contained: no `$ref` to other schemas), compiled once per machine. */
export function compileSchema(schema: object, options: Options = {}): ValidateFunction {
  const file = compiledSchemaFile(schema, options);
  if (file === undefined) return createValidator(options).compile(schema);
  if (existsSync(file)) {
    try {
      return requireCjs(file) as ValidateFunction;
    } catch {
      // A damaged cache file: compile afresh (and replace it below).
    }
  }
  const ajv = createValidator({ ...options, code: { ...options.code, source: true } });
  const validate = ajv.compile(schema);
  try {
    writeCacheFile(file, standalone.default(ajv, validate));
  } catch {
    // A read-only or full disk only costs the cache.
  }
  return validate;
}
