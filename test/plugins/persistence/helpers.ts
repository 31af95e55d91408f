import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceFacts, InterfaceRecord } from '../../../plugins/parser/types.js';
import { emptyInterface } from '../../../plugins/parser/types.js';
import { SiteDatabase } from '../../../plugins/persistence/site-db.js';

export function tempDb(site = 'WLLS'): SiteDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'st-db-'));
  return new SiteDatabase(join(dir, site, `${site}.sqlite`), site);
}

export function port(name: string, fields: Partial<InterfaceRecord> = {}): InterfaceRecord {
  return { ...emptyInterface(name), Name: name, Status: 'connected', VLAN: '1', ...fields };
}

export function device(hostname: string, interfaces: InterfaceRecord[], fields: Partial<DeviceFacts> = {}): DeviceFacts {
  return {
    Hostname: hostname,
    Make: 'Cisco',
    Model: 'C9300-48P',
    Version: '17.06.05',
    Uptime: '1 day',
    Location: 'Unspecified',
    Site: hostname.split('-')[0]!,
    SummarySite: hostname.split('-')[0]!,
    Building: '',
    Floor: '',
    Room: '',
    Row: '',
    Rack: '',
    InterfaceCount: interfaces.length,
    AuthDefaultVLAN: '',
    AuthBlock: '',
    SpanInfo: [{ Vlan: 'VLAN0010', RootSwitch: '0011.2233.4455', RootPort: 'Gi1/0/48', Role: 'Root', Upstream: 'Gi1/0/48' }],
    Interfaces: interfaces,
    VendorConfidence: 100,
    Warnings: [],
    ...fields,
  };
}

export const RUN1 = { runDate: '2026-01-06 10:00:00' };
export const RUN2 = { runDate: '2026-01-06 11:00:00' };
