/**
 * Reads the JSON files the original tooling left behind, whatever their shape: NDJSON event files,
 * pretty-printed JSON arrays (WarmRunTelemetry), single objects (summaries), UTF-8 with or without
 * BOM, UTF-16 (Windows PowerShell 5.1), CRLF. PowerShell formatting records that analyzers
 * serialised by accident (objects carrying `ClassId2e4f51ef21dd47e99d3c952918aff9cd`) are dropped
 * and counted. Malformed NDJSON lines are counted with their line numbers, never silently lost.
 */
import { readFileSync } from 'node:fs';
import { detectEncoding } from '../../core/telemetry/encoding.js';
import { ErrorCode, StatetraceError } from '../../core/errors.js';

export type JsonRecord = Record<string, unknown>;

export interface MalformedLine {
  line: number;
  reason: string;
}

export interface ReadRecordsResult {
  file: string;
  shape: 'ndjson' | 'json-array' | 'json-object' | 'empty';
  records: Array<{ record: JsonRecord; line: number }>;
  malformed: MalformedLine[];
  /** PowerShell formatting records skipped. */
  formattingRecords: number;
}

const PS_FORMAT_CLASS = 'ClassId2e4f51ef21dd47e99d3c952918aff9cd';

export function decodeFile(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new StatetraceError(ErrorCode.InputMissing, `Cannot read ${path}: ${(error as Error).message}`, {
      location: { file: path },
      hint: 'check the path; relative paths are resolved from the current directory',
    });
  }
  const { encoding, bomBytes } = detectEncoding(bytes.subarray(0, 512));
  const body = bytes.subarray(bomBytes);
  if (encoding.startsWith('utf-16le')) return new TextDecoder('utf-16le').decode(body);
  if (encoding.startsWith('utf-16be')) return new TextDecoder('utf-16be').decode(body);
  return new TextDecoder('utf-8').decode(body);
}

function isFormattingRecord(value: unknown): boolean {
  return typeof value === 'object' && value !== null && PS_FORMAT_CLASS in value;
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Read one file into records (see module comment). */
export function readJsonRecords(path: string): ReadRecordsResult {
  const text = decodeFile(path);
  const trimmed = text.trimStart();
  const result: ReadRecordsResult = { file: path, shape: 'empty', records: [], malformed: [], formattingRecords: 0 };
  if (trimmed.length === 0) return result;
  const leading = text.length - trimmed.length;
  // A whole-document parse first: arrays and pretty-printed objects are the common non-NDJSON shapes.
  if (trimmed.startsWith('[') || (trimmed.startsWith('{') && !looksLikeNdjson(trimmed))) {
    try {
      const doc = JSON.parse(trimmed) as unknown;
      const startLine = lineOfOffset(text, leading);
      if (Array.isArray(doc)) {
        result.shape = 'json-array';
        for (const item of doc) {
          if (isFormattingRecord(item)) result.formattingRecords++;
          else if (item && typeof item === 'object' && !Array.isArray(item)) result.records.push({ record: item as JsonRecord, line: startLine });
        }
      } else if (doc && typeof doc === 'object') {
        result.shape = 'json-object';
        result.records.push({ record: doc as JsonRecord, line: startLine });
      }
      return result;
    } catch {
      // fall through to line-by-line reading
    }
  }
  result.shape = 'ndjson';
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.length === 0) continue;
    try {
      const value = JSON.parse(line) as unknown;
      if (isFormattingRecord(value)) result.formattingRecords++;
      else if (value && typeof value === 'object' && !Array.isArray(value)) result.records.push({ record: value as JsonRecord, line: i + 1 });
      else result.malformed.push({ line: i + 1, reason: 'not a JSON object' });
    } catch (error) {
      result.malformed.push({ line: i + 1, reason: (error as Error).message });
    }
  }
  return result;
}

/** Two or more non-blank lines that each parse as an object: NDJSON, not one pretty-printed object. */
function looksLikeNdjson(text: string): boolean {
  const firstBreak = text.indexOf('\n');
  if (firstBreak < 0) return false;
  const first = text.slice(0, firstBreak).trim();
  if (!first.endsWith('}')) return false;
  try {
    JSON.parse(first);
    return true;
  } catch {
    return false;
  }
}

/** Case-insensitive field read (PowerShell objects are case-insensitive). */
export function field(record: JsonRecord, name: string): unknown {
  if (name in record) return record[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(record)) if (key.toLowerCase() === lower) return record[key];
  return undefined;
}

export function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).trim();
}

export function numberOrUndefined(value: unknown): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : undefined;
}
