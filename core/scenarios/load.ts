/**
 * Scenario loading: YAML → ajv-validated shape → `ScenarioPlan` with steps resolved against the loaded
 * plugins, `with:` options checked against each step's schema, and gates compiled (referenced gate files
 * and inline gates). Every error in every file is collected and thrown together (exit 2).
 */
import { isAbsolute, resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { compileSchema } from '../json-schema.js';
import { closestMatches, ErrorCode, StatetraceError, StatetraceErrorList } from '../errors.js';
import { compileGate, loadGateFiles, type GateFile } from '../gates/compile.js';
import type { Gate } from '../gates/types.js';
import type { MetricDictionary } from '../metrics/dictionary.js';
import type { StepDefinition } from '../plugin.js';
import { ajvErrorsToStatetrace, loadYamlFile, locate, locateKey, sortByLocation, type YamlSource } from '../yaml.js';
import { checkStepOptions } from './step-options.js';
import type { PlannedStep, ScenarioPlan } from './types.js';
import { parseDurationMs } from '../duration.js';

const DURATION = '^\\s*\\d+(\\.\\d+)?\\s*(ms|s|m|h)\\s*$';

export const scenarioSchema = {
  type: 'object',
  required: ['name', 'steps'],
  properties: {
    name: { type: 'string', pattern: '^[A-Za-z0-9._-]+$', description: 'letters, digits, ".", "_" and "-" only' },
    description: { type: 'string' },
    tags: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z0-9._:-]+$', description: 'tags are single words (letters, digits, . _ : -)' } },
    timeout: { anyOf: [{ type: 'string', pattern: DURATION, description: "a duration like '500ms', '90s', '5m' or '1h'" }, { type: 'number', exclusiveMinimum: 0 }] },
    /** A gate file path, or an inline gate (validated on its own against the gate schema when compiled). */
    gates: { type: 'array', items: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'object' }] } },
    steps: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['uses'],
        properties: {
          id: { type: 'string', pattern: '^[A-Za-z0-9_-]+$', description: 'letters, digits, "_" and "-" (used in ${steps.<id>.<key>})' },
          name: { type: 'string' },
          uses: { type: 'string', minLength: 1 },
          with: { type: 'object' },
          timeout: { anyOf: [{ type: 'string', pattern: DURATION, description: "a duration like '500ms', '90s', '5m' or '1h'" }, { type: 'number', exclusiveMinimum: 0 }] },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;

let validator: ValidateFunction | undefined;
function validateScenario(value: unknown): ValidateFunction {
  validator ??= compileSchema(scenarioSchema, { allErrors: true, verbose: true });
  validator(value);
  return validator;
}

export interface LoadScenariosOptions {
  dictionary: MetricDictionary;
  /** The step a `uses:` names, or undefined when no loaded plugin provides it. */
  resolveStep(uses: string): StepDefinition<any> | undefined;
  /** Every known step name, for "did you mean" suggestions. */
  stepNames?: () => Iterable<string>;
  /** Project root: gate file paths in scenarios are relative to it. */
  rootDir: string;
  /** Timeout of scenarios without `timeout:` (default 15 minutes, the config default). */
  defaultTimeoutMs?: number;
}

interface RawScenario {
  name: string;
  description?: string;
  tags?: string[];
  timeout?: string | number;
  gates?: Array<string | Record<string, unknown>>;
  steps: Array<{ id?: string; name?: string; uses: string; with?: Record<string, unknown>; timeout?: string | number }>;
}

/**
 * Load scenario files. Throws a StatetraceErrorList with every problem of every file: YAML syntax, shape,
 * unknown steps (with the closest names), invalid `with:` options, gate problems, duplicate names.
 */
export async function loadScenarios(files: readonly string[], options: LoadScenariosOptions): Promise<ScenarioPlan[]> {
  const errors: StatetraceError[] = [];
  const plans: ScenarioPlan[] = [];
  const gateFileCache = new Map<string, GateFile | null>();
  const firstByName = new Map<string, ScenarioPlan>();
  for (const file of files) {
    const { source, errors: yamlErrors } = loadYamlFile(file, ErrorCode.ScenarioInvalid);
    errors.push(...yamlErrors);
    if (!source || yamlErrors.length) continue;
    const validate = validateScenario(source.value);
    if (validate.errors?.length) {
      errors.push(...ajvErrorsToStatetrace(validate.errors, source, ErrorCode.ScenarioInvalid, { what: 'scenario' }));
      continue;
    }
    const plan = buildPlan(source, source.value as RawScenario, options, gateFileCache, errors);
    if (!plan) continue;
    const previous = firstByName.get(plan.name.toLowerCase());
    if (previous) {
      errors.push(
        new StatetraceError(ErrorCode.ScenarioInvalid, `duplicate scenario name "${plan.name}"`, {
          location: plan.location,
          hint: `already used by ${previous.file}:${previous.location.line ?? 1}; scenario names must be unique`,
        }),
      );
      continue;
    }
    firstByName.set(plan.name.toLowerCase(), plan);
    plans.push(plan);
  }
  if (errors.length) throw new StatetraceErrorList(sortByLocation(errors, files));
  return plans;
}

function buildPlan(
  source: YamlSource,
  raw: RawScenario,
  options: LoadScenariosOptions,
  gateFileCache: Map<string, GateFile | null>,
  errors: StatetraceError[],
): ScenarioPlan | undefined {
  const before = errors.length;
  const steps: PlannedStep[] = [];
  const stepIds = new Map<string, number>();
  raw.steps.forEach((step, i) => {
    const location = locate(source, ['steps', i]);
    const id = step.id ?? `${i + 1}-${step.uses}`;
    const previous = stepIds.get(id);
    if (previous !== undefined) {
      errors.push(new StatetraceError(ErrorCode.ScenarioInvalid, `duplicate step id "${id}"`, { location: locate(source, ['steps', i, 'id']), hint: `step ids must be unique in a scenario (first used by step ${previous + 1})` }));
    }
    stepIds.set(id, i);
    const definition = options.resolveStep(step.uses);
    if (!definition) {
      const known = options.stepNames ? [...options.stepNames()] : [];
      const suggestions = closestMatches(step.uses, known, 3);
      errors.push(
        new StatetraceError(ErrorCode.ScenarioInvalid, `unknown step "${step.uses}"`, {
          location: locate(source, ['steps', i, 'uses']),
          hint: suggestions.length ? `did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}? (steps are <plugin>.<step>; is the plugin listed in the config?)` : 'steps are <plugin>.<step>; check that the plugin is listed in the config',
        }),
      );
    }
    let withValue = step.with ?? {};
    if (definition) {
      const { value, problems } = checkStepOptions(definition.schema, withValue, { allowExpressions: true });
      for (const p of problems) {
        const path = ['steps', i, 'with', ...p.path];
        const where = p.message.startsWith('unknown option') ? locateKey(source, path) : locate(source, path);
        errors.push(new StatetraceError(ErrorCode.ScenarioInvalid, `step "${step.uses}": with${p.path.length ? `.${p.path.join('.')}` : ''}: ${p.message}`, { location: where, ...(p.hint ? { hint: p.hint } : {}) }));
      }
      withValue = value;
    }
    // The schema only admits valid durations, so parsing cannot fail here.
    const timeoutMs = step.timeout === undefined ? undefined : parseDurationMs(step.timeout);
    steps.push({ id, uses: step.uses, with: withValue, ...(timeoutMs !== undefined ? { timeoutMs } : {}), location });
  });

  const gates: Gate[] = [];
  const gateFiles: string[] = [];
  const inlineIds = new Set<string>();
  (raw.gates ?? []).forEach((entry, i) => {
    if (typeof entry === 'string') {
      const path = isAbsolute(entry) ? entry : resolve(options.rootDir, entry);
      let loaded = gateFileCache.get(path);
      if (loaded === undefined) {
        try {
          loaded = loadGateFiles([path], options.dictionary)[0] ?? null;
        } catch (e) {
          if (!(e instanceof StatetraceErrorList)) throw e;
          const missing = e.errors.length === 1 && e.errors[0]!.code === ErrorCode.InputMissing;
          if (missing) {
            errors.push(new StatetraceError(ErrorCode.ScenarioInvalid, `gate file "${entry}" not found (looked at ${path})`, { location: locate(source, ['gates', i]), hint: 'gate file paths are relative to the project root' }));
          } else {
            errors.push(...e.errors);
          }
          loaded = null;
        }
        gateFileCache.set(path, loaded);
      }
      if (loaded) {
        gates.push(...loaded.gates);
        gateFiles.push(path);
      }
      return;
    }
    const id = String(entry.id ?? '');
    if (inlineIds.has(id.toLowerCase())) {
      errors.push(new StatetraceError(ErrorCode.ScenarioInvalid, `duplicate inline gate id "${id}"`, { location: locate(source, ['gates', i, 'id']), hint: 'inline gate ids must be unique in a scenario' }));
      return;
    }
    inlineIds.add(id.toLowerCase());
    const compiled = compileGate(entry, source, ['gates', i], options.dictionary);
    if ('errors' in compiled) errors.push(...compiled.errors);
    else gates.push(compiled.gate);
  });

  if (errors.length > before) return undefined;
  return {
    name: raw.name,
    file: source.file,
    ...(raw.description !== undefined ? { description: raw.description } : {}),
    tags: raw.tags ?? [],
    timeoutMs: (raw.timeout === undefined ? undefined : parseDurationMs(raw.timeout)) ?? options.defaultTimeoutMs ?? 15 * 60_000,
    steps,
    gates,
    gateFiles,
    location: locate(source, ['name']),
  };
}
