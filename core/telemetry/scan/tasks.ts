/** Units of work of a parallel scan and the messages that carry them to and from workers. */
import type { RangeResult, ScanSelection } from './collector.js';
import type { PackedRecords } from './packed.js';
import type { RangeTask } from './scan-range.js';

export type ScanTask =
  | { kind: 'range'; range: RangeTask }
  | { kind: 'whole-file'; path: string; selection: ScanSelection; maxMalformedSamples: number };

export interface WorkerRequest {
  id: number;
  task: ScanTask;
}

export type WorkerReply =
  | { id: number; result: RangeResult; /** `result.records`, packed. */ records: PackedRecords; error?: undefined }
  | { id: number; error: string; result?: undefined };
