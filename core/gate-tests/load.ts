/**
 * Load a gate test file: parse the YAML, validate its shape (ajv), compile the gate files it names,
 * and check every reference a case makes (gate ids, statistics, groups, baseline keys, timestamps,
 * telemetry files) so that a typo is an error at file:line:col (exit 2) and never a silently passing
 * or failing case. Paths in a test file are relative to the test file's own directory.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { compileSchema } from '../json-schema.js';
import { closestMatches, editDistance, ErrorCode, StatetraceError, StatetraceErrorList, type SourceLocation } from '../errors.js';
import { loadGateFiles, type Gate, type GateFile } from '../gates/index.js';
import type { MetricDictionary } from '../metrics/dictionary.js';
import type { TelemetryRecord } from '../telemetry/types.js';
import type { FactValue, Verdict } from '../types.js';
import { ajvErrorsToStatetrace, loadYamlFile, locate, locateKey, sortByLocation, type YamlPath, type YamlSource } from '../yaml.js';
import { gateTestFileSchema } from './schema.js';
import { expandEvent, readTelemetryFile } from './telemetry.js';
import type { ExpectedResult, GateTestCase, GateTestFile, TelemetrySource } from './types.js';

// ── Raw shapes (what ajv guarantees) ────────────────────────────────────────────────────────────

type RawEvents = Array<Record<string, unknown>>;

interface RawExpectation {
  gate: string;
  group?: string | number;
  statistic?: string;
  verdict?: Verdict;
  applies?: boolean;
  actual?: number | string;
  samples?: number;
  message?: string;
}

interface RawCase {
  name: string;
  description?: string;
  scenario?: string;
  tags?: string[];
  now?: string;
  facts?: Record<string, FactValue>;
  scenarios?: Record<string, RawEvents | { telemetryFile: string }>;
  baseline?: Record<string, number>;
  baselines?: Record<string, Record<string, number>>;
  telemetry?: RawEvents;
  telemetryFile?: string;
  exhaustive?: boolean;
  expect: RawExpectation[];
}

interface RawTestFile {
  description?: string;
  gates: string | string[];
  now?: string;
  cases: RawCase[];
}

let validator: ValidateFunction | undefined;
function validate(): ValidateFunction {
  validator ??= compileSchema(gateTestFileSchema, { allErrors: true, verbose: true });
  return validator;
}

/** Scenario name a case is evaluated under unless it says otherwise. */
export const DEFAULT_SCENARIO = 'gate-test';

export interface LoadGateTestOptions {
  /** A dictionary for this file alone: gate files may declare metrics, which must not leak between test files. */
  dictionary: MetricDictionary;
  /** Evaluation time when neither the case nor the file sets `now` (the CLI passes the clock). */
  now: number;
}

/**
 * Load and validate one test file. Throws a StatetraceErrorList (exit 2) with every problem found:
 * in the test file, in the gate files it names, in the telemetry files its cases read.
 */
