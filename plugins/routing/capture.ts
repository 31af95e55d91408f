/**
 * RoutingCliCapture (`Capture.json`) and RoutingCliCaptureSession (`Session.json`) files: read,
 * validate with the original's error vocabulary (`MissingRequiredField:X`, `InvalidType:X …`,
 * `EmptyRequiredField:X`, `SchemaVersionMismatch: …`, `UnsupportedVendor:<v> supported=…`,
 * `MissingArtifact:show_ip_route`, `MissingArtifactFile:<path>`, `NoRoutesParsed`), and turn each
 * host's transcript into a RoutingDiscoveryCapture. Every failure is a StatetraceError naming the file,
 * the line of the offending key when there is one, and what to do.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { ErrorCode, StatetraceError } from '../../core/errors.js';
import { isRecord, lineOfKey, readJsonFile, readTextFile, type JsonFile } from './json-file.js';
import { ROUTE_ARTIFACT_NAMES, SCHEMA_VERSION, VENDORS, isVendor, type DiscoveryRoute, type ParsedRoute, type RoutingDiscoveryCapture, type Vendor } from './model.js';
import { parseRouteTable, type RouteTableParse } from './parse/index.js';

/** One host's capture, resolved: where its transcript is and what to stamp on its routes. */
export interface HostCapture {
  /** The Capture.json or Session.json it came from. */
  sourcePath: string;
  SchemaVersion: string;
  CapturedAt: string;
  Site: string;
  Hostname: string;
  Vendor: Vendor;
  Vrf: string;
  /** Absolute path of the routing-table transcript. */
  transcriptPath: string;
  command: string;
}

/** The original's ingestion summary (`RoutingCliIngestionSummary`), plus the lines we could not read. */
export interface IngestionSummary {
  Status: 'Pass' | 'Fail';
  Vendor: string;
  CapturePath: string;
  TranscriptPath: string;
  Hostname: string;
  RoutesParsedCount: number;
  LinesParsedCount: number;
  LinesSkippedCount: number;
  UnreadableLines: RouteTableParse['unreadable'];
  Errors: string[];
}

export interface HostIngestion {
  capture: HostCapture;
  discovery: RoutingDiscoveryCapture;
  routes: ParsedRoute[];
  summary: IngestionSummary;
}

type Errors = string[];

function requiredString(obj: Record<string, unknown>, field: string, errors: Errors, prefix?: string): string | undefined {
  const label = prefix ? `${prefix}.${field}` : field;
  const value = obj[field];
  if (value === undefined || value === null) {
    errors.push(`MissingRequiredField:${label}`);
    return undefined;
  }
  if (typeof value !== 'string') {
    errors.push(`InvalidType:${label} expected=string actual=${Array.isArray(value) ? 'array' : typeof value}`);
    return undefined;
  }
  if (value.trim() === '') {
    errors.push(`EmptyRequiredField:${label}`);
    return undefined;
  }
  return value;
}

function requiredArray(obj: Record<string, unknown>, field: string, errors: Errors, prefix?: string): unknown[] | undefined {
  const label = prefix ? `${prefix}.${field}` : field;
  const value = obj[field];
  if (value === undefined || value === null) {
    errors.push(`MissingRequiredField:${label}`);
    return undefined;
  }
  if (isRecord(value)) return [value]; // the original accepted a single object as a one-element array
  if (!Array.isArray(value)) {
    errors.push(`InvalidType:${label} expected=array actual=${typeof value}`);
    return undefined;
  }
  return value;
}

function fail(file: JsonFile, what: string, errors: Errors, hint: string): never {
  const firstField = /^(?:MissingRequiredField|InvalidType|EmptyRequiredField):(?:[^.\s]*\.)*([A-Za-z]+)/.exec(errors[0] ?? '')?.[1];
  const line = firstField ? lineOfKey(file.text, firstField) : undefined;
  throw new StatetraceError(ErrorCode.InputInvalid, `${what} ${file.path} is invalid: ${errors.join('; ')}`, {
    location: { file: file.path, ...(line !== undefined ? { line } : {}) },
    hint,
  });
}

function checkVendor(vendor: string | undefined, errors: Errors): Vendor | undefined {
  if (vendor === undefined) return undefined;
  if (isVendor(vendor)) return vendor;
  errors.push(`UnsupportedVendor:${vendor} supported=${VENDORS.join(',')}`);
  return undefined;
}

function resolveRelative(baseFile: string, path: string): string {
  return isAbsolute(path) ? path : resolve(dirname(baseFile), path);
}

function findRouteArtifact<T extends Record<string, unknown>>(artifacts: T[], vendor: Vendor): T | undefined {
  const names = ROUTE_ARTIFACT_NAMES[vendor];
  return artifacts.find((a) => typeof a.Name === 'string' && names.includes(a.Name));
}

