/**
 * Show-command blocks (DOMAIN §1.3): a prompt line carrying `show …` opens a block keyed by the
 * lower-cased command; any later prompt line closes it. Lookup falls back from exact keys to key
 * patterns to a raw-line scan to a default.
 */

export interface CarvedLog {
  lines: string[];
  /** Block key (lower-cased command text) → output lines (prompt line excluded). A repeated command overwrites. */
  blocks: Map<string, string[]>;
  /** Block key → 0-based index of the block's first output line in `lines` (for line numbers in warnings). */
  offsets: Map<string, number>;
}

const BLOCK_START = /^\s*[^\s#>]*[#>]\s*(?:do\s+)?(show\b.*)$/i;
const PROMPT_LINE = /^\s*[^\s#>]+[#>]/;
const FALLBACK_PROMPT = /^\s*[^\s#>]*[#>]/;

/** Split text into lines (CRLF, LF or CR), dropping a leading BOM. */
export function toLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.split(/\r\n|\n|\r/);
}

export function carveBlocks(lines: string[]): CarvedLog {
  const blocks = new Map<string, string[]>();
  const offsets = new Map<string, number>();
  let current: string[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // Fast path: a prompt needs `#` or `>`.
    if (line.indexOf('#') < 0 && line.indexOf('>') < 0) {
      if (current) current.push(line);
      continue;
    }
    const start = BLOCK_START.exec(line);
    if (start) {
      const key = start[1]!.trim().toLowerCase();
      current = [];
      blocks.set(key, current);
      offsets.set(key, i + 1);
      continue;
    }
    if (PROMPT_LINE.test(line)) {
      current = undefined;
      continue;
    }
    if (current) current.push(line);
  }
  return { lines, blocks, offsets };
}

export interface BlockQuery {
  /** Exact keys, in preference order. */
  keys?: string[];
  /** Key patterns tried after the exact keys (first block whose key matches). */
  patterns?: RegExp[];
  /** Raw-line fallback: a line matching this regex starts the block, which runs to the next prompt. */
  command?: RegExp;
  /** `all` = every line of the log (Arista's defaults); otherwise empty. */
  fallback?: 'all' | 'empty';
}

/** `Get-ShowBlock`. */
export function getShowBlock(log: CarvedLog, query: BlockQuery): string[] {
  for (const key of query.keys ?? []) {
    const block = log.blocks.get(key);
    if (block) return block;
  }
  if (query.patterns && query.patterns.length > 0) {
    for (const [key, block] of log.blocks) {
      if (query.patterns.some((p) => p.test(key))) return block;
    }
  }
  if (query.command) {
    const { lines } = log;
    for (let i = 0; i < lines.length; i++) {
      if (!query.command.test(lines[i]!)) continue;
      const out: string[] = [];
      for (let j = i + 1; j < lines.length; j++) {
        // Here an empty prompt (`# …`) also ends the block: the command line itself may have had one.
        if (FALLBACK_PROMPT.test(lines[j]!)) break;
        out.push(lines[j]!);
      }
      return out;
    }
  }
  return query.fallback === 'all' ? log.lines : [];
}

/** Index of the first line of `block` in the log (for warnings); -1 when unknown. */
export function blockOffset(log: CarvedLog, block: string[]): number {
  for (const [key, b] of log.blocks) if (b === block) return log.offsets.get(key) ?? -1;
  return -1;
}
