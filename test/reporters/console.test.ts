import { describe, expect, test } from 'vitest';
import { ConsoleReporter, printable, type ConsoleReporterOptions } from '../../reporters/console.js';
import { createReporterContext, shouldUseColor } from '../../reporters/context.js';
import { report, type Reporter, type RunStartInfo } from '../../reporters/types.js';
import { ROOT, makeRun, stabilize } from './fixtures.js';

/** Drive a console reporter through a whole run and return everything it wrote. */
async function runConsole(opts: { color: boolean; isTTY: boolean; options?: ConsoleReporterOptions }): Promise<string> {
  let out = '';
  const ctx = createReporterContext({ rootDir: ROOT, outDir: `${ROOT}/reports`, env: {}, color: opts.color, isTTY: opts.isTTY, stdout: { write: (t: string) => (out += t) }, stderr: { write: () => undefined } });
  const reporters: Reporter[] = [new ConsoleReporter(opts.options)];
  const run = makeRun();
  const info: RunStartInfo = {
    runId: run.runId,
    command: 'run',
    scenarios: run.scenarios.map((s) => ({ name: s.name, file: s.file, tags: s.tags, stepCount: s.steps.length })),
    gateFiles: run.gateFiles,
  };
  await report(reporters, 'onInit', ctx);
  await report(reporters, 'onRunStart', info);
  for (const s of run.scenarios) await report(reporters, 'onScenarioStart', info.scenarios.find((p) => p.name === s.name)!);
  for (const s of run.scenarios) {
    for (const step of s.steps) await report(reporters, 'onStepEnd', s.name, step);
    await report(reporters, 'onScenarioEnd', s);
  }
  await report(reporters, 'onRunEnd', run);
  return out;
}

describe('console reporter', () => {
  test('without colour and without a TTY it writes no escape character at all, even from hostile messages', async () => {
    const out = await runConsole({ color: false, isTTY: false });
    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('\r');
    expect(out).toContain('\\x1b[31mred');
  });

  test('with colour it does colour', async () => {
    expect(await runConsole({ color: true, isTTY: false })).toMatch(/\u001b\[3\dm/);
  });

  test('on a TTY without colour the live line is redrawn with carriage returns only', async () => {
    const out = await runConsole({ color: false, isTTY: true });
    expect(out).not.toContain('\u001b');
    expect(out).toContain('\r… running 0/3 done · broken, cold-ingest, warm-ingest');
    expect(out).not.toContain(' RUN ');
  });

  test('the plain output matches its snapshot', async () => {
    await expect(stabilize(await runConsole({ color: false, isTTY: false }))).toMatchFileSnapshot('./__snapshots__/console.txt');
  });

  test('verdict table rows are ordered failures, warnings, not evaluated, passes', async () => {
    const out = await runConsole({ color: false, isTTY: false });
    const table = out.slice(out.indexOf('✗ cold-ingest  FAILED'), out.indexOf('✓ warm-ingest  passed'));
    const order = ['✗ fail  db-write-p95', '✗ fail  rows-parity [SiteB]', '! warn  queue-delay', '○ n/e   parse-baseline', '✓ pass  parse-duration-p95', '✓ pass  rows-parity [SiteA]'].map((row) =>
      table.indexOf(row),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test('each failure is explained with gate file:line, observed vs expected, samples and group', async () => {
    const out = await runConsole({ color: false, isTTY: false });
    const failures = out.slice(out.indexOf('\nFailures\n'), out.indexOf('\nErrors\n'));
    expect(failures.split('\n').slice(2, 7)).toEqual([
      '  ✗ cold-ingest › db-write-p95  gates/plan-b-performance.yaml:12',
      '      DatabaseWriteLatency.DurationMs: p95 < 950 ms',
      '      observed 1719.3 ms · expected < 950 ms · 400 samples · method linear',
      '      DatabaseWriteLatency.DurationMs p95 1719.3 ms is not < 950 ms',
      '      owner persistence · Plan B',
    ]);
    expect(failures).toContain('✗ cold-ingest › rows-parity [SiteB]  gates/plan-e-telemetry.yaml:40');
  });

  test('errors, warnings and not-evaluated gates are listed with their reasons', async () => {
    const out = await runConsole({ color: false, isTTY: false });
    expect(out).toContain('\nErrors\n  ‼ broken › step 2-exec (exec): command "node emit.mjs" exited with code 1 ⏎ bad');
    expect(out).toContain('      STATETRACE_PLUGIN_ERROR\n      Stderr: .statetrace/runs/r1/broken/exec/2-exec.stderr.log\n      Stdout: .statetrace/runs/r1/broken/exec/2-exec.stdout.log\n');
    expect(out).toContain('\nWarnings\n  ! cold-ingest › queue-delay  gates/plan-b-performance.yaml:20');
    expect(out).toContain('\nNot evaluated\n  ○ cold-ingest › parse-baseline  gates/plan-e-telemetry.yaml:30\n      ParseDuration.DurationSeconds: p95 within 10% of baseline\n      no baseline:');
  });

  test('malformed telemetry shows the count and the first file:line samples', async () => {
    const out = await runConsole({ color: false, isTTY: false, options: { maxMalformedSamples: 1 } });
    expect(out).toContain('  5 malformed telemetry lines (first ones below)\n    .statetrace/runs/r1/cold/app.jsonl:17 Unexpected end of JSON input: {"EventName":"Parse\n    … 4 more\n');
  });

  test('the summary gives scenario and gate counts, duration and the result with exit code', async () => {
    const out = await runConsole({ color: false, isTTY: false });
    expect(out.trimEnd().split('\n').slice(-6)).toEqual([
      ' Scenarios  1 error · 1 failed · 1 passed (3)',
      '     Gates  2 failed · 1 warned · 1 not evaluated · 3 passed (7)',
      '    Errors  1',
      ' Malformed  5 telemetry lines',
      '  Duration  3.95 s',
      '    Result  ERROR (exit 3)',
    ]);
  });

  test('showPassing: false hides passing rows and says how many', async () => {
    const out = await runConsole({ color: false, isTTY: false, options: { showPassing: false } });
    expect(out).not.toContain('✓ pass');
    expect(out).toContain('… 2 passing gates not shown');
  });
});

describe('colour rules', () => {
  test.each([
    { env: {}, isTTY: true, want: true },
    { env: {}, isTTY: false, want: false },
    { env: { NO_COLOR: '1' }, isTTY: true, want: false },
    { env: { NO_COLOR: '' }, isTTY: true, want: true },
    { env: { FORCE_COLOR: '1' }, isTTY: false, want: true },
    { env: { FORCE_COLOR: '0' }, isTTY: true, want: false },
    { env: { NO_COLOR: '1', FORCE_COLOR: '1' }, isTTY: true, want: false },
  ])('env $env with TTY $isTTY → colour $want', ({ env, isTTY, want }) => {
    expect(shouldUseColor(env, isTTY)).toBe(want);
    expect(createReporterContext({ env, isTTY }).color).toBe(want);
  });

  test.each([
    ['ESC', '\u001b[2J', '\\x1b[2J'],
    ['newlines', 'a\nb\r\nc', 'a ⏎ b ⏎ c'],
    ['C1 control', 'x\u009by', 'x\\x9by'],
    ['tab', 'a\tb', 'a b'],
  ])('printable() neutralises %s', (_name, input, want) => {
    expect(printable(input)).toBe(want);
  });
});
