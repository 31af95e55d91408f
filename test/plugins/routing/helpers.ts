/** A StepContext that records what a step does, for running routing steps without the runner. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventInput, StepContext } from '../../../core/plugin.js';
import type { ArtifactRecord, FactValue } from '../../../core/types.js';
import { projectRoot } from '../../corpus.js';

export interface RecordingContext extends StepContext {
  events: EventInput[];
  artifacts: Array<Omit<ArtifactRecord, 'step'>>;
  factsRecorded: Record<string, FactValue>;
  warnings: string[];
  cleanup(): void;
}

export function recordingContext(rootDir = projectRoot): RecordingContext {
  const runDir = mkdtempSync(join(tmpdir(), 'statetrace-routing-'));
  const events: EventInput[] = [];
  const artifacts: RecordingContext['artifacts'] = [];
  const factsRecorded: Record<string, FactValue> = {};
  const warnings: string[] = [];
  return {
    scenario: 'test',
    stepId: 'step',
    runDir,
    rootDir,
    telemetryFile: join(runDir, 'telemetry.jsonl'),
    emit: (e) => void events.push(e),
    addTelemetry: () => {},
    fact: (name, value) => void (factsRecorded[name] = value),
    facts: factsRecorded,
    outputs: {},
    artifact: (path, meta) => void artifacts.push({ path, ...meta }),
    log: { info: () => {}, warn: (m) => void warnings.push(m) },
    signal: new AbortController().signal,
    concurrency: 1,
    events,
    artifacts,
    factsRecorded,
    warnings,
    cleanup: () => rmSync(runDir, { recursive: true, force: true }),
  };
}
