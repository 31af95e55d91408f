/**
 * The only place that calls plugin code. Every failure is wrapped the same way: the error names
 * the plugin, the step and the scenario, keeps the plugin's own error code as `pluginCode`, and is
 * prefixed once with `[plugin <name>]`. A step that outlives its timeout is aborted and reported.
 */
import { ErrorCode, StatetraceError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import type { PluginSetupContext, StatetracePlugin, StepContext } from './plugin.js';
import type { RegisteredStep } from './plugin-registry.js';

export class PluginError extends StatetraceError {
  readonly plugin: string;
  readonly hook: string;
  readonly scenario?: string;
  readonly pluginCode?: string;

  constructor(plugin: string, hook: string, scenario: string | undefined, cause: unknown) {
    const original = cause instanceof Error ? cause : new Error(String(cause));
    const prefix = `[plugin ${plugin}] `;
    const message = original.message.startsWith(prefix) ? original.message : `${prefix}${hook}${scenario ? ` in scenario "${scenario}"` : ''}: ${original.message}`;
    // A plugin that rejects its input with a StatetraceError keeps that exit code (invalid input, 2);
    // anything else is a crash (3).
    const exitCode = cause instanceof StatetraceError ? cause.exitCode : ExitCode.HarnessError;
    super(ErrorCode.PluginError, message, {
      cause,
      exitCode,
      location: cause instanceof StatetraceError ? cause.location : undefined,
      hint: cause instanceof StatetraceError ? cause.hint : undefined,
    });
    this.name = 'PluginError';
    this.plugin = plugin;
    this.hook = hook;
    this.scenario = scenario;
    this.pluginCode = (original as { code?: string }).code;
    if (original.stack) this.stack = `${this.name}: ${message}\n${original.stack.split('\n').slice(1).join('\n')}`;
  }
}

export class StepTimeoutError extends StatetraceError {
  constructor(step: string, scenario: string, timeoutMs: number) {
    super(ErrorCode.StepTimeout, `Step "${step}" in scenario "${scenario}" did not finish within ${formatMs(timeoutMs)}`, {
      hint: 'raise the step or scenario `timeout:`, or make the step faster',
      exitCode: ExitCode.HarnessError,
    });
  }
}

/** Runs one step, aborting it at `timeoutMs`; returns its outputs (or `{}`). */
export async function runStep(
  step: RegisteredStep,
  ctx: StepContext,
  options: Record<string, unknown>,
  timeoutMs: number,
  abort: AbortController,
): Promise<Record<string, unknown>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new StepTimeoutError(step.name, ctx.scenario, timeoutMs);
      abort.abort(error);
      reject(error);
    }, timeoutMs);
    timer.unref?.();
  });
  try {
    const outputs = await Promise.race([Promise.resolve().then(() => step.definition.run(ctx, options)), timeout]);
    return outputs && typeof outputs === 'object' ? outputs : {};
  } catch (error) {
    if (error instanceof StepTimeoutError) throw error;
    throw new PluginError(step.plugin.name, `step ${step.name}`, ctx.scenario, error);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `setup` or `teardown` of every plugin that has it, in load order (teardown in reverse). */
export async function runLifecycle(plugins: StatetracePlugin[], hook: 'setup' | 'teardown', ctx: PluginSetupContext): Promise<void> {
  const ordered = hook === 'teardown' ? [...plugins].reverse() : plugins;
  for (const plugin of ordered) {
    const fn = plugin[hook];
    if (!fn) continue;
    try {
      await fn.call(plugin, ctx);
    } catch (error) {
      throw new PluginError(plugin.name, hook, undefined, error);
    }
  }
}

function formatMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