export async function loadGateTestFile(file: string, options: LoadGateTestOptions): Promise<GateTestFile> {
  const { source, errors: yamlErrors } = loadYamlFile(file, ErrorCode.InputInvalid);
  if (!source || yamlErrors.length) throw new StatetraceErrorList(yamlErrors);
  if (!validate()(source.value)) {
    throw new StatetraceErrorList(sortByLocation(ajvErrorsToStatetrace(validate().errors, source, ErrorCode.InputInvalid, { what: 'gate test file' }), [file]));
  }
  const raw = source.value as RawTestFile;
  const errors: StatetraceError[] = [];
  const at = (path: YamlPath) => locate(source, path);
  const dir = dirname(file);

  // Gate files, relative to the test file.
  const gateEntries = typeof raw.gates === 'string' ? [{ path: raw.gates, yaml: ['gates'] }] : raw.gates.map((path, i) => ({ path, yaml: ['gates', i] }));
  const gatePaths: string[] = [];
  for (const entry of gateEntries) {
    const absolute = resolve(dir, entry.path);
    if (!existsSync(absolute) || !statSync(absolute).isFile()) {
      errors.push(new StatetraceError(ErrorCode.InputMissing, `gate file ${entry.path} not found (looked for ${absolute})`, { location: at(entry.yaml), hint: `gate paths are relative to the test file's folder (${dir})` }));
    } else if (!gatePaths.includes(absolute)) gatePaths.push(absolute);
  }
  if (errors.length) throw new StatetraceErrorList(errors);
  let gateFiles: GateFile[];
  try {
    gateFiles = loadGateFiles(gatePaths, options.dictionary);
  } catch (error) {
    if (!(error instanceof StatetraceErrorList)) throw error;
    const note = new StatetraceError(ErrorCode.GateInvalid, `the gate files this test loads are invalid (${error.errors.length} problem${error.errors.length === 1 ? '' : 's'} below)`, { location: at(['gates']) });
    throw new StatetraceErrorList([note, ...error.errors]);
  }
  const gates = gateFiles.flatMap((g) => g.gates);
  const findGate = gateFinder(gates, dir);

  const fileNow = raw.now === undefined ? options.now : parseNow(raw.now, at(['now']), errors);
  const cases: GateTestCase[] = [];
  const names = new Map<string, number>();
  for (const [c, rawCase] of raw.cases.entries()) {
    const path: YamlPath = ['cases', c];
    const previous = names.get(rawCase.name.toLowerCase());
    if (previous !== undefined) {
      errors.push(new StatetraceError(ErrorCode.InputInvalid, `duplicate case name "${rawCase.name}"`, { location: at([...path, 'name']), hint: `case names must be unique in a file; it is first used at line ${at(['cases', previous, 'name']).line}` }));
    }
    names.set(rawCase.name.toLowerCase(), c);
    const loaded = await loadCase(rawCase, { source, path, dir, findGate, now: fileNow ?? options.now, errors });
    if (loaded) cases.push(loaded);
  }
  if (errors.length) throw new StatetraceErrorList(sortByLocation(errors, [file]));
  return { file, gateFiles, gates, cases };
}

interface CaseContext {
  source: YamlSource;
  path: YamlPath;
  dir: string;
  findGate: (ref: string) => { gate: Gate } | { error: string; hint: string };
  now: number;
  errors: StatetraceError[];
}

async function loadCase(raw: RawCase, ctx: CaseContext): Promise<GateTestCase | undefined> {
  const { source, path, errors } = ctx;
  const at = (...sub: Array<string | number>) => locate(source, [...path, ...sub]);
  const before = errors.length;

  let telemetry: TelemetrySource | undefined;
  if (raw.telemetry !== undefined && raw.telemetryFile !== undefined) {
    errors.push(new StatetraceError(ErrorCode.InputInvalid, `case "${raw.name}" has both telemetry and telemetryFile`, { location: locateKey(source, [...path, 'telemetryFile']), hint: 'keep one: inline events under telemetry:, or a file under telemetryFile:' }));
  } else if (raw.telemetry !== undefined) {
    telemetry = inlineEvents(raw.telemetry, source, [...path, 'telemetry'], errors);
  } else if (raw.telemetryFile !== undefined) {
    telemetry = await fileEvents(raw.telemetryFile, ctx.dir, at('telemetryFile'), errors);
  } else {
    errors.push(new StatetraceError(ErrorCode.InputInvalid, `case "${raw.name}" has no telemetry`, { location: at(), hint: 'add telemetry: [events] (telemetry: [] for the empty-data case) or telemetryFile: <path>' }));
  }

  const scenarios: Record<string, TelemetrySource> = {};
  for (const [name, value] of Object.entries(raw.scenarios ?? {})) {
    const events = Array.isArray(value) ? inlineEvents(value, source, [...path, 'scenarios', name], errors) : await fileEvents(value.telemetryFile, ctx.dir, at('scenarios', name, 'telemetryFile'), errors);
    if (events) scenarios[name] = events;
  }

  const baseline = baselineKeys(raw.baseline ?? {}, ctx, [...path, 'baseline']);
  const baselines: Record<string, Record<string, number>> = {};
  for (const [name, values] of Object.entries(raw.baselines ?? {})) baselines[name] = baselineKeys(values, ctx, [...path, 'baselines', name]);

  const expect: ExpectedResult[] = [];
  for (const [e, rawExpect] of raw.expect.entries()) {
    const expectation = loadExpectation(rawExpect, ctx, [...path, 'expect', e]);
    if (expectation) expect.push(expectation);
  }

  const now = raw.now === undefined ? ctx.now : parseNow(raw.now, at('now'), errors);
  if (errors.length > before || !telemetry || now === undefined) return undefined;
  return {
    name: raw.name,
    location: at(),
    scenario: raw.scenario ?? DEFAULT_SCENARIO,
    tags: raw.tags ?? [],
    now,
    facts: raw.facts ?? {},
    scenarios,
    baseline,
    baselines,
    telemetry,
    expect,
    exhaustive: raw.exhaustive ?? false,
  };
}

