/**
 * The per-area manifest `TelemetryBundle.json`, field for field the original's (New-TelemetryBundle),
 * and the JSON schema it must satisfy. The schema is restated here (not read from the StateTrace
 * repository) so verification works on a fresh clone; a test checks it is identical to the original's
 * `telemetrybundle_manifest.schema.json`.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { compileSchema } from '../../core/json-schema.js';

export const MANIFEST_FILE = 'TelemetryBundle.json';
export const README_FILE = 'README.md';

export interface ManifestArtifact {
  Category: string;
  /** Path of the copy relative to the area folder (`DocSync\DocSyncChecklist.json` in Windows-written bundles). */
  TargetFile: string;
  /** Where the file was copied from. */
  SourcePath: string;
  /** SHA-256 of the copied bytes, uppercase hex. */
  Hash: string;
  SizeBytes: number;
}

export interface TelemetryBundleManifest {
  BundleName: string;
  AreaName: string;
  CreatedAt: string;
  Hostname: string;
  OutputRoot?: string;
  BundlePath: string;
  PlanReferences?: string[] | null;
  TaskBoardIds?: string[] | null;
  Notes?: string | null;
  Artifacts: ManifestArtifact[];
}

/** The original's manifest schema (draft-07), unchanged. */
export const manifestSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://example.invalid/statetrace/telemetrybundle_manifest.schema.json',
  title: 'StateTrace Telemetry Bundle Manifest',
  type: 'object',
  additionalProperties: false,
  required: ['BundleName', 'AreaName', 'CreatedAt', 'Hostname', 'BundlePath', 'Artifacts'],
  properties: {
    BundleName: { type: 'string' },
    AreaName: { type: 'string' },
    CreatedAt: {
      type: 'string',
      pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2})$',
    },
    Hostname: { type: 'string' },
    OutputRoot: { type: 'string' },
    BundlePath: { type: 'string' },
    PlanReferences: { type: ['array', 'null'], items: { type: 'string' } },
    TaskBoardIds: { type: ['array', 'null'], items: { type: 'string' } },
    Notes: { type: ['string', 'null'] },
    Artifacts: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['Category', 'TargetFile', 'SourcePath', 'Hash', 'SizeBytes'],
        properties: {
          Category: { type: 'string' },
          TargetFile: { type: 'string' },
          SourcePath: { type: 'string' },
          Hash: { type: 'string', pattern: '^[A-Fa-f0-9]{64}$' },
          SizeBytes: { type: 'integer', minimum: 0 },
        },
      },
    },
  },
} as const;

let compiled: ValidateFunction | undefined;

/** One schema problem, phrased for a person: where in the manifest and what is wrong. */
export interface SchemaProblem {
  /** JSON pointer into the manifest, e.g. `/Artifacts/2/Hash`; empty for the top level. */
  pointer: string;
  message: string;
}

export function validateManifest(value: unknown): SchemaProblem[] {
  compiled ??= compileSchema(manifestSchema, { allErrors: true });
  if (compiled(value)) return [];
  return (compiled.errors ?? []).map(describeSchemaError);
}

function describeSchemaError(error: ErrorObject): SchemaProblem {
  const params = error.params as Record<string, unknown>;
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperty') message = `has property '${String(params['additionalProperty'])}' that the schema does not allow`;
  if (error.keyword === 'additionalProperties') message = `has property '${String(params['additionalProperty'])}' that the schema does not allow`;
  if (error.keyword === 'required') message = `lacks required property '${String(params['missingProperty'])}'`;
  return { pointer: error.instancePath, message };
}
