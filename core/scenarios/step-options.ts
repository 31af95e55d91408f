/**
 * Validation of a step's `with:` options against the step's JSON schema (ajv, defaults applied). At load
 * time, a value that is exactly one `${…}` expression cannot be checked yet (its type is only known after
 * interpolation), so errors at or below such a value are ignored; the runner validates again afterwards.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { compileSchema } from '../json-schema.js';
import { ErrorCode, StatetraceError, type SourceLocation } from '../errors.js';
import { valueAt } from '../yaml.js';

const EXACT_EXPRESSION = /^\$\{[^{}]+\}$/;

export function isExactExpression(value: unknown): boolean {
  return typeof value === 'string' && EXACT_EXPRESSION.test(value.trim());
}

const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = compileSchema(schema, { allErrors: true, useDefaults: true, verbose: true });
    compiled.set(schema, validate);
  }
  return validate;
}

export interface StepOptionsProblem {
  /** Path inside `with:` (empty for the options object itself). */
  path: Array<string | number>;
  message: string;
  hint?: string;
}

/**
 * Check options without throwing: the options with defaults applied, and the problems found.
 * `allowExpressions` skips values that are exactly one `${…}` expression.
 */
export function checkStepOptions(
  schema: Record<string, unknown>,
  options: unknown,
  { allowExpressions = false }: { allowExpressions?: boolean } = {},
): { value: Record<string, unknown>; problems: StepOptionsProblem[] } {
  const value = structuredClone(options ?? {}) as Record<string, unknown>;
  let validate: ValidateFunction;
  try {
    validate = validatorFor(schema);
  } catch (e) {
    return { value, problems: [{ path: [], message: `the step's option schema is invalid: ${(e as Error).message}` }] };
  }
  if (validate(value)) return { value, problems: [] };
  const problems: StepOptionsProblem[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') continue;
    const path = splitPointer(error.instancePath);
    if (allowExpressions && underExpression(options, path)) continue;
    const problem = describe(error, path, options);
    const key = `${path.join('.')}|${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return { value, problems };
}

/**
 * Validate options (after interpolation) for the runner. Returns them with defaults applied; throws one
 * StatetraceError (exit 2) listing every problem.
 */
export function validateStepOptions(schema: Record<string, unknown>, options: unknown, location: SourceLocation | undefined, uses?: string): Record<string, unknown> {
  const { value, problems } = checkStepOptions(schema, options);
  if (problems.length === 0) return value;
  const list = problems.map((p) => `${p.path.length ? `with.${p.path.join('.')}` : 'with'}: ${p.message}`).join('; ');
  const hints = problems.map((p) => p.hint).filter(Boolean);
  return fail(
    new StatetraceError(ErrorCode.ScenarioInvalid, `invalid options for step${uses ? ` "${uses}"` : ''}: ${list}`, {
      ...(location ? { location } : {}),
      ...(hints.length ? { hint: hints.join('; ') } : {}),
    }),
  );
}

function fail(error: StatetraceError): never {
  throw error;
}

function splitPointer(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function underExpression(options: unknown, path: ReadonlyArray<string | number>): boolean {
  let current = options;
  if (isExactExpression(current)) return true;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return false;
    current = (current as Record<string | number, unknown>)[segment];
    if (isExactExpression(current)) return true;
  }
  return false;
}

function describe(error: ErrorObject, path: Array<string | number>, options: unknown): StepOptionsProblem {
  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = String(error.params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
      return { path: [...path, extra], message: `unknown option "${extra}"`, ...(allowed.length ? { hint: `options of this step: ${allowed.join(', ')}` } : {}) };
    }
    case 'required':
      return { path, message: `missing required option "${String(error.params.missingProperty)}"` };
    case 'enum':
      return { path, message: `${JSON.stringify(valueAt(options, path))} is not allowed`, hint: `use one of: ${(error.params.allowedValues as unknown[]).map(String).join(', ')}` };
    case 'type':
      return { path, message: `expected ${String(error.params.type)}, got ${JSON.stringify(valueAt(options, path)) ?? 'nothing'}` };
    default:
      return { path, message: error.message ?? error.keyword };
  }
}

