/**
 * `show ip route` for Cisco IOS-XE and Arista EOS: the original's algorithm (StateTrace
 * `Convert-RoutingCliCaptureToDiscoveryCapture.ps1`), extended for what real tables contain and the
 * fixtures do not:
 *
 * - ECMP next hops on continuation lines (`[110/2] via 10.0.0.6, …` on Cisco, `via 10.1.1.2, Ethernet2`
 *   on Arista) become extra routes for the same prefix, inheriting `[AD/metric]` when the line has none;
 * - wrapped entries whose `[AD/metric] via …` part moved to the next line, and newer EOS's layout with
 *   only `[AD/metric]` on the prefix line and every `via` on the lines below;
 * - `is subnetted` / `is variably subnetted` headers (the original read them as routes) are skipped,
 *   and the mask a classful `is subnetted` header announces is applied to the entries under it;
 * - `Routing Table: X` (Cisco) and `VRF: X` (Arista) headers set the VRF of the routes that follow;
 * - multi-letter codes (`O IA`, `O E2`, `D EX`, `B E`, `i L1`, `S*`) and lower-case IS-IS/ODR/LISP codes;
 * - an age in the last comma segment (`…, 2w3d` with no interface) is not taken for the interface.
 *
 * What stays exactly as in the original: the protocol of an upper-case code is its first letter's
 * name (C Connected, L Local, S Static, O OSPF, B BGP, R RIP, D EIGRP, K Kernel on Arista, any other
 * letter itself, no code `U`); NextHop is the IP after `via`, else `DIRECT`; InterfaceName is the last
 * comma segment, else `UNKNOWN`; `[AD/metric]` else 0/0; every route is Primary/Active, Tag `CLI`.
 */
import type { ParsedRoute, Vendor } from '../model.js';
import { IPV4, isAge, parseAgeSeconds, splitLines, type RouteTableParse } from './common.js';

const FIRST_LETTER: Record<string, string> = { C: 'Connected', L: 'Local', S: 'Static', O: 'OSPF', B: 'BGP', R: 'RIP', D: 'EIGRP' };
const ARISTA_EXTRA: Record<string, string> = { K: 'Kernel', I: 'IS-IS', A: 'Aggregate', V: 'VXLAN', G: 'gRIBI', M: 'Martian' };
const ARISTA_CODES: Record<string, string> = { DH: 'DHCP', DP: 'DynamicPolicy', NG: 'NexthopGroup', O3: 'OSPFv3' };
/** Lower-case codes, which the original (matching `^[A-Z]+`) reported as `U`. */
const LOWER_CASE: Record<string, string> = { i: 'IS-IS', su: 'IS-IS', ia: 'IS-IS', o: 'ODR', l: 'LISP', m: 'OMP', a: 'Application', n: 'NAT', p: 'PfR' };

/** Protocol name for the code text in front of the prefix (e.g. `O IA`, `S*`, `B E`, `i L1`). */
export function iosProtocol(codeText: string, vendor: Vendor): string {
  const code = codeText.trim();
  if (code === '') return 'U';
  const firstToken = code.split(/\s+/)[0]!.replace(/[*+%&>]+$/, '');
  if (vendor === 'AristaEOS' && ARISTA_CODES[firstToken]) return ARISTA_CODES[firstToken]!;
  const upper = /^[A-Z]+/.exec(code);
  if (!upper) return LOWER_CASE[firstToken] ?? 'U';
  const letter = upper[0][0]!;
  if (vendor === 'AristaEOS' && ARISTA_EXTRA[letter]) return ARISTA_EXTRA[letter]!;
  return FIRST_LETTER[letter] ?? letter;
}

