/**
 * The persistence plugin: per-site SQLite databases (schema of the original Access databases), the
 * per-host interface diff, staged bulk writes, and the write telemetry. The writing itself is driven by
 * `parser.ingest` (it calls `SiteDatabase.writeHost`); this plugin declares the telemetry and offers the
 * `verify-counts` step. Cache integration: `cache-port.ts`. User documentation: docs/persistence.md.
 */
import { definePlugin, defineStep } from '../../core/plugin.js';
import { emittedMetrics, PERSISTENCE_EVENTS } from '../parser/metrics.js';
import type { VerifyCountsOptions } from './verify.js';

export default definePlugin({
  name: 'persistence',
  version: '0.1.0',
  description: 'Per-site SQLite persistence of parsed interfaces, with the original write telemetry and row-count reconciliation.',
  metrics: emittedMetrics('persistence', PERSISTENCE_EVENTS),
  steps: {
    'verify-counts': defineStep<VerifyCountsOptions>({
      description: 'Read the site databases back and record persistence.rows (per Site) and friends as facts for reconciliation gates.',
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          dataDir: { type: 'string', description: 'Default <runDir>/data.' },
          rows: {
            enum: ['interfaces', 'history'],
            default: 'interfaces',
            description: 'persistence.rows = current Interfaces rows (one cold ingest) or InterfaceHistory rows (= every RowsWritten.Rows of several passes).',
          },
          requireSites: { type: 'array', items: { type: 'string' } },
          minRows: { type: 'integer', minimum: 0 },
        },
      },
      async run(ctx, options) {
        const { verifyCounts } = await import('./verify.js');
        return verifyCounts(ctx, options);
      },
    }),
  },
});
