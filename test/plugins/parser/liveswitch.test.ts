import { describe, expect, it } from 'vitest';
import { parseLocation } from '../../../plugins/parser/location.js';
import { parseDeviceLog } from '../../../plugins/parser/parse-log.js';
import type { DeviceFacts } from '../../../plugins/parser/types.js';
import { parseSpanningTree } from '../../../plugins/parser/vendors/common.js';
import { corpusSkipReason, hasCorpus } from '../../corpus.js';
import { liveSwitchLog } from './fixture-logs.js';

function parse(mode: 'strict' | 'compat'): DeviceFacts {
  const r = parseDeviceLog(liveSwitchLog(), { mode });
  if (!r.ok) throw new Error(r.message);
  return r.device;
}

describe.skipIf(!hasCorpus)(`Cisco LiveSwitch fixture (§8 item 6) — needs fixtures/LiveSwitch (${corpusSkipReason})`, () => {
  const strict = hasCorpus ? parse('strict') : undefined!;
  const compat = hasCorpus ? parse('compat') : undefined!;

  it('reads the device facts', () => {
    expect(strict).toMatchObject({
      Hostname: 'LAB-C9200L-AS-01',
      Make: 'Cisco',
      Model: 'C9200L-48PXG-4X',
      Uptime: '14 minutes',
      Location: 'Unspecified',
      AuthDefaultVLAN: '',
      AuthBlock: '',
      InterfaceCount: 52,
    });
    expect(strict.Warnings).toEqual([]);
  });

  it('has 52 interfaces: Gi1/0/1–36, Te1/0/37–48, Te1/1/1–4', () => {
    const ports = strict.Interfaces.map((i) => i.Port);
    expect(ports).toHaveLength(52);
    expect(ports.slice(0, 36)).toEqual(Array.from({ length: 36 }, (_, i) => `Gi1/0/${i + 1}`));
    expect(ports.slice(36, 48)).toEqual(Array.from({ length: 12 }, (_, i) => `Te1/0/${i + 37}`));
    expect(ports.slice(48)).toEqual(['Te1/1/1', 'Te1/1/2', 'Te1/1/3', 'Te1/1/4']);
  });

  it.each([
    ['Gi1/0/1', { Name: 'Gi1/0/1', Status: 'connected', VLAN: '1', Duplex: 'a-full', Speed: 'a-1000', Type: '10/100/1000BaseTX', AuthTemplate: 'open' }],
    ['Gi1/0/2', { Name: 'User Access Port', Status: 'notconnect', VLAN: '10', Duplex: 'auto', Speed: 'auto', AuthTemplate: 'open' }],
    // The status table truncates to "RESERVED - Disable" (a status word inside the name); config description wins.
    ['Gi1/0/25', { Name: 'RESERVED - Disabled', Status: 'disabled', VLAN: '999' }],
    ['Te1/0/37', { Name: 'Uplink to CORE-SW-01', Status: 'notconnect', VLAN: '1', Type: '100/1000/2.5G/5G/10GBaseTX' }],
    ['Te1/1/1', { Name: 'Te1/1/1', Type: 'unknown', PortSort: '25-TE-00001-00001-00001-00000' }],
  ])('%s', (port, expected) => {
    expect(strict.Interfaces.find((i) => i.Port === port)).toMatchObject(expected);
  });

  it('Gi1/0/2 Config is its 7 running-config lines joined with CRLF', () => {
    const config = strict.Interfaces.find((i) => i.Port === 'Gi1/0/2')!.Config;
    const lines = config.split('\r\n');
    expect(lines).toHaveLength(7);
    expect(lines[0]).toBe('interface GigabitEthernet1/0/2');
    expect(lines[1]).toBe(' description User Access Port');
  });

  it('spanning tree: one row VLAN0001, root bc5a.5644.5700, Desg on Gi1/0/1', () => {
    expect(strict.SpanInfo).toEqual([{ Vlan: 'VLAN0001', RootSwitch: 'bc5a.5644.5700', RootPort: '', Role: 'Desg', Upstream: 'Gi1/0/1' }]);
  });

  it('strict: version from the software line and the MAC table read (the §1.12 fixes)', () => {
    expect(strict.Version).toBe('17.09.04a');
    expect(strict.Interfaces.find((i) => i.Port === 'Gi1/0/1')).toMatchObject({ LearnedMACs: '40c2.ba80.cb96', InterfaceMAC: '40c2.ba80.cb96', AuthVLAN: '1' });
    expect(strict.Site).toBe('LAB');
    expect(strict.SummarySite).toBe('LAB');
  });

  it('compat: what the original produced — Version "SW", no learned MACs, summary site "LAB-"', () => {
    expect(compat.Version).toBe('SW');
    expect(compat.Interfaces.every((i) => i.LearnedMACs === '' && i.InterfaceMAC === '')).toBe(true);
    expect(compat.Site).toBe('LAB');
    expect(compat.SummarySite).toBe('LAB-');
    expect(compat.InterfaceCount).toBe(52);
  });
});

describe('spanning tree (§8 item 7)', () => {
  it('reads the repo vector', () => {
    const block = ['VLAN0010', '  Root ID    Priority    32778', '             Address     5254.001b.1c58', '  Root port Gi1/0/48, cost 4', '', 'Interface           Role Sts Cost      Prio.Nbr Type', '------------------- ---- --- --------- -------- ----', 'Gi1/0/1             Desg FWD 4         128.1    P2p'];
    expect(parseSpanningTree(block)).toEqual([{ Vlan: 'VLAN0010', RootSwitch: '5254.001b.1c58', RootPort: 'Gi1/0/48', Role: 'Desg', Upstream: 'Gi1/0/1' }]);
  });
  it('without interface rows RootPort/Role stay empty', () => {
    expect(parseSpanningTree(['VLAN0010', '  Address 5254.001b.1c58'])).toEqual([{ Vlan: 'VLAN0010', RootSwitch: '5254.001b.1c58', RootPort: '', Role: '', Upstream: '' }]);
  });
  it('reads Brocade role phrases', () => {
    expect(parseSpanningTree(['VLAN10', 'Port 1/1/10 (ethernet 1/1/10) of VLAN 10 is root forwarding'])[0]).toMatchObject({ Role: 'Root FWD', Upstream: 'ethernet 1/1/10' });
  });
});

describe('location (§8 item 8)', () => {
  it('splits key/value pairs on underscores', () => {
    expect(parseLocation('Bldg _ A _ Floor _ 2 _ Room _ 210')).toEqual({ Building: 'A', Floor: '2', Room: '210', Row: '', Rack: '' });
  });
  it('keeps free text as the location and derives nothing', () => {
    const r = parseDeviceLog('SW1#show running-config\nsnmp-server location HQ-2-115\nSW1#show version\nCisco IOS Software, Version 15.2(7)E4\nSW1#', {});
    expect(r.ok && r.device.Location).toBe('HQ-2-115');
    expect(r.ok && r.device.Building).toBe('');
  });
});
