/** Brocade FastIron / ICX — DOMAIN §1.6 "Brocade". */
import type { CarvedLog } from '../blocks.js';
import { blockOffset, getShowBlock } from '../blocks.js';
import { brocadePortName, expandBrocadeRange } from '../ports.js';
import { emptyInterface, type InterfaceRecord } from '../types.js';
import { firstMatch, parseSpanningTree } from './common.js';
import type { VendorParse } from './cisco.js';

const BRIEF_ROW =
  /^\s*(\d+\/\d+\/\d+)\s+(Up|Down|Disabled?|Admin-Down|None)\s+(\S+)\s+(Full|Half|Auto(?:\/Full)?|N\/A|None)\s+(\S+)\s+((?:\S+\s+){3,6}?)([0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}(?:[0-9a-f]{2})?)\s*(.*)$/i;
const BROCADE_MAC_ROW = /^\s*([0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4})\s+(\d+\/\d+\/\d+)\s+(.*)$/i;
const AUTH_GLOBAL_FORMS = [
  /^auth-default-vlan\s+\d+/i,
  /^re-authentication\b/i,
  /^dot1x enable\b/i,
  /^dot1x port-control auto\b/i,
  /^mac-authentication enable\b/i,
  /^mac-authentication dot1x override\b/i,
];

interface Session {
  mode: string;
  state: string;
  mac: string;
}

function typeFromName(name: string): string {
  if (/uplink|trunk/i.test(name)) return 'Trunk';
  if (/access|user|staff|voice|endpoint|printer/i.test(name)) return 'Access';
  return '';
}

/** Session tables: unified (`MAUTH`/`8021.X`), dot1x (`AUTHENTICATED`), mac-auth (`Yes`/`No`). */
function parseSessions(block: string[], defaultMode: string): Map<string, Session> {
  const out = new Map<string, Session>();
  for (const line of block) {
    const m = /^\s*(\d+\/\d+\/\d+)\s+([0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4})\b(.*)$/i.exec(line);
    if (!m) continue;
    const rest = m[3]!;
    let mode = defaultMode;
    if (/\bMAUTH\b|mac-?auth/i.test(rest)) mode = 'macauth';
    else if (/8021\.X|dot1x/i.test(rest)) mode = 'dot1x';
    let state = 'Unknown';
    if (/\bUNAUTHENTICATED\b|\bUnauthorized\b/i.test(rest)) state = 'Unauthorized';
    else if (/\bAUTHENTICATED\b/i.test(rest)) state = 'Authorized';
    else if (/\bAUTHENTICATING\b/i.test(rest)) state = 'Authenticating';
    else if (/\bYes\b/i.test(rest)) state = 'Authorized';
    else if (/\bNo\b/i.test(rest)) state = 'Unauthorized';
    const port = brocadePortName(m[1]!);
    if (!out.has(port)) out.set(port, { mode, state, mac: m[2]!.toLowerCase() });
  }
  return out;
}

