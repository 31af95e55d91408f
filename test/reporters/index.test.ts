import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ErrorCode, StatetraceError } from '../../core/errors.js';
import {
  ConsoleReporter,
  JUnitReporter,
  JsonReporter,
  MarkdownReporter,
  ReporterError,
  ReportersMap,
  builtinReporterNames,
  createReporterContext,
  createReporters,
  report,
  type Reporter,
  type ReporterSpec,
} from '../../reporters/index.js';
import { projectRoot } from '../corpus.js';

let dir: string;
const ctx = () => createReporterContext({ rootDir: dir, outDir: join(dir, 'reports'), env: {}, isTTY: false, stdout: { write: () => undefined } });

async function rejection(promise: Promise<unknown>): Promise<StatetraceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StatetraceError);
  return error as StatetraceError;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'st-reporters-'));
  const modules: Record<string, string> = {
    'class.mjs': 'export default class R { constructor(o) { this.o = o; this.name = "class"; } onInit(ctx) { this.ctx = ctx; } onRunEnd() {} }',
    'factory.mjs': 'export default (o) => ({ name: "factory", o, onRunEnd() {} })',
    'object.mjs': 'export default { name: "object", onScenarioEnd() {} }',
    'throws.mjs': 'throw new Error("boom at import")',
    'syntax.mjs': 'export default {{',
    'nothing.mjs': 'export const x = 1',
    'ctor-throws.mjs': 'export default class R { constructor() { throw new Error("bad options") } onRunEnd() {} }',
  };
  for (const [name, source] of Object.entries(modules)) await writeFile(join(dir, name), source);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('createReporters', () => {
  test('builds built-ins by name and with options, and calls onInit with the context', async () => {
    const c = ctx();
    const reporters = await createReporters(['console', ['junit', { outputFile: 'x.xml' }], 'markdown', 'json'], c);
    expect(reporters.map((r) => r.constructor)).toEqual([ConsoleReporter, JUnitReporter, MarkdownReporter, JsonReporter]);
    expect((reporters[1] as unknown as { options: unknown }).options).toEqual({ outputFile: 'x.xml' });
    expect((reporters[0] as unknown as { ctx: unknown }).ctx).toBe(c);
  });

  test('the registry lists every built-in', () => {
    expect(builtinReporterNames).toEqual(['console', 'junit', 'markdown', 'json', 'github', 'bundle']);
    expect(Object.keys(ReportersMap)).toEqual(builtinReporterNames);
  });

  test('an unknown name lists the valid ones and suggests the closest', async () => {
    const error = await rejection(createReporters(['junti'], ctx()));
    expect(error.code).toBe(ErrorCode.ConfigInvalid);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe('Unknown reporter "junti".');
    expect(error.hint).toBe('Valid reporters: console, junit, markdown, json, github, bundle, or a path to a reporter module (e.g. ./reporters/my-reporter.js). Did you mean "junit"?');
  });

  test.each([
    { file: './class.mjs', name: 'class' },
    { file: './factory.mjs', name: 'factory' },
    { file: './object.mjs', name: 'object' },
  ])('loads a custom reporter module by path: $file', async ({ file, name }) => {
    const [reporter] = await createReporters([[file, { level: 3 }] as const], ctx());
    expect(reporter?.name).toBe(name);
    if (name !== 'object') expect((reporter as unknown as { o: unknown }).o).toEqual({ level: 3 });
  });

  test('an absolute path works too', async () => {
    const [reporter] = await createReporters([join(dir, 'class.mjs')], ctx());
    expect(reporter?.name).toBe('class');
  });

  test.each([
    { file: './missing.mjs', hint: /Cannot find module|ERR_MODULE_NOT_FOUND|Failed to load url|does not exist/i },
    { file: './throws.mjs', hint: /boom at import/ },
    { file: './syntax.mjs', hint: /./ },
    { file: './nothing.mjs', hint: /must default-export a reporter class/ },
    { file: './ctor-throws.mjs', hint: /creating the reporter threw: bad options/ },
  ])('a module that cannot be used fails with "Failed to load reporter from <path>": $file', async ({ file, hint }) => {
    const error = await rejection(createReporters([file], ctx()));
    expect(error.message).toBe(`Failed to load reporter from ${file}`);
    expect(error.hint).toMatch(hint);
    if (file !== './nothing.mjs') expect(error.cause).toBeDefined();
  });

  test('a custom importModule is used for module paths (e.g. a TypeScript-aware loader)', async () => {
    const seen: string[] = [];
    const [reporter] = await createReporters(['./virtual.ts'], ctx(), {
      importModule: async (url) => {
        seen.push(url);
        return { default: { name: 'virtual', onRunEnd() {} } };
      },
    });
    expect(reporter?.name).toBe('virtual');
    expect(seen).toEqual([`file://${join(dir, 'virtual.ts')}`]);
  });

  test('reporter objects are used as they are', async () => {
    const mine: Reporter = { name: 'mine', onRunEnd() {} };
    expect(await createReporters([mine], ctx())).toEqual([mine]);
  });

  test.each([
    { spec: ['junit', 'not-an-object'], message: 'Options of reporter "junit" must be an object, got "not-an-object".' },
    { spec: [42], message: 'Invalid reporter entry [42].' },
    { spec: '  ', message: 'Invalid reporter entry "  ".' },
  ])('rejects a malformed entry $spec', async ({ spec, message }) => {
    const error = await rejection(createReporters([spec as never], ctx()));
    expect(error.message).toBe(message);
  });

  test.skipIf(!existsSync(join(projectRoot, 'reporters', 'bundle.ts')))('the bundle reporter loads lazily from reporters/bundle.ts', async () => {
    const [reporter] = await createReporters(['bundle'], ctx());
    expect(reporter).toBeTypeOf('object');
  });

  test('config specs are type-checked per reporter', () => {
    const specs: ReporterSpec[] = ['console', ['junit', { outputFile: 'out/junit.xml' }], ['markdown', { maxBytes: 1000 }], './my-reporter.js', ['./my-reporter.js', { any: 1 }]];
    // @ts-expect-error: a misspelt option of a built-in reporter is a compile error
    const wrong: ReporterSpec = ['junit', { outputFlie: 'x' }];
    expect([specs.length, wrong]).toBeTruthy();
  });
});

