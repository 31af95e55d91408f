/**
 * End to end through the real CLI (`main`): a scenario assembles a bundle and gates on its readiness,
 * the bundle reporter writes the run's evidence bundle, and `statetrace bundle verify` accepts it,
 * then rejects it after tampering. Uses only the exec-free `bundle` plugin, so it runs anywhere.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../core/cli/main.js';
import { removeTempRoot, tempDir } from './tmp.js';

function project(rules: 'statetrace' | 'original'): string {
  const root = tempDir('e2e-');
  const file = (rel: string, text: string) => {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  file('statetrace.config.mjs', `export default { scenarios: ['scenarios/*.yaml'], gatesDir: 'gates', plugins: ['bundle'], reporters: ['json'], outDir: 'reports', history: false };\n`);
  file('gates/release.yaml', 'plan: Plan R\ngates:\n  - id: release-bundle-ready\n    metric: BundleVerification.Problems\n    expect: max == 0\n    level: error\n    onMissing: fail\n    task: ST-G-007\n');
  file('evidence/IngestionMetricsSummary-20261122.csv', 'Date,Scope,Metric\r\n');
  file(
    'scenarios/release.yaml',
    [
      'name: release',
      'gates: [gates/release.yaml]',
      'steps:',
      '  - id: assemble',
      '    uses: bundle.assemble',
      `    with: { name: Release, rules: ${rules}, rollupCsv: evidence/IngestionMetricsSummary-20261122.csv }`,
      '  - uses: bundle.verify',
      '    with: { path: "${steps.assemble.dir}" }',
      '',
    ].join('\n'),
  );
  return root;
}

async function cli(root: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { cwd: root, env: { NO_COLOR: '1' }, isTTY: false, stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

describe('statetrace run --reporter bundle, then statetrace bundle verify', () => {
  it('a ready bundle passes the readiness gate, and the run bundle verifies until tampered with', async () => {
    const root = project('statetrace');
    const run = await cli(root, 'run', '--reporter', 'json,bundle');
    expect(run.code, run.err).toBe(0);
    const bundles = readdirSync(join(root, 'reports', 'bundles'));
    expect(bundles).toHaveLength(1);
    const dir = join(root, 'reports', 'bundles', bundles[0]!);
    const verified = await cli(root, 'bundle', 'verify', dir);
    expect(verified.code, verified.out + verified.err).toBe(0);
    expect(verified.out).toContain('READY');
    writeFileSync(join(dir, 'Verification', 'extra.txt'), 'slipped in');
    const tampered = await cli(root, 'bundle', 'verify', dir, '--json');
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain('Verification/extra.txt is in the bundle but not listed');
    expect((await cli(root, 'bundle', 'verify', join(root, 'nope'))).code).toBe(2);
  });

  it('an incomplete release bundle (original rules) fails the error-level gate: exit 1', async () => {
    const root = project('original');
    const run = await cli(root, 'run');
    expect(run.code, run.err).toBe(1);
  });
});

afterAll(removeTempRoot);
