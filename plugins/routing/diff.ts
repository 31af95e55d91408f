/**
 * Snapshot diff (DOMAIN §5.5, the original's `Compare-RouteHealthSnapshots.ps1`): which RouteRecordIds
 * were added or removed between two RouteHealthSnapshots, how the health fields moved, and, when both
 * snapshots' RouteRecord files are given, the added/removed records in detail and the routes whose
 * `Vrf|Prefix/Len|RouteRole` key exists in both but whose next hop, protocol, state, interface, AD or
 * metric changed. Pure: inputs are parsed objects, the caller reads files and names paths.
 */
import { ErrorCode, StatetraceError } from '../../core/errors.js';
import { sortOrdinal } from './ids.js';
import { SCHEMA_VERSION } from './model.js';

type Obj = Record<string, unknown>;

export const CHANGE_FIELDS = ['NextHop', 'Protocol', 'RouteState', 'InterfaceName', 'AdminDistance', 'Metric'] as const;
const SNAPSHOT_REQUIRED = ['SchemaVersion', 'CapturedAt', 'Site', 'Hostname', 'Vrf', 'PrimaryRouteStatus', 'SecondaryRouteStatus', 'HealthState', 'RouteRecordIds'] as const;

export interface DiffInput {
  old: Obj;
  new: Obj;
  oldPath: string;
  newPath: string;
  /** Both record arrays, or neither (one alone only warns, as in the original). */
  oldRecords?: unknown;
  newRecords?: unknown;
  allowDifferentTargets?: boolean;
  /** Fixed for reproducible output; defaults to now. */
  generatedAt?: string;
}

export interface RouteDetail {
  RecordId: unknown;
  Vrf: unknown;
  Prefix: unknown;
  PrefixLength: unknown;
  NextHop: unknown;
  Protocol: unknown;
  RouteRole: unknown;
  RouteState: unknown;
  InterfaceName: unknown;
  AdminDistance: unknown;
  Metric: unknown;
}

export interface ChangedRoute {
  Key: string;
  FieldsChanged: string[];
  Old: RouteDetail;
  New: RouteDetail;
}

export interface RoutingDiff {
  SchemaVersion: string;
  Status: 'Pass';
  GeneratedAt: string;
  Old: Obj;
  New: Obj;
  Counts: { Added: number; Removed: number; ChangedRoutes: number };
  Changes: {
    Health: Record<string, { Old: unknown; New: unknown }>;
    AddedRouteRecordIds: string[];
    RemovedRouteRecordIds: string[];
    UnchangedCount: number;
    ChangedRoutes: ChangedRoute[];
    AddedRouteRecords?: RouteDetail[];
    RemovedRouteRecords?: RouteDetail[];
  };
  Warnings: string[];
}

/** Throws a StatetraceError listing every missing or empty required field of a snapshot. */
export function validateSnapshotForDiff(snapshot: unknown, path: string): Obj {
  if (typeof snapshot !== 'object' || snapshot === null || Array.isArray(snapshot)) {
    throw new StatetraceError(ErrorCode.InputInvalid, `RouteHealthSnapshot '${path}' is not a JSON object.`, { location: { file: path }, hint: 'pass a RouteHealthSnapshot file (routing.snapshot writes one)' });
  }
  const s = snapshot as Obj;
  const missing = SNAPSHOT_REQUIRED.filter((field) => {
    const value = s[field];
    if (field === 'RouteRecordIds') return !Array.isArray(value);
    return value === undefined || value === null || String(value).trim() === '';
  });
  if (missing.length > 0) {
    throw new StatetraceError(ErrorCode.InputInvalid, `RouteHealthSnapshot '${path}' is missing required fields: ${missing.join(', ')}.`, { location: { file: path }, hint: 'a snapshot needs ' + SNAPSHOT_REQUIRED.join(', ') });
  }
  return s;
}

function idSet(ids: unknown[], label: string, warnings: string[]): Set<string> {
  const set = new Set<string>();
  for (const raw of ids) {
    if (raw === null || raw === undefined) continue;
    const id = String(raw);
    if (id.trim() === '') continue;
    if (set.has(id)) warnings.push(`${label} contains duplicate RouteRecordId '${id}'.`);
    set.add(id);
  }
  return set;
}

