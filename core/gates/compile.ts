/**
 * Validate: gate YAML (already parsed) → `Gate`, checked against the metric dictionary. Every problem
 * becomes a StatetraceError at file:line:col with the valid choices listed; all problems of all files are
 * collected, so one `statetrace validate` shows everything.
 */
import type { ValidateFunction } from 'ajv';
import { compileSchema } from '../json-schema.js';
import { ErrorCode, StatetraceError, StatetraceErrorList, type SourceLocation } from '../errors.js';
import type { MetricDictionary } from '../metrics/dictionary.js';
import type { MetricDefinition, MetricKind, MetricUnit } from '../metrics/types.js';
import type { GateLevel } from '../types.js';
import { ajvErrorsToStatetrace, loadYamlFile, locate, locateKey as locateKeyOf, parseYaml, sortByLocation, type YamlPath, type YamlSource } from '../yaml.js';
import { ExpressionSyntaxError, parseExpectation } from './expression.js';
import { compileFilter } from './filter.js';
import { gateFileSchema, gateSchema } from './schema.js';
import type { CompiledExpectation, CompiledSelector, Gate, OnMissing, ParsedSelector, ParsedStatistic, PercentileMethod, Reference, StatisticName } from './types.js';
import { convertLiteral } from './units.js';

// ── Statistic rules (data, not scattered ifs) ─────────────────────────────────────────────────────

const NUMERIC: readonly StatisticName[] = ['count', 'sum', 'mean', 'min', 'max', 'percentile', 'stddev', 'distinct', 'rate', 'streak', 'age', 'ratio'];

/** Which statistics each metric kind supports. */
export const STATISTICS_BY_KIND: Record<MetricKind, readonly StatisticName[]> = {
  duration: NUMERIC,
  count: NUMERIC,
  gauge: NUMERIC,
  ratio: NUMERIC,
  label: ['count', 'distinct', 'streak', 'includes', 'ratio', 'age'],
  flag: ['count', 'rate', 'ratio', 'streak', 'distinct', 'age'],
  timestamp: ['count', 'age', 'distinct'],
  event: ['count', 'age', 'ratio'],
};

const NUMERIC_KINDS: readonly MetricKind[] = ['duration', 'count', 'gauge', 'ratio'];

function statisticDisplayName(name: StatisticName): string {
  return name === 'percentile' ? 'pNN' : name === 'ratio' ? 'ratio(A, B)' : name;
}

/** Unit of a statistic's value on a metric. */
export function statisticUnit(statistic: ParsedStatistic, metric: MetricDefinition): MetricUnit {
  switch (statistic.name) {
    case 'count':
    case 'distinct':
    case 'streak':
      return 'count';
    case 'rate':
    case 'ratio':
      return 'ratio';
    case 'age':
      return 's';
    case 'includes':
      return 'none';
    default:
      return metric.unit;
  }
}

// ── Ajv ─────────────────────────────────────────────────────────────────────────────────────────

let validators: { file: ValidateFunction; gate: ValidateFunction } | undefined;
function getValidators(): { file: ValidateFunction; gate: ValidateFunction } {
  if (!validators) {
    const options = { allErrors: true, verbose: true };
    validators = { file: compileSchema(gateFileSchema, options), gate: compileSchema(gateSchema, options) };
  }
  return validators;
}

// ── Gate files ──────────────────────────────────────────────────────────────────────────────────

export interface GateFile {
  file: string;
  plan?: string;
  owner?: string;
  task?: string;
  description?: string;
  gates: Gate[];
}

interface GateDefaults {
  level?: GateLevel;
  minSamples?: number;
  onMissing?: OnMissing;
  percentileMethod?: PercentileMethod;
  appliesTo?: Gate['appliesTo'];
  plan?: string;
  owner?: string;
  task?: string;
}

interface RawGateFile extends Omit<GateDefaults, 'level' | 'minSamples' | 'onMissing' | 'percentileMethod' | 'appliesTo'> {
  description?: string;
  metrics?: Array<{ name: string; unit: MetricUnit; kind: MetricKind; description?: string }>;
  defaults?: Pick<GateDefaults, 'level' | 'minSamples' | 'onMissing' | 'percentileMethod' | 'appliesTo'>;
  gates: Array<Record<string, unknown>>;
}

/**
 * Load, validate and compile gate files. Metric declarations of every file are registered in
 * `dictionary` first (so files may use each other's), then every gate is compiled. Throws a
 * StatetraceErrorList (exit 2) with every problem found in every file.
 */
