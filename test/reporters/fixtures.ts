/**
 * RunResult fixtures built in code, covering every shape a reporter must render: a passing gate, a
 * failing one, a warning, a not-evaluated gate, a grouped gate, a harness error, a scenario with
 * no gates, malformed telemetry, and messages with control characters, `]]>`, markup and a lone
 * surrogate. Plus `stabilize()`, which masks what changes between real runs.
 */
import type { GateResult, RunResult, ScenarioResult, TelemetrySummary } from '../../core/types.js';

export const ROOT = '/repo';
/** Everything hostile a message can hold: C0 controls, ESC colour codes, CDATA end, markup, a lone surrogate, a table pipe. */
export const NASTY = 'bad \u0001\u0007 \u001b[31mred\u001b[0m ]]> <tag attr="x"> & | `code` \ud800 end';

export function gate(overrides: Partial<GateResult> = {}): GateResult {
  return {
    gate: 'parse-duration-p95',
    scenario: 'cold-ingest',
    metric: 'ParseDuration.DurationSeconds',
    statistic: 'p95',
    operator: '<=',
    expected: '3 s',
    expectedValue: 3,
    actual: 1.84,
    actualText: '1.84 s',
    unit: 's',
    samples: 120,
    method: 'linear',
    verdict: 'pass',
    level: 'error',
    source: { file: `${ROOT}/gates/plan-e-telemetry.yaml`, line: 5 },
    expression: 'p95 <= 3 s',
    message: 'ParseDuration.DurationSeconds p95 1.84 s is <= 3 s',
    plan: 'Plan E',
    owner: 'telemetry',
    ...overrides,
  };
}

export function telemetry(overrides: Partial<TelemetrySummary> = {}): TelemetrySummary {
  return {
    files: [{ path: `${ROOT}/.statetrace/runs/r1/cold/app.jsonl`, events: 1234, malformed: 0, format: 'ndjson', encoding: 'utf8', bytes: 98765 }],
    events: 1234,
    malformed: 0,
    malformedSamples: [],
    eventCounts: { ParseDuration: 120 },
    ...overrides,
  };
}

export function scenario(overrides: Partial<ScenarioResult> = {}): ScenarioResult {
  return {
    name: 'warm-ingest',
    file: `${ROOT}/scenarios/warm-ingest.yaml`,
    tags: ['ingest'],
    status: 'passed',
    runDir: `${ROOT}/.statetrace/runs/r1/warm-ingest`,
    durationMs: 1200,
    steps: [{ id: '1-exec', uses: 'exec', status: 'passed', durationMs: 1100 }],
    facts: {},
    artifacts: [],
    telemetry: telemetry(),
    gates: [gate({ scenario: 'warm-ingest' })],
    ...overrides,
  };
}

export const coldGates: GateResult[] = [
  gate(),
  gate({
    gate: 'db-write-p95',
    metric: 'DatabaseWriteLatency.DurationMs',
    operator: '<',
    expected: '950 ms',
    expectedValue: 950,
    actual: 1719.3,
    actualText: '1719.3 ms',
    unit: 'ms',
    samples: 400,
    verdict: 'fail',
    source: { file: `${ROOT}/gates/plan-b-performance.yaml`, line: 12 },
    expression: 'p95 < 950 ms',
    message: 'DatabaseWriteLatency.DurationMs p95 1719.3 ms is not < 950 ms',
    plan: 'Plan B',
    owner: 'persistence',
  }),
  gate({
    gate: 'queue-delay',
    metric: 'InterfacePortQueueMetrics.QueueBuildDelayMs',
    operator: '<=',
    expected: '120 ms',
    expectedValue: 120,
    actual: 130,
    actualText: '130 ms',
    unit: 'ms',
    samples: 50,
    verdict: 'warn',
    level: 'warn',
    source: { file: `${ROOT}/gates/plan-b-performance.yaml`, line: 20 },
    expression: 'p95 <= 120 ms',
    message: 'p95 130 ms is not <= 120 ms (level warn)',
  }),
  gate({
    gate: 'parse-baseline',
    operator: 'within',
    expected: '10 % of baseline',
    expectedValue: undefined,
    actual: null,
    actualText: 'n/a',
    baseline: null,
    samples: 0,
    verdict: 'not_evaluated',
    source: { file: `${ROOT}/gates/plan-e-telemetry.yaml`, line: 30 },
    expression: 'p95 within 10% of baseline',
    message: 'no baseline: the history store has no earlier run of this scenario',
  }),
  gate({
    gate: 'rows-parity',
    group: 'SiteA',
    metric: 'RowsWritten.Rows',
    statistic: 'sum',
    operator: 'within',
    expected: '1 % of fact:persistence.rows (= 1000)',
    expectedValue: [990, 1010],
    actual: 1000,
    actualText: '1000',
    unit: '',
    samples: 10,
    source: { file: `${ROOT}/gates/plan-e-telemetry.yaml`, line: 40 },
    expression: 'sum within 1% of fact:persistence.rows',
    message: 'sum 1000 is within 1 % of 1000',
  }),
  gate({
    gate: 'rows-parity',
    group: 'SiteB',
    metric: 'RowsWritten.Rows',
    statistic: 'sum',
    operator: 'within',
    expected: '1 % of fact:persistence.rows (= 1000)',
    expectedValue: [990, 1010],
    actual: 900,
    actualText: '900',
    unit: '',
    samples: 10,
    verdict: 'fail',
    source: { file: `${ROOT}/gates/plan-e-telemetry.yaml`, line: 40 },
    expression: 'sum within 1% of fact:persistence.rows',
    message: NASTY,
  }),
];

