import { describe, expect, it } from 'vitest';
import { parseStatusTable } from '../../../plugins/parser/status-table.js';

const HEADER = 'Port         Name               Status       Vlan       Duplex  Speed Type';

describe('status table by header column positions', () => {
  it.each([
    ['a name with a status word', 'Gi1/0/25     RESERVED - Disable disabled     999          auto   auto 10/100/1000BaseTX', { Name: 'RESERVED - Disable', Status: 'disabled', VLAN: '999', Type: '10/100/1000BaseTX' }],
    ['a name that is a status word', 'Gi1/0/3      connected          notconnect   10           auto   auto 10/100/1000BaseTX', { Name: 'connected', Status: 'notconnect', VLAN: '10' }],
    ['a routed port', 'Gi1/0/48     to-router          connected    routed     a-full a-1000 10/100/1000BaseTX', { Status: 'connected', VLAN: 'routed', Duplex: 'a-full', Speed: 'a-1000' }],
    ['a trunk (VLAN column "trunk" is not the status)', 'Te1/1/1      Uplink             connected    trunk        full    10G SFP-10GBase-SR', { Status: 'connected', VLAN: 'trunk', Speed: '10G', Type: 'SFP-10GBase-SR' }],
    ['a port-channel member VLAN "in Po1" (Arista-style)', 'Po1          core-lag           connected    in Po1     a-full  a-10G N/A', { Port: 'Po1', VLAN: 'in Po1', Duplex: 'a-full' }],
    ['private VLAN pair', 'Gi1/0/7      pvlan host         connected    100,101    a-full a-1000 10/100/1000BaseTX', { VLAN: '100,101', Name: 'pvlan host' }],
    ['a type with spaces', 'Gi1/1/1                         notconnect   1            full   1000 Not Present', { Type: 'Not Present', Name: '' }],
    ['an unknown platform status word at the Status column', 'Eth1/5        srv                suspnd       10         full    10G     10Gbase-SR', { Status: 'suspnd', VLAN: '10', Speed: '10G' }],
    ['an overlong name pushing the row right', 'Gi1/0/9      a very long description text connected  10   a-full a-1000 10/100/1000BaseTX', { Status: 'connected', VLAN: '10' }],
  ])('%s', (_label, row, expected) => {
    const t = parseStatusTable([HEADER, row]);
    expect(t.rejected).toEqual([]);
    expect(t.rows[0]).toMatchObject(expected);
  });

  it('joins a wrapped continuation line to the row above and stops at a blank line', () => {
    const t = parseStatusTable([HEADER, 'Gi1/0/1      printer            connected    1          a-full a-1000 10/100/1000BaseTX', '                                                                      SFP', '', 'Gi1/0/2 not a row after the blank line']);
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0]!.Type).toBe('10/100/1000BaseTX SFP');
  });

  it('reads the Arista header with extra Flags/Encapsulation columns', () => {
    const t = parseStatusTable(['Port       Name        Status       Vlan     Duplex Speed  Type            Flags Encapsulation', 'Et1        srv-01      connected    20       full   10G    10GBASE-SR']);
    expect(t.rows[0]).toMatchObject({ Port: 'Et1', Name: 'srv-01', Status: 'connected', VLAN: '20', Duplex: 'full', Speed: '10G', Type: '10GBASE-SR' });
  });

  it('reports, never drops silently, a row it cannot read', () => {
    const t = parseStatusTable([HEADER, 'Gi1/0/5      ???']);
    expect(t.rows).toEqual([]);
    expect(t.rejected).toEqual([{ line: 1, text: 'Gi1/0/5      ???', reason: 'no status column' }]);
  });
});
