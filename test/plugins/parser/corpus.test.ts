import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus, planHosts } from '../../../plugins/parser/corpus/generate.js';
import { parseDeviceLog } from '../../../plugins/parser/parse-log.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'st-corpus-'));

describe('corpus generator', () => {
  it('default shape = the original benchmark corpus: BOYO 12 Brocade × 10, WLLS 25 Cisco × 48', () => {
    const r = generateCorpus({ outDir: tmp(), seed: 42 });
    expect(r).toMatchObject({ hosts: 37, interfaces: 1320, sites: { BOYO: { hosts: 12, interfaces: 120 }, WLLS: { hosts: 25, interfaces: 1200 } } });
    expect(readdirSync(r.dir)).toContain('BOYO-A05-AS-02.log');
    expect(readdirSync(r.dir)).toContain('WLLS-A07-AS-07.log');
  });

  it('is deterministic from the seed, and a different seed changes the logs', () => {
    const a = generateCorpus({ outDir: tmp(), seed: 1 });
    const b = generateCorpus({ outDir: tmp(), seed: 1 });
    const c = generateCorpus({ outDir: tmp(), seed: 2 });
    const read = (dir: string) => readFileSync(join(dir, 'WLLS-A01-AS-11.log'), 'utf8');
    expect(read(a.dir)).toBe(read(b.dir));
    expect(read(a.dir)).not.toBe(read(c.dir));
  });

  it.each(['BOYO-A05-AS-02', 'WLLS-A01-AS-11'])('the parser reads every generated port of %s', (host) => {
    const dir = generateCorpus({ outDir: tmp(), seed: 42 }).dir;
    const r = parseDeviceLog(readFileSync(join(dir, `${host}.log`), 'utf8'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.device.Hostname).toBe(host);
    expect(r.device.Interfaces).toHaveLength(host.startsWith('BOYO') ? 10 : 48);
    expect(r.device.Warnings).toEqual([]);
    expect(r.device.Interfaces.some((i) => i.AuthTemplate === 'flexible')).toBe(true);
    expect(r.device.Interfaces.some((i) => i.LearnedMACsFull !== '')).toBe(true);
    expect(r.device.SpanInfo).toHaveLength(1);
  });

  it('fleet shape scales hosts over sites with mixed vendors, all parseable', () => {
    const plans = planHosts('fleet', 3, 200, 20);
    expect(plans).toHaveLength(200);
    expect(new Set(plans.map((p) => p.site)).size).toBe(20);
    expect(new Set(plans.map((p) => p.hostname)).size).toBe(200);
    expect(new Set(plans.map((p) => p.vendor))).toEqual(new Set(['Cisco', 'Brocade', 'Arista']));
    const r = generateCorpus({ outDir: tmp(), seed: 3, shape: 'fleet', hosts: 30, sites: 3 });
    const small = planHosts('fleet', 3, 30, 3);
    expect(readdirSync(r.dir)).toHaveLength(30);
    for (const plan of small) {
      const d = parseDeviceLog(readFileSync(join(r.dir, `${plan.hostname}.log`), 'utf8'));
      expect(d.ok && d.device.Make, plan.hostname).toBe(plan.vendor);
      expect(d.ok && d.device.Interfaces.length, plan.hostname).toBe(plan.ports);
      expect(d.ok && d.device.Warnings, plan.hostname).toEqual([]);
    }
  });

  it('mutation changes the requested fraction of ports on few hosts and nothing else', () => {
    const base = generateCorpus({ outDir: tmp(), seed: 42 });
    const mutated = generateCorpus({ outDir: tmp(), seed: 42, mutate: 0.02 });
    expect(mutated.mutatedPorts).toBe(Math.round(1320 * 0.02));
    expect(mutated.mutatedHosts).toBe(Math.ceil(mutated.mutatedPorts / 4));
    const changed = readdirSync(base.dir).filter((f) => readFileSync(join(base.dir, f), 'utf8') !== readFileSync(join(mutated.dir, f), 'utf8'));
    expect(changed).toHaveLength(mutated.mutatedHosts);
  });
});
