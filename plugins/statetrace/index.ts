/**
 * `statetrace`: no steps; contributes the metric dictionary of the original StateTrace telemetry
 * (ParseDuration, DatabaseWriteLatency, InterfaceSyncTiming, ParserSchedulerLaunch, WarmRunComparison, …),
 * so gate files about real StateTrace day files validate. Units follow the field-name suffixes.
 */
import { definePlugin } from '../../core/plugin.js';
import { statetraceMetrics } from './metrics.js';

export default definePlugin({
  name: 'statetrace',
  version: '0.1.0',
  description: 'Metric dictionary of the original StateTrace events and fields (units inferred from field-name suffixes).',
  metrics: statetraceMetrics(),
});
