/**
 * `${…}` interpolation of a step's `with:` options: `${steps.<id>.<key>}`, `${runDir}`, `${rootDir}`,
 * `${scenario}`, `${env.NAME}`. A string that is exactly one expression keeps the referenced value's
 * type (so `${steps.corpus.hosts}` stays a number); expressions inside longer strings are stringified.
 */
import { ErrorCode, StatetraceError } from './errors.js';

export interface InterpolationScope {
  runDir: string;
  rootDir: string;
  scenario: string;
  steps: Readonly<Record<string, Record<string, unknown>>>;
  env: NodeJS.ProcessEnv;
}

const EXPRESSION = /\$\{\s*([A-Za-z_][\w.-]*)\s*\}/g;
const WHOLE_EXPRESSION = /^\$\{\s*([A-Za-z_][\w.-]*)\s*\}$/;

export function interpolate(value: unknown, scope: InterpolationScope): unknown {
  if (typeof value === 'string') return interpolateString(value, scope);
  if (Array.isArray(value)) return value.map((v) => interpolate(v, scope));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, scope)]));
  }
  return value;
}

function interpolateString(text: string, scope: InterpolationScope): unknown {
  const whole = WHOLE_EXPRESSION.exec(text);
  if (whole) return lookup(whole[1]!, scope);
  return text.replace(EXPRESSION, (_, path: string) => {
    const resolved = lookup(path, scope);
    return typeof resolved === 'string' ? resolved : JSON.stringify(resolved);
  });
}

function lookup(path: string, scope: InterpolationScope): unknown {
  const [head, ...rest] = path.split('.');
  switch (head) {
    case 'runDir':
    case 'rootDir':
    case 'scenario':
      if (rest.length === 0) return scope[head];
      break;
    case 'env': {
      const name = rest.join('.');
      const value = scope.env[name];
      if (value === undefined) {
        throw new StatetraceError(ErrorCode.InputMissing, `\${env.${name}} is not set`, { hint: `set the environment variable ${name}` });
      }
      return value;
    }
    case 'steps': {
      const [stepId, ...keys] = rest;
      const outputs = stepId === undefined ? undefined : scope.steps[stepId];
      if (!outputs) {
        throw new StatetraceError(ErrorCode.InputInvalid, `\${${path}}: no earlier step with id "${stepId}" returned outputs`, {
          hint: `earlier step ids with outputs: ${Object.keys(scope.steps).join(', ') || '(none)'}`,
        });
      }
      let current: unknown = outputs;
      for (const key of keys) {
        if (current === null || typeof current !== 'object' || !(key in current)) {
          throw new StatetraceError(ErrorCode.InputInvalid, `\${${path}}: step "${stepId}" has no output "${keys.join('.')}"`, {
            hint: `its outputs: ${Object.keys(outputs).join(', ')}`,
          });
        }
        current = (current as Record<string, unknown>)[key];
      }
      return current;
    }
  }
  throw new StatetraceError(ErrorCode.InputInvalid, `Unknown interpolation \${${path}}`, {
    hint: 'use ${steps.<id>.<key>}, ${runDir}, ${rootDir}, ${scenario} or ${env.NAME}',
  });
}
