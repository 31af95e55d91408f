import { ExitCode } from './exit-codes.js';

/** Where in a user file something is, 1-based. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export function formatLocation(loc: SourceLocation | undefined): string {
  if (!loc) return '';
  let text = loc.file;
  if (loc.line !== undefined) text += `:${loc.line}`;
  if (loc.line !== undefined && loc.column !== undefined) text += `:${loc.column}`;
  return text;
}

/**
 * Stable error codes, alphabetical. Every error the harness raises on purpose carries one, so
 * tests and scripts can match on the code instead of the wording.
 */
export const ErrorCode = {
  CliUsage: 'STATETRACE_CLI_USAGE',
  ConfigInvalid: 'STATETRACE_CONFIG_INVALID',
  GateInvalid: 'STATETRACE_GATE_INVALID',
  GateParse: 'STATETRACE_GATE_PARSE',
  InputInvalid: 'STATETRACE_INPUT_INVALID',
  InputMissing: 'STATETRACE_INPUT_MISSING',
  PluginError: 'STATETRACE_PLUGIN_ERROR',
  PluginInvalid: 'STATETRACE_PLUGIN_INVALID',
  ScenarioInvalid: 'STATETRACE_SCENARIO_INVALID',
  StepTimeout: 'STATETRACE_STEP_TIMEOUT',
  UnknownMetric: 'STATETRACE_UNKNOWN_METRIC',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface StatetraceErrorOptions {
  location?: SourceLocation;
  /** What the user should do about it; printed after the message. */
  hint?: string;
  exitCode?: ExitCode;
  cause?: unknown;
}

/**
 * An error the harness expects and can explain: it says what happened, where (file:line:col)
 * and how to fix it. `exitCode` tells the CLI how to end.
 */
export class StatetraceError extends Error {
  readonly code: ErrorCode;
  readonly location?: SourceLocation;
  readonly hint?: string;
  readonly exitCode: ExitCode;

  constructor(code: ErrorCode, message: string, options: StatetraceErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StatetraceError';
    this.code = code;
    this.location = options.location;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? defaultExitCode(code);
  }

  /** `file:line:col: message (hint)` in one line, the form editors and CI annotate. */
  describe(): string {
    const where = formatLocation(this.location);
    const head = where ? `${where}: ${this.message}` : this.message;
    return this.hint ? `${head}\n  hint: ${this.hint}` : head;
  }
}

function defaultExitCode(code: ErrorCode): ExitCode {
  switch (code) {
    case ErrorCode.PluginError:
    case ErrorCode.StepTimeout:
      return ExitCode.HarnessError;
    default:
      return ExitCode.InvalidInput;
  }
}

/** Several input errors found in one pass (e.g. every invalid gate in every file), reported together. */
export class StatetraceErrorList extends Error {
  readonly errors: StatetraceError[];
  readonly exitCode: ExitCode;
  constructor(errors: StatetraceError[]) {
    super(errors.map((e) => e.describe()).join('\n'));
    this.name = 'StatetraceErrorList';
    this.errors = errors;
    this.exitCode = errors.some((e) => e.exitCode === ExitCode.HarnessError) ? ExitCode.HarnessError : ExitCode.InvalidInput;
  }
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const al = a.toLowerCase();
  const bl = b.toLowerCase();
  const row = Array.from({ length: bl.length + 1 }, (_, i) => i);
  for (let i = 1; i <= al.length; i++) {
    let previousDiagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= bl.length; j++) {
      const saved = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previousDiagonal + (al[i - 1] === bl[j - 1] ? 0 : 1));
      previousDiagonal = saved;
    }
  }
  return row[bl.length]!;
}

/** The `max` candidates closest to `input`, closest first; substring matches rank first. */
export function closestMatches(input: string, candidates: Iterable<string>, max = 3): string[] {
  const needle = input.toLowerCase();
  return [...new Set(candidates)]
    .map((c) => ({ c, d: c.toLowerCase().includes(needle) || needle.includes(c.toLowerCase()) ? -1 : editDistance(input, c) }))
    .sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : x.c > y.c ? 1 : 0))
    .slice(0, max)
    .map((x) => x.c);
}
