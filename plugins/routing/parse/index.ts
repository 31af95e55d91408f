/** Route-table parsing entry point: one function per vendor behind one signature. */
import type { Vendor } from '../model.js';
import type { RouteTableParse } from './common.js';
import { parseIosRouteTable } from './ios.js';
import { parseJunosRouteTable } from './junos.js';
import { parsePanosRouteTable } from './panos.js';

export type { RouteTableParse } from './common.js';
export { parseAgeSeconds, splitLines } from './common.js';

export function parseRouteTable(text: string, vendor: Vendor): RouteTableParse {
  switch (vendor) {
    case 'CiscoIOSXE':
    case 'AristaEOS':
      return parseIosRouteTable(text, vendor);
    case 'Juniper':
      return parseJunosRouteTable(text);
    case 'PaloAlto':
      return parsePanosRouteTable(text);
  }
}

/** Host name from a CLI prompt in the transcript (`WLLS-A01-AS-21#…`, `user@EX4300-CORE> …`, `admin@PA-3220> …`). */
export function hostnameFromPrompt(text: string): string | undefined {
  for (const line of text.split(/\r?\n/, 50)) {
    const m = /^\s*(?:[\w.-]+@)?([A-Za-z0-9][\w.-]*)(?:\([^)]*\))?[#>]\s*\S/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}