function detail(record: Obj, fallbackVrf: unknown): RouteDetail {
  const vrf = record.Vrf === undefined || record.Vrf === null || String(record.Vrf).trim() === '' ? fallbackVrf : record.Vrf;
  return {
    RecordId: record.RecordId ?? null,
    Vrf: vrf ?? null,
    Prefix: record.Prefix ?? null,
    PrefixLength: record.PrefixLength ?? null,
    NextHop: record.NextHop ?? null,
    Protocol: record.Protocol ?? null,
    RouteRole: record.RouteRole ?? null,
    RouteState: record.RouteState ?? null,
    InterfaceName: record.InterfaceName ?? null,
    AdminDistance: record.AdminDistance ?? null,
    Metric: record.Metric ?? null,
  };
}

function asRecords(value: unknown): Obj[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.filter((v): v is Obj => typeof v === 'object' && v !== null);
}

function routeKey(record: Obj, fallbackVrf: unknown): string | undefined {
  const blank = (v: unknown): boolean => v === undefined || v === null || String(v).trim() === '';
  const vrf = blank(record.Vrf) ? fallbackVrf : record.Vrf;
  if (blank(vrf) || blank(record.Prefix) || record.PrefixLength === undefined || record.PrefixLength === null || blank(record.RouteRole)) return undefined;
  return `${String(vrf)}|${String(record.Prefix)}/${String(record.PrefixLength)}|${String(record.RouteRole)}`;
}

export function diffSnapshots(input: DiffInput): RoutingDiff {
  const warnings: string[] = [];
  const oldS = validateSnapshotForDiff(input.old, input.oldPath);
  const newS = validateSnapshotForDiff(input.new, input.newPath);
  if (!input.allowDifferentTargets && (oldS.Site !== newS.Site || oldS.Hostname !== newS.Hostname || oldS.Vrf !== newS.Vrf)) {
    throw new StatetraceError(
      ErrorCode.InputInvalid,
      `Snapshot targets do not match. Old: Site=${String(oldS.Site)} Hostname=${String(oldS.Hostname)} Vrf=${String(oldS.Vrf)} | New: Site=${String(newS.Site)} Hostname=${String(newS.Hostname)} Vrf=${String(newS.Vrf)}.`,
      { location: { file: input.newPath }, hint: 'compare snapshots of the same Site, Hostname and Vrf, or pass AllowDifferentTargets (--allow-different-targets / allowDifferentTargets: true)' },
    );
  }
  const oldIds = idSet(oldS.RouteRecordIds as unknown[], 'OldSnapshot', warnings);
  const newIds = idSet(newS.RouteRecordIds as unknown[], 'NewSnapshot', warnings);
  const added = sortOrdinal([...newIds].filter((id) => !oldIds.has(id)));
  const removed = sortOrdinal([...oldIds].filter((id) => !newIds.has(id)));
  const unchanged = [...newIds].filter((id) => oldIds.has(id)).length;

  const health: RoutingDiff['Changes']['Health'] = {
    PrimaryRouteStatus: { Old: oldS.PrimaryRouteStatus, New: newS.PrimaryRouteStatus },
    SecondaryRouteStatus: { Old: oldS.SecondaryRouteStatus, New: newS.SecondaryRouteStatus },
    HealthState: { Old: oldS.HealthState, New: newS.HealthState },
  };
  for (const field of ['HealthScore', 'DetectionLatencyMs']) {
    if (oldS[field] !== undefined || newS[field] !== undefined) health[field] = { Old: oldS[field] ?? null, New: newS[field] ?? null };
  }

  const addedRecords: RouteDetail[] = [];
  const removedRecords: RouteDetail[] = [];
  const changedRoutes: ChangedRoute[] = [];
  const hasOld = input.oldRecords !== undefined;
  const hasNew = input.newRecords !== undefined;
  if (hasOld !== hasNew) {
    warnings.push('RouteRecords enrichment requires both OldRouteRecordsPath and NewRouteRecordsPath; skipping enrichment.');
  } else if (hasOld && hasNew) {
    const oldRecords = asRecords(input.oldRecords);
    const newRecords = asRecords(input.newRecords);
    const byId = (records: Obj[], label: string): Map<string, Obj> => {
      const map = new Map<string, Obj>();
      for (const r of records) {
        const id = r.RecordId;
        if (id === undefined || id === null || String(id).trim() === '') warnings.push(`${label} record missing RecordId.`);
        else if (map.has(String(id))) warnings.push(`${label} record duplicate RecordId '${String(id)}'.`);
        else map.set(String(id), r);
      }
      return map;
    };
    const byKey = (records: Obj[], label: string, fallbackVrf: unknown): Map<string, Obj> => {
      const map = new Map<string, Obj>();
      for (const r of records) {
        const key = routeKey(r, fallbackVrf);
        if (key === undefined) warnings.push(`${label} record missing fields for diff key.`);
        else if (map.has(key)) warnings.push(`${label} record duplicate diff key '${key}'.`);
        else map.set(key, r);
      }
      return map;
    };
    const oldById = byId(oldRecords, 'OldRouteRecords');
    const newById = byId(newRecords, 'NewRouteRecords');
    for (const id of added) {
      const r = newById.get(id);
      if (r) addedRecords.push(detail(r, newS.Vrf));
      else warnings.push(`Added RouteRecordId '${id}' not found in NewRouteRecords.`);
    }
    for (const id of removed) {
      const r = oldById.get(id);
      if (r) removedRecords.push(detail(r, oldS.Vrf));
      else warnings.push(`Removed RouteRecordId '${id}' not found in OldRouteRecords.`);
    }
    const oldByKey = byKey(oldRecords, 'OldRouteRecords', oldS.Vrf);
    const newByKey = byKey(newRecords, 'NewRouteRecords', newS.Vrf);
    for (const key of sortOrdinal([...oldByKey.keys()].filter((k) => newByKey.has(k)))) {
      const o = oldByKey.get(key)!;
      const n = newByKey.get(key)!;
      const fieldsChanged = CHANGE_FIELDS.filter((f) => !sameValue(o[f], n[f]));
      if (fieldsChanged.length > 0) changedRoutes.push({ Key: key, FieldsChanged: [...fieldsChanged], Old: detail(o, oldS.Vrf), New: detail(n, newS.Vrf) });
    }
  }

  const block = (s: Obj, path: string): Obj => {
    const b: Obj = {
      Path: path,
      CapturedAt: s.CapturedAt,
      Site: s.Site,
      Hostname: s.Hostname,
      Vrf: s.Vrf,
      PrimaryRouteStatus: s.PrimaryRouteStatus,
      SecondaryRouteStatus: s.SecondaryRouteStatus,
      HealthState: s.HealthState,
    };
    if (s.HealthScore !== undefined && s.HealthScore !== null) b.HealthScore = s.HealthScore;
    if (s.DetectionLatencyMs !== undefined && s.DetectionLatencyMs !== null) b.DetectionLatencyMs = s.DetectionLatencyMs;
    return b;
  };

  const changes: RoutingDiff['Changes'] = { Health: health, AddedRouteRecordIds: added, RemovedRouteRecordIds: removed, UnchangedCount: unchanged, ChangedRoutes: changedRoutes };
  if (addedRecords.length > 0) changes.AddedRouteRecords = addedRecords;
  if (removedRecords.length > 0) changes.RemovedRouteRecords = removedRecords;
  return {
    SchemaVersion: SCHEMA_VERSION,
    Status: 'Pass',
    GeneratedAt: input.generatedAt ?? new Date().toISOString(),
    Old: block(oldS, input.oldPath),
    New: block(newS, input.newPath),
    Counts: { Added: added.length, Removed: removed.length, ChangedRoutes: changedRoutes.length },
    Changes: changes,
    Warnings: warnings,
  };
}

