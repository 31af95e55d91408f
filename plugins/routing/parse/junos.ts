/**
 * Junos `show route` (the original never parsed it; the fixture is `Vendors/Juniper/show_route.txt`).
 *
 *   inet.0: 25 destinations, 28 routes (25 active, 0 holddown, 0 hidden)
 *   0.0.0.0/0          *[Static/5] 45d 06:15:30
 *                       > to 10.0.0.2 via xe-0/1/0.0
 *   10.1.0.0/16        *[OSPF/10] 1w2d 03:04:05, metric 2
 *                       > to 10.0.0.2 via ge-0/0/0.0
 *                         to 10.0.0.6 via ge-0/0/1.0
 *                       [BGP/170] 2d 01:00:00, localpref 100
 *                         AS path: 65001 I
 *                       > to 10.0.0.9 via ge-0/0/2.0
 *
 * Every next hop of every protocol entry is one route. The active entry (`*` or `+`) is the Primary
 * route, other entries for the prefix (`-` or none) are Secondary; a next hop is Active when its entry
 * is active and it is selected (`>`, or no hop of the entry is marked). Preference is the
 * AdminDistance, `metric N` the Metric. Only IPv4 unicast tables are read: `inet.0` (the capture's
 * VRF) and `<instance>.inet.0` (VRF = instance); `inet6.0`, `inet.3`, `mpls.0` … sections are skipped.
 */
import type { ParsedRoute } from '../model.js';
import { IPV4, parseAgeSeconds, splitLines, type RouteTableParse } from './common.js';

const TABLE_RE = /^(\S+):\s+\d+\s+destinations/;
const PREFIX_ONLY_RE = new RegExp(String.raw`^(${IPV4})/(\d{1,2})\s*$`);
const ENTRY_RE = new RegExp(String.raw`^(?:(${IPV4})/(\d{1,2}))?\s+([*+\-]?)\[([A-Za-z0-9\-]+)/(\d+)\]\s*(.*)$`);
const HOP_RE = new RegExp(String.raw`^\s+(>?)\s*(?:to\s+(${IPV4})\s+)?via\s+([^\s,]+)`);
const LOCAL_HOP_RE = /^\s+(>?)\s*(Local|Discard|Reject|Receive|MultiRecv)(?:\s+via\s+([^\s,]+))?\s*$/;

const PROTOCOLS: Record<string, string> = { Direct: 'Connected', Local: 'Local', Static: 'Static', OSPF: 'OSPF', OSPF3: 'OSPF', BGP: 'BGP', 'IS-IS': 'IS-IS', RIP: 'RIP' };

interface Entry {
  prefix: string;
  length: number;
  protocol: string;
  active: boolean;
  adminDistance: number;
  metric: number;
  ageSeconds: number;
  vrf: string | undefined;
  line: number;
  hops: Array<{ selected: boolean; nextHop: string; interfaceName: string; line: number }>;
}

export function parseJunosRouteTable(text: string): RouteTableParse {
  const lines = splitLines(text);
  const routes: ParsedRoute[] = [];
  const unreadable: RouteTableParse['unreadable'] = [];
  const vrfs = new Set<string>();
  let inIpv4Table = true; // a transcript without a table header is read as inet.0
  let vrf: string | undefined;
  let prefix: { prefix: string; length: number } | undefined;
  let entry: Entry | undefined;

  const flush = (): void => {
    if (!entry) return;
    const e = entry;
    entry = undefined;
    const hops = e.hops.length > 0 ? e.hops : [{ selected: true, nextHop: 'DIRECT', interfaceName: 'UNKNOWN', line: e.line }];
    const anySelected = hops.some((h) => h.selected);
    for (const hop of hops) {
      routes.push({
        Prefix: e.prefix,
        PrefixLength: e.length,
        NextHop: hop.nextHop,
        Protocol: e.protocol,
        RouteRole: e.active ? 'Primary' : 'Secondary',
        RouteState: e.active && (hop.selected || !anySelected) ? 'Active' : 'Inactive',
        InterfaceName: hop.interfaceName,
        AdminDistance: e.adminDistance,
        Metric: e.metric,
        Tag: 'CLI',
        AgeSeconds: e.ageSeconds,
        ...(e.vrf !== undefined ? { Vrf: e.vrf } : {}),
        Line: hop.line,
      });
    }
  };

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const table = TABLE_RE.exec(raw.trim());
    if (table) {
      flush();
      prefix = undefined;
      const name = table[1]!;
      inIpv4Table = name === 'inet.0' || name.endsWith('.inet.0');
      vrf = name === 'inet.0' ? undefined : name.endsWith('.inet.0') ? name.slice(0, -'.inet.0'.length) : undefined;
      if (vrf) vrfs.add(vrf);
      return;
    }
    if (!inIpv4Table || raw.trim() === '') return;
    const prefixOnly = PREFIX_ONLY_RE.exec(raw);
    if (prefixOnly) {
      flush();
      prefix = { prefix: prefixOnly[1]!, length: Number(prefixOnly[2]) };
      return;
    }
    const entryMatch = ENTRY_RE.exec(raw);
    if (entryMatch) {
      flush();
      if (entryMatch[1] !== undefined) prefix = { prefix: entryMatch[1], length: Number(entryMatch[2]) };
      if (!prefix) {
        unreadable.push({ line: lineNo, text: raw.trim(), reason: 'protocol entry without a destination prefix before it' });
        return;
      }
      const details = entryMatch[6] ?? '';
      const protocolName = entryMatch[4]!;
      entry = {
        prefix: prefix.prefix,
        length: prefix.length,
        protocol: PROTOCOLS[protocolName] ?? protocolName,
        active: entryMatch[3] === '*' || entryMatch[3] === '+',
        adminDistance: Number(entryMatch[5]),
        metric: Number(/\bmetric (\d+)/.exec(details)?.[1] ?? 0),
        ageSeconds: parseAgeSeconds(details.split(',')[0] ?? '') ?? 0,
        vrf,
        line: lineNo,
        hops: [],
      };
      return;
    }
    if (!entry) return; // banners, legends (`+ = Active Route, …`), prompts
    const hop = HOP_RE.exec(raw);
    if (hop) {
      entry.hops.push({ selected: hop[1] === '>', nextHop: hop[2] ?? 'DIRECT', interfaceName: hop[3]!, line: lineNo });
      return;
    }
    const local = LOCAL_HOP_RE.exec(raw);
    if (local) {
      const kind = local[2]!;
      entry.hops.push({
        selected: local[1] === '>',
        nextHop: kind === 'Local' || kind === 'Receive' ? 'DIRECT' : kind.toUpperCase(),
        interfaceName: local[3] ?? 'UNKNOWN',
        line: lineNo,
      });
    }
    // Anything else inside an entry (AS path, communities, label operations) is route detail we do not keep.
  });
  flush();
  return { routes, lines: lines.length, unreadable, vrfs: [...vrfs] };
}
