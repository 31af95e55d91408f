/**
 * The fast telemetry path: a validating field scanner on worker threads. See docs/rollup.md
 * ("The fast path") for the design and its guarantees; `readFileNaive` is its oracle.
 */
export { scanTelemetryFiles, type ScanFileSummary, type ScanFilesOptions } from './scan-files.js';
export { NO_EVENT_NAME, type RangeResult, type ScanSelection } from './collector.js';
export { normalizeLine } from '../line.js';
export { readFileNaive } from './naive.js';
export { asciiLower, createNameFilter, createPicker } from './pick.js';
