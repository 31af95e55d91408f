/**
 * Append-safe NDJSON telemetry writer: one compact JSON object per line, `EventName` first and
 * `Timestamp` second (added in .NET `o` local format when missing), like StateTrace's writer.
 *
 * Several processes may append to the same file at once (parallel scenarios, a harness and the
 * program under test). Lines must never interleave or get lost, without a lock:
 * - the file is opened with O_APPEND, so every write lands at the current end of file, and
 * - each batch of complete lines goes out in ONE `write(2)` call. On a local POSIX filesystem a
 *   single write to a regular file opened O_APPEND is atomic with respect to other appenders
 *   (Linux serialises writers on the inode; the seek-to-end and the copy happen under that lock).
 *   Windows' FILE_APPEND_DATA gives the same per-call guarantee.
 * - batches are capped at `maxWriteBytes` (64 KiB by default) and split only between lines. The
 *   PIPE_BUF limit (4 KiB) is about pipes and FIFOs, not regular files, but network filesystems
 *   (NFS, SMB) only approximate O_APPEND, and small writes keep the window for trouble there
 *   small. A single line longer than the cap is written alone, still in one call.
 * A short write (only on a full disk or quota) is completed with further writes and then reported.
 */
import { closeSync, openSync, writeSync, constants } from 'node:fs';
import type { TelemetryEvent } from '../types.js';
import { formatLocalTimestamp } from './timestamp.js';

export { formatLocalTimestamp } from './timestamp.js';

export interface TelemetryWriterOptions {
  /** Flush when this many bytes are buffered (default 64 KiB; also the per-write cap). */
  maxWriteBytes?: number;
  /** Flush when this many events are buffered (default 50, StateTrace's threshold). */
  maxBufferedEvents?: number;
  /** Flush this long after the first buffered event at the latest (default 1000 ms; 0 = write every event at once). */
  flushIntervalMs?: number;
  /** Flush what is buffered when the process exits normally (default true). */
  flushOnExit?: boolean;
}

export interface TelemetryWriter {
  readonly path: string;
  /** Buffer one event (serialised now, so later mutation of the object doesn't matter). */
  write(event: TelemetryEvent): void;
  /** Write everything buffered, in as few atomic appends as the size cap allows. */
  flush(): void;
  /** Flush and close the file. Further writes throw. */
  close(): void;
}

/** One compact JSON line (no trailing newline): EventName, Timestamp, then the other fields in their order. */
export function formatEventLine(event: TelemetryEvent): string {
  if (typeof event.EventName !== 'string' || event.EventName.length === 0) {
    throw new TypeError('telemetry event needs a non-empty string EventName');
  }
  const { EventName, Timestamp, ...fields } = event;
  return JSON.stringify({ EventName, Timestamp: Timestamp ?? formatLocalTimestamp(), ...fields });
}

/** Writers with `flushOnExit`, flushed by one shared exit hook (one listener however many writers). */
const flushAtExit = new Set<() => void>();
let exitHookInstalled = false;

function registerExitFlush(flush: () => void): void {
  flushAtExit.add(flush);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const f of flushAtExit) {
      try {
        f();
      } catch {
        // Exiting anyway; one failing file must not keep the others from flushing.
      }
    }
  });
}

export function createTelemetryWriter(path: string, options: TelemetryWriterOptions = {}): TelemetryWriter {
  const maxWriteBytes = Math.max(1, options.maxWriteBytes ?? 64 * 1024);
  const maxBufferedEvents = Math.max(1, options.maxBufferedEvents ?? 50);
  const flushIntervalMs = options.flushIntervalMs ?? 1000;
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND, 0o644);
  let buffered: string[] = [];
  let bufferedBytes = 0;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const writeAll = (data: Buffer): void => {
    let offset = 0;
    while (offset < data.length) {
      const written = writeSync(fd, data, offset, data.length - offset);
      if (written === 0) throw new Error(`telemetry write to ${path} made no progress (disk full?)`);
      offset += written;
    }
  };

  const flush = (): void => {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (buffered.length === 0) return;
    const lines = buffered;
    buffered = [];
    bufferedBytes = 0;
    let batch = '';
    let batchBytes = 0;
    for (const line of lines) {
      const bytes = Buffer.byteLength(line) + 1;
      if (batchBytes > 0 && batchBytes + bytes > maxWriteBytes) {
        writeAll(Buffer.from(batch));
        batch = '';
        batchBytes = 0;
      }
      batch += `${line}\n`;
      batchBytes += bytes;
    }
    if (batchBytes > 0) writeAll(Buffer.from(batch));
  };

  const onExit = (): void => {
    if (!closed) flush();
  };
  if (options.flushOnExit !== false) registerExitFlush(onExit);

  return {
    path,
    write(event) {
      if (closed) throw new Error(`telemetry writer for ${path} is closed`);
      const line = formatEventLine(event);
      buffered.push(line);
      bufferedBytes += Buffer.byteLength(line) + 1;
      if (flushIntervalMs <= 0 || buffered.length >= maxBufferedEvents || bufferedBytes >= maxWriteBytes) {
        flush();
      } else if (!timer) {
        timer = setTimeout(flush, flushIntervalMs);
        timer.unref();
      }
    },
    flush() {
      if (!closed) flush();
    },
    close() {
      if (closed) return;
      try {
        flush();
      } finally {
        closed = true;
        flushAtExit.delete(onExit);
        closeSync(fd);
      }
    },
  };
}
