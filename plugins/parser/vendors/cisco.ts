/** Cisco IOS / IOS-XE (and NX-OS status tables) — DOMAIN §1.6 "Cisco", with the §1.12 fixes in strict mode. */
import type { CarvedLog } from '../blocks.js';
import { blockOffset, getShowBlock } from '../blocks.js';
import { ciscoShortName } from '../ports.js';
import { parseStatusTable } from '../status-table.js';
import { emptyInterface, type InterfaceRecord, type SpanInfoRecord } from '../types.js';
import { CISCO_MAC, firstMatch, lastMatch, macsByPort, parseSpanningTree, parseVlanMacTable } from './common.js';

export interface VendorParse {
  Model: string;
  Version: string;
  Uptime: string;
  Location: string;
  AuthDefaultVLAN: string;
  AuthBlock: string;
  SpanInfo: SpanInfoRecord[];
  Interfaces: InterfaceRecord[];
  Warnings: Array<{ line: number; message: string }>;
  Serial?: string;
}

export const REQUIRED_FLEXIBLE_AUTH_COMMANDS = [
  'authentication event fail action next-method',
  'authentication order mab dot1x',
  'authentication priority dot1x mab',
  'authentication port-control auto',
  'dot1x timeout quiet-period 90',
  'dot1x timeout tx-period 5',
];

/** Running-config `interface X` sections up to the next `interface` or `!` line, keyed by full name and short alias. */
export function ciscoInterfaceConfigs(config: string[]): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const raw of config) {
    const line = raw.replace(/\s+$/, '');
    const start = /^interface\s+(.+)$/i.exec(line);
    if (start) {
      current = [line];
      const full = start[1]!.trim();
      byName.set(full, current);
      byName.set(ciscoShortName(full), current);
      continue;
    }
    if (!current) continue;
    if (line.startsWith('!')) {
      current = undefined;
      continue;
    }
    current.push(line);
  }
  return byName;
}

/** AuthTemplate + missing commands from an interface's config lines. */
export function ciscoAuthTemplate(configLines: string[]): { template: string; missing: string[] } {
  const lower = configLines.map((l) => l.trim().toLowerCase());
  const dot1x = lower.some((l) => l.includes('dot1x pae authenticator'));
  const mab = lower.some((l) => /\bmab\b/.test(l));
  if (dot1x && mab) return { template: 'flexible', missing: REQUIRED_FLEXIBLE_AUTH_COMMANDS.filter((c) => !lower.includes(c)) };
  if (dot1x) return { template: 'dot1x', missing: [] };
  if (mab) return { template: 'macauth', missing: [] };
  return { template: 'open', missing: [] };
}

interface AuthSession {
  mac: string;
  mode: string;
  state: string;
}

/** `show authentication sessions`: `Interface  MAC Address  Method  Domain  Status  Session ID`. */
export function parseCiscoAuthSessions(block: string[]): Map<string, AuthSession> {
  const sessions = new Map<string, AuthSession>();
  let inTable = false;
  for (const line of block) {
    if (/^\s*Interface\s+MAC/i.test(line)) {
      inTable = true;
      continue;
    }
    if (!inTable || line.trim() === '' || /^[\s-]+$/.test(line)) continue;
    const tokens = line.trim().split(/\s+/);
    if (tokens.length < 3) continue;
    const mac = tokens.find((t) => CISCO_MAC.test(t)) ?? '';
    const methodIndex = tokens.findIndex((t) => /dot1x|mab/i.test(t));
    let statusText: string;
    if (tokens.length === 4) statusText = tokens[3]!;
    else statusText = tokens.slice(methodIndex >= 0 ? methodIndex + 1 : 3, tokens.length - 1).join(' ');
    const status = statusText.toLowerCase();
    const state = /unauth|fail/.test(status) ? 'Unauthorized' : status.includes('auth') ? 'Authorized' : 'Unknown';
    const port = ciscoShortName(tokens[0]!);
    if (!sessions.has(port)) sessions.set(port, { mac: mac.toLowerCase(), mode: methodIndex >= 0 ? tokens[methodIndex]!.toLowerCase() : 'unknown', state });
  }
  return sessions;
}

