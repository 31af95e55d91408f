/**
 * The plan A routing-outage gates in gates/plan-a-routing.yaml against telemetry from the detector: they pass for the
 * shipped configuration and fail for the failure each is there to catch (slow detection, no
 * debouncing, missing runbook links, disagreeing sources). Gates that cannot fail are no gates.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectSamplesFromRecords, evaluateGates, loadGateFiles, noReferences } from '../../../core/gates/index.js';
import { MetricDictionary } from '../../../core/metrics/dictionary.js';
import type { GateResult } from '../../../core/types.js';
import { simulateStep, type SimulateOptions } from '../../../plugins/routing/steps.js';
import { projectRoot } from '../../corpus.js';
import { recordingContext, type RecordingContext } from './helpers.js';
import { builtinMetrics } from '../../builtin-metrics.js';

const [gateFile] = loadGateFiles([join(projectRoot, 'gates', 'plan-a-routing.yaml')], new MetricDictionary(builtinMetrics()));
let ctx: RecordingContext | undefined;
afterEach(() => ctx?.cleanup());

const BASE: SimulateOptions = { routes: 200, duration: '40m', seed: 3, primaryFailures: 6, failovers: 6, flaps: 3, blips: 3, outage: ['2m', '5m'], flapPeriod: '80s', flapDuration: '4m', noiseRate: 0.0005, conflictRate: 0.005, for: '30s', keepFor: '60s' };

async function outageVerdicts(options: Partial<SimulateOptions>): Promise<Record<string, GateResult['verdict']>> {
  ctx?.cleanup();
  ctx = recordingContext();
  await simulateStep(ctx, { ...BASE, ...options });
  const records = ctx.events.map((e) => ({ Timestamp: '2026-01-01T00:00:00Z', ...e }));
  const results = evaluateGates(gateFile!.gates, collectSamplesFromRecords(gateFile!.gates, records), noReferences, { scenario: { name: 'routing-outage', tags: ['routing', 'routing-outage'] }, now: Date.now() });
  return Object.fromEntries(results.map((r) => [r.gate, r.verdict]));
}

describe('gates/plan-a-routing.yaml (routing-outage)', () => {
  it('passes the shipped detector configuration', async () => {
    expect(await outageVerdicts({})).toEqual({
      'primary-failure-detection-latency': 'pass',
      'primary-failure-time-to-detect': 'pass',
      'no-missed-primary-failures': 'pass',
      'short-blips-not-reported': 'pass',
      'conflicting-signal-rate': 'pass',
      'flapping-reported-once-per-window': 'pass',
      'repeat-failure-spacing': 'not_evaluated',
      'transitions-carry-runbook': 'pass',
    });
  });

  it('fails a detector that waits 90 s before declaring an outage', async () => {
    expect(await outageVerdicts({ for: '90s' })).toMatchObject({ 'primary-failure-detection-latency': 'fail', 'primary-failure-time-to-detect': 'fail' });
  });

  it('fails the stateless rule: flaps and blips reported, routes down several times per window', async () => {
    expect(await outageVerdicts({ for: 0, keepFor: 0, window: '90s' })).toMatchObject({
      'short-blips-not-reported': 'fail',
      'flapping-reported-once-per-window': 'fail',
      'repeat-failure-spacing': 'fail',
    });
  });

  it('fails transitions without a runbook link and sources that disagree too often', async () => {
    expect(await outageVerdicts({ runbookUrl: '', conflictRate: 0.05 })).toMatchObject({ 'transitions-carry-runbook': 'fail', 'conflicting-signal-rate': 'fail' });
  });
});
