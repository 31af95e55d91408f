import { describe, expect, test } from 'vitest';
import { ErrorCode } from '../../../core/errors.js';
import { FIXTURES, loadErrors, loadTest, PROBE_GATES, writeTestFile } from './helpers.js';

const GATES = `gates: ${JSON.stringify(PROBE_GATES)}\n`;

describe('invalid test files: every problem at file:line:col, with the fix', () => {
  test.each([
    {
      name: 'unknown field (ajv), with a suggestion',
      body: 'cases:\n  - name: a\n    telemetry: []\n    expct: []\n',
      want: [
        { line: 3, column: 5, message: /missing required field "expect"/, hint: /add "expect:"/ },
        { line: 5, column: 5, message: /unknown field "expct"/, hint: /did you mean "expect"/ },
      ],
    },
    {
      name: 'verdict not in the list',
      body: 'cases:\n  - name: a\n    telemetry: []\n    expect:\n      - { gate: latency-p95, verdict: passed }\n',
      want: [{ line: 6, column: 39, message: /"passed" is not allowed/, hint: /pass, fail, warn, not_evaluated/ }],
    },
    {
      name: 'unknown gate id, with the closest one',
      body: 'cases:\n  - name: a\n    telemetry: []\n    expect:\n      - { gate: latency-p59, verdict: pass }\n',
      want: [{ line: 6, column: 17, message: /unknown gate "latency-p59"/, hint: /did you mean "latency-p95"/ }],
    },
    {
      name: 'statistic the gate does not have',
      body: 'cases:\n  - name: a\n    telemetry: []\n    expect:\n      - { gate: latency-per-region, statistic: p95, verdict: pass }\n',
      want: [{ line: 6, column: 48, message: /no expectation with statistic "p95"/, hint: /max \(max <= 200 ms\), sum/ }],
    },
    {
      name: 'group on a gate without per',
      body: 'cases:\n  - name: a\n    telemetry: []\n    expect:\n      - { gate: latency-p95, group: eu, verdict: pass }\n',
      want: [{ line: 6, column: 37, message: /has no per:/ }],
    },
    {
      name: 'no verdict, and a verdict with applies: false',
      body: 'cases:\n  - name: a\n    telemetry: []\n    expect:\n      - { gate: latency-p95 }\n      - { gate: warm-faster, applies: false, verdict: pass }\n',
      want: [
        { line: 6, column: 9, message: /has no verdict/ },
        { line: 7, column: 46, message: /"verdict" means nothing with applies: false/ },
      ],
    },
    {
      name: 'no telemetry, and both kinds',
      body: 'cases:\n  - name: a\n    expect: [{ gate: latency-p95, verdict: pass }]\n  - name: b\n    telemetry: []\n    telemetryFile: x.jsonl\n    expect: [{ gate: latency-p95, verdict: pass }]\n',
      want: [
        { line: 3, column: 5, message: /case "a" has no telemetry/, hint: /telemetry: \[\]/ },
        { line: 7, column: 5, message: /both telemetry and telemetryFile/ },
      ],
    },
    {
      name: 'bad now, duplicate case name, baseline key for an unknown gate',
      body: 'now: yesterday\ncases:\n  - name: a\n    telemetry: []\n    expect: [{ gate: latency-p95, verdict: pass }]\n  - name: A\n    baseline: { "nope[eu]": 1 }\n    telemetry: []\n    expect: [{ gate: latency-p95, verdict: pass }]\n',
      want: [
        { line: 2, column: 6, message: /"yesterday" is not an ISO-8601 timestamp/ },
        { line: 7, column: 11, message: /duplicate case name "A"/, hint: /first used at line 4/ },
        { line: 8, column: 17, message: /baseline key "nope\[eu\]": unknown gate "nope"/ },
      ],
    },
    {
      name: '$values of different lengths',
      body: 'cases:\n  - name: a\n    telemetry:\n      - { EventName: Probe, $values: { LatencyMs: [1, 2], Region: [eu] } }\n    expect: [{ gate: latency-p95, verdict: pass }]\n',
      want: [{ line: 5, column: 38, message: /different lengths \(LatencyMs: 2, Region: 1\)/ }],
    },
    {
      name: 'telemetry file not found',
      body: 'cases:\n  - name: a\n    telemetryFile: missing.jsonl\n    expect: [{ gate: latency-p95, verdict: pass }]\n',
      want: [{ line: 4, column: 20, message: /telemetry file missing\.jsonl not found/, hint: /relative to the test file's folder/ }],
    },
  ])('$name', async ({ body, want }) => {
    const { file, errors } = await loadErrors(body, GATES);
    expect(errors.map((e) => ({ line: e.location?.line, column: e.location?.column, file: e.location?.file }))).toEqual(want.map((w) => ({ line: w.line, column: w.column, file })));
    errors.forEach((e, i) => {
      expect(e.message).toMatch(want[i]!.message);
      if (want[i]!.hint) expect(e.hint).toMatch(want[i]!.hint!);
      expect(e.exitCode).toBe(2);
    });
  });

  test('a gate file that does not exist, relative to the test file', async () => {
    const { file, errors } = await loadErrors('cases:\n  - name: a\n    telemetry: []\n    expect: [{ gate: g, verdict: pass }]\n', 'gates: [../nowhere/plan.yaml]\n');
    expect(errors[0]).toMatchObject({ code: ErrorCode.InputMissing, location: { file, line: 1, column: 9 } });
    expect(errors[0]!.hint).toContain("relative to the test file's folder");
  });

  test("an invalid gate file reports the gate file's own errors", async () => {
    const broken = writeTestFile('gates:\n  - id: g\n    metric: Probe.Nope\n    expect: p95 < 1 s\n', 'metrics: [{ name: Probe.LatencyMs, unit: ms, kind: duration }]\n');
    const { errors } = await loadErrors('cases:\n  - name: a\n    telemetry: []\n    expect: [{ gate: g, verdict: pass }]\n', `gates: ${JSON.stringify(broken)}\n`);
    expect(errors[0]!.message).toMatch(/the gate files this test loads are invalid/);
    expect(errors[1]).toMatchObject({ code: ErrorCode.UnknownMetric, location: { file: broken, line: 4 } });
  });

  test('the same gate id in two gate files must be qualified with the file', async () => {
    const copy = writeTestFile(`metrics: [{ name: Probe.LatencyMs, unit: ms, kind: duration }]\ngates:\n  - id: latency-p95\n    metric: Probe.LatencyMs\n    expect: p95 < 1 s\n`, '');
    const head = `gates: [${JSON.stringify(PROBE_GATES)}, ${JSON.stringify(copy)}]\n`;
    const { errors } = await loadErrors('cases:\n  - name: a\n    telemetry: []\n    expect: [{ gate: latency-p95, verdict: fail }]\n', head);
    expect(errors[0]!.message).toMatch(/defined in 2 of the loaded gate files/);
    expect(errors[0]!.hint).toMatch(/probe\.yaml#latency-p95 or .*#latency-p95/);
    const file = writeTestFile('cases:\n  - name: a\n    telemetry: []\n    expect: [{ gate: probe.yaml#latency-p95, verdict: fail }]\n', head);
    const loaded = await loadTest(file);
    expect(loaded.cases[0]!.expect[0]!.gate.file).toBe(PROBE_GATES);
  });

  test('a malformed line in a telemetry fixture is an error at that line', async () => {
    const jsonl = writeTestFile('{"EventName":"Probe","LatencyMs":1}\n{"EventName":"Probe",\n', '');
    const { errors } = await loadErrors(`cases:\n  - name: a\n    telemetryFile: ${JSON.stringify(jsonl)}\n    expect: [{ gate: latency-p95, verdict: pass }]\n`, GATES);
    expect(errors[0]).toMatchObject({ code: ErrorCode.InputInvalid, location: { file: jsonl, line: 2 } });
    expect(errors[0]!.message).toMatch(/1 malformed line/);
  });
});

describe('loading', () => {
  test('paths are relative to the test file; defaults for scenario, tags and now', async () => {
    const test = await loadTest(`${FIXTURES}/project/gates/tests/probe.test.yaml`);
    expect(test.gateFiles.map((g) => g.file)).toEqual([PROBE_GATES]);
    const first = test.cases[0]!;
    expect(first.telemetry.file).toBe(`${FIXTURES}/project/telemetry/day.jsonl`);
    expect(first.telemetry.events).toHaveLength(3);
    expect(first).toMatchObject({ scenario: 'gate-test', tags: [], now: Date.parse('2025-12-06T00:00:00Z'), exhaustive: false });
  });

  test('now: the case wins over the file, the file over the clock', async () => {
    const file = writeTestFile('now: 2025-01-01T00:00:00Z\ncases:\n  - name: a\n    telemetry: []\n    expect: [{ gate: latency-p95, verdict: fail }]\n  - name: b\n    now: "2025-02-01T01:00:00+01:00"\n    telemetry: []\n    expect: [{ gate: latency-p95, verdict: fail }]\n', GATES);
    const test = await loadTest(file);
    expect(test.cases.map((c) => new Date(c.now).toISOString())).toEqual(['2025-01-01T00:00:00.000Z', '2025-02-01T00:00:00.000Z']);
  });

  test('a telemetry file may be a pretty-printed JSON array', async () => {
    const json = writeTestFile(JSON.stringify([{ EventName: 'Probe', LatencyMs: 5 }, { EventName: 'Probe', LatencyMs: 7 }], null, 2), '');
    const test = await loadTest(writeTestFile(`cases:\n  - name: a\n    telemetryFile: ${JSON.stringify(json)}\n    expect: [{ gate: latency-p95, verdict: pass }]\n`, GATES));
    expect(test.cases[0]!.telemetry.events).toEqual([{ EventName: 'Probe', LatencyMs: 5 }, { EventName: 'Probe', LatencyMs: 7 }]);
  });
});
