/**
 * `show interfaces status` tables (Cisco IOS/IOS-XE/NX-OS, Arista). Real output defeats whitespace
 * splitting: names contain spaces and status words (`RESERVED - Disable`), VLAN cells hold `routed`,
 * `trunk`, `in Po1` or private-VLAN pairs, long rows wrap. So the header line's column positions decide
 * where Name ends and Status begins; the tail (VLAN, Duplex, Speed, Type) is read by content, because
 * Duplex/Speed are right-aligned under their headers.
 */
import type { InterfaceRecord } from './types.js';

export interface StatusRow extends Pick<InterfaceRecord, 'Port' | 'Name' | 'Status' | 'VLAN' | 'Duplex' | 'Speed' | 'Type'> {
  /** 0-based line index in the block. */
  line: number;
}

export interface StatusTable {
  rows: StatusRow[];
  /** Rows that could not be read, with the reason (reported, never silently dropped). */
  rejected: Array<{ line: number; text: string; reason: string }>;
}

export const STATUS_WORDS = new Set([
  'connected', 'notconnect', 'notconnec', 'disabled', 'err-disabled', 'errdisabled', 'inactive', 'suspended',
  'sfp-config-mismatch', 'sfp-mismatch', 'sfp-not-present', 'routed', 'trunk', 'monitoring', 'xcvrabsen', 'noOperMem',
  'down', 'up', 'channelDoen', 'linkflapE', 'sfpAbsent', 'notconfig', 'adminDown', 'monitor', 'faulty', 'xcvrInval',
].map((w) => w.toLowerCase()));

const HEADER = /^(\s*)Port\s+Name\s+Status\s+Vlan\s+Duplex\s+Speed\s+Type\b/i;
const DUPLEX = /^(?:a-)?(?:full|half|auto)$|^(?:unknown|--|n\/a)$/i;

interface Columns {
  port: number;
  name: number;
  status: number;
  vlan: number;
  type: number;
}

function headerColumns(line: string): Columns | undefined {
  if (!HEADER.test(line)) return undefined;
  const at = (word: string): number => line.search(new RegExp(`\\b${word}\\b`, 'i'));
  return { port: at('Port'), name: at('Name'), status: at('Status'), vlan: at('Vlan'), type: at('Type') };
}

interface Token {
  text: string;
  start: number;
}

function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) tokens.push({ text: m[0], start: m.index });
  return tokens;
}

/** True for a line that continues the previous row (wrapped output): indented past the Name column, no port token. */
function isContinuation(line: string, cols: Columns): boolean {
  const firstChar = line.search(/\S/);
  return firstChar > cols.name;
}

/** Parse every status table in a block. The table ends at a blank line; another header may start a new one. */
export function parseStatusTable(block: string[]): StatusTable {
  const rows: StatusRow[] = [];
  const rejected: StatusTable['rejected'] = [];
  let cols: Columns | undefined;
  for (let i = 0; i < block.length; i++) {
    const raw = block[i]!.replace(/\s*--More--\s*/g, '').replace(/\s+$/, '');
    const header = headerColumns(raw);
    if (header) {
      cols = header;
      continue;
    }
    if (!cols) continue;
    if (raw.trim() === '') {
      cols = undefined;
      continue;
    }
    if (/^[\s-]+$/.test(raw)) continue; // ---- underline rows
    if (isContinuation(raw, cols) && rows.length > 0) {
      const last = rows[rows.length - 1]!;
      last.Type = `${last.Type} ${raw.trim()}`.trim();
      continue;
    }
    const row = parseRow(raw, cols);
    if (typeof row === 'string') rejected.push({ line: i, text: raw, reason: row });
    else rows.push({ ...row, line: i });
  }
  return { rows, rejected };
}

function parseRow(line: string, cols: Columns): Omit<StatusRow, 'line'> | string {
  const tokens = tokenize(line);
  if (tokens.length < 2) return 'fewer than two columns';
  const port = tokens[0]!.text;
  // Status: the token starting at the Status column (±1 for sloppy alignment) if it is a status word;
  // otherwise (a long name pushed the row right) the last status word before the VLAN cell.
  const atColumn = tokens.findIndex((t, i) => i > 0 && Math.abs(t.start - cols.status) <= 1);
  let statusIndex = atColumn;
  if (statusIndex < 0 || !STATUS_WORDS.has(tokens[statusIndex]!.text.toLowerCase())) {
    statusIndex = -1;
    for (let i = tokens.length - 1; i > 0; i--) {
      if (tokens[i]!.text.startsWith('<')) continue;
      if (STATUS_WORDS.has(tokens[i]!.text.toLowerCase()) && tokens[i]!.start < cols.type) {
        statusIndex = i;
        break;
      }
    }
  }
  if (statusIndex < 0) {
    // A word we do not know (a platform's own status, e.g. `suspnd`) still sits at the Status column; else the
    // original's last resort: with ≥ 7 tokens the status sits 5 from the end.
    if (atColumn > 0) statusIndex = atColumn;
    else if (tokens.length >= 7) statusIndex = tokens.length - 5;
    else return 'no status column';
  }
  const name = tokens.slice(1, statusIndex).map((t) => t.text);
  const nameText = name.length > 0 ? line.slice(tokens[1]!.start, tokens[statusIndex - 1]!.start + tokens[statusIndex - 1]!.text.length) : '';
  const tail = tokens.slice(statusIndex + 1).map((t) => t.text);
  let vlan = '';
  let duplex = '';
  let speed = '';
  let type = '';
  const duplexAt = tail.findIndex((t, i) => i >= 1 && DUPLEX.test(t));
  if (duplexAt >= 1) {
    vlan = tail.slice(0, duplexAt).join(' ');
    duplex = tail[duplexAt]!;
    speed = tail[duplexAt + 1] ?? '';
    type = tail.slice(duplexAt + 2).join(' ');
  } else {
    vlan = tail[0] ?? '';
    duplex = tail[1] ?? '';
    speed = tail[2] ?? '';
    type = tail.slice(3).join(' ');
  }
  return { Port: port, Name: nameText, Status: tokens[statusIndex]!.text, VLAN: vlan, Duplex: duplex, Speed: speed, Type: type };
}
