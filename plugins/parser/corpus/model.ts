/**
 * The synthetic fleet: which hosts exist, their vendor and ports, all derived deterministically from a
 * seed. Each host has its own random stream (seed + hostname), so a host's log does not change when
 * other hosts are added, and a mutation pass changes only the ports it picks.
 */
import { seededRandom } from '../../../core/random.js';

/** FNV-1a of a string, mixed with a seed. */
export function hashSeed(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export type GenVendor = 'Cisco' | 'Brocade' | 'Arista';

export interface PortModel {
  /** Name as the vendor's status table prints it (`Gi1/0/1`, `1/1/1`, `Et1`). */
  port: string;
  /** Long config name (`GigabitEthernet1/0/1`, `ethernet 1/1/1`, `Ethernet1`). */
  configName: string;
  description: string;
  status: 'connected' | 'notconnect' | 'disabled' | 'err-disabled';
  /** Access VLAN number, or `trunk`. */
  vlan: string;
  duplex: string;
  speed: string;
  type: string;
  auth: 'flexible' | 'dot1x' | 'macauth' | 'open';
  macs: string[];
  /** Authenticated client (flexible/dot1x ports that are up). */
  session?: { mac: string; method: 'dot1x' | 'mab'; authorized: boolean };
}

export interface HostModel {
  hostname: string;
  site: string;
  vendor: GenVendor;
  model: string;
  version: string;
  serial: string;
  uptime: string;
  location: string;
  authDefaultVlan: string;
  ports: PortModel[];
  rootBridge: string;
}

const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

function mac(r: () => number): string {
  const hex = (): string => Math.floor(r() * 65536).toString(16).padStart(4, '0');
  return `${hex()}.${hex()}.${hex()}`;
}

const ACCESS_NAMES = ['User Access Port', 'Printer-2F', 'AP-Hallway', 'Phone+PC', 'Conference Rm', 'Kiosk', 'Badge Reader', 'Camera-Lobby', 'disabled printer', 'Spare - connected later'];
const VLANS = ['10', '20', '30', '40', '50', '100'];

/** Ports of one host: access ports, then uplinks. */
function buildPorts(r: () => number, vendor: GenVendor, count: number): PortModel[] {
  const ports: PortModel[] = [];
  const uplinks = count >= 12 ? (vendor === 'Brocade' ? 2 : 4) : 1;
  for (let i = 1; i <= count; i++) {
    const uplink = i > count - uplinks;
    let port: string;
    let configName: string;
    if (vendor === 'Cisco') {
      const n = uplink ? i - (count - uplinks) : i;
      port = uplink ? `Te1/1/${n}` : `Gi1/0/${n}`;
      configName = uplink ? `TenGigabitEthernet1/1/${n}` : `GigabitEthernet1/0/${n}`;
    } else if (vendor === 'Brocade') {
      port = `1/1/${i}`;
      configName = `ethernet 1/1/${i}`;
    } else {
      port = `Et${i}`;
      configName = `Ethernet${i}`;
    }
    const roll = r();
    const status: PortModel['status'] = uplink ? 'connected' : roll < 0.55 ? 'connected' : roll < 0.9 ? 'notconnect' : roll < 0.98 ? 'disabled' : 'err-disabled';
    const auth: PortModel['auth'] = uplink ? 'open' : (['flexible', 'flexible', 'dot1x', 'macauth', 'open'] as const)[Math.floor(r() * 5)]!;
    const vlan = uplink ? 'trunk' : pick(r, VLANS);
    const description = uplink ? `Uplink to CORE-SW-0${(i % 2) + 1}` : r() < 0.15 ? '' : `${pick(r, ACCESS_NAMES)} ${i}`;
    const macs = status === 'connected' ? Array.from({ length: uplink ? 3 : r() < 0.3 ? 2 : 1 }, () => mac(r)) : [];
    const p: PortModel = {
      port,
      configName,
      description,
      status,
      vlan,
      duplex: status === 'connected' ? (vendor === 'Arista' ? 'full' : 'a-full') : 'auto',
      speed: status === 'connected' ? (uplink ? (vendor === 'Arista' ? '10G' : 'a-10G') : vendor === 'Arista' ? '1G' : 'a-1000') : 'auto',
      type: vendor === 'Arista' ? (uplink ? '10GBASE-SR' : '1000BASE-T') : uplink ? 'SFP-10GBase-SR' : '10/100/1000BaseTX',
      auth,
      macs,
    };
    if (status === 'connected' && (auth === 'flexible' || auth === 'dot1x' || auth === 'macauth') && macs.length > 0) {
      p.session = { mac: macs[0]!, method: auth === 'macauth' || (auth === 'flexible' && r() < 0.4) ? 'mab' : 'dot1x', authorized: r() < 0.92 };
    }
    ports.push(p);
  }
  return ports;
}

const CISCO_MODELS: Array<[string, string]> = [
  ['WS-C2960X-48FPD-L', '15.2(7)E4'],
  ['C9200L-48P-4X', '17.09.04a'],
  ['C9300-48P', '17.06.05'],
];
const BROCADE_MODELS = ['ICX7150-C12-POE', 'ICX7250-24P', 'ICX7450-48P'];
const ARISTA_MODELS = ['DCS-7050SX3-48YC8-R', 'DCS-7280SR-48C6-R', 'DCS-7010T-48-R'];

export function buildHost(hostname: string, site: string, vendor: GenVendor, portCount: number, seed: number): HostModel {
  const r = seededRandom(hashSeed(hostname, seed));
  const [ciscoModel, ciscoVersion] = pick(r, CISCO_MODELS);
  const model = vendor === 'Cisco' ? ciscoModel : vendor === 'Brocade' ? pick(r, BROCADE_MODELS) : pick(r, ARISTA_MODELS);
  const version = vendor === 'Cisco' ? ciscoVersion : vendor === 'Brocade' ? '08.0.95dT213' : '4.28.3M';
  const weeks = Math.floor(r() * 60);
  return {
    hostname,
    site,
    vendor,
    model,
    version,
    serial: `FOC${Math.floor(r() * 1e8).toString().padStart(8, '0')}`,
    uptime: `${weeks} weeks, ${Math.floor(r() * 7)} days, ${Math.floor(r() * 24)} hours, ${Math.floor(r() * 60)} minutes`,
    location: `Bldg _ ${String.fromCharCode(65 + Math.floor(r() * 6))} _ Floor _ ${1 + Math.floor(r() * 5)} _ Room _ ${100 + Math.floor(r() * 300)}`,
    authDefaultVlan: '999',
    ports: buildPorts(r, vendor, portCount),
    rootBridge: mac(r),
  };
}

/**
 * Change `count` ports of a host in place (status flip, new description, VLAN move), deterministic from
 * `seed`. Returns the ports touched.
 */
export function mutateHost(host: HostModel, count: number, seed: number): string[] {
  const r = seededRandom(hashSeed(`mutate:${host.hostname}`, seed));
  const candidates = host.ports.map((_, i) => i);
  const touched: string[] = [];
  for (let k = 0; k < count && candidates.length > 0; k++) {
    const index = candidates.splice(Math.floor(r() * candidates.length), 1)[0]!;
    const p = host.ports[index]!;
    switch (k % 3) {
      case 0:
        p.status = p.status === 'connected' ? 'notconnect' : 'connected';
        if (p.status === 'notconnect') {
          p.macs = [];
          delete p.session;
          p.duplex = 'auto';
          p.speed = 'auto';
        } else {
          p.macs = [mac(r)];
        }
        break;
      case 1:
        p.description = `Moved ${seed}-${k}`;
        break;
      default:
        // A VLAN move is re-labelled too: Brocade reads VLANs from the MAC table, so a port without MACs
        // would otherwise show no change at all.
        if (p.vlan !== 'trunk') p.vlan = p.vlan === '10' ? '20' : '10';
        p.description = `${p.vlan === 'trunk' ? 'Uplink re-patched' : `Moved to VLAN ${p.vlan}`} ${seed}`;
    }
    touched.push(p.port);
  }
  return touched;
}
