/**
 * RoutingDiscoveryCapture → RouteRecord[] (the original's `Convert-RoutingDiscoveryCapture.ps1`):
 * Site and Hostname upper-cased, a blank Vrf becomes `default`, each route gets its deterministic
 * RecordId and SourceSystem `RoutingDiscoveryCapture`.
 */
import { recordId } from './ids.js';
import { SCHEMA_VERSION, type DiscoveryRoute, type RouteRecord, type RoutingDiscoveryCapture } from './model.js';

export interface RecordConversion {
  records: RouteRecord[];
  /** The original's error strings (`MissingRequiredField:Route[3].NextHop`, …); empty on success. */
  errors: string[];
}

const REQUIRED_ROUTE_STRINGS = ['Prefix', 'NextHop', 'Protocol', 'RouteRole', 'RouteState'] as const;

export function discoveryToRecords(capture: RoutingDiscoveryCapture): RecordConversion {
  const errors: string[] = [];
  for (const field of ['SchemaVersion', 'CapturedAt', 'Site', 'Hostname', 'Vrf'] as const) {
    const value = (capture as unknown as Record<string, unknown>)[field];
    if (value === undefined || value === null) errors.push(`MissingRequiredField:${field}`);
    else if (typeof value !== 'string') errors.push(`InvalidType:${field} expected=string actual=${typeof value}`);
    else if (value.trim() === '' && field !== 'Vrf') errors.push(`EmptyRequiredField:${field}`);
  }
  if (capture.SchemaVersion !== undefined && capture.SchemaVersion !== SCHEMA_VERSION) {
    errors.push(`SchemaVersionMismatch: expected=${SCHEMA_VERSION} actual=${capture.SchemaVersion}`);
  }
  if (!Array.isArray(capture.Routes)) errors.push(capture.Routes === undefined ? 'MissingRequiredField:Routes' : 'InvalidType:Routes expected=array');
  if (errors.length > 0) return { records: [], errors };

  const site = capture.Site.toUpperCase();
  const hostname = capture.Hostname.toUpperCase();
  const captureVrf = capture.Vrf.trim() === '' ? 'default' : capture.Vrf;
  const records: RouteRecord[] = [];
  capture.Routes.forEach((route, index) => {
    const r = route as DiscoveryRoute & { Vrf?: string } & Record<string, unknown>;
    const before = errors.length;
    for (const field of REQUIRED_ROUTE_STRINGS) {
      const value = r[field];
      if (value === undefined || value === null) errors.push(`MissingRequiredField:Route[${index}].${field}`);
      else if (typeof value !== 'string') errors.push(`InvalidType:Route[${index}].${field} expected=string actual=${typeof value}`);
      else if (value.trim() === '') errors.push(`EmptyRequiredField:Route[${index}].${field}`);
    }
    if (r.PrefixLength === undefined || r.PrefixLength === null) errors.push(`MissingRequiredField:Route[${index}].PrefixLength`);
    else if (!Number.isInteger(r.PrefixLength)) errors.push(`InvalidType:Route[${index}].PrefixLength expected=integer actual=${typeof r.PrefixLength}`);
    if (errors.length > before) return;
    const vrf = typeof r.Vrf === 'string' && r.Vrf.trim() !== '' ? r.Vrf : captureVrf;
    const record: RouteRecord = {
      SchemaVersion: SCHEMA_VERSION,
      RecordId: recordId({ CapturedAt: capture.CapturedAt, Site: site, Hostname: hostname, Vrf: vrf, Prefix: r.Prefix, PrefixLength: r.PrefixLength, NextHop: r.NextHop, Protocol: r.Protocol, RouteRole: r.RouteRole, RouteState: r.RouteState }),
      CapturedAt: capture.CapturedAt,
      Site: site,
      Hostname: hostname,
      Vrf: vrf,
      Prefix: r.Prefix,
      PrefixLength: r.PrefixLength,
      NextHop: r.NextHop,
      Protocol: r.Protocol,
      RouteRole: r.RouteRole,
      RouteState: r.RouteState,
    };
    // Optional fields only when present (the original wrote nulls; absent is what the schema means).
    for (const field of ['InterfaceName', 'AdminDistance', 'Metric', 'Tag', 'AgeSeconds'] as const) {
      if (r[field] !== undefined && r[field] !== null) (record as unknown as Record<string, unknown>)[field] = r[field];
    }
    record.SourceSystem = 'RoutingDiscoveryCapture';
    records.push(record);
  });
  return { records: errors.length > 0 ? [] : records, errors };
}