describe('report', () => {
  test('calls the hook on every reporter that has it, with the arguments, and skips the others', async () => {
    const calls: string[] = [];
    const a: Reporter = { name: 'a', onScenarioEnd: (s) => void calls.push(`a:${s.name}`) };
    const b: Reporter = { name: 'b', onRunEnd: () => void calls.push('b') };
    const c: Reporter = { name: 'c', onScenarioEnd: async (s) => void calls.push(`c:${s.name}`) };
    await report([a, b, c], 'onScenarioEnd', { name: 'x' } as never);
    expect(calls).toEqual(['a:x', 'c:x']);
  });

  test('one failing reporter does not stop the others, and the error names reporter and hook', async () => {
    let finished = false;
    const bad: Reporter = { name: 'bad', onRunEnd: () => Promise.reject(new Error('disk full')) };
    const slow: Reporter = { name: 'slow', onRunEnd: () => new Promise<void>((r) => setTimeout(() => ((finished = true), r()), 5)) };
    const error = await report([bad, slow], 'onRunEnd', {} as never).catch((e: unknown) => e);
    expect(finished).toBe(true);
    expect(error).toBeInstanceOf(ReporterError);
    expect((error as ReporterError).message).toBe('Reporter "bad" failed in onRunEnd: disk full');
  });

  test('several failures are all kept', async () => {
    const r = (name: string): Reporter => ({ name, onRunStart: () => { throw new Error(`${name} broke`); } });
    const error = (await report([r('x'), r('y')], 'onRunStart', {} as never).catch((e: unknown) => e)) as ReporterError;
    expect(error.message).toBe('Reporters "x", "y" failed in onRunStart: x: x broke; y: y broke');
    expect((error.cause as AggregateError).errors).toHaveLength(2);
  });
});
