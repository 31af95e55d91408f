import { describe, expect, test } from 'vitest';
import { createReporterContext } from '../../reporters/context.js';
import { GithubReporter, command, renderAnnotations } from '../../reporters/github.js';
import { report } from '../../reporters/types.js';
import { ROOT, makeRun } from './fixtures.js';

describe('github reporter', () => {
  test('annotates harness errors, then failures, then warnings, at the gate file and line', () => {
    const lines = renderAnnotations(makeRun(), ROOT);
    expect(lines.map((l) => l.slice(0, l.indexOf('::', 2)))).toEqual([
      '::error file=scenarios/broken.yaml,title=statetrace%3A broken › step 2-exec (exec)',
      '::error file=gates/plan-b-performance.yaml,line=12,title=cold-ingest › db-write-p95',
      '::error file=gates/plan-e-telemetry.yaml,line=40,title=cold-ingest › rows-parity [SiteB]',
      '::warning file=gates/plan-b-performance.yaml,line=20,title=cold-ingest › queue-delay',
    ]);
    expect(lines[1]).toMatch(/::DatabaseWriteLatency\.DurationMs p95 1719\.3 ms is not < 950 ms%0Aobserved 1719\.3 ms, expected < 950 ms, 400 sample\(s\), owner persistence$/);
    for (const line of lines) expect(line).not.toMatch(/[\u0000-\u001f]/);
  });

  test('not-evaluated gates become notices only when asked, and the total is capped with a closing notice', () => {
    expect(renderAnnotations(makeRun(), ROOT, { notices: true }).filter((l) => l.startsWith('::notice'))).toHaveLength(1);
    const capped = renderAnnotations(makeRun(), ROOT, { maxAnnotations: 2 });
    expect(capped).toHaveLength(2);
    expect(capped[1]).toBe('::notice title=statetrace::3 more annotations left out; see the JUnit or Markdown report.');
  });

  test.each([
    { message: '100% done', want: '::error::100%25 done' },
    { message: 'a\r\nb', want: '::error::a%0D%0Ab' },
  ])('escapes data: $message', ({ message, want }) => {
    expect(command('error', {}, message)).toBe(want);
  });

  test('escapes properties (":" and ",")', () => {
    expect(command('warning', { file: 'a,b:c.yaml', line: 3 }, 'm')).toBe('::warning file=a%2Cb%3Ac.yaml,line=3::m');
  });

  test('writes only inside GitHub Actions unless onlyInActions is false', async () => {
    const outputs: string[] = [];
    for (const [env, options] of [[{}, {}], [{ GITHUB_ACTIONS: 'true' }, {}], [{}, { onlyInActions: false }]] as const) {
      let out = '';
      const reporters = [new GithubReporter(options)];
      await report(reporters, 'onInit', createReporterContext({ rootDir: ROOT, env, isTTY: false, stdout: { write: (t: string) => (out += t) } }));
      await report(reporters, 'onRunEnd', makeRun());
      outputs.push(out);
    }
    expect(outputs.map((o) => o.split('\n').filter(Boolean).length)).toEqual([0, 4, 4]);
  });
});
