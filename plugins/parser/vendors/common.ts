/** Pieces several vendor parsers share: hostname, spanning tree, MAC tables, first-match helpers. */
import type { SpanInfoRecord } from '../types.js';

const HOST_PROMPT = /^(?:[\w.-]*@)?([^\s(#>]+)(?:\([^)]*\))?[#>]/;
const HOSTNAME_CONFIG = /^\s*hostname\s+"?([^\s"]+)"?/i;

/**
 * Hostname: the first prompt at column 0 (`[SSH@]host[(mode)]#`), else the first `hostname X` line,
 * else `Unknown`. Any `user@` prefix is dropped (Juniper/Palo Alto prompts).
 */
export function findHostname(lines: string[]): string {
  for (const line of lines) {
    if (line.indexOf('#') < 0 && line.indexOf('>') < 0) continue;
    const m = HOST_PROMPT.exec(line);
    if (m) return m[1]!;
  }
  for (const line of lines) {
    const m = HOSTNAME_CONFIG.exec(line);
    if (m) return m[1]!;
  }
  return 'Unknown';
}

/** First capture of `re` over the lines, or ''. */
export function firstMatch(lines: string[], re: RegExp): string {
  for (const line of lines) {
    const m = re.exec(line);
    if (m) return (m[1] ?? '').trim();
  }
  return '';
}

/** Last capture of `re` over the lines, or '' (the original's "every match overwrites"). */
export function lastMatch(lines: string[], re: RegExp): string {
  let found = '';
  for (const line of lines) {
    const m = re.exec(line);
    if (m) found = (m[1] ?? '').trim();
  }
  return found;
}

const SPAN_SECTION = /^(VLAN\d+|MST\d+)\b/i;
const BROCADE_ROLE = /Port\s+(\S+)\s*(?:\(([^)]*)\))?[^.]*?\bis\s+(designated|root|backup|alternate|disabled)\s+(forwarding|blocking|learning|listening|discarding)?/i;
const ROLE_ABBREVIATIONS: Record<string, string> = { designated: 'Desg', root: 'Root', backup: 'Back', alternate: 'Altn', disabled: 'Disb' };

/** Spanning-tree sections (Cisco/Brocade): one record per `VLANnnnn`/`MSTn` section. */
export function parseSpanningTree(block: string[]): SpanInfoRecord[] {
  const out: SpanInfoRecord[] = [];
  let current: SpanInfoRecord | undefined;
  let inTable = false;
  let tableDone = false;
  for (const raw of block) {
    const line = raw.trim();
    const section = SPAN_SECTION.exec(line);
    if (section) {
      current = { Vlan: section[1]!.toUpperCase(), RootSwitch: '', RootPort: '', Role: '', Upstream: '' };
      out.push(current);
      inTable = false;
      tableDone = false;
      continue;
    }
    if (!current) continue;
    if (current.RootSwitch === '') {
      const addr = /^(?:Root ID\s+.*?)?Address\s+([0-9a-f.:]+)/i.exec(line);
      if (addr) current.RootSwitch = addr[1]!;
    }
    const rootPort = /Root port\s+([^,\s]+)/i.exec(line);
    if (rootPort && current.RootPort === '') current.RootPort = rootPort[1]!;
    if (/^Interface\s+Role\s+Sts/i.test(line)) {
      inTable = true;
      continue;
    }
    if (inTable && !tableDone) {
      if (line === '' || /^-+(\s+-+)*$/.test(line)) continue;
      const tokens = line.split(/\s+/);
      current.Upstream = tokens[0] ?? '';
      current.Role = tokens[1] ?? '';
      tableDone = true;
      continue;
    }
    if (current.Role === '') {
      const phrase = BROCADE_ROLE.exec(line);
      if (phrase) {
        current.Upstream = phrase[2] ?? phrase[1]!;
        const role = ROLE_ABBREVIATIONS[phrase[3]!.toLowerCase()] ?? phrase[3]!;
        const state = (phrase[4] ?? '').toLowerCase().startsWith('forw') ? 'FWD' : phrase[4] ? 'BLK' : '';
        current.Role = state ? `${role} ${state}` : role;
      }
    }
  }
  return out;
}

export const CISCO_MAC = /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i;

export interface MacRow {
  vlan: string;
  mac: string;
  port: string;
}

/**
 * `Vlan  Mac Address  Type  Ports` tables (Cisco IOS, NX-OS, Arista). Rows may start with spaces or an
 * NX-OS flag (`*`, `+`, `G`); VLAN must be a number (`All` rows are CPU entries).
 */
export function parseVlanMacTable(block: string[]): MacRow[] {
  const rows: MacRow[] = [];
  const head = /^\s*[*+G]?\s*(\d+)\s+([0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4})\s+\S+\s+(.*)$/i;
  const portToken = /^[A-Za-z][A-Za-z-]*\d+(?:[/.:]\d+)*$/;
  for (const line of block) {
    const m = head.exec(line);
    if (!m) continue;
    // Ports: the first port-shaped cell after Type (Arista prints Moves/Last Move after it, NX-OS age/flags before).
    for (const cell of m[3]!.split(/\s+/)) {
      const ports = cell.split(',').filter((p) => p !== '');
      if (ports.length > 0 && ports.every((p) => portToken.test(p))) {
        for (const port of ports) rows.push({ vlan: m[1]!, mac: m[2]!.toLowerCase(), port });
        break;
      }
    }
  }
  return rows;
}

/** Group MAC rows by port (first row first). */
export function macsByPort(rows: MacRow[], normalize: (port: string) => string): Map<string, MacRow[]> {
  const byPort = new Map<string, MacRow[]>();
  for (const row of rows) {
    const key = normalize(row.port);
    let list = byPort.get(key);
    if (!list) byPort.set(key, (list = []));
    list.push(row);
  }
  return byPort;
}
