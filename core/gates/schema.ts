/**
 * JSON schemas (ajv, draft-07) of gate files and of one gate. The gate schema is shared with inline
 * gates in scenario files. Defaults are documented here, in the schema, not hidden in code.
 */
import { METRIC_KINDS, METRIC_UNITS } from '../metrics/dictionary.js';

const filterSchema = {
  type: 'object',
  description: 'field: value (equality), field: [a, b] (any of), or field: { gt|gte|lt|lte|eq|ne|in|notIn|exists: … }',
  additionalProperties: {
    anyOf: [
      { type: ['string', 'number', 'boolean', 'null'] },
      { type: 'array', items: { type: ['string', 'number', 'boolean', 'null'] } },
      {
        type: 'object',
        minProperties: 1,
        properties: {
          eq: {},
          ne: {},
          in: { type: 'array' },
          notIn: { type: 'array' },
          gt: { type: 'number' },
          gte: { type: 'number' },
          lt: { type: 'number' },
          lte: { type: 'number' },
          exists: { type: 'boolean' },
        },
        additionalProperties: false,
      },
    ],
  },
} as const;

const appliesToSchema = {
  type: 'object',
  description: 'evaluate the gate only in scenarios with one of these tags or names (check: only with --tag), and never in scenarios with one of `exceptTags`',
  properties: {
    tags: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
    scenarios: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
    exceptTags: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
  },
  additionalProperties: false,
} as const;

const levelSchema = { enum: ['error', 'warn', 'off'], description: 'default: error' } as const;
const onMissingSchema = { enum: ['fail', 'warn', 'skip'], description: 'default: fail' } as const;
const percentileMethodSchema = { enum: ['linear', 'nearest-rank'], description: 'default: linear (the original StateTrace method)' } as const;

export const gateSchema = {
  type: 'object',
  required: ['id', 'metric', 'expect'],
  properties: {
    id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description: 'letters, digits, ".", "_" and "-", unique in the file' },
    metric: { type: 'string', minLength: 1, description: 'Event.Field or Event' },
    description: { type: 'string' },
    where: filterSchema,
    per: { type: 'string', minLength: 1 },
    expect: {
      anyOf: [
        { type: 'string', minLength: 1 },
        { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
      ],
    },
    level: levelSchema,
    minSamples: { type: 'integer', minimum: 0 },
    onMissing: onMissingSchema,
    percentileMethod: percentileMethodSchema,
    streakReset: filterSchema,
    appliesTo: appliesToSchema,
    plan: { type: 'string' },
    owner: { type: 'string' },
    task: { type: 'string' },
  },
  additionalProperties: false,
} as const;

export const gateFileSchema = {
  type: 'object',
  required: ['gates'],
  properties: {
    plan: { type: 'string' },
    owner: { type: 'string' },
    task: { type: 'string' },
    description: { type: 'string' },
    metrics: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'unit', 'kind'],
        properties: {
          name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)?$', description: 'Event.Field or Event' },
          unit: { enum: [...METRIC_UNITS] },
          kind: { enum: [...METRIC_KINDS] },
          description: { type: 'string' },
        },
        additionalProperties: false,
      },
    },
    defaults: {
      type: 'object',
      properties: {
        level: levelSchema,
        minSamples: { type: 'integer', minimum: 0 },
        onMissing: onMissingSchema,
        percentileMethod: percentileMethodSchema,
        appliesTo: appliesToSchema,
      },
      additionalProperties: false,
    },
    /** Each gate is validated on its own (`gateSchema`), so every bad gate of a file is reported. */
    gates: { type: 'array', items: { type: 'object' } },
  },
  additionalProperties: false,
} as const;
