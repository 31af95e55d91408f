/**
 * `parser.generate-corpus` / `statetrace corpus generate`: write a deterministic fleet of raw switch logs.
 *
 * Shapes:
 * - `default`: the original benchmark corpus (§7) — BOYO 12 Brocade hosts × 10 ports + WLLS 25 Cisco hosts ×
 *   48 ports = 37 hosts, 1,320 interface rows, 2 sites.
 * - `fleet`: `hosts` spread over `sites` (generated site codes), mixed Cisco/Brocade/Arista, 10–48 ports.
 * `mutate` = fraction of all ports to change (concentrated in a few hosts, `mutatePortsPerHost` each), so an
 * incremental re-ingest finds most hosts unchanged.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../../../core/random.js';
import { buildHost, hashSeed, mutateHost, type GenVendor, type HostModel } from './model.js';
import { renderArista, renderBrocade, renderCisco } from './render.js';

export interface GenerateOptions {
  outDir: string;
  seed?: number;
  shape?: 'default' | 'fleet';
  hosts?: number;
  sites?: number;
  /** Fraction (0..1) of all ports to change relative to the unmutated corpus. */
  mutate?: number;
  mutateSeed?: number;
  mutatePortsPerHost?: number;
  /** Remove `*.log` files already in `outDir` first (default true). */
  clean?: boolean;
  signal?: AbortSignal;
}

export interface GenerateResult {
  dir: string;
  hosts: number;
  interfaces: number;
  sites: Record<string, { hosts: number; interfaces: number }>;
  files: number;
  bytes: number;
  mutatedHosts: number;
  mutatedPorts: number;
  seed: number;
}

export interface HostPlan {
  hostname: string;
  site: string;
  vendor: GenVendor;
  ports: number;
}

const BOYO_HOSTS = ['02', '05', '12', '15', '22', '25', '32', '35', '42', '45', '52', '55'].map((n) => `BOYO-A05-AS-${n}`);
const WLLS_HOSTS = [
  ...['A01', 'A02', 'A03', 'A05'].flatMap((a, i) => [1, 2, 3, 4, 5, 6].map((n) => `WLLS-${a}-AS-${String(i * 10 + n + 10).padStart(2, '0')}`)),
  'WLLS-A07-AS-07',
];

/** The hosts a shape produces (no I/O). */
export function planHosts(shape: 'default' | 'fleet', seed: number, hosts = 37, sites = 2): HostPlan[] {
  if (shape === 'default') {
    return [
      ...BOYO_HOSTS.map((hostname) => ({ hostname, site: 'BOYO', vendor: 'Brocade' as const, ports: 10 })),
      ...WLLS_HOSTS.map((hostname) => ({ hostname, site: 'WLLS', vendor: 'Cisco' as const, ports: 48 })),
    ];
  }
  const r = seededRandom(hashSeed('fleet', seed));
  const siteCodes: string[] = [];
  const taken = new Set<string>();
  while (siteCodes.length < Math.max(1, sites)) {
    const code = Array.from({ length: 4 }, () => String.fromCharCode(65 + Math.floor(r() * 26))).join('');
    if (!taken.has(code)) {
      taken.add(code);
      siteCodes.push(code);
    }
  }
  const plans: HostPlan[] = [];
  for (let i = 0; i < hosts; i++) {
    const site = siteCodes[i % siteCodes.length]!;
    const roll = r();
    const vendor: GenVendor = roll < 0.6 ? 'Cisco' : roll < 0.85 ? 'Brocade' : 'Arista';
    const ports = vendor === 'Brocade' ? ([10, 24, 48] as const)[Math.floor(r() * 3)]! : vendor === 'Arista' ? ([32, 48] as const)[Math.floor(r() * 2)]! : ([24, 48] as const)[Math.floor(r() * 2)]!;
    const index = Math.floor(i / siteCodes.length);
    plans.push({ hostname: `${site}-A${String(Math.floor(index / 50) + 1).padStart(2, '0')}-AS-${String((index % 50) + 1).padStart(2, '0')}${index >= 2500 ? `-${Math.floor(index / 2500)}` : ''}`, site, vendor, ports });
  }
  return plans;
}

export function renderHost(h: HostModel): string {
  return h.vendor === 'Cisco' ? renderCisco(h) : h.vendor === 'Brocade' ? renderBrocade(h) : renderArista(h);
}

export function generateCorpus(options: GenerateOptions): GenerateResult {
  const seed = options.seed ?? 42;
  const shape = options.shape ?? 'default';
  const plans = planHosts(shape, seed, options.hosts, options.sites);
  mkdirSync(options.outDir, { recursive: true });
  if (options.clean ?? true) {
    for (const name of readdirSync(options.outDir)) if (name.endsWith('.log')) rmSync(join(options.outDir, name));
  }
  // Which hosts a mutation touches: a seeded shuffle, filled `perHost` ports at a time until the quota is met.
  const mutateFraction = Math.min(1, Math.max(0, options.mutate ?? 0));
  const perHost = Math.max(1, options.mutatePortsPerHost ?? 4);
  const mutateSeed = options.mutateSeed ?? seed + 1;
  const totalPorts = plans.reduce((n, p) => n + p.ports, 0);
  let quota = Math.round(totalPorts * mutateFraction);
  const mutateCounts = new Map<string, number>();
  if (quota > 0) {
    const order = plans.map((p) => p.hostname);
    const r = seededRandom(hashSeed('mutation-order', mutateSeed));
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const portsOf = new Map(plans.map((p) => [p.hostname, p.ports]));
    for (const host of order) {
      if (quota <= 0) break;
      const n = Math.min(perHost, quota, portsOf.get(host)!);
      mutateCounts.set(host, n);
      quota -= n;
    }
  }
  const result: GenerateResult = { dir: options.outDir, hosts: 0, interfaces: 0, sites: {}, files: 0, bytes: 0, mutatedHosts: 0, mutatedPorts: 0, seed };
  for (const plan of plans) {
    if (options.signal?.aborted) throw options.signal.reason instanceof Error ? options.signal.reason : new Error('corpus generation aborted');
    const host = buildHost(plan.hostname, plan.site, plan.vendor, plan.ports, seed);
    const n = mutateCounts.get(plan.hostname);
    if (n) {
      result.mutatedPorts += mutateHost(host, n, mutateSeed).length;
      result.mutatedHosts++;
    }
    const text = renderHost(host);
    writeFileSync(join(options.outDir, `${plan.hostname}.log`), text);
    result.files++;
    result.bytes += Buffer.byteLength(text);
    result.hosts++;
    result.interfaces += plan.ports;
    const s = (result.sites[plan.site] ??= { hosts: 0, interfaces: 0 });
    s.hosts++;
    s.interfaces += plan.ports;
  }
  return result;
}

export function corpusExists(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((n) => n.endsWith('.log'));
}