/**
 * The header fields a capture and a session share, validated in the order the original reports them
 * (`withHostname`: a single-host capture names its host in the header).
 */
function readHeader(obj: Record<string, unknown>, errors: Errors, withHostname: boolean) {
  const schemaVersion = requiredString(obj, 'SchemaVersion', errors);
  if (schemaVersion !== undefined && schemaVersion !== SCHEMA_VERSION) errors.push(`SchemaVersionMismatch: expected=${SCHEMA_VERSION} actual=${schemaVersion}`);
  const capturedAt = requiredString(obj, 'CapturedAt', errors);
  const site = requiredString(obj, 'Site', errors);
  const hostname = withHostname ? requiredString(obj, 'Hostname', errors) : undefined;
  const vendorText = requiredString(obj, 'Vendor', errors);
  const vrf = requiredString(obj, 'Vrf', errors);
  return { schemaVersion, capturedAt, site, hostname, vendorText, vrf };
}

/** Reads and validates a RoutingCliCapture (`Capture.json`). */
export function loadCliCapture(path: string): HostCapture {
  const file = readJsonFile(path, 'Routing CLI capture');
  if (!isRecord(file.value)) fail(file, 'Routing CLI capture', ['InvalidType:(root) expected=object'], 'a Capture.json is one JSON object');
  const obj = file.value;
  const errors: Errors = [];
  const { schemaVersion, capturedAt, site, hostname, vendorText, vrf } = readHeader(obj, errors, true);
  const artifacts = requiredArray(obj, 'Artifacts', errors);
  const vendor = checkVendor(vendorText, errors);
  if (errors.length > 0) fail(file, 'Routing CLI capture', errors, captureHint);
  const checked: Array<Record<string, unknown>> = [];
  artifacts!.forEach((a, i) => {
    if (!isRecord(a)) {
      errors.push(`InvalidType:Artifacts[${i}] expected=object`);
      return;
    }
    requiredString(a, 'Name', errors, `Artifacts[${i}]`);
    requiredString(a, 'Command', errors, `Artifacts[${i}]`);
    requiredString(a, 'Path', errors, `Artifacts[${i}]`);
    checked.push(a);
  });
  if (errors.length > 0) fail(file, 'Routing CLI capture', errors, captureHint);
  const artifact = findRouteArtifact(checked, vendor!);
  if (!artifact) fail(file, 'Routing CLI capture', [`MissingArtifact:${ROUTE_ARTIFACT_NAMES[vendor!][0]}`], `add an artifact named ${ROUTE_ARTIFACT_NAMES[vendor!].join(' or ')} whose Path is the routing-table transcript`);
  const transcriptPath = resolveRelative(path, artifact.Path as string);
  return {
    sourcePath: path,
    SchemaVersion: schemaVersion!,
    CapturedAt: capturedAt!,
    Site: site!,
    Hostname: hostname!,
    Vendor: vendor!,
    Vrf: vrf!,
    transcriptPath,
    command: artifact.Command as string,
  };
}

/** Reads and validates a RoutingCliCaptureSession (`Session.json`): one HostCapture per host. */
export function loadCaptureSession(path: string): HostCapture[] {
  const file = readJsonFile(path, 'Routing CLI capture session');
  if (!isRecord(file.value)) fail(file, 'Routing CLI capture session', ['InvalidType:(root) expected=object'], 'a Session.json is one JSON object');
  const obj = file.value;
  const errors: Errors = [];
  const { schemaVersion, capturedAt, site, vendorText, vrf } = readHeader(obj, errors, false);
  const hosts = requiredArray(obj, 'Hosts', errors);
  const vendor = checkVendor(vendorText, errors);
  if (errors.length > 0) fail(file, 'Routing CLI capture session', errors, sessionHint);
  if (hosts!.length === 0) fail(file, 'Routing CLI capture session', ['EmptyRequiredField:Hosts'], 'list at least one host with its show_ip_route transcript');
  const result: HostCapture[] = [];
  hosts!.forEach((h, i) => {
    if (!isRecord(h)) {
      errors.push(`InvalidType:Hosts[${i}] expected=object`);
      return;
    }
    const hostname = requiredString(h, 'Hostname', errors, `Hosts[${i}]`);
    const artifacts = requiredArray(h, 'Artifacts', errors, `Hosts[${i}]`);
    if (!hostname || !artifacts) return;
    const checked: Array<Record<string, unknown>> = [];
    artifacts.forEach((a, j) => {
      if (!isRecord(a)) return void errors.push(`InvalidType:Hosts[${i}].Artifacts[${j}] expected=object`);
      requiredString(a, 'Name', errors, `Hosts[${i}].Artifacts[${j}]`);
      requiredString(a, 'Command', errors, `Hosts[${i}].Artifacts[${j}]`);
      requiredString(a, 'TranscriptPath', errors, `Hosts[${i}].Artifacts[${j}]`);
      checked.push(a);
    });
    const artifact = findRouteArtifact(checked, vendor!);
    if (!artifact) return void errors.push(`MissingArtifact:${ROUTE_ARTIFACT_NAMES[vendor!][0]} host=${hostname}`);
    if (typeof artifact.TranscriptPath !== 'string') return;
    result.push({
      sourcePath: path,
      SchemaVersion: schemaVersion!,
      CapturedAt: capturedAt!,
      Site: site!,
      Hostname: hostname,
      Vendor: vendor!,
      Vrf: vrf!,
      transcriptPath: resolveRelative(path, artifact.TranscriptPath),
      command: typeof artifact.Command === 'string' ? artifact.Command : 'show ip route',
    });
  });
  if (errors.length > 0) fail(file, 'Routing CLI capture session', errors, sessionHint);
  return result;
}

