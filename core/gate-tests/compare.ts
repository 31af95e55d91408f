/**
 * Compare what a case expects with the GateResults its telemetry produced. An expectation selects the
 * results of its gate (narrowed by `group` and `statistic` when given); every selected result must
 * match it. Nothing selected is a mismatch too, explained (the gate did not apply, the group was not
 * seen). Results no expectation selects are ignored, unless the case is `exhaustive`.
 */
import { formatLocation } from '../errors.js';
import { convertLiteral, gateApplies, LITERAL_UNITS, type Gate } from '../gates/index.js';
import type { LiteralUnit } from '../gates/types.js';
import type { MetricUnit } from '../metrics/types.js';
import type { GateResult } from '../types.js';
import { matchesStatistic } from './load.js';
import type { ExpectedResult, GateTestCase, Mismatch } from './types.js';

export interface CaseComparison {
  mismatches: Mismatch[];
  /** Results selected by an expectation they matched. */
  asserted: GateResult[];
  /** Gates asserted (and confirmed) not to apply. */
  assertedNotApplied: Gate[];
}

export function isResultOf(result: GateResult, gate: Gate): boolean {
  return result.gate === gate.id && result.source.file === gate.file;
}

function selects(expectation: ExpectedResult, result: GateResult): boolean {
  if (!isResultOf(result, expectation.gate)) return false;
  if (expectation.group !== undefined && (result.group ?? '').toLowerCase() !== expectation.group.toLowerCase()) return false;
  if (expectation.statistic !== undefined && !matchesStatistic(expectation.statistic, result.statistic, result.expression)) return false;
  return true;
}

export function compareCase(testCase: GateTestCase, results: readonly GateResult[]): CaseComparison {
  const mismatches: Mismatch[] = [];
  const asserted = new Set<GateResult>();
  const selectedByAny = new Set<GateResult>();
  const assertedNotApplied: Gate[] = [];

  for (const expectation of testCase.expect) {
    const selected = results.filter((r) => selects(expectation, r));
    selected.forEach((r) => selectedByAny.add(r));
    const base = {
      expectation: expectation.location,
      gateLocation: expectation.gate.location,
      gate: expectation.gate.id,
      ...(expectation.group !== undefined ? { group: expectation.group } : {}),
      ...(expectation.statistic !== undefined ? { statistic: expectation.statistic } : {}),
    };
    if (!expectation.applies) {
      if (selected.length === 0) assertedNotApplied.push(expectation.gate);
      for (const r of selected) {
        mismatches.push({ ...base, kind: 'unexpected', expected: 'no result (applies: false)', got: r.verdict, detail: `${r.message} ${appliesText(expectation.gate, testCase)}`, result: r });
      }
      continue;
    }
    if (selected.length === 0) {
      mismatches.push({ ...base, kind: 'missing', expected: expectation.verdict!, got: 'no result', detail: whyNoResult(expectation, testCase, results) });
      continue;
    }
    for (const r of selected) {
      const found = compareResult(expectation, r);
      if (found.length === 0) asserted.add(r);
      for (const m of found) mismatches.push({ ...base, group: r.group ?? base.group, statistic: r.statistic, ...m, result: r } as Mismatch);
    }
  }

  if (testCase.exhaustive) {
    for (const r of results) {
      if (selectedByAny.has(r)) continue;
      mismatches.push({
        kind: 'unexpected',
        gateLocation: r.source,
        gate: r.gate,
        ...(r.group !== undefined ? { group: r.group } : {}),
        statistic: r.statistic,
        expected: 'no result (exhaustive: every result must be listed)',
        got: r.verdict,
        detail: r.message,
        result: r,
      });
    }
  }
  return { mismatches, asserted: results.filter((r) => asserted.has(r)), assertedNotApplied };
}

