/** Units of work of a parallel scan and the messages that carry them to and from workers. */
import type { RangeResult, ScanSelection } from './collector.js';
import type { PackedRecords } from './packed.js';
import type { RangeTask } from './scan-range.js';

export type ScanTask =
  | { kind: 'range'; range: RangeTask }
  | { kind: 'whole-file'; path: string; selection: ScanSelection; maxMalformedSamples: number };

/** One scan, sent to every worker: the tasks, and the shared claims they take them by (`claims.ts`). */
export interface ScanJob {
  tasks: ScanTask[];
  shared: SharedArrayBuffer;
  window: number;
}

export type WorkerReply =
  | { kind: 'result'; id: number; result: RangeResult; /** `result.records`, packed. */ records: PackedRecords }
  | { kind: 'error'; id: number; error: string }
  /** The worker found nothing more to claim (or the scan was aborted): it is idle again. */
  | { kind: 'done' };
