/** Reading the routing JSON files (captures, records, snapshots) with errors that name file, line and fix. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { ErrorCode, StatetraceError } from '../../core/errors.js';

export interface JsonFile {
  path: string;
  text: string;
  value: unknown;
}

/** Reads a text file, stripping a UTF-8 BOM and decoding UTF-16 (Windows PowerShell's `-Encoding Unicode`). */
export function readTextFile(path: string, label: string, hint?: string): string {
  if (!existsSync(path)) {
    throw new StatetraceError(ErrorCode.InputMissing, `${label} not found: ${path}`, { location: { file: path }, hint: hint ?? 'check the path (relative paths resolve against the current directory or the file that names them)' });
  }
  if (statSync(path).isDirectory()) {
    throw new StatetraceError(ErrorCode.InputInvalid, `${label} is a directory, expected a file: ${path}`, { location: { file: path } });
  }
  const bytes = readFileSync(path);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function readJsonFile(path: string, label: string): JsonFile {
  const text = readTextFile(path, label);
  try {
    return { path, text, value: JSON.parse(text) };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
    const position = /position (\d+)/.exec(message);
    const loc = position ? lineColumnAt(text, Number(position[1])) : locateJsonError(text);
    throw new StatetraceError(ErrorCode.InputInvalid, `${label} is not valid JSON: ${message}`, {
      location: { file: path, ...(loc ?? {}) },
      hint: 'fix the JSON syntax at the position shown',
    });
  }
}

/**
 * Node 20's JSON.parse does not say where it failed; the YAML parser (JSON is YAML 1.2) does, so ask it.
 * Returns undefined when YAML accepts what JSON rejected (e.g. a trailing comma).
 */
function locateJsonError(text: string): { line: number; column: number } | undefined {
  const document = parseDocument(text);
  const first = document.errors[0];
  return first?.linePos ? { line: first.linePos[0].line, column: first.linePos[0].col } : undefined;
}

export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** 1-based line of the first `"key"` in the JSON text, so a field error can point at it; undefined if absent. */
export function lineOfKey(text: string, key: string): number | undefined {
  const index = text.indexOf(`"${key}"`);
  return index < 0 ? undefined : lineColumnAt(text, index).line;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
