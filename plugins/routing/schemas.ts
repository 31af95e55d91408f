/**
 * JSON Schemas (draft-07, ajv) for the routing contracts, written from the original's machine schemas
 * (`docs/schemas/routing/*.schema.json`: `{Required:{field:type}, Optional:{…}}` maps) and the enums
 * its contract table documents (DOMAIN §5.1). Extra fields are allowed, as the original's validators
 * allowed them.
 */
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { createValidator } from '../../core/json-schema.js';

const isoTimestamp = String.raw`^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?$`;
const nonEmpty = { type: 'string', minLength: 1 } as const;

export const routeRecordSchema = {
  $id: 'statetrace/routing/RouteRecord.json',
  title: 'RouteRecord v1.0',
  type: 'object',
  required: ['SchemaVersion', 'RecordId', 'CapturedAt', 'Site', 'Hostname', 'Vrf', 'Prefix', 'PrefixLength', 'NextHop', 'Protocol', 'RouteRole', 'RouteState'],
  properties: {
    SchemaVersion: { const: '1.0' },
    RecordId: nonEmpty,
    CapturedAt: { type: 'string', pattern: isoTimestamp },
    Site: nonEmpty,
    Hostname: nonEmpty,
    Vrf: nonEmpty,
    Prefix: { type: 'string', pattern: String.raw`^\d{1,3}(\.\d{1,3}){3}$` },
    PrefixLength: { type: 'integer', minimum: 0, maximum: 32 },
    NextHop: nonEmpty,
    Protocol: nonEmpty,
    RouteRole: { enum: ['Primary', 'Secondary'] },
    RouteState: { enum: ['Active', 'Inactive'] },
    InterfaceName: { type: 'string' },
    AdminDistance: { type: 'integer', minimum: 0 },
    Metric: { type: 'integer', minimum: 0 },
    Tag: { type: 'string' },
    AgeSeconds: { type: 'integer', minimum: 0 },
    SourceSystem: { type: 'string' },
  },
} as const;

export const routeRecordsSchema = {
  $id: 'statetrace/routing/RouteRecords.json',
  title: 'RouteRecord[]',
  type: 'array',
  minItems: 1,
  items: { $ref: 'RouteRecord.json' },
} as const;

export const routeHealthSnapshotSchema = {
  $id: 'statetrace/routing/RouteHealthSnapshot.json',
  title: 'RouteHealthSnapshot v1.0',
  type: 'object',
  required: ['SchemaVersion', 'SnapshotId', 'CapturedAt', 'Site', 'Hostname', 'Vrf', 'PrimaryRouteStatus', 'SecondaryRouteStatus', 'HealthState', 'DetectionLatencyMs', 'RouteRecordIds'],
  properties: {
    SchemaVersion: { const: '1.0' },
    SnapshotId: nonEmpty,
    CapturedAt: { type: 'string', pattern: isoTimestamp },
    Site: nonEmpty,
    Hostname: nonEmpty,
    Vrf: nonEmpty,
    PrimaryRouteStatus: { enum: ['Up', 'Down', 'Degraded', 'Missing'] },
    SecondaryRouteStatus: { enum: ['Up', 'Down', 'Standby', 'Missing'] },
    HealthState: { enum: ['Healthy', 'Warning', 'Critical'] },
    DetectionLatencyMs: { type: 'number', minimum: 0 },
    RouteRecordIds: { type: 'array', items: { type: 'string' } },
    FailoverState: { enum: ['None', 'FailoverInProgress', 'FailoverComplete'] },
    HealthScore: { type: 'number', minimum: 0, maximum: 1 },
    EvidenceSources: { type: 'array', items: { type: 'string' } },
    Notes: { type: 'string' },
  },
} as const;

export const SCHEMAS = {
  RouteRecord: routeRecordSchema,
  RouteRecords: routeRecordsSchema,
  RouteHealthSnapshot: routeHealthSnapshotSchema,
} as const;
export type SchemaName = keyof typeof SCHEMAS;

let ajv: Ajv | undefined;
const compiled = new Map<SchemaName, ValidateFunction>();

function validator(name: SchemaName): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    ajv ??= createValidator({ allErrors: true, strict: true, schemas: [routeRecordSchema] });
    fn = name === 'RouteRecord' ? ajv.getSchema(routeRecordSchema.$id)! : ajv.compile(SCHEMAS[name]);
    compiled.set(name, fn);
  }
  return fn;
}

export interface SchemaValidation {
  schema: SchemaName;
  valid: boolean;
  /** `/0/RouteRole must be equal to one of the allowed values (Primary, Secondary)`, … */
  errors: string[];
}

export function validateAgainst(name: SchemaName, value: unknown): SchemaValidation {
  const fn = validator(name);
  const valid = fn(value) as boolean;
  return { schema: name, valid, errors: valid ? [] : (fn.errors ?? []).map(describeError) };
}

function describeError(e: ErrorObject): string {
  const where = e.instancePath === '' ? '(root)' : e.instancePath;
  const allowed = e.keyword === 'enum' ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : '';
  return `${where} ${e.message ?? e.keyword}${allowed}`;
}