const captureHint = `a Capture.json needs SchemaVersion "1.0", CapturedAt, Site, Hostname, Vendor (${VENDORS.join('|')}), Vrf and Artifacts[{Name, Command, Path}]`;
const sessionHint = `a Session.json needs SchemaVersion "1.0", CapturedAt, Site, Vendor (${VENDORS.join('|')}), Vrf and Hosts[{Hostname, Artifacts[{Name, Command, TranscriptPath}]}]`;

/** Decides from its content whether a JSON file is a capture or a session, and loads it. */
export function loadCaptureOrSession(path: string): HostCapture[] {
  const file = readJsonFile(path, 'Routing capture');
  if (isRecord(file.value) && 'Hosts' in file.value) return loadCaptureSession(path);
  return [loadCliCapture(path)];
}

/**
 * Parses one host's transcript into a RoutingDiscoveryCapture. Throws (with the original's error
 * names) when the transcript is missing or yields no route.
 */
export function ingestHostCapture(capture: HostCapture): HostIngestion {
  if (!existsSync(capture.transcriptPath)) {
    throw new StatetraceError(ErrorCode.InputMissing, `MissingArtifactFile:${capture.transcriptPath} (the ${capture.Hostname} transcript named by ${capture.sourcePath})`, {
      location: { file: capture.sourcePath, ...(lineOfTranscript(capture) ?? {}) },
      hint: 'put the transcript there, or fix Path / TranscriptPath (relative to the capture file)',
    });
  }
  const text = readTextFile(capture.transcriptPath, 'Transcript');
  const parsed = parseRouteTable(text, capture.Vendor);
  const errors: string[] = [];
  if (parsed.routes.length === 0) errors.push('NoRoutesParsed');
  const summary: IngestionSummary = {
    Status: errors.length === 0 ? 'Pass' : 'Fail',
    Vendor: capture.Vendor,
    CapturePath: capture.sourcePath,
    TranscriptPath: capture.transcriptPath,
    Hostname: capture.Hostname,
    RoutesParsedCount: parsed.routes.length,
    LinesParsedCount: parsed.lines,
    LinesSkippedCount: Math.max(0, parsed.lines - parsed.routes.length),
    UnreadableLines: parsed.unreadable,
    Errors: errors,
  };
  if (errors.length > 0) {
    throw new StatetraceError(ErrorCode.InputInvalid, `NoRoutesParsed: no ${capture.Vendor} route found in ${capture.transcriptPath} (${parsed.lines} lines read)`, {
      location: { file: capture.transcriptPath },
      hint: `check that the transcript is the output of "${capture.command}" and that Vendor ${capture.Vendor} is right (supported: ${VENDORS.join(', ')})`,
    });
  }
  return { capture, routes: parsed.routes, summary, discovery: toDiscoveryCapture(capture, parsed.routes) };
}

function lineOfTranscript(capture: HostCapture): { line: number } | undefined {
  try {
    const text = readFileSync(capture.sourcePath, 'utf8');
    const index = text.indexOf(basename(capture.transcriptPath));
    return index < 0 ? undefined : { line: text.slice(0, index).split('\n').length };
  } catch {
    return undefined;
  }
}

/** The RoutingDiscoveryCapture v1 the original wrote between parsing and records. */
export function toDiscoveryCapture(
  meta: { CapturedAt: string; Site: string; Hostname: string; Vrf: string },
  routes: readonly ParsedRoute[],
): RoutingDiscoveryCapture {
  return {
    SchemaVersion: SCHEMA_VERSION,
    CapturedAt: meta.CapturedAt,
    Site: meta.Site,
    Hostname: meta.Hostname,
    Vrf: meta.Vrf,
    // `Vrf` on a route is our extension, present only when the transcript named a VRF section.
    Routes: routes.map(({ Line: _line, ...route }) => route as DiscoveryRoute),
  };
}
