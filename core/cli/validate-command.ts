/** `statetrace validate`: config, plugins, every gate file and every scenario, without running anything. */
import type { CliIO } from './io.js';
import { prepareRun } from './prepare.js';
import { ExitCode } from '../exit-codes.js';

export async function validateCommand({ globals, io }: { globals: Record<string, unknown>; io: CliIO }): Promise<number> {
  const prepared = await prepareRun(io.cwd, globals.config as string | undefined, {});
  const gates = prepared.gateFiles.reduce((n, f) => n + f.gates.length, 0);
  io.stdout(
    `✓ config ${prepared.config.configFile ?? '(defaults)'}\n` +
      `✓ ${prepared.registry.plugins.length} plugins, ${prepared.registry.stepNames().length} steps, ${prepared.dictionary.names().length} metrics\n` +
      `✓ ${prepared.gateFiles.length} gate files, ${gates} gates\n` +
      `✓ ${prepared.plans.length} scenarios: ${prepared.plans.map((p) => p.name).join(', ')}\n`,
  );
  return ExitCode.Passed;
}