export function parseBrocade(log: CarvedLog): VendorParse {
  const version = getShowBlock(log, { keys: ['show version', 'show ver'], patterns: [/^show ver/] });
  const config = getShowBlock(log, { keys: ['show config', 'show configuration', 'show running-config'], patterns: [/^show (?:run|conf)/] });
  const brief = getShowBlock(log, { keys: ['show interfaces brief', 'show interface brief', 'show int brief'], patterns: [/^show int\S*\s+br/] });
  const macBlock = getShowBlock(log, { keys: ['show mac address-table', 'show mac-address', 'show mac-address all'], patterns: [/^show mac[ -]address/] });
  const spanBlock = getShowBlock(log, { keys: ['show spanning-tree'], patterns: [/^show span/] });
  const unified = getShowBlock(log, { keys: ['show authentication sessions', 'show authentication sessions all'], patterns: [/^show authentication sess/] });
  const dot1xBlock = getShowBlock(log, { keys: ['show dot1x sessions all', 'show dot1x mac-sessions'], patterns: [/^show dot1x (?:mac-)?sess/] });
  const macAuthBlock = getShowBlock(log, {
    keys: ['show mac-authentication sessions all', 'show macauthentication sessions all'],
    patterns: [/^show mac-?authentication sess/, /^show auth-mac-addresses/],
  });
  const warnings: VendorParse['Warnings'] = [];

  const model = firstMatch(version, /HW:\s*Stackable\s+(.+)$/i) || firstMatch(version, /HW:\s*(.+)$/i);
  const swVersion = firstMatch(version, /SW:\s*Version\s+(\S+)/i);
  const uptime = firstMatch(version, /uptime is\s+(.+)$/i);
  const location = firstMatch(config, /^\s*snmp-server location\s+(.+)$/i) || 'Unspecified';

  // Per-interface config sections and the global Authentication block.
  const sections = new Map<string, string[]>();
  const names = new Map<string, string>();
  let current: string[] | undefined;
  let authLines: string[] | undefined;
  const authBlock: string[] = [];
  for (const raw of config) {
    const line = raw.replace(/\s+$/, '');
    const trimmed = line.trim();
    if (authLines) {
      if (trimmed.startsWith('!')) authLines = undefined;
      else if (trimmed !== '') authLines.push(trimmed);
      continue;
    }
    if (trimmed === 'Authentication' || trimmed === 'authentication') {
      authLines = authBlock;
      continue;
    }
    const start = /^interface\s+ethernet\s+(\d+\/\d+\/\d+)/i.exec(trimmed);
    if (start) {
      current = [];
      sections.set(brocadePortName(start[1]!), current);
      continue;
    }
    if (!current) continue;
    if (trimmed.startsWith('!')) {
      current = undefined;
      continue;
    }
    current.push(line);
  }
  for (const [port, lines] of sections) {
    const name = firstMatch(lines, /^\s*port-name\s+(.+)$/i);
    if (name) names.set(port, name);
  }
  let authDefaultVlan = firstMatch(authBlock, /auth-default-vlan\s+(\d+)/i) || firstMatch(log.lines, /^\s*auth-default-vlan\s+(\d+)/i);
  if (authBlock.length === 0) {
    const seen = new Set<string>();
    for (const raw of log.lines) {
      const line = raw.trim().replace(/\s+/g, ' ');
      if (AUTH_GLOBAL_FORMS.some((re) => re.test(line)) && !seen.has(line.toLowerCase())) {
        seen.add(line.toLowerCase());
        authBlock.push(line);
      }
    }
    authDefaultVlan ||= firstMatch(authBlock, /auth-default-vlan\s+(\d+)/i);
  }

  // Auth-enabled port sets from global ranges and per-interface config.
  const macAuthPorts = new Set<string>();
  const dot1xPorts = new Set<string>();
  for (const raw of config) {
    const line = raw.trim();
    if (/^mac-authentication enable\s+ethe/i.test(line)) for (const p of expandBrocadeRange(line)) macAuthPorts.add(p);
    if (/^dot1x port-control auto\s+ethe/i.test(line)) for (const p of expandBrocadeRange(line)) dot1xPorts.add(p);
  }
  for (const [port, lines] of sections) {
    const text = lines.join('\n').toLowerCase();
    if (text.includes('mac-authentication enable')) macAuthPorts.add(port);
    if (text.includes('dot1x port-control auto')) dot1xPorts.add(port);
  }

  // Sessions: the unified table wins; otherwise dot1x merged with mac-auth, dot1x winning per port.
  let sessions = parseSessions(unified, 'unknown');
  if (sessions.size === 0) {
    sessions = parseSessions(macAuthBlock, 'macauth');
    for (const [port, s] of parseSessions(dot1xBlock, 'dot1x')) sessions.set(port, s);
  }

  // MAC table: VLAN of an interface = VLAN of its first MAC row.
  const macRows = new Map<string, Array<{ mac: string; vlan: string }>>();
  for (const line of macBlock) {
    const m = BROCADE_MAC_ROW.exec(line);
    if (!m) continue;
    const numbers = m[3]!.split(/\s+/).filter((t) => /^\d+$/.test(t));
    const port = brocadePortName(m[2]!);
    let list = macRows.get(port);
    if (!list) macRows.set(port, (list = []));
    list.push({ mac: m[1]!.toLowerCase(), vlan: numbers[numbers.length - 1] ?? '' });
  }

  const interfaces: InterfaceRecord[] = [];
  const briefOffset = blockOffset(log, brief);
  // The first line of the block is the header.
  for (let i = 1; i < brief.length; i++) {
    const line = brief[i]!;
    if (line.trim() === '') continue;
    const m = BRIEF_ROW.exec(line);
    if (!m) {
      if (/^\s*\d+\/\d+\/\d+\s/.test(line)) warnings.push({ line: briefOffset + i + 1, message: `interface brief row not understood: ${line.trim()}` });
      continue;
    }
    const port = brocadePortName(m[1]!);
    const rec = emptyInterface(port);
    const briefName = m[8]!.trim();
    rec.Name = briefName || names.get(port) || port;
    rec.Status = m[2]!;
    rec.Duplex = m[4]!;
    rec.Speed = m[5]!;
    rec.InterfaceMAC = m[7]!.toLowerCase();
    rec.Type = typeFromName(rec.Name);
    const rows = macRows.get(port);
    if (rows && rows.length > 0) {
      rec.VLAN = rows[0]!.vlan;
      rec.LearnedMACs = rows[0]!.mac;
      rec.LearnedMACsFull = rows.map((r) => r.mac).join(',');
      rec.LearnedMACCount = rows.length;
    }
    const section = sections.get(port);
    if (section) rec.Config = section.join('\n');
    const dot1x = dot1xPorts.has(port);
    const macAuth = macAuthPorts.has(port);
    rec.AuthTemplate = dot1x && macAuth ? 'flexible' : dot1x ? 'dot1x' : macAuth ? 'macauth' : 'open';
    const session = sessions.get(port);
    if (session) {
      rec.AuthMode = session.mode;
      rec.AuthState = session.state;
      rec.AuthClientMAC = session.mac;
    } else {
      rec.AuthMode = dot1x ? 'dot1x' : macAuth ? 'macauth' : 'open';
      rec.AuthState = dot1x || macAuth ? 'Unknown' : 'Open';
    }
    interfaces.push(rec);
  }
  return {
    Model: model,
    Version: swVersion,
    Uptime: uptime,
    Location: location,
    AuthDefaultVLAN: authDefaultVlan,
    AuthBlock: authBlock.join('\r\n'),
    SpanInfo: parseSpanningTree(spanBlock),
    Interfaces: interfaces,
    Warnings: warnings,
  };
}
