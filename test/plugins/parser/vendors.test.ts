import { describe, expect, it } from 'vitest';
import { parseDeviceLog } from '../../../plugins/parser/parse-log.js';
import type { DeviceFacts } from '../../../plugins/parser/types.js';
import { corpusSkipReason, hasCorpus } from '../../corpus.js';
import { vendorLog } from './fixture-logs.js';

function parse(vendor: 'Aruba' | 'Juniper' | 'PaloAlto'): DeviceFacts {
  const r = parseDeviceLog(vendorLog(vendor), { scoredVendors: true });
  if (!r.ok) throw new Error(r.message);
  return r.device;
}

describe.skipIf(!hasCorpus)(`Vendors fixtures (§8 item 11) — needs fixtures/Vendors (${corpusSkipReason})`, () => {
  it('Aruba: ARUBA-6300, model Aruba 6300…, 5 VLANs, and (unlike the original) its 12 interfaces', () => {
    const d = parse('Aruba');
    expect(d).toMatchObject({ Hostname: 'ARUBA-6300', Make: 'Aruba', Version: 'FL.10.10.1010', Uptime: '45 days, 12:30:45' });
    expect(d.Model).toMatch(/Aruba 6300/);
    expect(d.Vlans).toHaveLength(5);
    expect(d.Interfaces).toHaveLength(12);
    expect(d.Interfaces[0]).toMatchObject({ Port: '1/1/1', VLAN: '1', Status: 'connected', Type: '1GbT' });
    expect(d.Interfaces.find((i) => i.Port === '1/1/4')!.Status).toBe('disabled');
  });

  it('Juniper: EX4300-CORE, EX4300-48T, 21.4R3…, 16 interfaces, and (unlike the original) 7 routes', () => {
    const d = parse('Juniper');
    expect(d).toMatchObject({ Hostname: 'EX4300-CORE', Make: 'Juniper', Model: 'EX4300-48T', Uptime: '45 days, 6:15:30 ago' });
    expect(d.Version.startsWith('21.4R3')).toBe(true);
    expect(d.Interfaces).toHaveLength(16);
    expect(d.Interfaces.find((i) => i.Port === 'ge-0/0/2')!.Status).toBe('notconnect');
    expect(d.Routes).toHaveLength(7);
    expect(d.Routes![0]).toEqual({ Destination: '0.0.0.0/0', Protocol: 'Static', NextHop: '10.0.0.2', Interface: 'xe-0/1/0.0' });
  });

  it('Palo Alto: PA-3220, 10.2.3, serial, 8 routes, 10 distinct interfaces', () => {
    const d = parse('PaloAlto');
    expect(d).toMatchObject({ Hostname: 'PA-3220', Make: 'PaloAlto', Model: 'PA-3220', Version: '10.2.3', Serial: '012345678901234' });
    expect(d.Routes).toHaveLength(8);
    expect(d.Routes![0]).toMatchObject({ Destination: '0.0.0.0/0', NextHop: '203.0.113.254', Protocol: 'A S', Interface: 'ethernet1/2' });
    expect(d.Interfaces).toHaveLength(10);
    expect(d.Interfaces.find((i) => i.Port === 'ethernet1/4')).toMatchObject({ Status: 'notconnect', Speed: 'auto' });
  });
});
