/**
 * Text encodings of telemetry files. Windows PowerShell 5.1 writes UTF-16 LE with a BOM
 * (`Out-File`, `>`), PowerShell 7 UTF-8 without one, `Set-Content -Encoding UTF8` (5.1) UTF-8 with
 * one; some tools write UTF-16 without a BOM. Detection looks at the first bytes only, so it works
 * on a stream.
 */

export type TelemetryEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le-bom' | 'utf-16be-bom' | 'utf-16le' | 'utf-16be';

export interface DetectedEncoding {
  encoding: TelemetryEncoding;
  /** Bytes of byte-order mark to skip. */
  bomBytes: number;
}

/** How many leading bytes `detectEncoding` looks at (pass at least this many when the file is that long). */
export const ENCODING_SNIFF_BYTES = 512;

/**
 * Decide the encoding from the first bytes of a file.
 *
 * BOMs win. Without a BOM, UTF-16 is recognised by its NUL pattern: telemetry is overwhelmingly
 * ASCII, and an ASCII character in UTF-16 LE is `xx 00` (NUL at odd offsets), in BE `00 xx` (NUL at
 * even offsets). We call it UTF-16 when at least 70 % of the code units in the sample have the NUL
 * on one side and (almost) none on the other; UTF-8 text never contains NUL bytes, so a plain UTF-8
 * file can't be mistaken for UTF-16.
 */
export function detectEncoding(head: Uint8Array): DetectedEncoding {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8-bom', bomBytes: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le-bom', bomBytes: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be-bom', bomBytes: 2 };
  const units = Math.floor(Math.min(head.length, ENCODING_SNIFF_BYTES) / 2);
  if (units >= 1) {
    let nulEven = 0;
    let nulOdd = 0;
    for (let i = 0; i < units; i++) {
      if (head[2 * i] === 0) nulEven++;
      if (head[2 * i + 1] === 0) nulOdd++;
    }
    if (nulOdd >= units * 0.7 && nulEven <= units * 0.05) return { encoding: 'utf-16le', bomBytes: 0 };
    if (nulEven >= units * 0.7 && nulOdd <= units * 0.05) return { encoding: 'utf-16be', bomBytes: 0 };
  }
  return { encoding: 'utf-8', bomBytes: 0 };
}

/**
 * A streaming decoder: feed byte chunks, get text; a character split across two chunks is carried
 * over (TextDecoder's `stream` mode). Invalid byte sequences become U+FFFD, so a damaged byte spoils
 * its line (reported as malformed if it breaks the JSON) and never the rest of the file.
 */
export interface StreamingTextDecoder {
  decode(chunk: Uint8Array): string;
  /** Text held back at the end (an incomplete character), as U+FFFD. */
  end(): string;
}

export function createStreamingDecoder(encoding: TelemetryEncoding): StreamingTextDecoder {
  const label = encoding.startsWith('utf-16le') ? 'utf-16le' : encoding.startsWith('utf-16be') ? 'utf-16be' : 'utf-8';
  // ignoreBOM: the reader skips the BOM bytes itself, so a U+FEFF that appears later stays visible.
  const decoder = new TextDecoder(label, { fatal: false, ignoreBOM: true });
  return {
    decode: (chunk) => decoder.decode(chunk, { stream: true }),
    end: () => decoder.decode(),
  };
}
