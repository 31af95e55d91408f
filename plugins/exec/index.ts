/**
 * The built-in `exec` step: runs any command (the system under test, a script, the real
 * PowerShell StateTrace) and makes the telemetry files it writes part of the scenario.
 */
import { definePlugin, defineStep } from '../../core/plugin.js';
import type { ExecOptions } from './run.js';

export default definePlugin({
  name: 'exec',
  version: '0.1.0',
  description: 'Run a command with a timeout that kills its whole process tree; collect the telemetry files it writes.',
  steps: {
    run: defineStep<ExecOptions>({
      description: 'Run a command; stdout/stderr are kept as artifacts and matching telemetry files join the scenario.',
      schema: {
        type: 'object',
        required: ['command'],
        additionalProperties: false,
        properties: {
          command: { type: 'string', minLength: 1, description: 'Program to run (no shell).' },
          args: { type: 'array', items: { type: ['string', 'number'] }, default: [] },
          cwd: { type: 'string', description: 'Working directory, relative to the project root.' },
          env: { type: 'object', additionalProperties: { type: 'string' }, default: {} },
          timeout: { type: ['string', 'number'], description: "Kill the process tree after this long, e.g. '30s'." },
          expectExitCode: {
            anyOf: [{ type: 'integer' }, { type: 'array', items: { type: 'integer' }, minItems: 1 }],
            default: 0,
          },
          telemetry: {
            type: 'array',
            items: { type: 'string' },
            default: [],
            description: 'Globs (relative to the project root, or absolute) of telemetry files the command writes.',
          },
          requireTelemetry: { type: 'boolean', default: true, description: 'Fail when the telemetry globs match no file.' },
          factsFile: {
            type: 'string',
            description:
              'A JSON object the command writes ({ "name": value or { group: value } }); each entry becomes a fact, so gates can reconcile the telemetry with what the program really did (fact:NAME).',
          },
        },
      },
      async run(ctx, options) {
        const { runCommand } = await import('./run.js');
        return runCommand(ctx, options);
      },
    }),
  },
});
