import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ErrorCode, StatetraceError, StatetraceErrorList } from '../../../core/errors.js';
import { MetricDictionary } from '../../../core/metrics/dictionary.js';
import type { StepDefinition } from '../../../core/plugin.js';
import { loadScenarios, validateStepOptions, type LoadScenariosOptions } from '../../../core/scenarios/index.js';
import { builtinMetrics } from '../../builtin-metrics.js';
import { projectRoot } from '../../corpus.js';

const steps: Record<string, StepDefinition<any>> = {
  'parser.generate-corpus': {
    description: 'make a corpus',
    schema: { type: 'object', properties: { seed: { type: 'integer', default: 1 }, sites: { type: 'array', items: { type: 'string' }, default: ['BOYO'] } }, additionalProperties: false },
    run: () => undefined,
  },
  'parser.ingest': {
    description: 'ingest',
    schema: { type: 'object', required: ['corpus'], properties: { corpus: { type: 'string' }, threads: { type: 'integer', minimum: 1 } }, additionalProperties: false },
    run: () => undefined,
  },
};

let dir: string;
function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function options(): LoadScenariosOptions {
  return { dictionary: new MetricDictionary(builtinMetrics()), resolveStep: (uses) => steps[uses], stepNames: () => Object.keys(steps), rootDir: projectRoot };
}

async function errorsOf(files: string[]): Promise<string[]> {
  try {
    await loadScenarios(files, options());
  } catch (e) {
    if (e instanceof StatetraceErrorList) return e.errors.map((x) => `${x.location?.file?.replace(`${dir}/`, '')}:${x.location?.line}:${x.location?.column} ${x.message}${x.hint ? ` | ${x.hint}` : ''}`);
    throw e;
  }
  throw new Error('expected errors');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'statetrace-scenarios-'));
});

