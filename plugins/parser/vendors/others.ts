/**
 * Juniper, Aruba and Palo Alto. The original ingest never parsed these (DOMAIN §0); its stand-alone
 * modules missed their own fixtures' interfaces and routes (§1.11). These parsers read the fixture
 * shapes correctly: Juniper `show interfaces terse` + `show route`, Aruba `show interface brief` +
 * `show vlan`, Palo Alto `show interface all` + `show routing route`.
 */
import type { CarvedLog } from '../blocks.js';
import { getShowBlock } from '../blocks.js';
import { emptyInterface, type DeviceFacts, type InterfaceRecord } from '../types.js';
import { firstMatch } from './common.js';
import type { VendorParse } from './cisco.js';

export type ExtraParse = VendorParse & Pick<DeviceFacts, 'Vlans' | 'Routes'> & { Hostname?: string };

function linkStatus(word: string): string {
  const w = word.toLowerCase();
  if (w === 'up') return 'connected';
  if (w === 'down') return 'notconnect';
  return word;
}

export function parseJuniper(log: CarvedLog): ExtraParse {
  const version = getShowBlock(log, { keys: ['show version'], patterns: [/^show ver/] });
  const terse = getShowBlock(log, { keys: ['show interfaces terse', 'show interfaces'], patterns: [/^show interfaces/] });
  const routeBlock = getShowBlock(log, { keys: ['show route'], patterns: [/^show route/] });
  const interfaces: InterfaceRecord[] = [];
  let inTable = false;
  for (const line of terse) {
    if (/^\s*Interface\s+Admin\s+Link/i.test(line)) {
      inTable = true;
      continue;
    }
    if (!inTable) continue;
    const t = line.trim().split(/\s+/);
    if (t.length < 3 || t[0] === '') continue;
    const rec = emptyInterface(t[0]!);
    rec.Name = t[0]!;
    rec.Status = t[1]!.toLowerCase() === 'down' ? 'disabled' : linkStatus(t[2]!);
    rec.Type = t[3] ?? '';
    interfaces.push(rec);
  }
  const routes: NonNullable<DeviceFacts['Routes']> = [];
  for (let i = 0; i < routeBlock.length; i++) {
    const m = /^(\d+\.\d+\.\d+\.\d+\/\d+)\s+[*+-]?\[(\w+)\/\d+\]/.exec(routeBlock[i]!);
    if (!m) continue;
    const next = routeBlock[i + 1] ?? '';
    const hop = /(?:to\s+(\S+)\s+)?via\s+(\S+)/.exec(next);
    routes.push({ Destination: m[1]!, Protocol: m[2]!, NextHop: hop?.[1] ?? '', Interface: hop?.[2] ?? '' });
  }
  return {
    Hostname: firstMatch(version, /^\s*Hostname:\s*(\S+)/i) || undefined,
    Model: firstMatch(version, /^\s*Model:\s*(\S+)/i),
    Version: firstMatch(version, /^\s*Junos:\s*(\S+)/i),
    Uptime: firstMatch(version, /System booted:.*\(([^)]*)\)/i),
    Location: 'Unspecified',
    AuthDefaultVLAN: '',
    AuthBlock: '',
    SpanInfo: [],
    Interfaces: interfaces,
    Warnings: [],
    Routes: routes,
  };
}

