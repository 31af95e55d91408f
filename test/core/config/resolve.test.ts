import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../core/config/resolve.js';
import { StatetraceError } from '../../../core/errors.js';

const root = '/project';

describe('resolveConfig', () => {
  it('applies defaults with absolute paths', () => {
    const config = resolveConfig({}, { rootDir: root });
    expect(config).toMatchObject({
      scenarios: ['scenarios/**/*.yaml', 'scenarios/**/*.yml'],
      gatesDir: '/project/gates',
      outDir: '/project/reports',
      runsDir: '/project/.statetrace/runs',
      history: '/project/.statetrace/history.db',
      reporters: ['console', 'junit', 'markdown', 'json'],
      concurrency: 1,
      timeoutMs: 15 * 60_000,
      keepRuns: 10,
    });
    expect(config.workers).toBeGreaterThanOrEqual(1);
  });

  it('lets command-line overrides win over the file and records both layers', () => {
    const config = resolveConfig({ outDir: 'out', concurrency: 2 }, { rootDir: root, configFile: '/project/statetrace.config.ts', overrides: { outDir: 'ci-reports', reporters: undefined } });
    expect(config.outDir).toBe('/project/ci-reports');
    expect(config.concurrency).toBe(2);
    expect(config.layers.map((l) => l.source)).toEqual(['defaults', '/project/statetrace.config.ts', 'command line']);
    expect(config.history).toBe('/project/.statetrace/history.db');
  });

  it('accepts history: false and a timeout in minutes', () => {
    const config = resolveConfig({ history: false, timeout: '2m' }, { rootDir: root });
    expect(config.history).toBe(false);
    expect(config.timeoutMs).toBe(120_000);
  });

  it.each([
    { name: 'an unknown field', input: { scenario: ['x'] }, field: '"scenario"', hint: 'valid fields' },
    { name: 'concurrency 0', input: { concurrency: 0 }, field: '"concurrency"', hint: 'e.g. concurrency' },
    { name: 'a fractional worker count', input: { workers: 1.5 }, field: '"workers"', hint: 'e.g. workers' },
    { name: 'scenarios not a list', input: { scenarios: 'scenarios/*.yaml' }, field: '"scenarios"', hint: 'e.g. scenarios' },
    { name: 'a malformed reporter entry', input: { reporters: [['junit']] }, field: '"reporters"', hint: 'outputFile' },
    { name: 'a timeout without unit word', input: { timeout: 'ten minutes' }, field: '"timeout"', hint: "'15m'" },
    { name: 'an empty outDir', input: { outDir: ' ' }, field: '"outDir"', hint: 'e.g. outDir' },
  ])('rejects $name, naming the field', ({ input, field, hint }) => {
    let error: unknown;
    try {
      resolveConfig(input as never, { rootDir: root, configFile: '/project/statetrace.config.ts' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StatetraceError);
    const err = error as StatetraceError;
    expect(err.message).toContain(field);
    expect(err.hint).toContain(hint);
    expect(err.exitCode).toBe(2);
    expect(err.location?.file).toBe('/project/statetrace.config.ts');
  });
});
