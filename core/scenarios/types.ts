/**
 * A scenario after loading and validation: what the runner executes. Built by `loadScenarios`.
 */
import type { SourceLocation } from '../errors.js';
import type { Gate } from '../gates/types.js';

export interface PlannedStep {
  /** From the scenario, or `<index>-<uses>` (1-based). Unique in the scenario. */
  id: string;
  /** `<plugin>.<step>`, or a built-in step name such as `exec`. */
  uses: string;
  /**
   * Options with schema defaults applied. Values that are exactly one `${…}` expression are kept as
   * written (validated again by the runner after interpolation, `validateStepOptions`).
   */
  with: Record<string, unknown>;
  /** Step timeout; undefined = the rest of the scenario's timeout. */
  timeoutMs?: number;
  /** The step's mapping in the scenario file. */
  location: SourceLocation;
}

export interface ScenarioPlan {
  name: string;
  file: string;
  description?: string;
  tags: string[];
  /** Whole-scenario timeout (the scenario's `timeout:`, else the config default). */
  timeoutMs: number;
  steps: PlannedStep[];
  /** Compiled gates: those of referenced gate files, then inline ones, in the order written. */
  gates: Gate[];
  /** Gate files the scenario references (absolute paths). */
  gateFiles: string[];
  /** The scenario's `name:` in its file. */
  location: SourceLocation;
}
