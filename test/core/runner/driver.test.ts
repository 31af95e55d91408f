import { describe, expect, it } from 'vitest';
import { ErrorCode, StatetraceError } from '../../../core/errors.js';
import { ExitCode } from '../../../core/exit-codes.js';
import { definePlugin, type StepContext } from '../../../core/plugin.js';
import { PluginError, runStep, StepTimeoutError } from '../../../core/plugin-driver.js';
import { PluginRegistry } from '../../../core/plugin-registry.js';
import { mapWithConcurrency } from '../../../core/runner/pool.js';

function registryWith(run: (ctx: StepContext) => unknown) {
  const registry = new PluginRegistry();
  registry.add(definePlugin({ name: 'demo', steps: { go: { description: 'test step', schema: {}, run: run as never }, run: { description: 'default', schema: {}, run: () => ({ ok: true }) } } }), 'test');
  return registry;
}

function fakeContext(signal: AbortSignal): StepContext {
  return { scenario: 'sc', stepId: 's1', signal } as unknown as StepContext;
}

describe('plugin driver', () => {
  it('returns step outputs and resolves a bare plugin name to its run step', async () => {
    const registry = registryWith(() => ({ rows: 3 }));
    const abort = new AbortController();
    expect(await runStep(registry.step('demo.go')!, fakeContext(abort.signal), {}, 1000, abort)).toEqual({ rows: 3 });
    expect(registry.step('demo')?.name).toBe('demo.run');
    expect(registry.step('nope')).toBeUndefined();
  });

  it('wraps a crash with plugin, step and scenario, keeping the plugin code; exit code 3', async () => {
    const registry = registryWith(() => {
      throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
    });
    const abort = new AbortController();
    const error = await runStep(registry.step('demo.go')!, fakeContext(abort.signal), {}, 1000, abort).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PluginError);
    const err = error as PluginError;
    expect(err.message).toBe('[plugin demo] step demo.go in scenario "sc": disk full');
    expect(err).toMatchObject({ plugin: 'demo', scenario: 'sc', pluginCode: 'ENOSPC', code: ErrorCode.PluginError, exitCode: ExitCode.HarnessError });
  });

  it('keeps exit code 2 when a plugin rejects its input', async () => {
    const registry = registryWith(() => {
      throw new StatetraceError(ErrorCode.InputInvalid, 'no hosts in corpus', { location: { file: 'corpus/x.log', line: 3 } });
    });
    const abort = new AbortController();
    const err = (await runStep(registry.step('demo.go')!, fakeContext(abort.signal), {}, 1000, abort).catch((e: unknown) => e)) as PluginError;
    expect(err.exitCode).toBe(ExitCode.InvalidInput);
    expect(err.location).toEqual({ file: 'corpus/x.log', line: 3 });
  });

  it('aborts a step that outlives its timeout and reports the timeout', async () => {
    let sawAbort = false;
    const registry = registryWith((ctx) => new Promise((resolve) => ctx.signal.addEventListener('abort', () => ((sawAbort = true), resolve(undefined)))));
    const abort = new AbortController();
    const error = await runStep(registry.step('demo.go')!, fakeContext(abort.signal), {}, 20, abort).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepTimeoutError);
    expect((error as Error).message).toContain('did not finish within 20ms');
    expect(sawAbort).toBe(true);
  });

  it('refuses a plugin without a name or loaded twice', () => {
    const registry = new PluginRegistry();
    expect(() => registry.add({ name: '' } as never, 'x.js')).toThrow(/has no name/);
    registry.add(definePlugin({ name: 'a' }), 'a.js');
    expect(() => registry.add(definePlugin({ name: 'a' }), 'b.js')).toThrow(/loaded twice/);
  });
});

describe('mapWithConcurrency', () => {
  it('keeps input order and never exceeds the limit', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapWithConcurrency([5, 1, 3, 2, 4], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 30, 20, 40]);
    expect(peak).toBe(2);
  });
});
