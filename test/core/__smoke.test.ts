import { test } from 'vitest';
import { MetricDictionary } from '../../core/metrics/dictionary.js';
import { loadGateFiles, collectSamples, evaluateGates, noReferences } from '../../core/gates/index.js';
import plugin from '../../plugins/statetrace/index.js';
import { readTelemetry } from '../../core/telemetry/reader.js';
test('smoke', async () => {
  const d = new MetricDictionary(plugin.metrics);
  const files = loadGateFiles(['plan-a-routing','plan-b-performance','plan-e-telemetry','plan-h-adoption'].map(f=>`/work/main/gates/${f}.yaml`), d);
  const gates = files.flatMap(f=>f.gates);
  const { samples } = await collectSamples(gates, ['/work/shared/corpus/statetrace/telemetry/2025-12-05.json'], { readTelemetry });
  const r = evaluateGates(gates, samples, noReferences, { scenario: 'check', now: Date.parse('2025-12-06T00:00:00Z') });
  for (const x of r) console.log(x.verdict.padEnd(14), x.gate, x.group ?? '', '|', x.message, formatLoc(x.source));
});
function formatLoc(s: any) { return `${s.file.split('/').pop()}:${s.line}:${s.column}`; }
