/**
 * Loads and validates everything a run needs before any scenario starts: config, plugins, every
 * gate file in the gates directory, every scenario file. All problems in all files are reported
 * together (exit 2) so a plan owner fixes them in one pass.
 */
import { existsSync } from 'node:fs';
import fg from 'fast-glob';
import { ErrorCode, StatetraceError, StatetraceErrorList } from '../errors.js';
import { loadGateFiles, type GateFile } from '../gates/index.js';
import { loadProject, type Project } from '../project.js';
import { loadScenarios, type ScenarioPlan } from '../scenarios/index.js';
import type { UserConfig } from '../config/types.js';

export interface PreparedRun extends Project {
  gateFiles: GateFile[];
  plans: ScenarioPlan[];
}

/** Gate files under the gates directory; `*.test.yaml` files are gate unit tests, not gates. */
export async function listGateFiles(gatesDir: string): Promise<string[]> {
  if (!existsSync(gatesDir)) return [];
  return (await fg(['**/*.yaml', '**/*.yml'], { cwd: gatesDir, absolute: true, onlyFiles: true, ignore: ['**/*.test.yaml', '**/*.test.yml'] })).sort();
}

export async function prepareRun(cwd: string, configFile: string | undefined, overrides: UserConfig): Promise<PreparedRun> {
  const project = await loadProject({ cwd, configFile, overrides });
  const { config, registry, dictionary } = project;
  const errors: StatetraceError[] = [];
  let gateFiles: GateFile[] = [];
  try {
    gateFiles = loadGateFiles(await listGateFiles(config.gatesDir), dictionary);
  } catch (error) {
    if (!(error instanceof StatetraceErrorList)) throw error;
    errors.push(...error.errors);
  }
  const scenarioFiles = (await fg(config.scenarios, { cwd: config.rootDir, absolute: true, onlyFiles: true })).sort();
  let plans: ScenarioPlan[] = [];
  try {
    plans = await loadScenarios(scenarioFiles, {
      dictionary,
      rootDir: config.rootDir,
      resolveStep: (uses) => registry.step(uses)?.definition,
      stepNames: () => registry.stepNames(),
      defaultTimeoutMs: config.timeoutMs,
    });
  } catch (error) {
    if (!(error instanceof StatetraceErrorList)) throw error;
    errors.push(...error.errors);
  }
  if (errors.length > 0) throw new StatetraceErrorList(errors);
  return { ...project, gateFiles, plans };
}

/** Keeps the scenarios matching any name/glob filter, any tag, and the grep pattern. */
export function filterPlans(plans: ScenarioPlan[], filters: string[], tags: string[], grep: string | undefined): ScenarioPlan[] {
  let selected = plans;
  if (filters.length > 0) {
    const matchers = filters.map(globToRegExp);
    selected = selected.filter((p) => matchers.some((m) => m.test(p.name)));
    const unmatched = filters.filter((f) => !plans.some((p) => globToRegExp(f).test(p.name)));
    if (unmatched.length > 0) {
      throw new StatetraceError(ErrorCode.CliUsage, `No scenario matches ${unmatched.map((f) => `"${f}"`).join(', ')}`, {
        hint: `scenarios: ${plans.map((p) => p.name).sort().join(', ') || '(none found; check the "scenarios" globs in the config)'}`,
      });
    }
  }
  if (tags.length > 0) selected = selected.filter((p) => p.tags.some((t) => tags.includes(t)));
  if (grep) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(grep, 'i');
    } catch (error) {
      throw new StatetraceError(ErrorCode.CliUsage, `--grep "${grep}" is not a valid regular expression: ${(error as Error).message}`);
    }
    selected = selected.filter((p) => pattern.test(p.name) || pattern.test(p.description ?? ''));
  }
  return selected;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}
