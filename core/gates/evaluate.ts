/**
 * Evaluate: (gates, samples, references, scenario, now) → GateResult[]. A pure function: no I/O, no
 * clock; everything it needs is passed in, so the same inputs always give the same verdicts.
 *
 * Verdicts:
 * - level `off` → `not_evaluated` ("switched off").
 * - Too few samples (fewer than `minSamples`), or a statistic that is undefined (mean of nothing, a ratio
 *   over 0) → the `onMissing` policy (`missingVerdict`, the one place it is decided).
 * - A reference that does not exist (fact not recorded, other scenario absent, no baseline yet) →
 *   `not_evaluated` with the reason.
 * - Otherwise the comparison decides; a failed comparison is `fail` at level `error`, `warn` at `warn`.
 */
import type { GateResult, Verdict } from '../types.js';
import { gateApplies } from './compile.js';
import { distinctLabels, labelKey, longestStreak, mean, newestTime, numbers, percentile, PERCENTILE_METHOD_NAMES, rate, stddev, sum } from './statistics.js';
import {
  partKey,
  type CompiledExpectation,
  type CompiledSelector,
  type ComparisonOperator,
  type EvaluateOptions,
  type Gate,
  type GateSamples,
  type Reference,
  type ReferenceResolver,
  type Sample,
  type SampleIndex,
} from './types.js';
import { clean, convertLiteral, formatValue, isTimeUnit } from './units.js';

/** Comparison operators as data (see STYLE.md lesson 4); the evaluator has a defensive default too. */
export const OPERATORS = {
  '<': (a: number, e: number) => a < e,
  '<=': (a: number, e: number) => a <= e,
  '>': (a: number, e: number) => a > e,
  '>=': (a: number, e: number) => a >= e,
  '==': (a: number, e: number) => a === e,
  '!=': (a: number, e: number) => a !== e,
} satisfies Record<ComparisonOperator, (actual: number, expected: number) => boolean>;

/** Statistics that are defined on zero samples (a count of 0 is an observation, not missing data). */
const DEFINED_ON_EMPTY = new Set(['count', 'distinct', 'streak', 'includes']);

/** The effective `minSamples` of an expectation: as written, else 0 for counts and 1 for everything else. */
export function effectiveMinSamples(gate: Gate, expectation: CompiledExpectation): number {
  return gate.minSamples ?? (DEFINED_ON_EMPTY.has(expectation.statistic.name) ? 0 : 1);
}

/** The missing-data policy, in one place. */
export function missingVerdict(gate: Gate): Verdict {
  if (gate.onMissing === 'skip') return 'not_evaluated';
  if (gate.onMissing === 'warn' || gate.level === 'warn') return 'warn';
  return 'fail';
}

export function evaluateGates(gates: readonly Gate[], samples: SampleIndex, refs: ReferenceResolver, options: EvaluateOptions): GateResult[] {
  const scenario = typeof options.scenario === 'string' ? { name: options.scenario } : options.scenario;
  const now = typeof options.now === 'number' ? options.now : options.now.getTime();
  const results: GateResult[] = [];
  for (const gate of gates) {
    if (!gateApplies(gate, scenario)) continue;
    const entry = samples.gates.get(gate.key) ?? { main: [], parts: {} };
    const groups = gate.per ? groupsOf(entry) : [undefined];
    for (const [e, expectation] of gate.expectations.entries()) {
      for (const group of groups.length ? groups : [undefined]) {
        results.push(evaluateExpectation({ gate, expectation, e, group, entry, refs, scenario: scenario.name, now }));
      }
    }
  }
  return results;
}

interface EvalContext {
  gate: Gate;
  expectation: CompiledExpectation;
  e: number;
  group: string | undefined;
  entry: GateSamples;
  refs: ReferenceResolver;
  scenario: string;
  now: number;
}

