/** JSON schema of the `rollup.rollup` step's `with:` options (kept apart so the plugin index stays light). */
export const rollupStepSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    inputs: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: "Telemetry files or folders (relative to the project root). Default: the scenario's own telemetry file.",
    },
    output: { type: 'string', default: 'rollup/IngestionMetricsSummary.csv', description: 'Output file, relative to the run directory.' },
    perSite: { type: 'boolean', default: true, description: 'Add per-Site scopes (the scheduled rollup default).' },
    siteCache: { type: 'boolean', default: true, description: 'Add the SiteCacheFetchDurationMs metric.' },
    json: { type: 'boolean', default: false, description: 'Write JSON rows instead of the CSV.' },
    filter: { type: 'array', items: { type: 'string' }, default: [], description: 'Wildcard file-name filters for folders.' },
    latest: { type: 'integer', minimum: 0, description: 'Keep the newest N files of folders.' },
    days: { type: 'integer', minimum: 1, maximum: 30, description: 'Daily mode: only yyyy-MM-dd.json of the last N days.' },
    today: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Anchor date for `days` (default: today).' },
    failOnWarnings: { type: 'boolean', default: false, description: 'Fail the step when any line is malformed (after writing).' },
    hashManifest: { type: 'boolean', default: false, description: 'Write <output>.hashes.json with SHA-256 of every input.' },
  },
} as const;
