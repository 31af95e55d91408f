/**
 * Compiled schemas are cached as ajv's standalone code: a cached validator must judge and report
 * exactly as a freshly compiled one (errors with their parent schema, defaults applied), and a
 * damaged cache file must only cost a recompile.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { compileSchema, compiledSchemaFile, createValidator } from '../../core/json-schema.js';

// A schema of its own (a unique title), so this test starts from an empty cache entry.
const schema = {
  title: `json-schema test ${process.pid}-${Date.now()}`,
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', pattern: '^[a-z-]+$', description: 'lower-case words joined by -' },
    level: { enum: ['error', 'warn', 'off'], default: 'error' },
    limit: { type: 'number', minimum: 0 },
  },
};
const options = { allErrors: true, useDefaults: true, verbose: true };

const cases: Array<[string, unknown]> = [
  ['valid, with a default to fill in', { name: 'cold-ingest' }],
  ['an unknown field', { name: 'a', extra: 1 }],
  ['a missing required field', { level: 'warn' }],
  ['a value outside the enum', { name: 'a', level: 'fatal' }],
  ['a pattern mismatch and a wrong type', { name: 'Not Valid', limit: 'ten' }],
];

function outcome(validate: (data: unknown) => boolean, data: unknown) {
  const copy = structuredClone(data) as Record<string, unknown>;
  const valid = validate(copy);
  const errors = ((validate as unknown as { errors?: Array<Record<string, unknown>> }).errors ?? []).map((e) => ({ ...e, parentSchema: e.parentSchema }));
  return { valid, errors: valid ? [] : errors, data: copy };
}

describe('compileSchema', () => {
  const file = compiledSchemaFile(schema, options)!;

  it('keeps the compiled validator on disk', () => {
    rmSync(file, { force: true });
    compileSchema(schema, options);
    expect(existsSync(file)).toBe(true);
  });

  it.each(cases)('the cached validator judges %s exactly as a fresh one', (_name, data) => {
    const cached = compileSchema(schema, options);
    const fresh = createValidator(options).compile(schema);
    expect(outcome(cached, data)).toEqual(outcome(fresh, data));
  });

  it('a damaged cache file only costs a recompile (and is replaced)', () => {
    writeFileSync(file, 'this is not JavaScript (');
    // Node keeps modules it has loaded: forget this one, as a new process would not know it.
    delete createRequire(import.meta.url).cache[file];
    const validate = compileSchema(schema, options);
    expect(readFileSync(file, 'utf8')).toContain('validate');
    expect(validate({ name: 'ok' })).toBe(true);
    expect(validate({ name: 'Not OK' })).toBe(false);
  });
});
