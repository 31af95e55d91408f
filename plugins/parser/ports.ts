/**
 * Port names: sort keys (`PortNormalization\Get-PortSortKey`, DOMAIN §1.10), Cisco short aliases and
 * Brocade `ethe A to B` ranges.
 */

const TYPE_REWRITES: Array<[RegExp, string]> = [
  [/HUNDRED\s*GIG(?:ABIT\s*ETHERNET|E)/g, 'HU'],
  // Dead in the original too (HUNDRED is rewritten first); kept so the order matches.
  [/FOUR\s*HUNDRED\s*GIG(?:ABIT\s*ETHERNET|E)/g, 'TH'],
  [/FORTY\s*GIG(?:ABIT\s*ETHERNET|E)/g, 'FO'],
  [/TWENTY\s*FIVE\s*GIG(?:ABIT\s*ETHERNET|E)/g, 'TW'],
  [/TEN\s*GIG(?:ABIT\s*ETHERNET|E)/g, 'TE'],
  [/GIGABIT\s*ETHERNET/g, 'GI'],
  [/FAST\s*ETHERNET/g, 'FA'],
  [/ETHERNET/g, 'ET'],
  [/MANAGEMENT/g, 'MGMT'],
  [/PORT-?CHANNEL/g, 'PO'],
  [/LOOPBACK/g, 'LO'],
  [/VLAN/g, 'VL'],
];

const TYPE_WEIGHT: Record<string, number> = {
  MGMT: 5, PO: 10, TH: 22, HU: 23, FO: 24, TE: 25, TW: 26, ET: 30, GI: 40, FA: 50, VL: 97, LO: 98,
};

export const EMPTY_PORT_SORT_KEY = '99-UNK-99999-99999-99999-99999-99999';

const sortKeyCache = new Map<string, string>();

/** `GigabitEthernet1/0/2` → `40-GI-00001-00000-00002-00000`. */
export function portSortKey(port: string): string {
  const cached = sortKeyCache.get(port);
  if (cached !== undefined) return cached;
  const key = computePortSortKey(port);
  if (sortKeyCache.size < 50_000) sortKeyCache.set(port, key);
  return key;
}

function computePortSortKey(port: string): string {
  let text = (port ?? '').trim().toUpperCase();
  if (text === '') return EMPTY_PORT_SORT_KEY;
  for (const [pattern, replacement] of TYPE_REWRITES) text = text.replace(pattern, replacement);
  const typeMatch = /^([A-Z-]*?)\s*(?=\d)/.exec(text);
  let type: string;
  if (typeMatch) type = typeMatch[1]!.replace(/[\s-]+$/g, '') || 'ET';
  else type = text.replace(/[^A-Z-]/g, '') || 'UNK';
  const weight = TYPE_WEIGHT[type] ?? 60;
  const numbers = (text.match(/\d+/g) ?? []).slice(0, 6).map((n) => Number.parseInt(n, 10));
  while (numbers.length < 4) numbers.push(0);
  const segments = numbers.map((n) => String(Math.min(n, 99999)).padStart(5, '0'));
  return `${String(weight).padStart(2, '0')}-${type}-${segments.join('-')}`;
}

const CISCO_ALIASES: Array<[RegExp, string]> = [
  [/^HundredGigabitEthernet/i, 'Hu'],
  [/^FortyGigabitEthernet/i, 'Fo'],
  [/^TwentyFiveGigE/i, 'Twe'],
  [/^TenGigabitEthernet/i, 'Te'],
  [/^GigabitEthernet/i, 'Gi'],
  [/^FastEthernet/i, 'Fa'],
  [/^Ethernet/i, 'Et'],
  [/^Port-channel/i, 'Po'],
];

/** Cisco long interface name → the short alias the status table prints (`GigabitEthernet1/0/1` → `Gi1/0/1`). */
export function ciscoShortName(name: string): string {
  const compact = name.replace(/\s+/g, '');
  for (const [pattern, alias] of CISCO_ALIASES) {
    if (pattern.test(compact)) return compact.replace(pattern, alias);
  }
  return compact;
}

/** Brocade raw `1/1/1` → `Et1/1/1` (already-prefixed names are kept). */
export function brocadePortName(raw: string): string {
  const trimmed = raw.trim();
  return /^\d/.test(trimmed) ? `Et${trimmed}` : trimmed;
}

/**
 * Brocade `ethe 1/1/1 to 1/1/4` (or `ethernet 1/1/1`) → `[Et1/1/1 … Et1/1/4]`. Stack/slot come from the first
 * port; the range runs over the last number. Several `ethe` groups on one line are all expanded.
 */
export function expandBrocadeRange(text: string): string[] {
  const ports: string[] = [];
  const pattern = /ethe(?:rnet)?\s+(\d+)\/(\d+)\/(\d+)(?:\s+to\s+(?:\d+\/\d+\/)?(\d+))?/gi;
  for (const m of text.matchAll(pattern)) {
    const [, stack, slot, first, last] = m;
    const from = Number(first);
    const to = last === undefined ? from : Number(last);
    for (let p = from; p <= Math.max(from, to) && p - from < 1024; p++) ports.push(`Et${stack}/${slot}/${p}`);
  }
  return ports;
}