/** Group names (case-insensitive, first spelling kept), sorted by byte order for stable output. */
function groupsOf(entry: GateSamples): string[] {
  const seen = new Map<string, string>();
  const visit = (list: readonly Sample[]) => {
    for (const s of list) if (s.group !== undefined && !seen.has(s.group.toLowerCase())) seen.set(s.group.toLowerCase(), s.group);
  };
  visit(entry.main);
  for (const list of Object.values(entry.parts)) visit(list);
  return [...seen.values()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function inGroup(list: readonly Sample[], group: string | undefined): readonly Sample[] {
  if (group === undefined) return list;
  const key = group.toLowerCase();
  return list.filter((s) => s.group !== undefined && s.group.toLowerCase() === key);
}

// ── Statistic computation ───────────────────────────────────────────────────────────────────────

interface Observed {
  /** Number for numeric statistics, label list for `includes`, null when undefined. */
  value: number | string[] | null;
  samples: number;
  /** Why the value is null although there were samples. */
  undefinedReason?: string;
  /** Extra detail for the message (e.g. which label made the longest streak). */
  detail?: string;
}

function aggregate(selector: CompiledSelector, entry: GateSamples, e: number, side: 'n' | 'd', group: string | undefined): { value: number; samples: number } {
  const lists = selector.sources.map((_, s) => inGroup(entry.parts[partKey(e, side, s)] ?? [], group));
  const all = lists.flat();
  switch (selector.aggregate) {
    case 'sum':
      return { value: sum(numbers(all)), samples: all.length };
    case 'distinct':
      return { value: distinctLabels(all).length, samples: all.length };
    default:
      return { value: all.length, samples: all.length };
  }
}

export function computeStatistic(gate: Gate, expectation: CompiledExpectation, e: number, entry: GateSamples, group: string | undefined, now: number): Observed {
  const samples = inGroup(entry.main, group);
  const stat = expectation.statistic;
  const n = samples.length;
  const numeric = () => numbers(samples);
  switch (stat.name) {
    case 'count':
      return { value: n, samples: n };
    case 'sum': {
      const values = numeric();
      return { value: values.length ? sum(values) : null, samples: values.length };
    }
    case 'mean': {
      const values = numeric();
      return { value: mean(values), samples: values.length };
    }
    case 'min':
    case 'max': {
      const values = numeric();
      if (!values.length) return { value: null, samples: 0 };
      return { value: stat.name === 'min' ? Math.min(...values) : Math.max(...values), samples: values.length };
    }
    case 'stddev': {
      const values = numeric();
      return { value: stddev(values), samples: values.length };
    }
    case 'percentile': {
      const values = numeric().sort((a, b) => a - b);
      return { value: percentile(values, stat.p, gate.percentileMethod), samples: values.length };
    }
    case 'distinct':
      return { value: distinctLabels(samples).length, samples: n };
    case 'rate':
      return { value: rate(samples), samples: n };
    case 'streak': {
      const streak = longestStreak(samples);
      return { value: streak.length, samples: n, ...(streak.value !== undefined ? { detail: `longest run: ${streak.value}` } : {}) };
    }
    case 'age': {
      const newest = newestTime(samples);
      if (newest === undefined) return { value: null, samples: n, ...(n ? { undefinedReason: 'no sample has a parseable timestamp' } : {}) };
      return { value: (now - newest) / 1000, samples: n };
    }
    case 'includes':
      return { value: distinctLabels(samples), samples: n };
    case 'ratio': {
      const ratio = expectation.ratio!;
      const num = aggregate(ratio.numerator, entry, e, 'n', group);
      const den = aggregate(ratio.denominator, entry, e, 'd', group);
      if (den.value === 0) return { value: null, samples: den.samples, ...(den.samples ? { undefinedReason: 'the denominator is 0' } : {}) };
      return { value: num.value / den.value, samples: den.samples, detail: `${clean(num.value)} / ${clean(den.value)}` };
    }
    default: {
      // Protect our future selves: a statistic added to the grammar but not here.
      const name: never = stat;
      return { value: null, samples: n, undefinedReason: `statistic ${String((name as { name: string }).name)} is not implemented` };
    }
  }
}

// ── References ──────────────────────────────────────────────────────────────────────────────────

type Resolved = { value: number; text: string; isReference: boolean } | { unavailable: string };

function resolveReference(ref: Reference, ctx: EvalContext): Resolved {
  const { expectation, gate, group } = ctx;
  const unit = expectation.unit;
  const fmt = (v: number) => formatValue(v, unit, displayUnit(expectation));
  switch (ref.kind) {
    case 'literal': {
      const converted = convertLiteral(ref.value, ref.unit, unit);
      if ('error' in converted) return { unavailable: converted.error }; // validated at load; defensive
      return { value: converted.value, text: ref.unit ? `${ref.value} ${ref.unit}` : String(ref.value), isReference: false };
    }
    case 'fact': {
      const fact = ctx.refs.fact(ref.name);
      if (fact === undefined || fact === null) return { unavailable: `fact "${ref.name}" was not recorded in this scenario` };
      let value: unknown = fact;
      if (typeof fact === 'object') {
        if (group === undefined) return { unavailable: `fact "${ref.name}" is keyed by group, but the gate has no per:` };
        const key = Object.keys(fact).find((k) => k.toLowerCase() === group.toLowerCase());
        if (key === undefined) return { unavailable: `fact "${ref.name}" has no entry for ${gate.per} "${group}"` };
        value = fact[key];
      }
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n)) return { unavailable: `fact "${ref.name}"${group ? ` for "${group}"` : ''} is not a number (${JSON.stringify(value)})` };
      return { value: n, text: `fact:${ref.name} (= ${fmt(n)})`, isReference: true };
    }
    case 'scenario': {
      const other = ctx.refs.scenarioSamples(ref.name);
      if (!other) return { unavailable: `scenario "${ref.name}" is not part of this run (or has no telemetry)` };
      const entry = other.gates.get(gate.key);
      if (!entry) return { unavailable: `scenario "${ref.name}" was not collected for gate "${gate.id}"` };
      const observed = computeStatistic(gate, expectation, ctx.e, entry, group, ctx.now);
      if (typeof observed.value !== 'number') {
        return { unavailable: `scenario "${ref.name}" has no ${expectation.statisticText} of ${gate.metric.name}${group ? ` for ${gate.per} "${group}"` : ''}` };
      }
      return { value: observed.value, text: `${expectation.statisticText} of scenario:${ref.name} (= ${fmt(observed.value)})`, isReference: true };
    }
    case 'baseline': {
      const value = ctx.refs.baseline({
        ...(ref.name ? { name: ref.name } : {}),
        gateKey: gate.key,
        gate: gate.id,
        file: gate.file,
        scenario: ctx.scenario,
        metric: gate.metric.name,
        statistic: expectation.statisticText,
        ...(group !== undefined ? { group } : {}),
      });
      if (value === undefined) return { unavailable: `no baseline yet${ref.name ? ` named "${ref.name}"` : ''} for this gate (history has no earlier value)` };
      return { value, text: `${ref.text} (= ${fmt(value)})`, isReference: true };
    }
    case 'percentOf': {
      const inner = resolveReference(ref.of, ctx);
      if ('unavailable' in inner) return inner;
      const value = (ref.percent / 100) * inner.value;
      return { value, text: `${ref.percent} % of ${inner.text.replace(/ \(= .*\)$/, '')} (= ${fmt(value)})`, isReference: true };
    }
  }
}

