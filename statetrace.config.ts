import { defineConfig } from './core/config/define.js';

/**
 * The project's own configuration: every built-in plugin, the shipped scenarios and gates, and the
 * four report formats CI needs. Every field is optional; these are the defaults spelled out.
 */
export default defineConfig({
  scenarios: ['scenarios/**/*.yaml'],
  gatesDir: 'gates',
  plugins: ['exec', 'statetrace', 'parser', 'persistence', 'shared-cache', 'warm-run', 'routing', 'rollup', 'bundle'],
  reporters: ['console', 'junit', 'markdown', 'json'],
  outDir: 'reports',
  concurrency: 1,
  history: '.statetrace/history.db',
  timeout: '15m',
});
