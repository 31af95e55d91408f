/**
 * The plain path: decode the file (any encoding `detectEncoding` knows), split lines, JSON.parse
 * every non-blank line. It is the oracle the fast scanner is tested against, the benchmark
 * baseline, and the path for files the scanner does not read itself (UTF-16).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { ENCODING_SNIFF_BYTES, createStreamingDecoder, detectEncoding, type TelemetryEncoding } from '../encoding.js';
import { RangeCollector, withEventName, type RangeResult, type ScanSelection } from './collector.js';

const CHUNK = 4 * 1024 * 1024;

export interface NaiveFileResult extends RangeResult {
  encoding: TelemetryEncoding;
}

/** Read a whole file line by line with JSON.parse; same result shape as a scanned range. */
export function readFileNaive(path: string, selection: ScanSelection, maxMalformedSamples = 10): NaiveFileResult {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let position = 0;
    let n = readSync(fd, buf, 0, CHUNK, position);
    position += n;
    const detected = detectEncoding(buf.subarray(0, Math.min(n, ENCODING_SNIFF_BYTES)));
    const decoder = createStreamingDecoder(detected.encoding);
    const collector = new RangeCollector(withEventName(selection), maxMalformedSamples, 0);
    const result = collector.result;
    let carry = '';
    let first = detected.bomBytes;
    let bytes = 0;
    const consume = (text: string, final: boolean): void => {
      let from = 0;
      const all = carry + text;
      for (;;) {
        const nl = all.indexOf('\n', from);
        if (nl < 0) break;
        result.lines++;
        collector.parsedLine(all.slice(from, nl), result.lines);
        from = nl + 1;
      }
      carry = all.slice(from);
      if (final && carry.length > 0) {
        result.lines++;
        collector.parsedLine(carry, result.lines);
        carry = '';
      }
    };
    while (n > 0) {
      bytes += n;
      consume(decoder.decode(buf.subarray(first, n)), false);
      first = 0;
      n = readSync(fd, buf, 0, CHUNK, position);
      position += n;
    }
    consume(decoder.end(), true);
    result.bytes = bytes;
    return { ...collector.finish(), encoding: detected.encoding };
  } finally {
    closeSync(fd);
  }
}
