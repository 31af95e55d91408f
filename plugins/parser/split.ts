/**
 * Host splitting (`Split-RawLogs`, DOMAIN §1.2): raw log files → one slice file per detected host.
 * A line is a host marker if it is a prompt (`[SSH@]host[(mode)]#|>`) or a whole-line `hostname X`.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { safeSliceName } from './site.js';

/**
 * Prompt rule of §1.2, with one deliberate tightening: the `#`/`>` must be followed by whitespace, a letter or
 * the end of the line. The original also split on `Serial  #:FOC123` (Brocade `show version`) and `Total #=`
 * lines, inventing hosts named `Serial`.
 */
const PROMPT = /^\s*(?:SSH@)?([^(#>\s]+)(?:\([^)]*\))?\s*[#>](?=\s|$|[A-Za-z])/;
const HOSTNAME_LINE = /^hostname\s+(\S+)\s*$/i;
/** Lines buffered before the first host is seen (the original's cap). */
export const PRE_HOST_BUFFER_CAP = 4000;
export const UNKNOWN_SLICE = '_unknown';

/**
 * The host a line announces, or undefined. Any `user@` login prefix is dropped (deliberate difference: the
 * original only dropped `SSH@`, so Juniper/Palo Alto prompts became hosts named `user@EX4300-CORE`).
 */
export function detectHost(line: string): string | undefined {
  if (line.indexOf('#') >= 0 || line.indexOf('>') >= 0) {
    const m = PROMPT.exec(line);
    if (m) {
      const token = m[1]!;
      const at = token.lastIndexOf('@');
      const host = at >= 0 ? token.slice(at + 1) : token;
      if (host !== '') return host;
    }
  }
  if (line.length > 9 && (line.charCodeAt(0) | 32) === 104 /* h */) {
    const m = HOSTNAME_LINE.exec(line);
    if (m) return m[1]!;
  }
  return undefined;
}

/** Raw log files of a folder: `.log`/`.txt` (any case), not `WarmRunTelemetry-*`, sorted by name for determinism. */
export function listRawLogs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .filter((n) => ['.log', '.txt'].includes(extname(n).toLowerCase()) && !n.startsWith('WarmRunTelemetry-'))
    .sort()
    .map((n) => join(dir, n));
}

export interface SliceSegment {
  host: string;
  lines: string[];
}

export interface SplitFileResult {
  segments: SliceSegment[];
  /** Lines that belong to no host (overflow of the pre-host buffer, or a file without any host). */
  unknown: string[];
}

/** Split one file's lines into host segments, in order. Pure; no I/O. */
export function splitLines(lines: string[]): SplitFileResult {
  const segments: SliceSegment[] = [];
  const unknown: string[] = [];
  let pending: string[] = [];
  let current: SliceSegment | undefined;
  for (const line of lines) {
    const host = detectHost(line);
    if (host !== undefined && (!current || current.host.toLowerCase() !== host.toLowerCase())) {
      current = { host, lines: [] };
      if (segments.length === 0 && pending.length > 0) {
        current.lines.push(...pending);
        pending = [];
      }
      segments.push(current);
    }
    if (current) current.lines.push(line);
    else if (pending.length < PRE_HOST_BUFFER_CAP) pending.push(line);
    else unknown.push(line);
  }
  if (!current) unknown.push(...pending);
  return { segments, unknown };
}

export interface SliceFile {
  /** History key: the host as first seen (prompt-derived), made safe for a file name. */
  key: string;
  file: string;
}

export interface SplitResult {
  /** Slice files (absolute paths), one per host, `_unknown.log` excluded. */
  slices: string[];
  /** The same with their keys (with `inPlace`, some files are raw files rather than extracted slices). */
  sliceFiles: SliceFile[];
  /** `_unknown.log` path when lines without a host existed. */
  unknownFile?: string;
  /** Raw files with no host at all (the whole file went to `_unknown`). */
  filesWithoutHost: string[];
  /** Raw files that look binary (NUL bytes); skipped. */
  binaryFiles: string[];
  rawFiles: number;
  bytesRead: number;
}

export interface SplitOptions {
  /**
   * Use a raw file that holds exactly one host, and that host only, as its own slice instead of copying it
   * into `extractedDir` (the ingest does this; writing 10,000 copies costs more than parsing them). The
   * fingerprint is then over the raw file's bytes.
   */
  inPlace?: boolean;
}

/**
 * `Split-RawLogs`: empties `extractedDir`, then appends each host's segments to `<extractedDir>/<safe host>.log`.
 * Segments of one host from several raw files concatenate in file order.
 */
export function splitRawLogs(logDir: string, extractedDir: string, options: SplitOptions = {}): SplitResult {
  if (existsSync(extractedDir)) rmSync(extractedDir, { recursive: true, force: true });
  mkdirSync(extractedDir, { recursive: true });
  const rawFiles = listRawLogs(logDir);
  const handles = new Map<string, number>();
  /** Hosts whose slice is (so far) a whole raw file, by lower-cased safe name. */
  const inPlace = new Map<string, { name: string; file: string }>();
  const order: string[] = [];
  const filesWithoutHost: string[] = [];
  const binaryFiles: string[] = [];
  let bytesRead = 0;
  const open = (name: string): number => {
    const key = name.toLowerCase();
    let fd = handles.get(key);
    if (fd === undefined) {
      fd = openSync(join(extractedDir, `${name}.log`), 'a');
      handles.set(key, fd);
      const raw = inPlace.get(key);
      if (raw) {
        // The host shows up in a second raw file: its slice becomes a real, concatenated file after all.
        inPlace.delete(key);
        const earlier = splitLines(toLinesFromBuffer(readFileSync(raw.file))).segments[0]!;
        writeSync(fd, earlier.lines.join('\n') + '\n');
      } else {
        order.push(name);
      }
    }
    return fd;
  };
  try {
    for (const file of rawFiles) {
      const buffer = readFileSync(file);
      bytesRead += buffer.length;
      if (looksBinary(buffer)) {
        binaryFiles.push(file);
        continue;
      }
      const { segments, unknown } = splitLines(toLinesFromBuffer(buffer));
      if (segments.length === 0) filesWithoutHost.push(file);
      if (options.inPlace && segments.length === 1 && unknown.length === 0) {
        const name = safeSliceName(segments[0]!.host);
        const key = name.toLowerCase();
        if (!handles.has(key) && !inPlace.has(key)) {
          inPlace.set(key, { name, file });
          order.push(name);
          continue;
        }
      }
      for (const segment of segments) writeSync(open(safeSliceName(segment.host)), segment.lines.join('\n') + '\n');
      if (unknown.length > 0) writeSync(open(UNKNOWN_SLICE), unknown.join('\n') + '\n');
    }
  } finally {
    for (const fd of handles.values()) closeSync(fd);
  }
  const sliceFiles = order
    .filter((n) => n !== UNKNOWN_SLICE)
    .map((name) => ({ key: name, file: inPlace.get(name.toLowerCase())?.file ?? join(extractedDir, `${name}.log`) }));
  const unknownPath = join(extractedDir, `${UNKNOWN_SLICE}.log`);
  return {
    slices: sliceFiles.map((s) => s.file),
    sliceFiles,
    unknownFile: order.includes(UNKNOWN_SLICE) ? unknownPath : undefined,
    filesWithoutHost,
    binaryFiles,
    rawFiles: rawFiles.length,
    bytesRead,
  };
}

function toLinesFromBuffer(buffer: Buffer): string[] {
  let text = buffer.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A file with NUL bytes in its first 8 KB is treated as binary (the original would have split garbage). */
export function looksBinary(buffer: Buffer): boolean {
  const n = Math.min(buffer.length, 8192);
  for (let i = 0; i < n; i++) if (buffer[i] === 0) return true;
  return false;
}

/** Slice name (history key) of a slice file. */
export function sliceKey(file: string): string {
  return basename(file, extname(file));
}

export function fileSize(file: string): number {
  return statSync(file).size;
}
