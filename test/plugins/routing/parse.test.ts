import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAgeSeconds, parseRouteTable } from '../../../plugins/routing/parse/index.js';
import { iosProtocol } from '../../../plugins/routing/parse/ios.js';
import { hostnameFromPrompt } from '../../../plugins/routing/parse/index.js';
import { corpusPath, corpusSkipReason, hasCorpus } from '../../corpus.js';

/** Compact view of a parsed route for table assertions. */
const brief = (r: { Vrf?: string; Prefix: string; PrefixLength: number; Protocol: string; NextHop: string; InterfaceName?: string; AdminDistance?: number; Metric?: number; AgeSeconds?: number; RouteRole: string; RouteState: string }) =>
  `${r.Vrf ?? '-'} ${r.Prefix}/${r.PrefixLength} ${r.Protocol} ${r.NextHop} ${r.InterfaceName} ${r.AdminDistance}/${r.Metric} age=${r.AgeSeconds} ${r.RouteRole}/${r.RouteState}`;

describe.skipIf(!hasCorpus)(`route-table fixtures (shared corpus fixtures/Routing and fixtures/Vendors) ${hasCorpus ? '' : corpusSkipReason}`, () => {
  const read = (...parts: string[]) => readFileSync(corpusPath('fixtures', ...parts), 'utf8');

  it('Cisco IOS-XE fixture → the 4 routes of DOMAIN §5.2', () => {
    const result = parseRouteTable(read('Routing', 'CliCapture', 'CiscoIOSXE', 'show_ip_route.txt'), 'CiscoIOSXE');
    expect(result.routes.map(brief)).toEqual([
      '- 10.10.0.0/24 Connected DIRECT Vlan10 0/0 age=0 Primary/Active',
      '- 10.10.0.1/32 Local DIRECT Vlan10 0/0 age=0 Primary/Active',
      '- 10.20.0.0/24 OSPF 10.10.1.1 Vlan10 110/20 age=12 Primary/Active',
      '- 10.30.0.0/24 Static 10.10.2.1 Vlan20 1/0 age=0 Primary/Active',
    ]);
    expect(result.routes.every((r) => r.Tag === 'CLI')).toBe(true);
    expect(result.lines).toBe(7);
    expect(result.unreadable).toEqual([]);
  });

  it('Arista EOS fixture → the 3 routes of DOMAIN §5.2', () => {
    const result = parseRouteTable(read('Routing', 'CliCapture', 'AristaEOS', 'show_ip_route.txt'), 'AristaEOS');
    expect(result.routes.map(brief)).toEqual([
      '- 10.10.0.0/24 Connected DIRECT Ethernet1 0/0 age=0 Primary/Active',
      '- 10.20.0.0/24 OSPF 192.0.2.2 Ethernet2 110/20 age=0 Primary/Active',
      '- 0.0.0.0/0 Static 192.0.2.254 Ethernet2 1/0 age=0 Primary/Active',
    ]);
  });

  it('the capture-session transcripts parse the same (Cisco 4, Arista 3)', () => {
    expect(parseRouteTable(read('Routing', 'CliCaptureSession', 'CiscoIOSXE', 'WLLS-A01-AS-01_show_ip_route.txt'), 'CiscoIOSXE').routes).toHaveLength(4);
    expect(parseRouteTable(read('Routing', 'CliCaptureSession', 'AristaEOS', 'WLLS-A01-AS-02_show_ip_route.txt'), 'AristaEOS').routes).toHaveLength(3);
  });

  it('Juniper show route fixture → 7 active routes with preference, metric and age', () => {
    const result = parseRouteTable(read('Vendors', 'Juniper', 'show_route.txt'), 'Juniper');
    expect(result.routes.map(brief)).toEqual([
      '- 0.0.0.0/0 Static 10.0.0.2 xe-0/1/0.0 5/0 age=3910530 Primary/Active',
      '- 10.0.0.0/30 Connected DIRECT xe-0/1/0.0 0/0 age=3910530 Primary/Active',
      '- 10.0.0.1/32 Local DIRECT xe-0/1/0.0 0/0 age=3910530 Primary/Active',
      '- 10.0.0.4/30 Connected DIRECT xe-0/1/1.0 0/0 age=3910530 Primary/Active',
      '- 10.0.0.5/32 Local DIRECT xe-0/1/1.0 0/0 age=3910530 Primary/Active',
      '- 192.168.0.0/16 OSPF 10.0.0.2 xe-0/1/0.0 10/100 age=2635200 Primary/Active',
      '- 192.168.1.1/32 Connected DIRECT lo0.0 0/0 age=3910530 Primary/Active',
    ]);
  });

  it('Palo Alto show routing route fixture → 8 routes (DOMAIN §8 item 11)', () => {
    const result = parseRouteTable(read('Vendors', 'PaloAlto', 'show_routing_route.txt'), 'PaloAlto');
    expect(result.routes).toHaveLength(8);
    expect(result.routes.map(brief).slice(0, 2)).toEqual([
      'default 0.0.0.0/0 Static 203.0.113.254 ethernet1/2 0/10 age=3888000 Primary/Active',
      'default 10.1.1.0/24 Connected DIRECT ethernet1/1 0/0 age=3888000 Primary/Active',
    ]);
    expect(result.routes.map((r) => r.Protocol)).toEqual(['Static', 'Connected', 'Connected', 'Connected', 'Connected', 'Static', 'OSPF', 'Connected']);
    expect(result.vrfs).toEqual(['default']);
  });
});

