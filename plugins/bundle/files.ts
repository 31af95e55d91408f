/**
 * Small file helpers the bundle writer and verifier share: hashing raw bytes, decoding JSON the way
 * Windows PowerShell writes it (BOM, UTF-16), walking a folder, and path spelling.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, posix, sep } from 'node:path';

/** SHA-256 of a file's raw bytes as uppercase hex, the form the original's manifests carry. */
export async function sha256File(path: string): Promise<{ hash: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    hash.update(buffer);
  }
  return { hash: hash.digest('hex').toUpperCase(), size };
}

export function sha256Text(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex').toUpperCase();
}

/**
 * Decode a text file written by any StateTrace generation: UTF-8 with or without BOM (PowerShell 5.1
 * writes one), UTF-16 LE/BE with BOM (`Out-File` default on Windows PowerShell).
 */
export function decodeText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString('utf8');
}

export async function readTextAnyEncoding(path: string): Promise<string> {
  return decodeText(await readFile(path));
}

/** Every regular file below `dir`, as paths relative to it with `/` separators, sorted. */
export async function listFilesRecursive(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    // `parentPath` is Node ≥ 20.12; `path` is the older spelling of the same thing.
    const parent = (entry as unknown as { parentPath?: string; path?: string }).parentPath ?? (entry as unknown as { path: string }).path;
    files.push(toPosix(relativeTo(dir, join(parent, entry.name))));
  }
  return files.sort();
}

function relativeTo(root: string, full: string): string {
  const prefix = root.endsWith(sep) ? root : root + sep;
  return full.startsWith(prefix) ? full.slice(prefix.length) : full;
}

/** `DocSync\DocSyncChecklist.json` → `DocSync/DocSyncChecklist.json`. */
export function toPosix(path: string): string {
  return path.replace(/\\/g, '/');
}

/** True for `C:\…`, `\\server\…` and `/…`. */
export function isAbsoluteAnyOs(path: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\') || path.startsWith('/');
}

/**
 * `name.ext` → `name-1.ext`, `name-2.ext`, … until `taken` does not contain it (case-insensitively,
 * because the original ran on Windows and its bundles are copied back there). Same rule as
 * New-TelemetryBundle's name-clash suffixes.
 */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  const key = (n: string) => n.toLowerCase();
  if (!taken.has(key(name))) return name;
  const dir = posix.dirname(name);
  const base = posix.basename(name);
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const ext = dot > 0 ? base.slice(dot) : '';
  for (let i = 1; ; i++) {
    const candidate = (dir === '.' ? '' : dir + '/') + `${stem}-${i}${ext}`;
    if (!taken.has(key(candidate))) return candidate;
  }
}