/** Show values in the unit the threshold was written in when it is a time unit (e.g. `age < 24 h`). */
function displayUnit(expectation: CompiledExpectation): string | undefined {
  const c = expectation.comparison;
  const refs: Reference[] = c.op === 'between' ? [c.low, c.high] : c.op === 'includes' ? [] : [c.ref];
  for (let ref of refs) {
    while (ref.kind === 'percentOf') ref = ref.of;
    if (ref.kind === 'literal' && isTimeUnit(ref.unit)) return ref.unit;
  }
  return undefined;
}

// ── One expectation ─────────────────────────────────────────────────────────────────────────────

function evaluateExpectation(ctx: EvalContext): GateResult {
  const { gate, expectation, group, entry, now, e } = ctx;
  const c = expectation.comparison;
  const unit = expectation.unit;
  const shown = displayUnit(expectation);
  const subject = `${expectation.statisticText} of ${gate.metric.name}${group !== undefined ? ` for ${gate.per} ${group}` : ''}`;
  const base: Omit<GateResult, 'expected' | 'actual' | 'actualText' | 'samples' | 'verdict' | 'message'> = {
    gate: gate.id,
    scenario: ctx.scenario,
    ...(group !== undefined ? { group } : {}),
    metric: gate.metric.name,
    statistic: expectation.statisticText,
    operator: c.op,
    unit,
    ...(expectation.statistic.name === 'percentile' ? { method: PERCENTILE_METHOD_NAMES[gate.percentileMethod] } : {}),
    level: gate.level,
    source: expectation.location,
    expression: expectation.text,
    ...(gate.plan !== undefined ? { plan: gate.plan } : {}),
    ...(gate.owner !== undefined ? { owner: gate.owner } : {}),
    ...(gate.task !== undefined ? { task: gate.task } : {}),
    ...(gate.description !== undefined ? { description: gate.description } : {}),
  };
  const staticExpected = expectedText(expectation);

  if (gate.level === 'off') {
    return { ...base, expected: staticExpected, actual: null, actualText: 'not computed', samples: 0, verdict: 'not_evaluated', message: `Gate "${gate.id}" is switched off (level: off).` };
  }

  const observed = computeStatistic(gate, expectation, e, entry, group, now);
  const needed = effectiveMinSamples(gate, expectation);
  const samplesWord = (n: number) => `${n} sample${n === 1 ? '' : 's'}`;
  if (observed.samples < needed || observed.value === null) {
    const verdict = missingVerdict(gate);
    const why =
      observed.samples < needed
        ? `has ${samplesWord(observed.samples)}, fewer than the ${needed} required (minSamples)`
        : `is undefined: ${observed.undefinedReason ?? 'no values'}`;
    const policy = verdict === 'not_evaluated' ? 'so it was not evaluated (onMissing: skip)' : `which counts as ${verdict === 'warn' ? 'a warning' : 'a failure'} (onMissing: ${gate.onMissing}${gate.level === 'warn' ? ', level: warn' : ''})`;
    return {
      ...base,
      expected: staticExpected,
      actual: null,
      actualText: observed.samples < needed ? `${samplesWord(observed.samples)}` : 'undefined',
      samples: observed.samples,
      verdict,
      message: `${capitalize(subject)} ${why}, ${policy}.`,
    };
  }

  const failVerdict: Verdict = gate.level === 'warn' ? 'warn' : 'fail';

  // includes: a label set must contain every item (case-insensitive).
  if (c.op === 'includes') {
    const labels = observed.value as string[];
    const have = new Set(labels.map(labelKey));
    const missing = c.items.filter((item) => !have.has(item.toLowerCase()));
    const actualText = labels.length ? labels.join(', ') : '(none)';
    return {
      ...base,
      expected: c.items.join(', '),
      expectedValue: c.items,
      actual: labels.join(', '),
      actualText,
      samples: observed.samples,
      verdict: missing.length ? failVerdict : 'pass',
      message: missing.length
        ? `${gate.metric.name}${group !== undefined ? ` for ${gate.per} ${group}` : ''} lacks ${missing.join(', ')} (${c.items.length - missing.length} of ${c.items.length} required values seen in ${samplesWord(observed.samples)}).`
        : `${gate.metric.name}${group !== undefined ? ` for ${gate.per} ${group}` : ''} includes all ${c.items.length} required values (${samplesWord(observed.samples)}).`,
    };
  }

  const actual = observed.value as number;
  const actualText = formatValue(actual, unit, shown) + (observed.detail ? ` (${observed.detail})` : '');
  const notEvaluated = (reason: string): GateResult => ({
    ...base,
    expected: staticExpected,
    actual: clean(actual),
    actualText,
    samples: observed.samples,
    verdict: 'not_evaluated',
    message: `${capitalize(subject)} is ${actualText} but was not compared: ${reason}.`,
  });

  let passed: boolean;
  let expected: string;
  let expectedValue: GateResult['expectedValue'];
  let reference: number | undefined;
  if (c.op === 'between') {
    const low = resolveReference(c.low, ctx);
    const high = resolveReference(c.high, ctx);
    if ('unavailable' in low) return notEvaluated(low.unavailable);
    if ('unavailable' in high) return notEvaluated(high.unavailable);
    passed = actual >= low.value && actual <= high.value;
    expected = `${low.text} and ${high.text}`;
    expectedValue = [clean(low.value), clean(high.value)];
  } else if (c.op === 'within') {
    const ref = resolveReference(c.ref, ctx);
    if ('unavailable' in ref) return notEvaluated(ref.unavailable);
    const tolerance = (c.percent / 100) * Math.abs(ref.value);
    passed = Math.abs(actual - ref.value) <= tolerance;
    expected = `${c.percent} % of ${ref.text}`;
    expectedValue = [clean(ref.value - tolerance), clean(ref.value + tolerance)];
    reference = ref.value;
  } else {
    const ref = resolveReference(c.ref, ctx);
    if ('unavailable' in ref) return notEvaluated(ref.unavailable);
    const compare = (OPERATORS as Record<string, (a: number, b: number) => boolean>)[c.op];
    if (!compare) return notEvaluated(`operator "${c.op}" is not implemented`);
    passed = compare(actual, ref.value);
    expected = ref.text;
    expectedValue = clean(ref.value);
    if (ref.isReference) reference = ref.value;
  }
  const opText = c.op === 'within' ? 'within' : c.op === 'between' ? 'between' : c.op;
  return {
    ...base,
    expected,
    expectedValue,
    actual: clean(actual),
    actualText,
    ...(reference !== undefined ? { baseline: clean(reference) } : {}),
    samples: observed.samples,
    verdict: passed ? 'pass' : failVerdict,
    message: `${capitalize(subject)} is ${actualText} over ${samplesWord(observed.samples)}, ${passed ? 'meets' : 'does not meet'} ${opText} ${expected}.`,
  };
}

/** The expectation as text before references are resolved (used when nothing could be computed). */
function expectedText(expectation: CompiledExpectation): string {
  const c = expectation.comparison;
  const refText = (r: Reference): string => (r.kind === 'literal' ? (r.unit ? `${r.value} ${r.unit}` : String(r.value)) : r.kind === 'percentOf' ? `${r.percent} % of ${refText(r.of)}` : r.text);
  switch (c.op) {
    case 'includes':
      return c.items.join(', ');
    case 'between':
      return `${refText(c.low)} and ${refText(c.high)}`;
    case 'within':
      return `${c.percent} % of ${refText(c.ref)}`;
    default:
      return refText(c.ref);
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