export function coldScenario(): ScenarioResult {
  return scenario({
    name: 'cold-ingest',
    file: `${ROOT}/scenarios/cold-ingest.yaml`,
    status: 'failed',
    runDir: `${ROOT}/.statetrace/runs/r1/cold-ingest`,
    durationMs: 2345,
    telemetry: telemetry({
      malformed: 5,
      malformedSamples: [
        { file: `${ROOT}/.statetrace/runs/r1/cold/app.jsonl`, line: 17, reason: 'Unexpected end of JSON input', excerpt: '{"EventName":"Parse' },
        { file: `${ROOT}/.statetrace/runs/r1/cold/app.jsonl`, line: 18, reason: 'Unexpected token', excerpt: `\u001b[2J${NASTY}` },
      ],
    }),
    gates: coldGates,
  });
}

export function brokenScenario(): ScenarioResult {
  const error = { message: `command "node emit.mjs" exited with code 1\n${NASTY}`, code: 'STATETRACE_PLUGIN_ERROR', plugin: 'exec', step: '2-exec', scenario: 'broken', stack: 'Error: exited\n    at run (exec.ts:10:5)' };
  return scenario({
    name: 'broken',
    file: `${ROOT}/scenarios/broken.yaml`,
    status: 'error',
    durationMs: 400,
    steps: [
      { id: '1-exec', uses: 'exec', status: 'passed', durationMs: 100 },
      { id: '2-exec', uses: 'exec', status: 'failed', durationMs: 300, error },
      { id: '3-exec', uses: 'exec', status: 'skipped', durationMs: 0 },
    ],
    telemetry: telemetry({ files: [], events: 0, eventCounts: {} }),
    gates: [],
    artifacts: [
      { path: `${ROOT}/.statetrace/runs/r1/broken/exec/1-exec.stderr.log`, category: 'Stderr', step: 'exec' },
      { path: `${ROOT}/.statetrace/runs/r1/broken/exec/2-exec.stderr.log`, category: 'Stderr', step: 'exec' },
      { path: `${ROOT}/.statetrace/runs/r1/broken/exec/2-exec.stdout.log`, category: 'Stdout', step: 'exec' },
    ],
    error,
  });
}

export function makeRun(scenarios: ScenarioResult[] = [scenario(), coldScenario(), brokenScenario()]): RunResult {
  const gates = scenarios.flatMap((s) => s.gates);
  const count = (v: GateResult['verdict']) => gates.filter((g) => g.verdict === v).length;
  return {
    runId: '20261122-022500-abcd',
    command: 'run',
    startedAt: '2026-11-22T02:25:00.000Z',
    finishedAt: '2026-11-22T02:25:04.000Z',
    durationMs: 3945,
    status: scenarios.some((s) => s.status === 'error') ? 'error' : scenarios.some((s) => s.status === 'failed') ? 'failed' : 'passed',
    exitCode: scenarios.some((s) => s.status === 'error') ? 3 : scenarios.some((s) => s.status === 'failed') ? 1 : 0,
    scenarios,
    gateFiles: [`${ROOT}/gates/plan-b-performance.yaml`, `${ROOT}/gates/plan-e-telemetry.yaml`],
    environment: { statetraceVersion: '0.1.0', node: 'v20.19.0', platform: 'linux', arch: 'x64', hostname: 'ci-runner-7', cpus: 2, plugins: [] },
    outDir: `${ROOT}/reports`,
    counts: {
      scenarios: scenarios.length,
      gates: gates.length,
      passed: count('pass'),
      failed: count('fail'),
      warned: count('warn'),
      notEvaluated: count('not_evaluated'),
      errors: scenarios.filter((s) => s.status === 'error').length,
    },
  };
}

/**
 * Mask what differs between real runs: ISO timestamps, JUnit `time`/`timestamp`/`hostname`
 * attributes and the root directory. Fixture values are fixed already; this keeps snapshots
 * valid when a test renders a result produced by a real run.
 */
export function stabilize(text: string, rootDir = ROOT): string {
  return text
    .split(rootDir)
    .join('<root>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/g, '<timestamp>')
    .replace(/ time="[0-9.]+"/g, ' time="<time>"')
    .replace(/ hostname="[^"]*"/g, ' hostname="<host>"');
}
