/**
 * Process exit codes. CI must be able to tell "the system under test regressed" apart from
 * "the input was wrong" apart from "the harness itself is broken", so each outcome has its own code.
 */
export const ExitCode = {
  /** Every blocking gate passed (warnings and not-evaluated gates with `onMissing: skip` allowed). */
  Passed: 0,
  /** At least one gate of level `error` failed. */
  GatesFailed: 1,
  /** Invalid input: config, scenario YAML, gate YAML, CLI arguments, unreadable files. */
  InvalidInput: 2,
  /** A plugin step or the harness crashed (a bug, a timeout, an unexpected exception). */
  HarnessError: 3,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
