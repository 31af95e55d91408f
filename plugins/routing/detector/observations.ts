/**
 * Where the evaluator's observations come from when they are not simulated:
 * - a timeline file, NDJSON, one observation per line:
 *   `{"At":"2026-01-01T00:00:10Z","Route":"WLLS|WLLS-A01-AS-01|default|10.0.0.0/24","Source":"probe","Condition":"down"}`
 *   (`Condition` healthy|degraded|down; `State`/`HealthState` in the snapshot vocabulary also accepted);
 * - RouteHealthSnapshot files: one observation per snapshot for route `Site|Hostname|Vrf`, condition
 *   from HealthState (Healthy → healthy, Warning → degraded, Critical → down), source = its first
 *   EvidenceSource.
 * Bad lines are errors with file:line, never skipped.
 */
import { ErrorCode, StatetraceError } from '../../../core/errors.js';
import { parseOffsetTimestamp } from '../ids.js';
import { isRecord, readJsonFile, readTextFile } from '../json-file.js';
import type { Observation } from './evaluator.js';

const CONDITION_WORDS: Record<string, Observation['condition']> = {
  healthy: 'healthy',
  up: 'healthy',
  ok: 'healthy',
  recovered: 'healthy',
  degraded: 'degraded',
  warning: 'degraded',
  failover: 'degraded',
  down: 'down',
  critical: 'down',
  missing: 'down',
};

export function conditionFromWord(word: unknown): Observation['condition'] | undefined {
  return typeof word === 'string' ? CONDITION_WORDS[word.trim().toLowerCase()] : undefined;
}

function epochOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string') return undefined;
  const t = parseOffsetTimestamp(value);
  return t ? t.epochMs : undefined;
}

export function readTimelineFile(path: string): Observation[] {
  const text = readTextFile(path, 'Observation timeline');
  const out: Observation[] = [];
  const problems: string[] = [];
  let firstBadLine: number | undefined;
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      row = undefined;
    }
    const bad = (reason: string): void => {
      firstBadLine ??= i + 1;
      if (problems.length < 5) problems.push(`line ${i + 1}: ${reason}`);
    };
    if (!isRecord(row)) return bad('not a JSON object');
    const at = epochOf(row.At ?? row.Timestamp);
    const route = row.Route;
    const condition = conditionFromWord(row.Condition ?? row.State ?? row.HealthState);
    if (at === undefined) return bad('At is missing or not an ISO-8601 time / epoch ms');
    if (typeof route !== 'string' || route === '') return bad('Route is missing');
    if (!condition) return bad(`Condition ${JSON.stringify(row.Condition ?? row.State ?? row.HealthState)} is not healthy, degraded or down`);
    out.push({ at, route, source: typeof row.Source === 'string' ? row.Source : 'timeline', condition });
  });
  if (problems.length > 0) {
    throw new StatetraceError(ErrorCode.InputInvalid, `Observation timeline ${path} has unreadable lines: ${problems.join('; ')}`, {
      location: { file: path, ...(firstBadLine !== undefined ? { line: firstBadLine } : {}) },
      hint: 'each line must be {"At": "<ISO-8601>", "Route": "<key>", "Source": "<name>", "Condition": "healthy|degraded|down"}',
    });
  }
  return sortByTime(out);
}

export function observationsFromSnapshots(paths: string[]): Observation[] {
  const out: Observation[] = [];
  for (const path of paths) {
    const { value } = readJsonFile(path, 'RouteHealthSnapshot');
    const snapshots = Array.isArray(value) ? value : [value];
    snapshots.forEach((s, i) => {
      const where = snapshots.length > 1 ? `${path}[${i}]` : path;
      if (!isRecord(s)) throw new StatetraceError(ErrorCode.InputInvalid, `${where} is not a RouteHealthSnapshot object`, { location: { file: path } });
      const at = epochOf(s.CapturedAt);
      const condition = conditionFromWord(s.HealthState);
      if (at === undefined || !condition || typeof s.Site !== 'string' || typeof s.Hostname !== 'string') {
        throw new StatetraceError(ErrorCode.InputInvalid, `${where} needs CapturedAt (ISO-8601), Site, Hostname and HealthState (Healthy|Warning|Critical)`, { location: { file: path } });
      }
      const vrf = typeof s.Vrf === 'string' && s.Vrf !== '' ? s.Vrf : 'default';
      const source = Array.isArray(s.EvidenceSources) && typeof s.EvidenceSources[0] === 'string' ? s.EvidenceSources[0] : 'RouteHealthSnapshot';
      out.push({ at, route: `${s.Site}|${s.Hostname}|${vrf}`, source, condition });
    });
  }
  return sortByTime(out);
}

function sortByTime(list: Observation[]): Observation[] {
  // Stable: observations with the same time keep file order.
  return list.map((o, i) => ({ o, i })).sort((a, b) => a.o.at - b.o.at || a.i - b.i).map((x) => x.o);
}