export function loadGateFiles(files: readonly string[], dictionary: MetricDictionary): GateFile[] {
  const errors: StatetraceError[] = [];
  const sources: YamlSource[] = [];
  for (const file of files) {
    const { source, errors: yamlErrors } = loadYamlFile(file, ErrorCode.GateParse);
    errors.push(...yamlErrors);
    if (source && !yamlErrors.length) sources.push(source);
  }
  return compileGateSources(sources, dictionary, errors, files);
}

/** Compile gate files given as text (tests, plugins that ship gates in code). Same errors as `loadGateFiles`. */
export function loadGateText(text: string, file: string, dictionary: MetricDictionary): GateFile {
  const { source, errors } = parseYaml(text, file, ErrorCode.GateParse);
  return compileGateSources(errors.length ? [] : [source], dictionary, errors)[0]!;
}

function compileGateSources(sources: readonly YamlSource[], dictionary: MetricDictionary, errors: StatetraceError[], fileOrder: readonly string[] = sources.map((s) => s.file)): GateFile[] {
  const parsed: Array<{ file: string; source: YamlSource; raw: RawGateFile }> = [];
  for (const source of sources) {
    const raw = source.value;
    if (!getValidators().file(raw)) {
      // The file's shape is wrong (gates are validated one by one below, so one bad gate does not hide others).
      errors.push(...ajvErrorsToStatetrace(getValidators().file.errors, source, ErrorCode.GateInvalid, { what: 'gate file' }));
      continue;
    }
    parsed.push({ file: source.file, source, raw: raw as RawGateFile });
  }
  for (const { file, source, raw } of parsed) {
    (raw.metrics ?? []).forEach((m, i) => {
      try {
        dictionary.register({ ...m, source: `gate-file:${file}` }, locate(source, ['metrics', i]));
      } catch (e) {
        errors.push(e as StatetraceError);
      }
    });
  }
  const result: GateFile[] = [];
  for (const { file, source, raw } of parsed) {
    const defaults: GateDefaults = { ...raw.defaults, plan: raw.plan, owner: raw.owner, task: raw.task };
    const gates: Gate[] = [];
    const seen = new Map<string, number>();
    raw.gates.forEach((rawGate, index) => {
      const id = String(rawGate.id);
      const first = seen.get(id.toLowerCase());
      if (first !== undefined) {
        errors.push(
          new StatetraceError(ErrorCode.GateInvalid, `duplicate gate id "${id}"`, {
            location: locate(source, ['gates', index, 'id']),
            hint: `ids must be unique in a file; "${id}" is first used at line ${locate(source, ['gates', first, 'id']).line}`,
          }),
        );
        return;
      }
      seen.set(id.toLowerCase(), index);
      const compiled = compileGate(rawGate, source, ['gates', index], dictionary, defaults);
      if ('errors' in compiled) errors.push(...compiled.errors);
      else gates.push(compiled.gate);
    });
    result.push({ file, plan: raw.plan, owner: raw.owner, task: raw.task, description: raw.description, gates });
  }
  if (errors.length) throw new StatetraceErrorList(sortByLocation(errors, fileOrder));
  return result;
}

/**
 * Compile one gate mapping found at `path` in `source` (a gate file's `gates[i]`, or an inline gate of a
 * scenario). The gate shape is validated with ajv here too, so inline gates get the same messages.
 */
