import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createReporterContext } from '../../reporters/context.js';
import { JUnitReporter, renderJUnit, seconds } from '../../reporters/junit.js';
import { report } from '../../reporters/types.js';
import { escapeXmlAttr, escapeXmlText } from '../../reporters/xml.js';
import { NASTY, ROOT, brokenScenario, coldScenario, gate, makeRun, scenario, stabilize } from './fixtures.js';
import { child, findAll, parseXml, propertiesOf, type XmlElement } from './xml-check.js';

const xml = renderJUnit(makeRun(), ROOT);
const doc = parseXml(xml);
const suites = findAll(doc, 'testsuite');
const suite = (name: string): XmlElement => suites.find((s) => s.attrs.name === name)!;
const cases = (s: XmlElement) => s.children.filter((c) => c.name === 'testcase');

describe('junit reporter', () => {
  test('the document is well-formed XML 1.0 even with control characters, "]]>" and a lone surrogate in messages', () => {
    expect(doc.name).toBe('testsuites');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(xml).not.toContain(']]>');
    // The information is kept in visible form rather than dropped.
    const siteB = cases(suite('cold-ingest')).find((c) => c.attrs.name?.includes('[SiteB]'))!;
    expect(child(siteB, 'failure')!.attrs.message).toBe('bad \\x01\\x07 \\x1b[31mred\\x1b[0m ]]> <tag attr="x"> & | `code` \\ud800 end');
  });

  test('one testsuite per scenario, in byte order of name', () => {
    expect(suites.map((s) => s.attrs.name)).toEqual(['broken', 'cold-ingest', 'warm-ingest']);
  });

  test('one testcase per gate result, failures first, with classname <scenario>.<gate file base> and unique names', () => {
    const cold = cases(suite('cold-ingest'));
    expect(cold.map((c) => [c.attrs.classname, c.attrs.name])).toEqual([
      ['cold-ingest.plan-b-performance', 'db-write-p95 p95 < 950 ms'],
      ['cold-ingest.plan-e-telemetry', 'rows-parity [SiteB] sum within 1% of fact:persistence.rows'],
      ['cold-ingest.plan-b-performance', 'queue-delay p95 <= 120 ms'],
      ['cold-ingest.plan-e-telemetry', 'parse-baseline p95 within 10% of baseline'],
      ['cold-ingest.plan-e-telemetry', 'parse-duration-p95 p95 <= 3 s'],
      ['cold-ingest.plan-e-telemetry', 'rows-parity [SiteA] sum within 1% of fact:persistence.rows'],
    ]);
    const keys = findAll(doc, 'testcase').map((c) => `${c.attrs.classname}|${c.attrs.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('failure vs error vs skipped: never two outcomes in one testcase; warnings are not failures', () => {
    const outcome = (c: XmlElement) => c.children.filter((e) => ['failure', 'error', 'skipped'].includes(e.name)).map((e) => e.name);
    for (const c of findAll(doc, 'testcase')) expect(outcome(c).length).toBeLessThanOrEqual(1);
    const cold = cases(suite('cold-ingest'));
    expect(cold.map(outcome)).toEqual([['failure'], ['failure'], [], ['skipped'], [], []]);
    const warning = cold[2]!;
    expect(child(warning, 'system-out')!.text).toMatch(/^WARNING: InterfacePortQueueMetrics\.QueueBuildDelayMs: p95 <= 120 ms/);
    expect(propertiesOf(warning).verdict).toBe('warn');
    expect(child(cold[3]!, 'skipped')!.attrs.message).toBe('no baseline: the history store has no earlier run of this scenario');
  });

  test('harness errors are <error> testcases: the failed step once (the scenario error repeats it)', () => {
    const broken = cases(suite('broken'));
    expect(broken.map((c) => [c.attrs.classname, c.attrs.name, c.attrs.time])).toEqual([['broken.harness', 'step 2-exec (exec)', '0.300']]);
    const error = child(broken[0]!, 'error')!;
    expect(error.attrs.type).toBe('STATETRACE_PLUGIN_ERROR');
    expect(error.attrs.message).toContain('exited with code 1\n');
    expect(error.text).toContain('at run (exec.ts:10:5)');
    // Only the failed step's logs, as GitLab attachments.
    expect(child(broken[0]!, 'system-out')!.text).toBe('[[ATTACHMENT|.statetrace/runs/r1/broken/exec/2-exec.stderr.log]] Stderr\n[[ATTACHMENT|.statetrace/runs/r1/broken/exec/2-exec.stdout.log]] Stdout');
  });

  test('a stack that repeats the message is not preceded by the message again', () => {
    const error = { message: 'exited with 4', stack: 'PluginError: exited with 4\n    at x (y.js:1:1)' };
    const s = scenario({ name: 'dup', status: 'error', steps: [{ id: 's', uses: 'exec', status: 'failed', durationMs: 1, error }], gates: [], error });
    const e = findAll(parseXml(renderJUnit(makeRun([s]), ROOT)), 'error');
    expect(e.map((x) => x.text)).toEqual(['PluginError: exited with 4\n    at x (y.js:1:1)']);
  });

  test('a scenario error without a failed step still becomes an <error>', () => {
    const s = scenario({ name: 'crash', status: 'error', steps: [], gates: [], error: { message: 'worker died' } });
    const d = parseXml(renderJUnit(makeRun([s]), ROOT));
    const c = findAll(d, 'testcase');
    expect(c.map((x) => [x.attrs.name, child(x, 'error')?.attrs.message])).toEqual([['scenario', 'worker died']]);
  });

  test('counts on the root and every suite match the testcases', () => {
    const expectCounts = (e: XmlElement, tests: number, failures: number, errors: number, skipped: number) =>
      expect([e.attrs.tests, e.attrs.failures, e.attrs.errors, e.attrs.skipped]).toEqual([tests, failures, errors, skipped].map(String));
    expectCounts(suite('cold-ingest'), 6, 2, 0, 1);
    expectCounts(suite('broken'), 1, 0, 1, 0);
    expectCounts(suite('warm-ingest'), 1, 0, 0, 0);
    expectCounts(doc, 8, 2, 1, 1);
  });

  test('testcases carry a root-relative file, the line, and properties with observed/expected/baseline/samples/level/plan/owner', () => {
    const failing = cases(suite('cold-ingest'))[0]!;
    expect([failing.attrs.file, failing.attrs.line, failing.attrs.time]).toEqual(['gates/plan-b-performance.yaml', '12', '0.000']);
    expect(propertiesOf(failing)).toEqual({
      verdict: 'fail',
      level: 'error',
      metric: 'DatabaseWriteLatency.DurationMs',
      statistic: 'p95',
      observed: '1719.3 ms',
      observedValue: '1719.3',
      expected: '< 950 ms',
      expectedValue: '950',
      samples: '400',
      unit: 'ms',
      method: 'linear',
      plan: 'Plan B',
      owner: 'persistence',
    });
    expect(propertiesOf(cases(suite('cold-ingest'))[3]!)).toMatchObject({ baseline: 'none', observedValue: 'null', verdict: 'not_evaluated' });
    expect(child(failing, 'failure')!.text).toBe(
      'DatabaseWriteLatency.DurationMs: p95 < 950 ms\nobserved 1719.3 ms, expected < 950 ms, 400 sample(s)\nDatabaseWriteLatency.DurationMs p95 1719.3 ms is not < 950 ms\nat gates/plan-b-performance.yaml:12\nowner persistence · Plan B',
    );
  });

  test('malformed telemetry is listed in the suite system-out with file:line', () => {
    const out = child(suite('cold-ingest'), 'system-out')!.text;
    expect(out.split('\n').slice(0, 2)).toEqual(['5 malformed telemetry line(s)', '.statetrace/runs/r1/cold/app.jsonl:17: Unexpected end of JSON input: {"EventName":"Parse']);
    expect(propertiesOf(suite('cold-ingest'))['telemetry.malformed']).toBe('5');
  });

  test('duplicate (classname, name) pairs get a numbered suffix so GitLab keeps both', () => {
    const s = scenario({ gates: [gate(), gate(), gate({ verdict: 'fail' })] });
    const names = findAll(parseXml(renderJUnit(makeRun([s]), ROOT)), 'testcase').map((c) => c.attrs.name);
    expect(names).toEqual(['parse-duration-p95 p95 <= 3 s', 'parse-duration-p95 p95 <= 3 s (#2)', 'parse-duration-p95 p95 <= 3 s (#3)']);
  });

  test.each([
    { ms: 0, want: '0.000' },
    { ms: 1, want: '0.001' },
    { ms: 2345, want: '2.345' },
    { ms: 8926953, want: '8926.953' },
    { ms: -5, want: '0.000' },
    { ms: Number.NaN, want: '0.000' },
  ])('time $ms ms is written as "$want" (seconds, dot decimal, no grouping)', ({ ms, want }) => {
    expect(seconds(ms)).toBe(want);
  });

  test.each([
    { name: 'markup', input: '<a href="x">&</a>', text: '&lt;a href="x"&gt;&amp;&lt;/a&gt;', attr: '&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;' },
    { name: 'CDATA end', input: ']]>', text: ']]&gt;', attr: ']]&gt;' },
    { name: 'whitespace controls', input: 'a\tb\nc\rd', text: 'a\tb\nc\rd', attr: 'a&#9;b&#10;c&#13;d' },
    { name: 'forbidden controls', input: '\u0000\u001b\u007f', text: '\\x00\\x1b\u007f', attr: '\\x00\\x1b\u007f' },
    { name: 'unpaired surrogates', input: 'x\udc00y\ud800', text: 'x\\udc00y\\ud800', attr: 'x\\udc00y\\ud800' },
    { name: 'a valid pair', input: '😀', text: '😀', attr: '😀' },
    { name: 'non-characters', input: '\uffff\ufffe', text: '\\uffff\\ufffe', attr: '\\uffff\\ufffe' },
  ])('escapes $name', ({ input, text, attr }) => {
    expect(escapeXmlText(input)).toBe(text);
    expect(escapeXmlAttr(input)).toBe(attr);
    expect(() => parseXml(`<r a="${escapeXmlAttr(input)}">${escapeXmlText(input)}</r>`)).not.toThrow();
  });

  test('an empty run is still a valid document with zero counts', () => {
    const d = parseXml(renderJUnit(makeRun([]), ROOT));
    expect([d.attrs.tests, d.attrs.failures, d.attrs.errors, d.attrs.skipped, d.children.length]).toEqual(['0', '0', '0', '0', 0]);
  });

  test('the rendered document matches its snapshot', async () => {
    await expect(stabilize(xml)).toMatchFileSnapshot('./__snapshots__/junit.xml');
  });

  describe('as a reporter', () => {
    let dir: string | undefined;
    afterEach(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    test('writes <outDir>/junit.xml by default and a root-relative outputFile when given', async () => {
      dir = await mkdtemp(join(tmpdir(), 'st-junit-'));
      const ctx = createReporterContext({ rootDir: dir, outDir: join(dir, 'reports'), env: {}, isTTY: false });
      const reporters = [new JUnitReporter(), new JUnitReporter({ outputFile: 'custom/out.xml' })];
      await report(reporters, 'onInit', ctx);
      await report(reporters, 'onRunEnd', makeRun([coldScenario(), brokenScenario()]));
      const [a, b] = await Promise.all([readFile(join(dir, 'reports', 'junit.xml'), 'utf8'), readFile(join(dir, 'custom', 'out.xml'), 'utf8')]);
      expect(a).toBe(b);
      expect(findAll(parseXml(a), 'testsuite')).toHaveLength(2);
    });
  });
});

// The checker itself must reject what it is meant to catch, or the tests above prove nothing.
describe('xml-check', () => {
  test.each([
    ['unbalanced tags', '<a><b></a>'],
    ['a control character', '<a>\u0001</a>'],
    ['a bare ampersand', '<a>&</a>'],
    ['a CDATA end in text', '<a>]]></a>'],
    ['< in an attribute', '<a x="<"/>'],
    ['duplicate attributes', '<a x="1" x="2"/>'],
    ['two roots', '<a/><b/>'],
    ['a lone surrogate', '<a>\ud800</a>'],
    ['an unquoted attribute', '<a x=1/>'],
  ])('rejects %s', (_name, input) => {
    expect(() => parseXml(input)).toThrow();
  });

  test('NASTY would break a naive emitter', () => {
    expect(() => parseXml(`<a>${NASTY}</a>`)).toThrow();
  });
});
