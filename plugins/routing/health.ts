/**
 * Health rules v1 (DOMAIN §5.4, the original's `Convert-RouteRecordsToHealthSnapshot.ps1`): a group of
 * RouteRecords for one Site|Hostname|Vrf becomes one RouteHealthSnapshot. A pure function: it returns
 * the snapshot (or the original's error strings) and the summary the original wrote beside it.
 */
import { compareTimestamps, diffMs, formatRoundTrip, parseOffsetTimestamp, roundHalfEven, snapshotId, sortOrdinal, type OffsetTimestamp } from './ids.js';
import { SCHEMA_VERSION, type HealthState, type PrimaryRouteStatus, type RouteHealthSnapshot, type SecondaryRouteStatus } from './model.js';

export interface SnapshotFilter {
  site?: string;
  hostname?: string;
  vrf?: string;
}

export interface SnapshotSummary {
  Status: 'Pass' | 'Fail';
  GroupKey: string | null;
  RouteRecordCount: number;
  PrimaryRecordCount: number;
  SecondaryRecordCount: number;
  PrimaryRouteStatus: PrimaryRouteStatus | null;
  SecondaryRouteStatus: SecondaryRouteStatus | null;
  HealthState: HealthState | null;
  Errors: string[];
  SchemaVersion: string;
  RouteRecordSchemaVersion: string;
}

export interface SnapshotResult {
  snapshot?: RouteHealthSnapshot;
  summary: SnapshotSummary;
}

interface ValidRecord {
  RecordId: string;
  CapturedAt: string;
  Site: string;
  Hostname: string;
  Vrf: string;
  RouteRole: string;
  RouteState: string;
}

const REQUIRED = ['SchemaVersion', 'RecordId', 'CapturedAt', 'Site', 'Hostname', 'Vrf', 'RouteRole', 'RouteState'] as const;

export const HEALTH_SCORES: Record<HealthState, number> = { Healthy: 1, Warning: 0.7, Critical: 0 };

/** The status matrix of rules 2–5, on its own so the detector can reuse it. */
export function classifyHealth(primary: { count: number; anyActive: boolean }, secondary: { count: number; anyActive: boolean }) {
  const primaryBase: PrimaryRouteStatus = primary.count === 0 ? 'Missing' : primary.anyActive ? 'Up' : 'Down';
  const secondaryStatus: SecondaryRouteStatus = secondary.count === 0 ? 'Missing' : secondary.anyActive ? 'Up' : primaryBase === 'Up' ? 'Standby' : 'Down';
  const primaryStatus: PrimaryRouteStatus = primaryBase === 'Down' && secondaryStatus === 'Up' ? 'Degraded' : primaryBase;
  const healthState: HealthState = primaryStatus === 'Up' ? 'Healthy' : secondaryStatus === 'Up' ? 'Warning' : 'Critical';
  return { primaryStatus, secondaryStatus, healthState };
}

