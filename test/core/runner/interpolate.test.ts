import { describe, expect, it } from 'vitest';
import { StatetraceError } from '../../../core/errors.js';
import { interpolate } from '../../../core/interpolate.js';

const scope = {
  runDir: '/runs/r1/cold',
  rootDir: '/project',
  scenario: 'cold',
  steps: { corpus: { dir: '/runs/r1/cold/corpus', hosts: 37, sites: ['BOYO', 'WLLS'], nested: { rows: 1320 } } },
  env: { HOME: '/root' },
};

describe('interpolate', () => {
  it.each([
    { name: 'a whole expression keeps a number', input: '${steps.corpus.hosts}', want: 37 },
    { name: 'a whole expression keeps an array', input: '${steps.corpus.sites}', want: ['BOYO', 'WLLS'] },
    { name: 'a nested output', input: '${ steps.corpus.nested.rows }', want: 1320 },
    { name: 'an expression inside text is stringified', input: '${runDir}/out-${steps.corpus.hosts}.csv', want: '/runs/r1/cold/out-37.csv' },
    { name: 'an array inside text is JSON', input: 'sites=${steps.corpus.sites}', want: 'sites=["BOYO","WLLS"]' },
    { name: 'the scenario name and root', input: '${rootDir}/${scenario}', want: '/project/cold' },
    { name: 'an environment variable', input: '${env.HOME}', want: '/root' },
    { name: 'text without expressions', input: 'plain $text {x}', want: 'plain $text {x}' },
    { name: 'arrays and objects recursively', input: { a: ['${steps.corpus.hosts}'], b: { c: '${scenario}' } }, want: { a: [37], b: { c: 'cold' } } },
    { name: 'non-strings untouched', input: { n: 1, t: true, z: null }, want: { n: 1, t: true, z: null } },
  ])('$name', ({ input, want }) => {
    expect(interpolate(input, scope)).toEqual(want);
  });

  it.each([
    { name: 'an unknown step', input: '${steps.gen.dir}', message: 'no earlier step with id "gen"', hint: 'corpus' },
    { name: 'a missing output', input: '${steps.corpus.rows}', message: 'has no output "rows"', hint: 'dir, hosts' },
    { name: 'an unset variable', input: '${env.NOPE_NOT_SET}', message: 'is not set', hint: 'NOPE_NOT_SET' },
    { name: 'an unknown root', input: '${workDir}', message: 'Unknown interpolation', hint: '${runDir}' },
  ])('rejects $name with a hint', ({ input, message, hint }) => {
    let error: unknown;
    try {
      interpolate(input, scope);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StatetraceError);
    expect((error as StatetraceError).message).toContain(message);
    expect((error as StatetraceError).hint).toContain(hint);
  });
});