function inlineEvents(raw: RawEvents, source: YamlSource, path: YamlPath, errors: StatetraceError[]): TelemetrySource {
  const events: TelemetryRecord[] = [];
  raw.forEach((event, i) => {
    const expanded = expandEvent(event);
    if ('error' in expanded) errors.push(new StatetraceError(ErrorCode.InputInvalid, expanded.error, { location: locate(source, [...path, i, expanded.key]), hint: expanded.hint }));
    else events.push(...expanded.events);
  });
  return { events };
}

async function fileEvents(path: string, dir: string, location: SourceLocation, errors: StatetraceError[]): Promise<TelemetrySource | undefined> {
  const absolute = resolve(dir, path);
  if (!existsSync(absolute) || !statSync(absolute).isFile()) {
    errors.push(new StatetraceError(ErrorCode.InputMissing, `telemetry file ${path} not found (looked for ${absolute})`, { location, hint: `telemetryFile is relative to the test file's folder (${dir})` }));
    return undefined;
  }
  try {
    return { events: await readTelemetryFile(absolute, location), file: absolute };
  } catch (error) {
    if (!(error instanceof StatetraceError)) throw error;
    errors.push(error);
    return undefined;
  }
}

function parseNow(text: string, location: SourceLocation, errors: StatetraceError[]): number | undefined {
  const time = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : NaN;
  if (Number.isFinite(time)) return time;
  errors.push(new StatetraceError(ErrorCode.InputInvalid, `now: "${text}" is not an ISO-8601 timestamp`, { location, hint: 'write it like 2025-12-06T08:00:00Z (or with an offset, +01:00)' }));
  return undefined;
}

/** `gateId` / `gateId[group]` / `file#gateId[group]` → `<gate key>` / `<gate key>[group]` (group lower-cased). */
function baselineKeys(values: Record<string, number>, ctx: CaseContext, path: YamlPath): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(values)) {
    const match = /^(.+?)(?:\[(.*)\])?$/.exec(key.trim());
    const found = ctx.findGate(match?.[1] ?? key);
    if ('error' in found) {
      ctx.errors.push(new StatetraceError(ErrorCode.InputInvalid, `baseline key "${key}": ${found.error}`, { location: locateKey(ctx.source, [...path, key]), hint: `${found.hint}; write gateId or gateId[group]` }));
      continue;
    }
    out[baselineKey(found.gate.key, match?.[2])] = value;
  }
  return out;
}

export function baselineKey(gateKey: string, group: string | undefined): string {
  return group === undefined ? gateKey : `${gateKey}[${group.toLowerCase()}]`;
}

