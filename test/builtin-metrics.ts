/**
 * Every built-in plugin's metric definitions, for tests that compile the shipped gate files the
 * way the CLI does (the dictionary holds every loaded plugin's metrics).
 */
import type { MetricDefinition } from '../core/metrics/types.js';
import type { StatetracePlugin } from '../core/plugin.js';
import bundle from '../plugins/bundle/index.js';
import exec from '../plugins/exec/index.js';
import parser from '../plugins/parser/index.js';
import persistence from '../plugins/persistence/index.js';
import rollup from '../plugins/rollup/index.js';
import routing from '../plugins/routing/index.js';
import sharedCache from '../plugins/shared-cache/index.js';
import statetrace from '../plugins/statetrace/index.js';
import warmRun from '../plugins/warm-run/index.js';

const plugins: StatetracePlugin[] = [exec, statetrace, parser, persistence, sharedCache, warmRun, routing, rollup, bundle];

export function builtinMetrics(): MetricDefinition[] {
  return plugins.flatMap((p) => (p.metrics ?? []).map((m) => ({ ...m, source: m.source ?? p.name })));
}