/** PowerShell `-ne` on the values the diff compares: strings case-insensitively, numbers by value, null = absent. */
function sameValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown => (v === undefined ? null : v);
  const x = norm(a);
  const y = norm(b);
  if (typeof x === 'string' && typeof y === 'string') return x.toLowerCase() === y.toLowerCase();
  return x === y;
}

/** A short Markdown rendering of a diff, like the original's `-MarkdownPath` output. */
export function diffToMarkdown(diff: RoutingDiff): string {
  const lines = [
    `# Routing diff ${String(diff.Old.Hostname)} (${String(diff.Old.Vrf)})`,
    '',
    `Old: ${String(diff.Old.CapturedAt)} · New: ${String(diff.New.CapturedAt)}`,
    '',
    '| Field | Old | New |',
    '|---|---|---|',
    ...Object.entries(diff.Changes.Health).map(([k, v]) => `| ${k} | ${String(v.Old)} | ${String(v.New)} |`),
    '',
    `Added ${diff.Counts.Added} · Removed ${diff.Counts.Removed} · Unchanged ${diff.Changes.UnchangedCount} · Changed routes ${diff.Counts.ChangedRoutes}`,
    '',
    ...diff.Changes.ChangedRoutes.map((c) => `- ${c.Key}: ${c.FieldsChanged.map((f) => `${f} ${String(c.Old[f as keyof RouteDetail])} → ${String(c.New[f as keyof RouteDetail])}`).join(', ')}`),
    ...diff.Warnings.map((w) => `- warning: ${w}`),
  ];
  return lines.join('\n') + '\n';
}