function loadExpectation(raw: RawExpectation, ctx: CaseContext, path: YamlPath): ExpectedResult | undefined {
  const { source, errors } = ctx;
  const at = (...sub: string[]) => locate(source, [...path, ...sub]);
  const found = ctx.findGate(raw.gate);
  if ('error' in found) {
    errors.push(new StatetraceError(ErrorCode.InputInvalid, found.error, { location: at('gate'), hint: found.hint }));
    return undefined;
  }
  const gate = found.gate;
  const before = errors.length;
  const applies = raw.applies ?? true;
  if (applies && raw.verdict === undefined) {
    errors.push(new StatetraceError(ErrorCode.InputInvalid, `expectation for gate "${raw.gate}" has no verdict`, { location: at(), hint: 'add verdict: pass | fail | warn | not_evaluated, or applies: false when the gate must not run in this case' }));
  }
  if (!applies) {
    const extra = (['verdict', 'group', 'statistic', 'actual', 'samples', 'message'] as const).find((k) => raw[k] !== undefined);
    if (extra) errors.push(new StatetraceError(ErrorCode.InputInvalid, `"${extra}" means nothing with applies: false (the gate produces no result)`, { location: locateKey(source, [...path, extra]), hint: `remove ${extra}, or applies: false` }));
  }
  if (raw.group !== undefined && !gate.per) {
    errors.push(new StatetraceError(ErrorCode.InputInvalid, `gate "${gate.id}" has no per:, so its results have no group`, { location: at('group'), hint: 'remove group:' }));
  }
  if (raw.statistic !== undefined && !gate.expectations.some((e) => matchesStatistic(raw.statistic!, e.statisticText, e.text))) {
    errors.push(
      new StatetraceError(ErrorCode.InputInvalid, `gate "${gate.id}" has no expectation with statistic "${raw.statistic}"`, {
        location: at('statistic'),
        hint: `its expectations: ${gate.expectations.map((e) => `${e.statisticText} (${e.text})`).join(', ')}`,
      }),
    );
  }
  if (errors.length > before) return undefined;
  return {
    gateRef: raw.gate,
    gate,
    ...(raw.group !== undefined ? { group: String(raw.group) } : {}),
    ...(raw.statistic !== undefined ? { statistic: raw.statistic } : {}),
    ...(raw.verdict !== undefined ? { verdict: raw.verdict } : {}),
    applies,
    ...(raw.actual !== undefined ? { actual: raw.actual } : {}),
    ...(raw.samples !== undefined ? { samples: raw.samples } : {}),
    ...(raw.message !== undefined ? { message: raw.message } : {}),
    location: at(),
  };
}

/** `p95` selects the expectation whose statistic is `p95`; `p95 <= 120 ms` the one with that expression. */
export function matchesStatistic(wanted: string, statistic: string, expression: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  return norm(wanted) === norm(statistic) || norm(wanted) === norm(expression);
}

/**
 * Resolve a gate reference: an id (case-insensitive), or `file#id` when the same id is in several of
 * the loaded gate files (`file` is a path relative to the test file, or just the file name).
 */
function gateFinder(gates: readonly Gate[], dir: string): (ref: string) => { gate: Gate } | { error: string; hint: string } {
  return (ref) => {
    const hash = ref.lastIndexOf('#');
    const id = (hash < 0 ? ref : ref.slice(hash + 1)).trim().toLowerCase();
    const filePart = hash < 0 ? undefined : ref.slice(0, hash).trim();
    const candidates = gates.filter((g) => g.id.toLowerCase() === id && (filePart === undefined || sameFile(g.file, filePart, dir)));
    if (candidates.length === 1) return { gate: candidates[0]! };
    if (candidates.length > 1) {
      return {
        error: `gate "${ref}" is defined in ${candidates.length} of the loaded gate files`,
        hint: `name the file: ${candidates.map((g) => `${relative(dir, g.file)}#${g.id}`).join(' or ')}`,
      };
    }
    const written = hash < 0 ? ref : ref.slice(hash + 1);
    const near = closestMatches(written, gates.map((g) => g.id), 3).filter((n) => n.toLowerCase().includes(written.toLowerCase()) || editDistance(n, written) <= Math.max(2, Math.floor(written.length * 0.4)));
    return {
      error: `unknown gate "${ref}"${filePart !== undefined ? '' : ' in the loaded gate files'}`,
      hint: `${near.length ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}? ` : ''}gates: ${[...new Set(gates.map((g) => g.id))].join(', ')}`,
    };
  };
}

function sameFile(gateFile: string, written: string, dir: string): boolean {
  return resolve(dir, written) === gateFile || basename(gateFile) === written || gateFile.endsWith(`${sep}${written.split('/').join(sep)}`);
}
