import { describe, expect, it } from 'vitest';
import { brocadePortName, ciscoShortName, EMPTY_PORT_SORT_KEY, expandBrocadeRange, portSortKey } from '../../../plugins/parser/ports.js';
import { fourCharacterSite, siteFromHostname } from '../../../plugins/parser/site.js';
import { historySite } from '../../../plugins/parser/history.js';
import { fileSite } from '../../../plugins/parser/scheduler.js';
import { dbPathForSite } from '../../../plugins/persistence/store.js';

describe('port sort keys and names (§8 item 9)', () => {
  it.each([
    ['GigabitEthernet1/0/2', '40-GI-00001-00000-00002-00000'],
    ['Hundred GigabitEthernet 1/1', '23-HU-00001-00001-00000-00000'],
    ['Loopback10', '98-LO-00010-00000-00000-00000'],
    ['1/1/1', '30-ET-00001-00001-00001-00000'],
    ['Po1', '10-PO-00001-00000-00000-00000'],
    ['', EMPTY_PORT_SORT_KEY],
  ])('portSortKey(%j) = %s', (port, key) => {
    expect(portSortKey(port)).toBe(key);
  });

  it.each([
    ['GigabitEthernet1/0/1', 'Gi1/0/1'],
    ['TenGigabitEthernet1/1/4', 'Te1/1/4'],
    ['FastEthernet0/1', 'Fa0/1'],
    ['Port-channel10', 'Po10'],
  ])('ciscoShortName(%j) = %s', (long, short) => {
    expect(ciscoShortName(long)).toBe(short);
  });

  it('Brocade names and ranges', () => {
    expect(brocadePortName('1/1/1')).toBe('Et1/1/1');
    expect(expandBrocadeRange('dot1x port-control auto ethe 1/1/1 to 1/1/4')).toEqual(['Et1/1/1', 'Et1/1/2', 'Et1/1/3', 'Et1/1/4']);
    expect(expandBrocadeRange('mac-authentication enable ethe 1/1/7 ethe 2/1/1 to 2/1/2')).toEqual(['Et1/1/7', 'Et2/1/1', 'Et2/1/2']);
  });
});

describe('site derivation (§8 item 10)', () => {
  it.each([
    ['WLLS-A05-AS-55', 'WLLS', 'WLLS'],
    ['SSH@BOYO-A05-AS-02', 'BOYO', 'BOYO'],
    ['LAB-C9200L-AS-01', 'LAB', 'LAB-'],
    ['SW1', 'SW1', 'SW1'],
  ])('%s → site %s (original summary rule: %s)', (host, site, summary) => {
    expect(siteFromHostname(host)).toBe(site);
    expect(fourCharacterSite(host)).toBe(summary);
    expect(fileSite(`${host.replace(/^SSH@/, '')}.log`)).toBe(site);
  });

  it('history site uses the 4-character fallback for dashless names', () => {
    expect(historySite('SWITCHCORE1')).toBe('SWIT');
    expect(historySite('SW1')).toBe('SW1');
    expect(historySite('LAB-C9200L-AS-01')).toBe('LAB');
  });

  it('database path is <data>/<prefix>/<site>.sqlite', () => {
    expect(dbPathForSite('/d', 'LAB')).toBe('/d/LAB/LAB.sqlite');
    expect(dbPathForSite('/d', 'a/b')).toBe('/d/a_b/a_b.sqlite');
  });
});