export function recordsToSnapshot(input: unknown, filter: SnapshotFilter = {}): SnapshotResult {
  const errors: string[] = [];
  const list = Array.isArray(input) ? input : input === null || input === undefined ? [] : [input];
  if (list.length === 0) errors.push('NoRouteRecords');
  const valid: ValidRecord[] = [];
  list.forEach((raw, index) => {
    const prefix = `Record[${index}]`;
    const record = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const values: Partial<Record<(typeof REQUIRED)[number], string>> = {};
    for (const field of REQUIRED) {
      const value = record[field];
      if (value === undefined || value === null) errors.push(`MissingRequiredField:${prefix}.${field}`);
      else if (typeof value !== 'string') errors.push(`InvalidType:${prefix}.${field} expected=string actual=${typeof value}`);
      else if (value.trim() === '') errors.push(`EmptyRequiredField:${prefix}.${field}`);
      else values[field] = value;
    }
    if (values.SchemaVersion !== undefined && values.SchemaVersion !== SCHEMA_VERSION) {
      errors.push(`SchemaVersionMismatch:${prefix} expected=${SCHEMA_VERSION} actual=${values.SchemaVersion}`);
    }
    if (errors.length === 0) valid.push(values as ValidRecord);
  });

  let filtered = valid;
  if (filter.site) filtered = filtered.filter((r) => r.Site === filter.site);
  if (filter.hostname) filtered = filtered.filter((r) => r.Hostname === filter.hostname);
  if (filter.vrf) filtered = filtered.filter((r) => r.Vrf === filter.vrf);
  if (errors.length === 0 && filtered.length === 0) errors.push('NoRouteRecordsAfterFilter');

  const summary: SnapshotSummary = {
    Status: 'Fail',
    GroupKey: null,
    RouteRecordCount: filtered.length,
    PrimaryRecordCount: 0,
    SecondaryRecordCount: 0,
    PrimaryRouteStatus: null,
    SecondaryRouteStatus: null,
    HealthState: null,
    Errors: errors,
    SchemaVersion: SCHEMA_VERSION,
    RouteRecordSchemaVersion: SCHEMA_VERSION,
  };
  if (errors.length > 0) return { summary };

  const groups = new Map<string, ValidRecord[]>();
  for (const r of filtered) {
    const key = `${r.Site}|${r.Hostname}|${r.Vrf}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  if (groups.size !== 1) {
    errors.push(`MultipleRouteRecordGroups:${sortOrdinal([...groups.keys()]).join(',')}`);
    return { summary };
  }
  const [groupKey, records] = [...groups.entries()][0]!;
  const primary = records.filter((r) => r.RouteRole === 'Primary');
  const secondary = records.filter((r) => r.RouteRole === 'Secondary');
  const { primaryStatus, secondaryStatus, healthState } = classifyHealth(
    { count: primary.length, anyActive: primary.some((r) => r.RouteState === 'Active') },
    { count: secondary.length, anyActive: secondary.some((r) => r.RouteState === 'Active') },
  );
  Object.assign(summary, {
    GroupKey: groupKey,
    PrimaryRecordCount: primary.length,
    SecondaryRecordCount: secondary.length,
    PrimaryRouteStatus: primaryStatus,
    SecondaryRouteStatus: secondaryStatus,
    HealthState: healthState,
  });

  const times: OffsetTimestamp[] = [];
  for (const r of records) {
    const t = parseOffsetTimestamp(r.CapturedAt);
    if (t) times.push(t);
    else errors.push(`InvalidCapturedAt:${r.RecordId}`);
  }
  if (errors.length > 0) return { summary };
  times.sort(compareTimestamps);
  const min = times[0]!;
  const max = times[times.length - 1]!;
  const first = records[0]!;
  const site = first.Site.toUpperCase();
  const hostname = first.Hostname.toUpperCase();
  const vrf = first.Vrf.trim() === '' ? 'default' : first.Vrf;
  const capturedAt = formatRoundTrip(max);
  const recordIds = sortOrdinal(records.map((r) => r.RecordId));
  const snapshot: RouteHealthSnapshot = {
    SchemaVersion: SCHEMA_VERSION,
    SnapshotId: snapshotId(site, hostname, vrf, capturedAt, recordIds),
    CapturedAt: capturedAt,
    Site: site,
    Hostname: hostname,
    Vrf: vrf,
    PrimaryRouteStatus: primaryStatus,
    SecondaryRouteStatus: secondaryStatus,
    HealthState: healthState,
    DetectionLatencyMs: roundHalfEven(diffMs(min, max)),
    RouteRecordIds: recordIds,
    FailoverState: primaryStatus === 'Degraded' ? 'FailoverComplete' : 'None',
    HealthScore: HEALTH_SCORES[healthState],
    EvidenceSources: ['RouteRecords'],
    Notes: 'Generated from RouteRecord fixtures',
  };
  summary.Status = 'Pass';
  return { snapshot, summary };
}