export function parseCisco(log: CarvedLog, strict: boolean): VendorParse {
  const version = getShowBlock(log, { keys: ['show version', 'show ver'], patterns: [/^show ver/] });
  const running = getShowBlock(log, { keys: ['show running-config', 'show run', 'show running'], patterns: [/^show run/] });
  const statusBlock = getShowBlock(log, {
    keys: ['show interfaces status', 'show interface status', 'show int status'],
    patterns: [/^show int\S*\s+status/],
  });
  const macBlock = getShowBlock(log, { keys: ['show mac address-table', 'show mac-address-table'], patterns: [/^show mac[ -]address-table/] });
  const authSessionsBlock = getShowBlock(log, { keys: ['show authentication sessions', 'show authentication session'], patterns: [/^show auth\S*\s+sess/] });
  const spanBlock = getShowBlock(log, { keys: ['show spanning-tree', 'show spanning tree', 'show span'], patterns: [/^show span/] });
  const warnings: VendorParse['Warnings'] = [];

  let model = firstMatch(version, /^\s*Model Number\s*:\s*(\S+)/i);
  if (!model) model = firstMatch(version, /^\s*cisco\s+(\S+)\s+\(/i);
  // Strict: the software line's version (the original let every later `Version X` overwrite it, ending on the
  // stack table's `SW Version` header → `SW`).
  const versionRe = /\bVersion\s+([\w.()-]+)/i;
  const version_ = strict
    ? firstMatch(version, /Software.*?,\s*Version\s+([\w.()-]+)/i) || firstMatch(version, versionRe)
    : lastMatch(version, versionRe);
  const uptime = firstMatch(version, /uptime is\s+(.+)$/i) || firstMatch(version, /uptime:\s*(.+)$/i);
  const location =
    firstMatch(running, /^\s*snmp-server location\s+(.+)$/i) ||
    firstMatch(log.lines, /SNMP location:\s*(.+)$/i) ||
    firstMatch(log.lines, /^\s*Location:\s*(.+)$/i) ||
    'Unspecified';
  const authDefaultVlan = firstMatch(running, /(?:auth-default-vlan|guest-vlan)\s+(\d+)/i);
  // Strict: global lines only (column 0). The original trimmed every line first, so each interface's
  // `authentication …`/`dot1x …`/`mab` lines were repeated into the device's AuthBlock.
  const authBlock = running
    .filter((l) => !strict || !/^\s/.test(l))
    .map((l) => l.trim())
    .filter((l) => /^(?:authentication|dot1x|mab|reauthentication)\b/i.test(l))
    .join('\r\n');

  const configs = ciscoInterfaceConfigs(running);
  const table = parseStatusTable(statusBlock);
  const statusOffset = blockOffset(log, statusBlock);
  for (const r of table.rejected) warnings.push({ line: statusOffset + r.line + 1, message: `status row not understood (${r.reason}): ${r.text.trim()}` });
  const macs = strict ? macsByPort(parseVlanMacTable(macBlock), ciscoShortName) : new Map();
  const sessions = parseCiscoAuthSessions(authSessionsBlock);

  const interfaces: InterfaceRecord[] = [];
  for (const row of table.rows) {
    const port = ciscoShortName(row.Port);
    const rec = emptyInterface(port);
    const configLines = configs.get(port) ?? configs.get(row.Port);
    const description = configLines ? lastMatch(configLines, /^\s*description\s+(.+)$/i) : '';
    rec.Name = description || row.Name || port;
    rec.Status = row.Status;
    rec.VLAN = row.VLAN;
    rec.Duplex = row.Duplex;
    rec.Speed = row.Speed;
    rec.Type = row.Type;
    if (configLines) {
      rec.Config = configLines.join('\r\n');
      const auth = ciscoAuthTemplate(configLines);
      rec.AuthTemplate = auth.template;
      rec.MissingAuthCmds = auth.missing;
    }
    const portMacs = macs.get(port);
    if (portMacs && portMacs.length > 0) {
      rec.InterfaceMAC = portMacs[0]!.mac;
      rec.LearnedMACs = portMacs[0]!.mac;
      rec.LearnedMACsFull = portMacs.map((m: { mac: string }) => m.mac).join(',');
      rec.LearnedMACCount = portMacs.length;
      rec.AuthVLAN = portMacs[0]!.vlan;
    }
    const session = sessions.get(port);
    if (session) {
      rec.AuthClientMAC = session.mac;
      rec.AuthMode = session.mode;
      rec.AuthState = session.state;
    }
    interfaces.push(rec);
  }
  return {
    Model: model,
    Version: version_,
    Uptime: uptime,
    Location: location,
    AuthDefaultVLAN: authDefaultVlan,
    AuthBlock: authBlock,
    SpanInfo: parseSpanningTree(spanBlock),
    Interfaces: interfaces,
    Warnings: warnings,
    Serial: firstMatch(version, /^\s*System Serial Number\s*:\s*(\S+)/i) || firstMatch(version, /Processor board ID\s+(\S+)/i),
  };
}
