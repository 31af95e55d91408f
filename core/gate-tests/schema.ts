/**
 * JSON schema of a gate test file (`*.test.yaml`). Shape only: whether a gate id exists, whether a
 * timestamp parses or a file is there is checked in `load.ts`, where the error can say what is valid.
 */

const scalarFact = { type: ['number', 'string', 'boolean', 'null'] };

/** One inline event. `$repeat` and `$values` are expanded by the loader (see docs/gate-tests.md). */
export const eventSchema = {
  type: 'object',
  required: ['EventName'],
  properties: {
    EventName: { type: 'string', minLength: 1 },
    Timestamp: { type: 'string' },
    $repeat: { type: 'integer', minimum: 1, maximum: 100000 },
    $values: { type: 'object', minProperties: 1, additionalProperties: { type: 'array', minItems: 1 } },
  },
} as const;

const eventsSchema = { type: 'array', items: eventSchema } as const;

const telemetryRefSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['telemetryFile'],
  properties: { telemetryFile: { type: 'string', minLength: 1 } },
} as const;

const expectationSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['gate'],
  properties: {
    gate: { type: 'string', minLength: 1, description: 'a gate id of the loaded gate files, or file#id when ids repeat' },
    group: { type: ['string', 'number'] },
    statistic: { type: 'string', minLength: 1 },
    verdict: { enum: ['pass', 'fail', 'warn', 'not_evaluated'] },
    applies: { type: 'boolean' },
    actual: { type: ['number', 'string'] },
    samples: { type: 'integer', minimum: 0 },
    message: { type: 'string', minLength: 1 },
  },
} as const;

const caseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'expect'],
  properties: {
    name: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    scenario: { type: 'string', minLength: 1 },
    tags: { type: 'array', items: { type: 'string', minLength: 1 } },
    now: { type: 'string' },
    facts: {
      type: 'object',
      additionalProperties: { anyOf: [scalarFact, { type: 'object', additionalProperties: scalarFact }] },
    },
    scenarios: { type: 'object', additionalProperties: { anyOf: [eventsSchema, telemetryRefSchema] } },
    baseline: { type: 'object', additionalProperties: { type: 'number' } },
    baselines: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'number' } } },
    telemetry: eventsSchema,
    telemetryFile: { type: 'string', minLength: 1 },
    exhaustive: { type: 'boolean' },
    expect: { type: 'array', minItems: 1, items: expectationSchema },
  },
} as const;

export const gateTestFileSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['gates', 'cases'],
  properties: {
    description: { type: 'string' },
    gates: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } }] },
    now: { type: 'string' },
    cases: { type: 'array', minItems: 1, items: caseSchema },
  },
} as const;
