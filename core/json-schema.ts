/**
 * One way to make a JSON Schema validator (ajv), for every schema the harness checks: config-time
 * files (scenarios, gate files, gate tests), plugin step options, plugin records. Ajv's code
 * optimizer is off: our schemas are small and checked a few hundred times per run at most, while
 * optimizing their generated code was ~50 ms of every command's start-up.
 */
import { Ajv, type Options } from 'ajv';

export function createValidator(options: Options = {}): Ajv {
  return new Ajv({ strict: false, ...options, code: { ...options.code, optimize: false } });
}