describe('loadScenarios', () => {
  test('a valid scenario: steps with defaults, expressions kept, gate files and inline gates compiled', async () => {
    const file = write(
      'cold.yaml',
      [
        'name: cold-ingest',
        'description: Generate and ingest cold.',
        'tags: [ingest, plan-e]',
        'timeout: 5m',
        'gates:',
        '  - gates/plan-e-telemetry.yaml',
        '  - id: rows-parity',
        '    metric: RowsWritten.Rows',
        '    per: Site',
        '    expect: sum within 1% of fact:persistence.rows',
        'steps:',
        '  - id: corpus',
        '    uses: parser.generate-corpus',
        '    with: { seed: 42 }',
        '  - uses: parser.ingest',
        '    with:',
        '      corpus: ${steps.corpus.dir}',
        '      threads: ${env.THREADS}',
        '    timeout: 90s',
        '',
      ].join('\n'),
    );
    const [plan] = await loadScenarios([file], options());
    expect({ ...plan!, gates: plan!.gates.map((g) => g.key) }).toEqual({
      name: 'cold-ingest',
      file,
      description: 'Generate and ingest cold.',
      tags: ['ingest', 'plan-e'],
      timeoutMs: 300_000,
      steps: [
        { id: 'corpus', uses: 'parser.generate-corpus', with: { seed: 42, sites: ['BOYO'] }, location: { file, line: 12, column: 5 } },
        { id: '2-parser.ingest', uses: 'parser.ingest', with: { corpus: '${steps.corpus.dir}', threads: '${env.THREADS}' }, timeoutMs: 90_000, location: { file, line: 15, column: 5 } },
      ],
      gates: [
        `${projectRoot}/gates/plan-e-telemetry.yaml#parse-duration-p95`,
        `${projectRoot}/gates/plan-e-telemetry.yaml#parse-duration-max`,
        `${projectRoot}/gates/plan-e-telemetry.yaml#rows-written-parity`,
        `${projectRoot}/gates/plan-e-telemetry.yaml#rollup-freshness`,
        `${file}#rows-parity`,
      ],
      gateFiles: [`${projectRoot}/gates/plan-e-telemetry.yaml`],
      location: { file, line: 1, column: 7 },
    });
  });

  test('every error of every file is collected: unknown step, bad options, bad gate, missing gate file, duplicate name', async () => {
    const a = write(
      'a.yaml',
      [
        'name: dup',
        'gates:',
        '  - gates/nope.yaml',
        '  - id: bad',
        '    metric: ParseDuration.DurationSeconds',
        '    expect: p95 <= 3 sec',
        'steps:',
        '  - uses: parser.ingst',
        '  - uses: parser.generate-corpus',
        '    with: { seed: many, colour: red }',
        '  - uses: parser.ingest',
        '    with: { threads: 0 }',
        '',
      ].join('\n'),
    );
    const b = write('b.yaml', 'name: dup\nsteps:\n  - uses: parser.ingest\n    with: { corpus: x }\n');
    const c = write('c.yaml', 'name: dup\nsteps:\n  - uses: parser.ingest\n    with: { corpus: x }\n');
    const broken = write('broken.yaml', 'name: [oops\nsteps: []\n');
    const shape = write('shape.yaml', 'name: has space\nstep: []\n');
    expect(await errorsOf([a, b, c, broken, shape])).toEqual([
      'a.yaml:3:5 gate file "gates/nope.yaml" not found (looked at ' + `${projectRoot}/gates/nope.yaml) | gate file paths are relative to the project root`,
      'a.yaml:6:22 failed parsing gate expression "p95 <= 3 sec": unknown unit "sec" | ParseDuration.DurationSeconds is in s; valid units: ms, s, m, h (e.g. 3 s or 500 ms)',
      'a.yaml:8:11 unknown step "parser.ingst" | did you mean "parser.ingest", "parser.generate-corpus"? (steps are <plugin>.<step>; is the plugin listed in the config?)',
      'a.yaml:10:19 step "parser.generate-corpus": with.seed: expected integer, got "many"',
      'a.yaml:10:25 step "parser.generate-corpus": with.colour: unknown option "colour" | options of this step: seed, sites',
      'a.yaml:12:11 step "parser.ingest": with: missing required option "corpus"',
      'a.yaml:12:22 step "parser.ingest": with.threads: must be >= 1',
      'c.yaml:1:7 duplicate scenario name "dup" | already used by ' + `${b}:1; scenario names must be unique`,
      expect.stringMatching(/^broken\.yaml:\d+:\d+ invalid YAML: /),
      'shape.yaml:1:1 missing required field "steps" | add "steps:"',
      'shape.yaml:1:7 name: "has space" does not match the expected form | letters, digits, ".", "_" and "-" only',
      'shape.yaml:2:1 unknown field "step" | did you mean "steps"? allowed fields: name, description, tags, timeout, gates, steps',
    ]);
  });

  test('the errors exit with code 2', async () => {
    const file = write('bad.yaml', 'name: x\nsteps:\n  - uses: nope\n');
    await expect(loadScenarios([file], options())).rejects.toMatchObject({ exitCode: 2 });
  });
});

describe('validateStepOptions (the runner re-validates after interpolation)', () => {
  const schema = steps['parser.ingest']!.schema;

  test('returns options with defaults applied, without touching the input', () => {
    const input = { seed: 3 };
    expect(validateStepOptions(steps['parser.generate-corpus']!.schema, input, { file: 's.yaml', line: 4 })).toEqual({ seed: 3, sites: ['BOYO'] });
    expect(input).toEqual({ seed: 3 });
  });

  test('an interpolated value of the wrong type is one StatetraceError naming the step and location', () => {
    let error: StatetraceError | undefined;
    try {
      validateStepOptions(schema, { corpus: 12, threads: '4' }, { file: 's.yaml', line: 7, column: 5 }, 'parser.ingest');
    } catch (e) {
      error = e as StatetraceError;
    }
    expect(error).toBeInstanceOf(StatetraceError);
    expect([error!.code, error!.message, error!.location]).toEqual([
      ErrorCode.ScenarioInvalid,
      'invalid options for step "parser.ingest": with.corpus: expected string, got 12; with.threads: expected integer, got "4"',
      { file: 's.yaml', line: 7, column: 5 },
    ]);
  });
});
