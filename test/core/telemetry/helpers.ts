import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTelemetry } from '../../../core/telemetry/reader.js';
import type { ReadTelemetryOptions, RecordLocation, TelemetryRecord } from '../../../core/telemetry/types.js';
import type { MalformedLineRecord, TelemetrySummary } from '../../../core/types.js';

export function makeTempDir(): { dir: string; file(name: string, content: string | Uint8Array): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'statetrace-telemetry-'));
  return {
    dir,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Collected {
  records: Array<{ record: TelemetryRecord; location: RecordLocation }>;
  malformed: MalformedLineRecord[];
  summary: TelemetrySummary;
}

/** Read and collect everything the reader reports. */
export async function collect(paths: string[], options: Omit<ReadTelemetryOptions, 'onRecord'> = {}): Promise<Collected> {
  const records: Collected['records'] = [];
  const malformed: MalformedLineRecord[] = [];
  const summary = await readTelemetry(paths, {
    ...options,
    onRecord: (record, location) => records.push({ record, location }),
    onMalformed: (m) => malformed.push(m),
  });
  return { records, malformed, summary };
}

/** UTF-16 bytes of a string, with or without BOM. */
export function utf16(text: string, endian: 'le' | 'be', bom: boolean): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const body = endian === 'le' ? le : Buffer.from(le).swap16();
  const mark = bom ? (endian === 'le' ? Buffer.from([0xff, 0xfe]) : Buffer.from([0xfe, 0xff])) : Buffer.alloc(0);
  return Buffer.concat([mark, body]);
}
