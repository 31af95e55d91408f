/**
 * The routing data model, field for field as the original's contracts (StateTrace
 * `docs/schemas/routing/*.schema.json`, all SchemaVersion "1.0"). Field names are PascalCase on
 * purpose: these objects are written to and read from the same JSON files the original wrote.
 */

export const SCHEMA_VERSION = '1.0';

export const VENDORS = ['CiscoIOSXE', 'AristaEOS', 'Juniper', 'PaloAlto'] as const;
export type Vendor = (typeof VENDORS)[number];

export type RouteRole = 'Primary' | 'Secondary';
export type RouteState = 'Active' | 'Inactive';

/** One route of a RoutingDiscoveryCapture (`Routes[]`). */
export interface DiscoveryRoute {
  Prefix: string;
  PrefixLength: number;
  NextHop: string;
  Protocol: string;
  RouteRole: RouteRole | string;
  RouteState: RouteState | string;
  InterfaceName?: string;
  AdminDistance?: number;
  Metric?: number;
  Tag?: string;
  AgeSeconds?: number;
}

/** A parsed CLI route: a discovery route plus the VRF / routing instance the table named, if any. */
export interface ParsedRoute extends DiscoveryRoute {
  /** VRF, routing instance or virtual router the table section belonged to; undefined = the capture's Vrf. */
  Vrf?: string;
  /** 1-based line of the transcript the route (or its next hop, for ECMP continuations) came from. */
  Line: number;
}

export interface RoutingDiscoveryCapture {
  SchemaVersion: string;
  CapturedAt: string;
  Site: string;
  Hostname: string;
  Vrf: string;
  Routes: DiscoveryRoute[];
}

export interface RouteRecord {
  SchemaVersion: string;
  RecordId: string;
  CapturedAt: string;
  Site: string;
  Hostname: string;
  Vrf: string;
  Prefix: string;
  PrefixLength: number;
  NextHop: string;
  Protocol: string;
  RouteRole: string;
  RouteState: string;
  InterfaceName?: string;
  AdminDistance?: number;
  Metric?: number;
  Tag?: string;
  AgeSeconds?: number;
  SourceSystem?: string;
}

export type PrimaryRouteStatus = 'Up' | 'Down' | 'Degraded' | 'Missing';
export type SecondaryRouteStatus = 'Up' | 'Down' | 'Standby' | 'Missing';
export type HealthState = 'Healthy' | 'Warning' | 'Critical';
export type FailoverState = 'None' | 'FailoverInProgress' | 'FailoverComplete';

export interface RouteHealthSnapshot {
  SchemaVersion: string;
  SnapshotId: string;
  CapturedAt: string;
  Site: string;
  Hostname: string;
  Vrf: string;
  PrimaryRouteStatus: PrimaryRouteStatus;
  SecondaryRouteStatus: SecondaryRouteStatus;
  HealthState: HealthState;
  DetectionLatencyMs: number;
  RouteRecordIds: string[];
  FailoverState?: FailoverState;
  HealthScore?: number;
  EvidenceSources?: string[];
  Notes?: string;
}

/** RoutingCliCapture (`Capture.json`): one host's transcripts, paths relative to the file. */
export interface RoutingCliCapture {
  SchemaVersion: string;
  CapturedAt: string;
  Site: string;
  Hostname: string;
  Vendor: string;
  Vrf: string;
  Artifacts: Array<{ Name: string; Command: string; Path: string }>;
}

/** RoutingCliCaptureSession (`Session.json`): several hosts of one site, one vendor. */
export interface RoutingCliCaptureSession {
  SchemaVersion: string;
  CapturedAt: string;
  Site: string;
  Vendor: string;
  Vrf: string;
  Hosts: Array<{ Hostname: string; Artifacts: Array<{ Name: string; Command: string; TranscriptPath: string }> }>;
}

/** Artifact names that carry a routing table, per vendor (the original knew only `show_ip_route`). */
export const ROUTE_ARTIFACT_NAMES: Record<Vendor, string[]> = {
  CiscoIOSXE: ['show_ip_route'],
  AristaEOS: ['show_ip_route'],
  Juniper: ['show_route', 'show_ip_route'],
  PaloAlto: ['show_routing_route', 'show_ip_route'],
};

export function isVendor(value: string): value is Vendor {
  return (VENDORS as readonly string[]).includes(value);
}