describe('Cisco / Arista: messy real-world tables', () => {
  it('reads ECMP continuation lines, wrapped [AD/metric], subnetted headers, classful entries and long ages', () => {
    const text = [
      'R1#show ip route',
      'Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP',
      '       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area',
      '       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2',
      '',
      'Gateway of last resort is 10.0.0.1 to network 0.0.0.0',
      '',
      'S*    0.0.0.0/0 [1/0] via 10.0.0.1',
      '      10.0.0.0/8 is variably subnetted, 5 subnets, 3 masks',
      'O IA     10.1.1.0/24 [110/2] via 10.0.0.5, 00:01:23, GigabitEthernet0/1',
      '                     [110/2] via 10.0.0.6, 00:01:23, GigabitEthernet0/2',
      'D EX     10.2.0.0/16 ',
      '           [170/2816] via 10.0.0.9, 1d02h, Vlan10',
      'B        172.16.0.0/16 [20/0] via 192.0.2.1, 2w3d',
      'i L2     10.5.0.0/24 [115/20] via 10.0.0.5, 00:00:05, GigabitEthernet0/1',
      '      192.168.1.0/24 is subnetted, 2 subnets',
      'C        192.168.1.0 is directly connected, Vlan100',
      'O E2     192.168.2.0 [110/20] via 10.0.0.5, 00:10:00, GigabitEthernet0/1',
      'B +      172.17.0.0/16 [20/0] via 192.0.2.1, 00:00:30',
      'O %      172.18.0.0/16 [110/5] via 10.0.0.5, 00:00:30, GigabitEthernet0/1',
      'R1#',
    ].join('\r\n');
    const result = parseRouteTable(text, 'CiscoIOSXE');
    expect(result.routes.map(brief)).toEqual([
      '- 0.0.0.0/0 Static 10.0.0.1 UNKNOWN 1/0 age=0 Primary/Active',
      '- 10.1.1.0/24 OSPF 10.0.0.5 GigabitEthernet0/1 110/2 age=83 Primary/Active',
      '- 10.1.1.0/24 OSPF 10.0.0.6 GigabitEthernet0/2 110/2 age=83 Primary/Active',
      '- 10.2.0.0/16 EIGRP 10.0.0.9 Vlan10 170/2816 age=93600 Primary/Active',
      '- 172.16.0.0/16 BGP 192.0.2.1 UNKNOWN 20/0 age=1468800 Primary/Active',
      '- 10.5.0.0/24 IS-IS 10.0.0.5 GigabitEthernet0/1 115/20 age=5 Primary/Active',
      '- 192.168.1.0/24 Connected DIRECT Vlan100 0/0 age=0 Primary/Active',
      '- 192.168.2.0/24 OSPF 10.0.0.5 GigabitEthernet0/1 110/20 age=600 Primary/Active',
      '- 172.17.0.0/16 BGP 192.0.2.1 UNKNOWN 20/0 age=30 Primary/Active',
      '- 172.18.0.0/16 OSPF 10.0.0.5 GigabitEthernet0/1 110/5 age=30 Primary/Active',
    ]);
    // Continuation lines point at their own line, so errors and reports can cite them.
    expect(result.routes.map((r) => r.Line)).toEqual([8, 10, 11, 13, 14, 15, 17, 18, 19, 20]);
    expect(result.unreadable).toEqual([]);
  });

  it('takes the VRF from "Routing Table:" (Cisco) and "VRF:" (Arista) sections', () => {
    const cisco = parseRouteTable('Routing Table: CUST-A\nC   10.9.0.0/24 is directly connected, Vlan9\n', 'CiscoIOSXE');
    expect(cisco.routes[0]!.Vrf).toBe('CUST-A');
    const arista = parseRouteTable(
      ['VRF: MGMT', ' S 0.0.0.0/0 [1/0] via 192.168.1.254, Management1', '', 'VRF: default', ' B E 10.1.0.0/16 [200/0] via 10.0.0.1, Ethernet1', '                   via 10.0.0.3, Ethernet2'].join('\n'),
      'AristaEOS',
    );
    expect(arista.routes.map(brief)).toEqual([
      'MGMT 0.0.0.0/0 Static 192.168.1.254 Management1 1/0 age=0 Primary/Active',
      'default 10.1.0.0/16 BGP 10.0.0.1 Ethernet1 200/0 age=0 Primary/Active',
      'default 10.1.0.0/16 BGP 10.0.0.3 Ethernet2 200/0 age=0 Primary/Active',
    ]);
    expect(arista.vrfs).toEqual(['MGMT', 'default']);
  });

  it('newer EOS layout: [AD/metric] on the prefix line, every next hop below it', () => {
    const text = [' O        10.0.0.42/32 [110/30]', '           via 10.1.0.5, Ethernet2', '           via 10.1.0.9, Ethernet3', ' C        10.1.0.4/30', '           directly connected, Ethernet2'].join('\n');
    expect(parseRouteTable(text, 'AristaEOS').routes.map(brief)).toEqual([
      '- 10.0.0.42/32 OSPF 10.1.0.5 Ethernet2 110/30 age=0 Primary/Active',
      '- 10.0.0.42/32 OSPF 10.1.0.9 Ethernet3 110/30 age=0 Primary/Active',
      '- 10.1.0.4/30 Connected DIRECT Ethernet2 0/0 age=0 Primary/Active',
    ]);
  });

  it('reports, never drops, route-looking lines it cannot read', () => {
    const result = parseRouteTable(['[110/2] via 10.0.0.6, 00:01:23, Gi0/2', 'O     10.1.1.0 [110/2] via 10.0.0.5, Gi0/1', 'C  10.0.0.0/33 is directly connected, Gi0/1'].join('\n'), 'CiscoIOSXE');
    expect(result.routes).toEqual([]);
    expect(result.unreadable.map((u) => [u.line, u.reason])).toEqual([
      [1, 'next-hop line without a route entry before it'],
      [2, 'route without a prefix length and no "is subnetted" header before it'],
      [3, 'prefix length 33 is not a valid IPv4 length'],
    ]);
  });

  it.each([
    ['C', 'CiscoIOSXE', 'Connected'],
    ['L', 'CiscoIOSXE', 'Local'],
    ['S*', 'CiscoIOSXE', 'Static'],
    ['O IA', 'CiscoIOSXE', 'OSPF'],
    ['O E2', 'CiscoIOSXE', 'OSPF'],
    ['B', 'CiscoIOSXE', 'BGP'],
    ['R', 'CiscoIOSXE', 'RIP'],
    ['D EX', 'CiscoIOSXE', 'EIGRP'],
    ['i L1', 'CiscoIOSXE', 'IS-IS'],
    ['o', 'CiscoIOSXE', 'ODR'],
    ['M', 'CiscoIOSXE', 'M'],
    ['', 'CiscoIOSXE', 'U'],
    ['K', 'CiscoIOSXE', 'K'],
    ['K', 'AristaEOS', 'Kernel'],
    ['B E', 'AristaEOS', 'BGP'],
    ['I L2', 'AristaEOS', 'IS-IS'],
    ['O*E2', 'AristaEOS', 'OSPF'],
    ['DH', 'AristaEOS', 'DHCP'],
    ['D', 'AristaEOS', 'EIGRP'],
  ] as const)('protocol code %j on %s → %s', (code, vendor, protocol) => {
    expect(iosProtocol(code, vendor)).toBe(protocol);
  });
});