export function compileGate(
  raw: Record<string, unknown>,
  source: YamlSource,
  path: YamlPath,
  dictionary: MetricDictionary,
  defaults: GateDefaults = {},
): { gate: Gate } | { errors: StatetraceError[] } {
  const rawId: unknown = raw.id;
  if (!getValidators().gate(raw)) {
    const name = typeof rawId === 'string' ? `gate "${rawId}": ` : 'gate: ';
    return { errors: ajvErrorsToStatetrace(getValidators().gate.errors, source, ErrorCode.GateInvalid, { basePath: path, value: raw, what: 'gate', prefix: name }) };
  }
  const errors: StatetraceError[] = [];
  const at = (...sub: Array<string | number>) => locate(source, [...path, ...sub]);
  const id = raw.id as string;
  let metric: MetricDefinition | undefined;
  try {
    metric = dictionary.resolve(raw.metric as string, at('metric'));
  } catch (e) {
    errors.push(e as StatetraceError);
  }
  const expressions = Array.isArray(raw.expect) ? (raw.expect as string[]) : [raw.expect as string];
  const expectations: CompiledExpectation[] = [];
  let where: Gate['where'];
  let streakReset: Gate['streakReset'];
  try {
    if (raw.where) where = compileFilter(raw.where as Record<string, unknown>, at('where'));
    if (raw.streakReset) streakReset = compileFilter(raw.streakReset as Record<string, unknown>, at('streakReset'));
  } catch (e) {
    errors.push(e as StatetraceError);
  }
  if (metric) {
    expressions.forEach((text, i) => {
      const exprPath = Array.isArray(raw.expect) ? ['expect', i] : ['expect'];
      try {
        expectations.push(compileExpectation(text, metric!, dictionary, source, [...path, ...exprPath]));
      } catch (e) {
        if (e instanceof StatetraceErrorList) errors.push(...e.errors);
        else errors.push(e as StatetraceError);
      }
    });
  }
  if (streakReset && expectations.length && !expectations.some((e) => e.statistic.name === 'streak')) {
    errors.push(new StatetraceError(ErrorCode.GateInvalid, `streakReset only affects the streak statistic, which gate "${id}" does not use`, { location: locateKeyOf(source, [...path, 'streakReset']), hint: 'remove streakReset, or add an expectation like "streak <= 8"' }));
  }
  if (errors.length || !metric) return { errors };
  const dot = metric.name.indexOf('.');
  const gate: Gate = {
    key: `${source.file}#${id}`,
    id,
    file: source.file,
    location: at(),
    metric,
    event: dot < 0 ? metric.name : metric.name.slice(0, dot),
    ...(dot < 0 ? {} : { field: metric.name.slice(dot + 1) }),
    ...(raw.description !== undefined ? { description: raw.description as string } : {}),
    ...(where ? { where } : {}),
    ...(raw.per !== undefined ? { per: raw.per as string } : {}),
    expectations,
    level: (raw.level as GateLevel | undefined) ?? defaults.level ?? 'error',
    ...((raw.minSamples ?? defaults.minSamples) !== undefined ? { minSamples: (raw.minSamples ?? defaults.minSamples) as number } : {}),
    onMissing: (raw.onMissing as OnMissing | undefined) ?? defaults.onMissing ?? 'fail',
    percentileMethod: (raw.percentileMethod as PercentileMethod | undefined) ?? defaults.percentileMethod ?? 'linear',
    ...(streakReset ? { streakReset } : {}),
    ...((raw.appliesTo ?? defaults.appliesTo) ? { appliesTo: (raw.appliesTo ?? defaults.appliesTo) as Gate['appliesTo'] } : {}),
    ...optional('plan', (raw.plan as string | undefined) ?? defaults.plan),
    ...optional('owner', (raw.owner as string | undefined) ?? defaults.owner),
    ...optional('task', (raw.task as string | undefined) ?? defaults.task),
  };
  return { gate };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/** Parse and validate one `expect:` expression against the gate's metric. */
export function compileExpectation(
  text: string,
  metric: MetricDefinition,
  dictionary: MetricDictionary,
  source: YamlSource,
  path: YamlPath,
): CompiledExpectation {
  const location = locate(source, path);
  const fail = (message: string, hint?: string, offset = 0): never => {
    throw new StatetraceError(ErrorCode.GateInvalid, `${message} in "${text}"`, { location: offset ? locate(source, path, offset) : location, ...(hint ? { hint } : {}) });
  };
  let parsed;
  try {
    parsed = parseExpectation(text);
  } catch (e) {
    if (!(e instanceof ExpressionSyntaxError)) throw e;
    const hint = e.reason.startsWith('unknown unit') ? unitHint(metric) : e.hint;
    throw new StatetraceError(ErrorCode.GateParse, `failed parsing gate expression "${text}": ${e.reason}`, {
      location: locate(source, path, e.offset),
      ...(hint ? { hint } : {}),
    });
  }
  const allowed = STATISTICS_BY_KIND[metric.kind];
  if (!allowed.includes(parsed.statistic.name)) {
    fail(
      `statistic ${parsed.statisticText} is not supported on metric "${metric.name}" of kind ${metric.kind}`,
      `supported on ${metric.kind}: ${allowed.map(statisticDisplayName).join(', ')}`,
    );
  }
  const unit = statisticUnit(parsed.statistic, metric);
  const checkRef = (ref: Reference): void => {
    if (ref.kind === 'literal') {
      const converted = convertLiteral(ref.value, ref.unit, unit);
      if ('error' in converted) {
        const offset = Math.max(0, text.indexOf(ref.text));
        fail(`${converted.error} (${parsed.statisticText} of ${metric.name} is in ${unitName(unit)})`, converted.hint, offset);
      }
    } else if (ref.kind === 'percentOf') {
      checkRef(ref.of);
    }
  };
  const c = parsed.comparison;
  if (c.op === 'between') {
    checkRef(c.low);
    checkRef(c.high);
  } else if (c.op === 'within') checkRef(c.ref);
  else if (c.op !== 'includes') checkRef(c.ref);
  const compiled: CompiledExpectation = { ...parsed, location, unit };
  if (parsed.statistic.name === 'ratio') {
    compiled.ratio = {
      numerator: compileSelector(parsed.statistic.numerator, metric, dictionary, fail),
      denominator: compileSelector(parsed.statistic.denominator, metric, dictionary, fail),
    };
  }
  return compiled;
}

/** What a threshold on this metric may be written in, for unit errors. */
function unitHint(metric: MetricDefinition): string {
  const u = metric.unit;
  const valid =
    u === 'ms' || u === 's' || u === 'm' || u === 'h'
      ? 'ms, s, m, h (e.g. 3 s or 500 ms)'
      : u === 'ratio' || u === '%'
        ? '% (e.g. 99%)'
        : u === 'bytes'
          ? 'B, KB, MB, GB, KiB, MiB, GiB'
          : 'a plain number (no unit)';
  return `${metric.name} is in ${unitName(u)}; valid units: ${valid}`;
}

function unitName(unit: MetricUnit): string {
  return unit === 'count' ? 'a plain count' : unit === 'none' ? 'no unit' : unit === 'ratio' ? 'a fraction (0..1, write 99% or 0.99)' : unit;
}

function compileSelector(
  selector: ParsedSelector,
  gateMetric: MetricDefinition,
  dictionary: MetricDictionary,
  fail: (message: string, hint?: string) => never,
): CompiledSelector {
  const sources = selector.sources.map((s) => {
    let metric = gateMetric;
    if (s.metric) {
      const found = dictionary.get(s.metric);
      if (!found) {
        try {
          dictionary.resolve(s.metric);
        } catch (e) {
          fail(`unknown metric "${s.metric}" in ratio operand`, (e as StatetraceError).hint);
        }
      }
      metric = found!;
    }
    if (selector.aggregate === 'sum' && !NUMERIC_KINDS.includes(metric.kind)) {
      fail(`ratio operand "${selector.text}" sums "${metric.name}", which is not numeric (${metric.kind})`, 'use count, or name a numeric metric');
    }
    if (selector.aggregate === 'distinct' && metric.kind === 'event') {
      fail(`ratio operand "${selector.text}" counts distinct values of "${metric.name}", which has no field`, 'name a field, e.g. distinct SkippedDuplicate.Hostname');
    }
    let filter;
    try {
      filter = s.filter ? compileFilter(s.filter) : undefined;
    } catch (e) {
      fail((e as StatetraceError).message, (e as StatetraceError).hint);
    }
    const dot = metric.name.indexOf('.');
    return {
      metric,
      event: dot < 0 ? metric.name : metric.name.slice(0, dot),
      ...(dot < 0 ? {} : { field: metric.name.slice(dot + 1) }),
      ...(filter ? { filter } : {}),
      inheritsWhere: !s.metric,
      text: s.text || 'all',
    };
  });
  return { aggregate: selector.aggregate, sources, text: selector.text };
}

/** Whether a gate is evaluated for a scenario (`appliesTo`); gates without it apply everywhere. */
export function gateApplies(gate: Gate, scenario: { name: string; tags?: readonly string[] }): boolean {
  if (!gate.appliesTo) return true;
  const tags = new Set((scenario.tags ?? []).map((t) => t.toLowerCase()));
  if (gate.appliesTo.exceptTags?.some((t) => tags.has(t.toLowerCase()))) return false;
  if (!gate.appliesTo.tags && !gate.appliesTo.scenarios) return true;
  if (gate.appliesTo.scenarios?.some((s) => s.toLowerCase() === scenario.name.toLowerCase())) return true;
  if (gate.appliesTo.tags?.some((t) => tags.has(t.toLowerCase()))) return true;
  return false;
}

export type { SourceLocation };
