import { defineConfig } from './core/config/define.js';

/**
 * The project's own configuration: every built-in plugin, the shipped scenarios and gates, the four
 * report formats CI needs and a verified release-evidence bundle per run (the newest 5 are kept).
 * Every field is optional; apart from the bundle reporter these are the defaults spelled out.
 */
export default defineConfig({
  scenarios: ['scenarios/**/*.yaml'],
  gatesDir: 'gates',
  plugins: ['exec', 'statetrace', 'parser', 'persistence', 'shared-cache', 'warm-run', 'routing', 'rollup', 'bundle'],
  reporters: ['console', 'junit', 'markdown', 'json', ['bundle', { keep: 5 }]],
  outDir: 'reports',
  concurrency: 1,
  history: '.statetrace/history.db',
  timeout: '15m',
});
