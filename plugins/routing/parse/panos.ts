/**
 * PAN-OS `show routing route` (the original never parsed it; fixture `Vendors/PaloAlto/show_routing_route.txt`).
 *
 *   VIRTUAL ROUTER: default (id 1)
 *   destination      nexthop          metric  flags  interface    age
 *   0.0.0.0/0        203.0.113.254    10      A S    ethernet1/2  45d
 *
 * Columns are found from the header line, because cells can be blank (BGP routes often have no
 * interface or age) and the flags cell holds several space-separated flags. Flags: `A` active (else
 * the route is a Secondary, Inactive one, e.g. a floating static), protocol from S, C, H, R, O (Oi Oo O1 O2), B, ~; `E`
 * ECMP. A `0.0.0.0` next hop on a connected or host route is `DIRECT`. PAN-OS shows no administrative
 * distance here, so AdminDistance is 0 (the original's default for a missing value). The virtual
 * router is the route's VRF.
 */
import type { ParsedRoute } from '../model.js';
import { IPV4, parseAgeSeconds, splitLines, type RouteTableParse } from './common.js';

const ROW_RE = new RegExp(String.raw`^(${IPV4})/(\d{1,2})\s`);
const FLAG_PROTOCOLS: Array<[RegExp, string]> = [
  [/^S$/, 'Static'],
  [/^C$/, 'Connected'],
  [/^H$/, 'Local'],
  [/^R$/, 'RIP'],
  [/^O[io12]?$/, 'OSPF'],
  [/^B$/, 'BGP'],
  [/^~$/, 'Internal'],
];

interface Column {
  name: string;
  start: number;
}

export function parsePanosRouteTable(text: string): RouteTableParse {
  const lines = splitLines(text);
  const routes: ParsedRoute[] = [];
  const unreadable: RouteTableParse['unreadable'] = [];
  const vrfs = new Set<string>();
  let vrf: string | undefined;
  let columns: Column[] | undefined;

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const router = /^VIRTUAL ROUTER:\s*(\S+)/i.exec(raw.trim());
    if (router) {
      vrf = router[1]!;
      vrfs.add(vrf);
      return;
    }
    if (/^\s*destination\s+nexthop\s/i.test(raw)) {
      columns = [...raw.matchAll(/\S+/g)].map((m) => ({ name: m[0].toLowerCase(), start: m.index }));
      return;
    }
    const row = ROW_RE.exec(raw);
    if (!row) return;
    const cells = columns ? cellsByColumn(raw, columns) : cellsByOrder(raw);
    const flags = (cells.flags ?? '').split(/\s+/).filter(Boolean);
    if (flags.length === 0) {
      unreadable.push({ line: lineNo, text: raw.trim(), reason: 'route row without flags (cannot tell active or protocol)' });
      return;
    }
    const protocol = flags.map((f) => FLAG_PROTOCOLS.find(([re]) => re.test(f))?.[1]).find(Boolean) ?? 'U';
    const active = flags.includes('A');
    let nextHop = cells.nexthop ?? '';
    if (nextHop === '' || ((protocol === 'Connected' || protocol === 'Local') && nextHop === '0.0.0.0')) nextHop = 'DIRECT';
    else if (!new RegExp(`^${IPV4}$`).test(nextHop)) nextHop = nextHop.toUpperCase();
    routes.push({
      Prefix: row[1]!,
      PrefixLength: Number(row[2]),
      NextHop: nextHop,
      Protocol: protocol,
      RouteRole: active ? 'Primary' : 'Secondary',
      RouteState: active ? 'Active' : 'Inactive',
      InterfaceName: cells.interface || 'UNKNOWN',
      AdminDistance: 0,
      Metric: /^\d+$/.test(cells.metric ?? '') ? Number(cells.metric) : 0,
      Tag: 'CLI',
      AgeSeconds: parseAgeSeconds(cells.age ?? '') ?? 0,
      ...(vrf !== undefined ? { Vrf: vrf } : {}),
      Line: lineNo,
    });
  });
  return { routes, lines: lines.length, unreadable, vrfs: [...vrfs] };
}

/** Assigns each whitespace-separated token to the header column it starts under. */
function cellsByColumn(raw: string, columns: Column[]): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const token of raw.matchAll(/\S+/g)) {
    // Values are left-aligned under their header; allow a one-character drift.
    let column = columns[0]!;
    for (const c of columns) if (c.start <= token.index + 1) column = c;
    cells[column.name] = cells[column.name] ? `${cells[column.name]} ${token[0]}` : token[0];
  }
  return cells;
}

/** No header seen: destination, nexthop, metric, then flag tokens, then interface and age. */
function cellsByOrder(raw: string): Record<string, string> {
  const tokens = raw.trim().split(/\s+/);
  const cells: Record<string, string> = { destination: tokens[0] ?? '', nexthop: tokens[1] ?? '', metric: tokens[2] ?? '' };
  let i = 3;
  const flags: string[] = [];
  while (i < tokens.length && /^(A|\?|C|H|S|R|O[io12]?|B|~|E|M)$/.test(tokens[i]!)) flags.push(tokens[i++]!);
  cells.flags = flags.join(' ');
  cells.interface = tokens[i] ?? '';
  cells.age = tokens[i + 1] ?? '';
  return cells;
}