describe('Juniper and Palo Alto: messy real-world tables', () => {
  it('Junos: inactive alternatives are Secondary/Inactive, unselected next hops Inactive, instances are VRFs, IPv6 skipped', () => {
    const text = [
      'inet.0: 3 destinations, 4 routes (3 active, 0 holddown, 0 hidden)',
      '0.0.0.0/0          *[BGP/170] 12w3d 04:05:06, localpref 100',
      '                      AS path: 64500 I',
      '                    > to 203.0.113.1 via xe-0/0/0.0',
      '                    [Static/200] 1d 00:00:10',
      '                    > to 198.51.100.1 via xe-0/0/1.0',
      '10.10.0.0/16       *[OSPF/10] 00:02:03, metric 20',
      '                    > to 10.0.0.1 via xe-0/0/2.0',
      '                      to 10.0.0.3 via xe-0/0/3.0',
      '10.200.100.0/24',
      '                   *[Static/5] 1w0d 00:00:01',
      '                    > to 10.0.0.1 via xe-0/0/2.0, Push 299792',
      '',
      'CUST-A.inet.0: 1 destinations, 1 routes (1 active, 0 holddown, 0 hidden)',
      '172.20.0.0/16      *[Aggregate/130] 3d 10:00:00',
      '                      Reject',
      'inet6.0: 1 destinations, 1 routes (1 active, 0 holddown, 0 hidden)',
      '2001:db8::/64      *[Direct/0] 30w1d 00:00:10',
      '                    > via xe-0/0/2.0',
    ].join('\n');
    expect(parseRouteTable(text, 'Juniper').routes.map(brief)).toEqual([
      '- 0.0.0.0/0 BGP 203.0.113.1 xe-0/0/0.0 170/0 age=7531506 Primary/Active',
      '- 0.0.0.0/0 Static 198.51.100.1 xe-0/0/1.0 200/0 age=86410 Secondary/Inactive',
      '- 10.10.0.0/16 OSPF 10.0.0.1 xe-0/0/2.0 10/20 age=123 Primary/Active',
      '- 10.10.0.0/16 OSPF 10.0.0.3 xe-0/0/3.0 10/20 age=123 Primary/Inactive',
      '- 10.200.100.0/24 Static 10.0.0.1 xe-0/0/2.0 5/0 age=604801 Primary/Active',
      'CUST-A 172.20.0.0/16 Aggregate REJECT UNKNOWN 130/0 age=295200 Primary/Active',
    ]);
  });

  it('PAN-OS: columns from the header, blank cells, inactive routes, several virtual routers', () => {
    const header = 'destination        nexthop          metric flags      age       interface      next-AS';
    const text = [
      'VIRTUAL ROUTER: default (id 1)',
      '  ==========',
      header,
      '0.0.0.0/0          198.51.100.1     10     A S                  ethernet1/1',
      '0.0.0.0/0          198.51.100.129   200      S                  ethernet1/2',
      '10.1.0.2/32        0.0.0.0          0      A H',
      '172.16.0.0/12      10.1.0.1         20     A B        01:02:03  ethernet1/3    64512',
      'total routes shown: 4',
      'VIRTUAL ROUTER: vr-guest (id 2)',
      header,
      '0.0.0.0/0          192.168.50.1     10     A S E                ethernet1/5',
    ].join('\n');
    const result = parseRouteTable(text, 'PaloAlto');
    expect(result.routes.map(brief)).toEqual([
      'default 0.0.0.0/0 Static 198.51.100.1 ethernet1/1 0/10 age=0 Primary/Active',
      'default 0.0.0.0/0 Static 198.51.100.129 ethernet1/2 0/200 age=0 Secondary/Inactive',
      'default 10.1.0.2/32 Local DIRECT UNKNOWN 0/0 age=0 Primary/Active',
      'default 172.16.0.0/12 BGP 10.1.0.1 ethernet1/3 0/20 age=3723 Primary/Active',
      'vr-guest 0.0.0.0/0 Static 192.168.50.1 ethernet1/5 0/10 age=0 Primary/Active',
    ]);
  });

  it('PAN-OS without a header line falls back to column order', () => {
    const result = parseRouteTable('10.1.1.0/24   0.0.0.0   0   A C   ethernet1/1   45d\n', 'PaloAlto');
    expect(result.routes.map(brief)).toEqual(['- 10.1.1.0/24 Connected DIRECT ethernet1/1 0/0 age=3888000 Primary/Active']);
  });
});