export function parseAruba(log: CarvedLog): ExtraParse {
  const version = getShowBlock(log, { keys: ['show version', 'show system'], patterns: [/^show (?:ver|system)/] });
  const brief = getShowBlock(log, { keys: ['show interface brief', 'show interfaces brief', 'show interface'], patterns: [/^show int/] });
  const vlanBlock = getShowBlock(log, { keys: ['show vlan', 'show vlans'], patterns: [/^show vlan/] });
  const interfaces: InterfaceRecord[] = [];
  for (const line of brief) {
    // `1/1/1  1  access  1GbT  yes  up` (native VLAN may be `--`).
    const m = /^\s*(\d+\/\d+\/\d+|lag\d+|vlan\d+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(yes|no)\s+(\S+)/i.exec(line);
    if (!m) continue;
    const rec = emptyInterface(m[1]!);
    rec.Name = m[1]!;
    rec.VLAN = m[2] === '--' ? '' : m[2]!;
    rec.Type = m[4]!;
    rec.Status = m[5]!.toLowerCase() === 'no' ? 'disabled' : linkStatus(m[6]!);
    rec.AuthMode = m[3] === '--' ? '' : m[3]!;
    interfaces.push(rec);
  }
  const vlans: NonNullable<DeviceFacts['Vlans']> = [];
  for (const line of vlanBlock) {
    const m = /^\s*(\d+)\s+(\S+)\s+(up|down)\b/i.exec(line);
    if (m) vlans.push({ Id: m[1]!, Name: m[2]!, Status: m[3]! });
  }
  return {
    Model: firstMatch(version, /^\s*Product Name:\s*(.+)$/i) || firstMatch(version, /ProCurve\s+(.+)$/i),
    Version: firstMatch(version, /^\s*Software Version\s*:\s*(\S+)/i),
    Uptime: firstMatch(version, /^\s*Up Time\s*:\s*(.+)$/i),
    Location: 'Unspecified',
    AuthDefaultVLAN: '',
    AuthBlock: '',
    SpanInfo: [],
    Interfaces: interfaces,
    Warnings: [],
    Vlans: vlans,
    Serial: firstMatch(version, /^\s*Serial Number:\s*(\S+)/i),
  };
}

export function parsePaloAlto(log: CarvedLog): ExtraParse {
  const info = getShowBlock(log, { keys: ['show system info'], patterns: [/^show system/] });
  const ifBlock = getShowBlock(log, { keys: ['show interface all'], patterns: [/^show interface/] });
  const routeBlock = getShowBlock(log, { keys: ['show routing route'], patterns: [/^show routing/] });
  const byName = new Map<string, InterfaceRecord>();
  for (const line of ifBlock) {
    const hw = /^\s*(\S+)\s+(\d+)\s+([\w]+)\/([\w]+)\/(up|down)\s+([0-9a-f:]{17})/i.exec(line);
    if (hw) {
      const rec = byName.get(hw[1]!) ?? emptyInterface(hw[1]!);
      rec.Name = hw[1]!;
      rec.Speed = hw[3]!;
      rec.Duplex = hw[4]!;
      rec.Status = linkStatus(hw[5]!);
      rec.InterfaceMAC = hw[6]!.toLowerCase();
      byName.set(hw[1]!, rec);
      continue;
    }
    const logical = /^\s*((?:ethernet|loopback|tunnel|ae|vlan)\S*)\s+(\d+)\s+(\S+)\s+(\d+)\s+(\S+)\s*$/i.exec(line);
    if (logical) {
      const rec = byName.get(logical[1]!) ?? emptyInterface(logical[1]!);
      rec.Name = logical[1]!;
      rec.Type = logical[3] === 'N/A' ? rec.Type : logical[3]!;
      byName.set(logical[1]!, rec);
    }
  }
  const routes: NonNullable<DeviceFacts['Routes']> = [];
  for (const line of routeBlock) {
    const m = /^\s*(\d+\.\d+\.\d+\.\d+\/\d+)\s+(\S+)\s+(\d+)\s+(.+?)\s+(\S+)\s+(\S+)\s*$/.exec(line);
    if (m) routes.push({ Destination: m[1]!, NextHop: m[2]!, Protocol: m[4]!.trim(), Interface: m[5]! });
  }
  return {
    Hostname: firstMatch(info, /^\s*hostname:\s*(\S+)/i) || undefined,
    Model: firstMatch(info, /^\s*model:\s*(\S+)/i),
    Version: firstMatch(info, /^\s*sw-version:\s*(\S+)/i),
    Uptime: firstMatch(info, /^\s*uptime:\s*(.+)$/i),
    Location: 'Unspecified',
    AuthDefaultVLAN: '',
    AuthBlock: '',
    SpanInfo: [],
    Interfaces: [...byName.values()],
    Warnings: [],
    Routes: routes,
    Serial: firstMatch(info, /^\s*serial:\s*(\S+)/i),
  };
}
