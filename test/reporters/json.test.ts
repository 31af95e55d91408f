import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createReporterContext } from '../../reporters/context.js';
import { JsonReporter, renderJson } from '../../reporters/json.js';
import { report } from '../../reporters/types.js';
import { makeRun } from './fixtures.js';

describe('json reporter', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('writes the RunResult to <outDir>/results.json, pretty, keys in constructed order, round-tripping', async () => {
    dir = await mkdtemp(join(tmpdir(), 'st-json-'));
    const run = makeRun();
    const reporters = [new JsonReporter()];
    await report(reporters, 'onInit', createReporterContext({ rootDir: dir, outDir: join(dir, 'reports'), env: {}, isTTY: false }));
    await report(reporters, 'onRunEnd', run);
    const text = await readFile(join(dir, 'reports', 'results.json'), 'utf8');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(run)));
    expect(Object.keys(JSON.parse(text))).toEqual(Object.keys(run));
    expect(text.split('\n')[1]).toBe('  "runId": "20261122-022500-abcd",');
    expect(text.endsWith('}\n')).toBe(true);
  });

  test('indent 0 writes one compact line; lone surrogates stay escaped so the file is valid UTF-8', () => {
    const text = renderJson(makeRun(), 0);
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    expect(text).toContain('\\ud800');
    expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
  });
});
