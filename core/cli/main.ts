/**
 * The CLI: core commands (`run`, `check`, `validate`, `list`, `baseline`) and every command the
 * loaded plugins contribute (`rollup`, `parse`, `routes parse`, `bundle verify`, …). Actions only
 * parse options and lazily import the code that does the work; one catch turns errors into the
 * documented exit codes.
 */
import { Command, CommanderError, Option } from 'commander';
import { StatetraceError, StatetraceErrorList } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { packageInfo } from '../package-info.js';
import type { CommandDefinition, StatetracePlugin } from '../plugin.js';
import { shouldUseColor } from '../../reporters/context.js';
import { processIO, type CliIO } from './io.js';

/** Splits repeatable, comma-separated values: `--reporter junit,markdown --reporter json`. */
function collectList(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  let exitCode: number = ExitCode.Passed;
  const commandLine = ['statetrace', ...argv].map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ');
  const program = new Command('statetrace')
    .description('Verification harness for telemetry: run scenarios, gate JSON-lines telemetry against YAML gate files, report.')
    .version(packageInfo().version, '-v, --version')
    .option('-c, --config <file>', 'config file (default: statetrace.config.ts in the working directory)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  const common = (cmd: Command) =>
    cmd
      .option('-r, --reporter <names>', 'reporters (repeatable or comma-separated): console, junit, markdown, json, github, bundle, or a module path', collectList)
      .option('-o, --out-dir <dir>', 'where report files go (default: reports/)');

  common(
    program
      .command('run')
      .description('Run scenarios (all, or those named/matching), evaluate their gates, write reports.')
      .argument('[filters...]', 'scenario names or glob patterns (e.g. cold-ingest "routing-*")')
      .option('-t, --tag <tags>', 'only scenarios with one of these tags (repeatable or comma-separated)', collectList)
      .option('-g, --grep <regex>', 'only scenarios whose name or description matches')
      .option('--concurrency <n>', 'scenarios run at once', (v) => Number(v))
      .option('--timeout <duration>', "default scenario timeout, e.g. '10m'")
      .option('--no-history', 'do not read or record run history (baselines)'),
  ).action(async (filters: string[], options: Record<string, unknown>, cmd: Command) => {
    const { runCommand } = await import('./run-command.js');
    exitCode = await runCommand({ filters, options, globals: cmd.optsWithGlobals(), io, commandLine });
  });

  common(
    program
      .command('check')
      .description('Gate telemetry that already exists (files, folders or globs), without running any scenario.')
      .argument('<telemetry...>', 'telemetry files, folders or globs (NDJSON or JSON arrays)')
      .option('--gates <files...>', 'gate files (default: every file in the gates directory)')
      .option('-t, --tag <tags>', 'also evaluate gates that apply only to these scenario tags (e.g. warm)', collectList)
      .option('--label <name>', 'name to report the telemetry under', 'check'),
  ).action(async (telemetry: string[], options: Record<string, unknown>, cmd: Command) => {
    const { checkCommand } = await import('./check-command.js');
    exitCode = await checkCommand({ telemetry, options, globals: cmd.optsWithGlobals(), io, commandLine });
  });

  common(
    program
      .command('replay')
      .description('Re-gate a stored run (default: the newest) with the current gate files and show which verdicts would flip.')
      .argument('[runId]', 'run id under .statetrace/runs/ (see `statetrace baseline list`)'),
  ).action(async (runId: string | undefined, options: Record<string, unknown>, cmd: Command) => {
    const { replayCommand } = await import('./replay-command.js');
    exitCode = await replayCommand({ runId, options, globals: cmd.optsWithGlobals(), io, commandLine });
  });

  program
    .command('validate')
    .description('Validate the config, every scenario and every gate file; exit 2 with file:line:col on the first problems.')
    .action(async (_options: Record<string, unknown>, cmd: Command) => {
      const { validateCommand } = await import('./validate-command.js');
      exitCode = await validateCommand({ globals: cmd.optsWithGlobals(), io });
    });

  program
    .command('test-gates')
    .description('Run gate unit tests (*.test.yaml): fixture telemetry in, expected verdicts out; --coverage shows which gates no case exercises.')
    .argument('[files...]', 'test files, folders or globs (default: every *.test.yaml under the gates directory)')
    .option('--json', 'machine-readable results and coverage')
    .option('--coverage', 'print which gates (expectations, groups) cases tested with which verdicts')
    .option('-g, --grep <regex>', 'only cases whose name matches')
    .action(async (files: string[], options: Record<string, unknown>, cmd: Command) => {
      const { testGatesCommand } = await import('./test-gates-command.js');
      exitCode = await testGatesCommand({ files, options, globals: cmd.optsWithGlobals(), io });
    });

  program
    .command('list')
    .description('List scenarios, gates, plugins (with their commands), steps or metrics.')
    .addArgument(new Command().createArgument('[what]', 'what to list').choices(['scenarios', 'gates', 'plugins', 'steps', 'metrics', 'all']).default('all'))
    .option('--json', 'machine-readable output')
    .action(async (what: string, options: Record<string, unknown>, cmd: Command) => {
      const { listCommand } = await import('./list-command.js');
      exitCode = await listCommand({ what, options, globals: cmd.optsWithGlobals(), io });
    });

  const baseline = program.command('baseline').description('Run history and named baselines used by `baseline` references in gates.');
  baseline
    .command('list')
    .description('List recorded runs and pinned baselines.')
    .option('--json', 'machine-readable output')
    .action(async (options: Record<string, unknown>, cmd: Command) => {
      const { baselineListCommand } = await import('./baseline-command.js');
      exitCode = await baselineListCommand({ options, globals: cmd.optsWithGlobals(), io });
    });
  baseline
    .command('pin <name>')
    .description('Pin a run (default: the newest) as a named baseline, referenced in gates as `baseline:<name>`.')
    .option('--run <runId>', 'run to pin')
    .action(async (name: string, options: Record<string, unknown>, cmd: Command) => {
      const { baselinePinCommand } = await import('./baseline-command.js');
      exitCode = await baselinePinCommand({ name, options, globals: cmd.optsWithGlobals(), io });
    });

  const pluginLoadError = await registerPluginCommands(program, argv, io, (code) => (exitCode = code));

  try {
    if (argv.length === 0) {
      program.outputHelp();
      return ExitCode.Passed;
    }
    await program.parseAsync(argv, { from: 'user' });
    if (pluginLoadError && exitCode === ExitCode.Passed && !isCoreCommand(argv[0])) throw pluginLoadError;
    return exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

const CORE_COMMANDS = new Set(['run', 'check', 'replay', 'validate', 'test-gates', 'list', 'baseline', 'help']);
function isCoreCommand(word: string | undefined): boolean {
  return word !== undefined && (CORE_COMMANDS.has(word) || word.startsWith('-'));
}

/**
 * Loads the configured plugins and registers their commands. A config or plugin problem must not
 * break `--help` or the core commands (which report it themselves), so it is returned, not thrown.
 */
async function registerPluginCommands(program: Command, argv: string[], io: CliIO, setExit: (code: number) => void): Promise<unknown> {
  if (argv[0] !== undefined && CORE_COMMANDS.has(argv[0]) && argv[0] !== 'help') return undefined;
  try {
    const { loadProject } = await import('../project.js');
    const configFlag = findConfigFlag(argv);
    const project = await loadProject({ cwd: io.cwd, configFile: configFlag, pluginsOnly: true });
    for (const { plugin, command } of project.registry.commands()) {
      addPluginCommand(program, plugin, command, io, setExit, project.config.workers);
    }
    return undefined;
  } catch (error) {
    return error;
  }
}

function findConfigFlag(argv: string[]): string | undefined {
  const i = argv.findIndex((a) => a === '-c' || a === '--config');
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith('--config='));
  return eq?.slice('--config='.length);
}

function addPluginCommand(program: Command, plugin: StatetracePlugin, def: CommandDefinition, io: CliIO, setExit: (code: number) => void, workers: number): void {
  const tokens = def.name.trim().split(/\s+/);
  const words = tokens.filter((t) => !t.startsWith('<') && !t.startsWith('['));
  const argTokens = tokens.slice(words.length).map((t) => t.replace(/^([<[])\.\.\.(.+?)([>\]])$/, '$1$2...$3'));
  let parent = program;
  for (const word of words.slice(0, -1)) {
    parent = parent.commands.find((c) => c.name() === word) ?? parent.command(word).description(`${word} commands [${plugin.name}] (see \`statetrace ${word} --help\`)`);
  }
  const cmd = parent.command(words[words.length - 1]!).description(`${def.description} [${plugin.name}]`);
  for (const token of argTokens) cmd.argument(token);
  for (const option of def.options ?? []) {
    const opt = new Option(option.flags, option.description);
    if (option.default !== undefined) opt.default(option.default);
    cmd.addOption(opt);
  }
  if (def.examples?.length) cmd.addHelpText('after', `\nExamples:\n${def.examples.map((e) => `  $ ${e}`).join('\n')}\n`);
  cmd.action(async (...received: unknown[]) => {
    const command = received[received.length - 1] as Command;
    const options = command.opts();
    const positional = received.slice(0, argTokens.length).flatMap((v) => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]));
    const code = await def.action(positional, options, {
      cwd: io.cwd,
      stdout: io.stdout,
      stderr: io.stderr,
      color: shouldUseColor(io.env, io.isTTY),
      concurrency: workers,
    });
    setExit(code);
  });
}

function reportError(error: unknown, io: CliIO): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return ExitCode.Passed;
    return ExitCode.InvalidInput;
  }
  if (error instanceof StatetraceErrorList) {
    io.stderr(`statetrace: ${error.errors.length} problem${error.errors.length === 1 ? '' : 's'} found:\n`);
    for (const e of error.errors) io.stderr(`${e.describe()}\n`);
    return error.exitCode;
  }
  if (error instanceof StatetraceError) {
    io.stderr(`statetrace: ${error.describe()}\n`);
    if (error.exitCode === ExitCode.HarnessError && error.stack) io.stderr(`${error.stack}\n`);
    return error.exitCode;
  }
  io.stderr(`statetrace: internal error (this is a bug in statetrace or a plugin):\n${(error as Error)?.stack ?? String(error)}\n`);
  return ExitCode.HarnessError;
}
