/** Arista EOS — DOMAIN §1.6 "Arista". Missing version/config/status blocks default to the whole log. */
import type { CarvedLog } from '../blocks.js';
import { blockOffset, getShowBlock } from '../blocks.js';
import { parseStatusTable } from '../status-table.js';
import { emptyInterface, type InterfaceRecord } from '../types.js';
import { firstMatch, macsByPort, parseVlanMacTable } from './common.js';
import type { VendorParse } from './cisco.js';

/** `Ethernet1/1` → `Et1/1`, `Port-Channel10` → `Po10`, `Management1` → `Ma1`. */
export function aristaShortName(port: string): string {
  return port
    .replace(/\s+/g, '')
    .replace(/^Ethernet/i, 'Et')
    .replace(/^Port-?Channel/i, 'Po')
    .replace(/^Management/i, 'Ma');
}

export function parseArista(log: CarvedLog): VendorParse {
  const version = getShowBlock(log, { keys: ['show version'], patterns: [/^show ver/], fallback: 'all' });
  const running = getShowBlock(log, { keys: ['show running-config', 'show run'], patterns: [/^show run/], fallback: 'all' });
  const statusBlock = getShowBlock(log, {
    keys: ['show interfaces status', 'show interfaces brief', 'show interfaces'],
    patterns: [/^show int\S*\s+status/],
    fallback: 'all',
  });
  const macBlock = getShowBlock(log, { keys: ['show mac address-table'], patterns: [/^show mac[ -]address-table/] });
  const authBlock = getShowBlock(log, { keys: ['show authentication sessions'], patterns: [/^show auth\S*\s+sess/] });
  const warnings: VendorParse['Warnings'] = [];

  const model =
    firstMatch(version, /^\s*Arista\s+(\S+)/i) || firstMatch(version, /^\s*Model(?:\s*number)?\s*:\s*(.+)$/i);
  const swVersion = firstMatch(version, /Software image version:\s*(\S+)/i);
  const uptime = firstMatch(version, /^\s*Uptime:\s*(.+)$/i);
  const location = firstMatch(running, /^\s*snmp-server location\s+(.+)$/i) || 'Unspecified';

  // Config blocks `interface Et…` until `!`, the next interface or a blank line.
  const configs = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const raw of running) {
    const line = raw.replace(/\s+$/, '');
    const start = /^interface\s+(Et\S*|Ethernet\S*)/i.exec(line);
    if (start) {
      current = [line];
      configs.set(aristaShortName(start[1]!), current);
      continue;
    }
    if (/^interface\s/i.test(line) || line.startsWith('!') || line.trim() === '') {
      current = undefined;
      continue;
    }
    current?.push(line);
  }

  const table = parseStatusTable(statusBlock);
  const offset = blockOffset(log, statusBlock);
  for (const r of table.rejected) warnings.push({ line: offset + r.line + 1, message: `status row not understood (${r.reason}): ${r.text.trim()}` });
  const macs = macsByPort(parseVlanMacTable(macBlock), aristaShortName);

  // `Port  Authorized  Mode  MAC Address  Vlan`.
  const sessions = new Map<string, { state: string; mode: string; mac: string; vlan: string }>();
  let inAuth = false;
  for (const line of authBlock) {
    if (/^\s*Port\s+Authorized\s+Mode/i.test(line)) {
      inAuth = true;
      continue;
    }
    if (!inAuth) continue;
    const t = line.trim().split(/\s+/);
    if (t.length < 4 || /^-+$/.test(t[0]!)) continue;
    const authorized = t[1]!.toLowerCase();
    sessions.set(aristaShortName(t[0]!), {
      state: authorized === 'yes' || authorized === 'authorized' ? 'Authorized' : authorized === 'no' ? 'Unauthorized' : 'Unknown',
      mode: t[2]!.toLowerCase(),
      mac: (t[3] ?? '').toLowerCase(),
      vlan: t[4] ?? '',
    });
  }

  const interfaces: InterfaceRecord[] = [];
  for (const row of table.rows) {
    const port = aristaShortName(row.Port);
    if (!/^(?:Et\d|Po\d|Ma\d)/.test(port)) continue;
    const rec = emptyInterface(port);
    rec.Name = row.Name;
    rec.Status = row.Status;
    rec.VLAN = row.VLAN;
    rec.Duplex = row.Duplex;
    rec.Speed = row.Speed;
    rec.Type = row.Type;
    const cfg = configs.get(port);
    if (cfg) rec.Config = cfg.join('\r\n');
    const portMacs = macs.get(port);
    if (portMacs && portMacs.length > 0) {
      rec.InterfaceMAC = portMacs[0]!.mac;
      rec.LearnedMACs = portMacs[0]!.mac;
      rec.LearnedMACsFull = portMacs.map((m) => m.mac).join(',');
      rec.LearnedMACCount = portMacs.length;
    }
    const s = sessions.get(port);
    if (s) {
      rec.AuthState = s.state;
      rec.AuthMode = s.mode;
      rec.AuthClientMAC = s.mac;
      rec.AuthVLAN = s.vlan;
    }
    interfaces.push(rec);
  }
  return { Model: model, Version: swVersion, Uptime: uptime, Location: location, AuthDefaultVLAN: '', AuthBlock: '', SpanInfo: [], Interfaces: interfaces, Warnings: warnings };
}