describe('helpers', () => {
  it.each([
    ['00:00:12', 12],
    ['01:02:03', 3723],
    ['1d02h', 93600],
    ['2w3d', 1468800],
    ['1y2w', 32745600],
    ['45d', 3888000],
    ['45d 06:15:30', 3910530],
    ['1w2d 03:04:05', 788645],
    ['Vlan10', undefined],
    ['', undefined],
  ] as const)('age %j → %s s', (text, seconds) => {
    expect(parseAgeSeconds(text)).toBe(seconds);
  });

  it.each([
    ['WLLS-A01-AS-21#show ip route', 'WLLS-A01-AS-21'],
    ['user@EX4300-CORE> show route', 'EX4300-CORE'],
    ['admin@PA-3220> show routing route', 'PA-3220'],
    ['switch(config)#show ip route', 'switch'],
    ['Codes: C - connected', undefined],
  ] as const)('hostname from prompt %j → %s', (line, host) => {
    expect(hostnameFromPrompt(`${line}\nC 10.0.0.0/24 is directly connected, Vlan1\n`)).toBe(host);
  });

  it('a UTF-8 BOM and CRLF do not change what is parsed', () => {
    const plain = parseRouteTable('C    10.10.0.0/24 is directly connected, Vlan10\n', 'CiscoIOSXE');
    const windows = parseRouteTable('\uFEFFC    10.10.0.0/24 is directly connected, Vlan10\r\n', 'CiscoIOSXE');
    expect(windows.routes.map(brief)).toEqual(plain.routes.map(brief));
    expect(windows.lines).toBe(1);
  });
});