/** Mismatches of one selected result: verdict first, then the optional actual / samples / message. */
function compareResult(expectation: ExpectedResult, r: GateResult): Array<Pick<Mismatch, 'kind' | 'expected' | 'got' | 'detail'>> {
  const out: Array<Pick<Mismatch, 'kind' | 'expected' | 'got' | 'detail'>> = [];
  const detail = r.message;
  if (expectation.verdict !== undefined && r.verdict !== expectation.verdict) out.push({ kind: 'verdict', expected: expectation.verdict, got: r.verdict, detail });
  if (expectation.actual !== undefined && !actualMatches(expectation.actual, r)) {
    out.push({ kind: 'actual', expected: `actual ${JSON.stringify(expectation.actual)}`, got: `actual ${r.actual === null ? 'null' : JSON.stringify(r.actual)} (${r.actualText})`, detail });
  }
  if (expectation.samples !== undefined && r.samples !== expectation.samples) out.push({ kind: 'samples', expected: `${expectation.samples} samples`, got: `${r.samples} samples`, detail });
  if (expectation.message !== undefined && !r.message.toLowerCase().includes(expectation.message.toLowerCase())) {
    out.push({ kind: 'message', expected: `message containing "${expectation.message}"`, got: 'a different message', detail });
  }
  return out;
}

/**
 * A number matches `GateResult.actual` (the statistic in the metric's unit; ratios as fractions) up to
 * floating-point noise. Text matches the rendered value (`1.84 s`, `99 %`; spaces and case ignored), a
 * label list (`includes`), or, written with a unit, the same quantity in another unit (`55 m` = 3300 s).
 */
export function actualMatches(expected: number | string, r: GateResult): boolean {
  if (typeof expected === 'number') return numberMatches(expected, r.actual);
  const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  const want = norm(expected);
  const candidates = [r.actualText, r.actualText.replace(/\s*\(.*\)$/, ''), r.actual === null ? 'null' : String(r.actual)];
  if (candidates.some((c) => norm(c) === want)) return true;
  const quantity = QUANTITY.exec(expected.trim());
  if (!quantity) return false;
  const converted = convertLiteral(Number(quantity[1]), quantity[2] as LiteralUnit | undefined, r.unit as MetricUnit);
  return !('error' in converted) && numberMatches(converted.value, r.actual);
}

const QUANTITY = new RegExp(`^(-?\\d+(?:\\.\\d+)?)\\s*(${LITERAL_UNITS.join('|')})?$`);

function numberMatches(expected: number, actual: GateResult['actual']): boolean {
  return typeof actual === 'number' && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}

function appliesText(gate: Gate, testCase: GateTestCase): string {
  const a = gate.appliesTo;
  if (!a) return 'The gate has no appliesTo, so it runs in every case.';
  const parts = [a.tags ? `tags [${a.tags.join(', ')}]` : '', a.scenarios ? `scenarios [${a.scenarios.join(', ')}]` : '', a.exceptTags ? `exceptTags [${a.exceptTags.join(', ')}]` : ''].filter(Boolean);
  return `appliesTo ${parts.join(', ')}; case tags: ${testCase.tags.length ? `[${testCase.tags.join(', ')}]` : 'none'}, scenario "${testCase.scenario}".`;
}

function whyNoResult(expectation: ExpectedResult, testCase: GateTestCase, results: readonly GateResult[]): string {
  const gate = expectation.gate;
  if (!gateApplies(gate, { name: testCase.scenario, tags: testCase.tags })) {
    return `The gate does not apply to this case: ${appliesText(gate, testCase)} Add the tag to the case's tags:, or expect applies: false.`;
  }
  const own = results.filter((r) => isResultOf(r, gate));
  if (expectation.group !== undefined) {
    const groups = [...new Set(own.map((r) => r.group).filter((g): g is string => g !== undefined))];
    return groups.length
      ? `No group "${expectation.group}" in the telemetry for ${gate.per}; groups seen: ${groups.join(', ')}.`
      : `No ${gate.metric.name} events with a ${gate.per} field matched the gate, so it has no groups (one result per group; none without events).`;
  }
  return `The gate produced no result for ${expectation.statistic ?? 'any statistic'} (gate at ${formatLocation(gate.location)}).`;
}
