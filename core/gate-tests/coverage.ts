/**
 * Gate coverage: for every gate (and each of its expectations, and each group any case produced), which
 * verdicts some case asserted and saw. Only results an expectation selected *and* matched count: a
 * result nobody checked proves nothing about the threshold. A gate whose failing side was never seen may
 * have a dead threshold; one never tested at all is listed as `untested`.
 */
import type { GateFile } from '../gates/index.js';
import type { GateResult } from '../types.js';
import type { CoverageEntry, CoverageReport, CoverageStatus, FileResult, GateCoverage, VerdictCounts } from './types.js';

export const COVERAGE_STATUSES: readonly CoverageStatus[] = ['untested', 'not-applied-only', 'not-evaluated-only', 'pass-only', 'fail-only', 'pass-and-fail'];

const emptyCounts = (): VerdictCounts => ({ pass: 0, fail: 0, warn: 0, not_evaluated: 0 });

/** `fail` and `warn` are both the failing side (a `level: warn` gate fails as `warn`). */
export function coverageStatus(counts: VerdictCounts, notApplied = 0): CoverageStatus {
  const failing = counts.fail + counts.warn;
  if (counts.pass > 0 && failing > 0) return 'pass-and-fail';
  if (counts.pass > 0) return 'pass-only';
  if (failing > 0) return 'fail-only';
  if (counts.not_evaluated > 0) return 'not-evaluated-only';
  if (notApplied > 0) return 'not-applied-only';
  return 'untested';
}

const resultGateKey = (r: GateResult) => `${r.source.file}#${r.gate}`;
const locationKey = (l: { line?: number; column?: number }) => `${l.line ?? 0}:${l.column ?? 0}`;

/**
 * @param gateFiles every gate file to report on; `referenced` says whether some test file loads it
 *   (the CLI adds the gates directory's other files, so a plan without any test shows up).
 */
export function computeCoverage(gateFiles: ReadonlyArray<{ gateFile: GateFile; referenced: boolean }>, files: readonly FileResult[]): CoverageReport {
  const asserted = new Map<string, GateResult[]>();
  const seenGroups = new Map<string, Map<string, string>>();
  const notApplied = new Map<string, number>();
  for (const file of files) {
    for (const c of file.cases) {
      for (const r of c.asserted) push(asserted, resultGateKey(r), r);
      for (const r of c.results) {
        if (r.group === undefined) continue;
        const groups = seenGroups.get(resultGateKey(r)) ?? new Map<string, string>();
        if (!groups.has(r.group.toLowerCase())) groups.set(r.group.toLowerCase(), r.group);
        seenGroups.set(resultGateKey(r), groups);
      }
      for (const g of c.assertedNotApplied) notApplied.set(g.key, (notApplied.get(g.key) ?? 0) + 1);
    }
  }

  const gates: GateCoverage[] = [];
  const seen = new Set<string>();
  for (const { gateFile, referenced } of gateFiles) {
    for (const gate of gateFile.gates) {
      if (seen.has(gate.key)) continue;
      seen.add(gate.key);
      const mine = asserted.get(gate.key) ?? [];
      const entry = (list: readonly GateResult[], na = 0): CoverageEntry => {
        const verdicts = count(list);
        return { status: coverageStatus(verdicts, na), verdicts };
      };
      const na = notApplied.get(gate.key) ?? 0;
      gates.push({
        file: gate.file,
        id: gate.id,
        location: gate.location,
        level: gate.level,
        referenced,
        notApplied: na,
        ...entry(mine, na),
        expectations: gate.expectations.map((e) => ({
          expression: e.text,
          statistic: e.statisticText,
          location: e.location,
          ...entry(mine.filter((r) => locationKey(r.source) === locationKey(e.location)), na),
        })),
        groups: [...(seenGroups.get(gate.key)?.values() ?? [])]
          .sort()
          .map((group) => ({ group, ...entry(mine.filter((r) => r.group?.toLowerCase() === group.toLowerCase())) })),
      });
    }
  }
  const totals = Object.fromEntries(COVERAGE_STATUSES.map((s) => [s, 0])) as Record<CoverageStatus, number>;
  for (const g of gates) totals[g.status]++;
  return { gates, totals: { ...totals, gates: gates.length } };
}

function count(results: readonly GateResult[]): VerdictCounts {
  const counts = emptyCounts();
  for (const r of results) counts[r.verdict]++;
  return counts;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
