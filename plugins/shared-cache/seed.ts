/**
 * The tracked seed snapshot (`Initialize-SharedCacheSeed.ps1`, DOMAIN §3.3): sites BOYO and WLLS ×
 * 3 hosts named `<SITE>-A<ceil(h/2):00>-AS-<h:00>` × 10 ports `Ethernet1..10` (PortColor Green,
 * ConfigStatus Compliant) = 2 sites / 6 hosts / 60 rows. The resolver falls back to it.
 */
import { toInterfaceRow } from './rows.js';
import type { SnapshotSite } from './snapshot.js';

export interface SeedOptions {
  sites?: string[];
  hostsPerSite?: number;
  portsPerHost?: number;
  cachedAt?: string;
}

const two = (n: number) => String(n).padStart(2, '0');

export function seedHostname(site: string, index: number): string {
  return `${site}-A${two(Math.ceil(index / 2))}-AS-${two(index)}`;
}

export function generateSeed(options: SeedOptions = {}): SnapshotSite[] {
  const sites = options.sites ?? ['BOYO', 'WLLS'];
  const hostsPerSite = options.hostsPerSite ?? 3;
  const portsPerHost = options.portsPerHost ?? 10;
  return sites.map((site) => ({
    site,
    cachedAt: options.cachedAt,
    hosts: Array.from({ length: hostsPerSite }, (_, h) => ({
      hostname: seedHostname(site, h + 1),
      rows: Array.from({ length: portsPerHost }, (_, p) =>
        toInterfaceRow(`Ethernet${p + 1}`, { Name: `Ethernet${p + 1}`, PortColor: 'Green', ConfigStatus: 'Compliant' }),
      ),
    })),
  }));
}