const PREFIX_RE = new RegExp(String.raw`(${IPV4})(?:/(\d{1,2}))?`);
const SUBNETTED_RE = new RegExp(String.raw`^(${IPV4})/(\d{1,2}) is (variably )?subnetted`);
const AD_METRIC_RE = /\[(\d+)\/(\d+)\]/;
const VIA_RE = new RegExp(String.raw`\bvia\s+(${IPV4})`);
const PROMPT_RE = /^[A-Za-z0-9_.\-@()/:]+[#>]/;
/** A route code in front of the prefix: `C`, `S*`, `O IA`, `O*E2`, `B +`, `O %`, `i L2`, `D EX`. */
const CODE_RE = /^[A-Za-z][A-Za-z0-9*+%&>]{0,4}(?:\s+[A-Za-z0-9*+%&>]{1,3}){0,2}$/;

interface Entry {
  prefix: string;
  length: number;
  protocol: string;
  vrf: string | undefined;
  adminDistance: number;
  metric: number;
  line: number;
  emitted: number;
}

/** Parses a Cisco IOS-XE or Arista EOS `show ip route` transcript. */
export function parseIosRouteTable(text: string, vendor: 'CiscoIOSXE' | 'AristaEOS'): RouteTableParse {
  const lines = splitLines(text);
  const routes: ParsedRoute[] = [];
  const unreadable: RouteTableParse['unreadable'] = [];
  const vrfs = new Set<string>();
  let vrf: string | undefined;
  let classfulLength: number | undefined;
  let current: Entry | undefined;

  const emit = (entry: Entry, rest: string, line: number): void => {
    const hop = readHop(rest);
    routes.push({
      Prefix: entry.prefix,
      PrefixLength: entry.length,
      NextHop: hop.nextHop,
      Protocol: entry.protocol,
      RouteRole: 'Primary',
      RouteState: 'Active',
      InterfaceName: hop.interfaceName,
      AdminDistance: hop.adminDistance ?? entry.adminDistance,
      Metric: hop.metric ?? entry.metric,
      Tag: 'CLI',
      AgeSeconds: hop.ageSeconds,
      ...(entry.vrf !== undefined ? { Vrf: entry.vrf } : {}),
      Line: line,
    });
    entry.emitted += 1;
    if (hop.adminDistance !== undefined) entry.adminDistance = hop.adminDistance;
    if (hop.metric !== undefined) entry.metric = hop.metric;
  };
  // A wrapped entry whose next-hop line never came is still a route (the original emitted it as DIRECT).
  const finish = (): void => {
    if (current && current.emitted === 0) emit(current, '', current.line);
    current = undefined;
  };

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || /^(Codes:|Gateway of last resort)/.test(trimmed)) return;
    const table = /^(?:Routing Table|VRF(?: name)?):\s*(\S+)/.exec(trimmed);
    if (table) {
      finish();
      vrf = table[1]!;
      vrfs.add(vrf);
      classfulLength = undefined;
      return;
    }
    if (PROMPT_RE.test(trimmed)) return;
    const subnetted = SUBNETTED_RE.exec(trimmed);
    if (subnetted) {
      finish();
      classfulLength = subnetted[3] ? undefined : Number(subnetted[2]);
      return;
    }
    // Continuation: another next hop (ECMP) or the wrapped second half of the previous entry.
    if (/^(\[\d+\/\d+\]\s*)?via\s/.test(trimmed) || /^\[\d+\/\d+\]/.test(trimmed) || /^(is )?directly connected\b/.test(trimmed)) {
      if (!current) {
        unreadable.push({ line: lineNo, text: trimmed, reason: 'next-hop line without a route entry before it' });
        return;
      }
      emit(current, trimmed, lineNo);
      return;
    }
    const prefixMatch = PREFIX_RE.exec(trimmed);
    if (!prefixMatch) return; // legend lines, banners, summaries
    const codeText = trimmed.slice(0, prefixMatch.index).trim();
    if (codeText !== '' && !CODE_RE.test(codeText)) return; // prose that happens to contain an address
    let length = prefixMatch[2] !== undefined ? Number(prefixMatch[2]) : classfulLength;
    if (length === undefined) {
      if (codeText === '') return;
      unreadable.push({ line: lineNo, text: trimmed, reason: 'route without a prefix length and no "is subnetted" header before it' });
      return;
    }
    if (length > 32) {
      unreadable.push({ line: lineNo, text: trimmed, reason: `prefix length ${length} is not a valid IPv4 length` });
      return;
    }
    finish();
    const rest = trimmed.slice(prefixMatch.index + prefixMatch[0].length).trim();
    const entry: Entry = {
      prefix: prefixMatch[1]!,
      length,
      protocol: iosProtocol(codeText, vendor),
      vrf,
      adminDistance: 0,
      metric: 0,
      line: lineNo,
      emitted: 0,
    };
    current = entry;
    // Newer EOS (and wrapped IOS lines) put only `[AD/metric]` on the prefix line and every next hop
    // on the lines below: remember AD/metric and let the continuation lines emit the routes.
    const adMetricOnly = AD_METRIC_RE.exec(rest);
    if (rest !== '' && !/\bvia\b|directly connected|is a summary|,/.test(rest)) {
      if (adMetricOnly) {
        entry.adminDistance = Number(adMetricOnly[1]);
        entry.metric = Number(adMetricOnly[2]);
      }
      return;
    }
    if (rest !== '') emit(entry, rest, lineNo);
  });
  finish();
  return { routes, lines: lines.length, unreadable, vrfs: [...vrfs] };
}

interface Hop {
  nextHop: string;
  interfaceName: string;
  adminDistance?: number;
  metric?: number;
  ageSeconds: number;
}

/** Reads `[AD/metric] via IP, age, Interface` (any part optional) from the text after the prefix. */
function readHop(text: string): Hop {
  const adMetric = AD_METRIC_RE.exec(text);
  const via = VIA_RE.exec(text);
  const segments = text.split(',').map((s) => s.trim());
  let interfaceName = 'UNKNOWN';
  let ageSeconds = 0;
  for (const segment of segments.slice(1)) {
    if (segment === '') continue;
    if (isAge(segment)) ageSeconds = parseAgeSeconds(segment) ?? 0;
    else interfaceName = segment;
  }
  // `via GigabitEthernet0/1` (static to an interface) with no comma: the interface is the via target.
  if (!via && segments.length === 1) {
    const viaIface = /\bvia\s+(\S+)/.exec(text);
    if (viaIface) interfaceName = viaIface[1]!;
  }
  return {
    nextHop: via ? via[1]! : 'DIRECT',
    interfaceName,
    ageSeconds,
    ...(adMetric ? { adminDistance: Number(adMetric[1]), metric: Number(adMetric[2]) } : {}),
  };
}
