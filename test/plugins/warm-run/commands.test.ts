import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../../core/plugin.js';
import { corpusPath, corpusSkipReason, hasCorpus } from '../../corpus.js';
import { checkCommand, compareCommand, hotspotsCommand } from '../../../plugins/warm-run/commands.js';

function capture() {
  let out = '';
  const ctx: CommandContext = { cwd: process.cwd(), stdout: (t) => (out += t), stderr: () => {}, color: false, concurrency: 1 };
  return { ctx, out: () => out };
}

describe.skipIf(!hasCorpus)(`warm-run CLI commands on shared files (warm-run/, fixtures/CISmoke/) ${hasCorpus ? '' : corpusSkipReason}`, () => {
  it('compare --json: recomputed, stored and matches; --expect-match exits 1 only on a difference', () => {
    const a = capture();
    expect(compareCommand([corpusPath('warm-run', 'WarmRunTelemetry-ST-B-005-20260102-153200.json')], { json: true, expectMatch: true }, a.ctx)).toBe(0);
    const parsed = JSON.parse(a.out());
    expect(parsed).toMatchObject({ matches: true, differences: [], recomputed: { ImprovementPercent: -77.98, ColdInterfaceCallAvgMs: 192.847 } });
    const b = capture();
    expect(compareCommand([corpusPath('warm-run', 'WarmRunTelemetry-20251212-173043.json')], { expectMatch: true }, b.ctx)).toBe(1);
    expect(b.out()).toContain('differs from the stored comparison row');
  });

  it('check: thresholds from options; exit 1 with violations', () => {
    const a = capture();
    const options = { minimumImprovement: '60', minimumHitRatio: '99', maximumWarmMisses: '0', maximumWarmAverageDelta: '0', json: true };
    expect(checkCommand([corpusPath('warm-run', 'WarmRunTelemetry-20251224-161625.json')], options, a.ctx)).toBe(1);
    expect(JSON.parse(a.out()).Violations).toEqual(['ImprovementPercent']);
    const b = capture();
    expect(checkCommand([corpusPath('warm-run', 'WarmRunTelemetry-20251224-161625.json')], { ...options, minimumImprovement: '25' }, b.ctx)).toBe(0);
    expect(() => checkCommand([corpusPath('warm-run', 'WarmRunTelemetry-20251224-161625.json')], { ...options, minimumImprovement: 'lots' }, capture().ctx)).toThrow(/--minimum-improvement needs a number/);
  });

  it('hotspots: CSV on stdout, --top rows', () => {
    const a = capture();
    expect(hotspotsCommand([corpusPath('warm-run', 'WarmRunTelemetry-20251223-151505.json')], { top: '5', minDiffComparisonMs: '0' }, a.ctx)).toBe(0);
    expect(a.out().split('\r\n').filter(Boolean)).toHaveLength(6);
  });
});
