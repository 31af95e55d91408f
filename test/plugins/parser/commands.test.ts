import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandContext, EventInput } from '../../../core/plugin.js';
import { corpusGenerateCommand, parseCommand } from '../../../plugins/parser/commands.js';
import { generateCorpus } from '../../../plugins/parser/corpus/generate.js';
import { ingestCorpus } from '../../../plugins/parser/ingest.js';
import { corpusPath, corpusSkipReason, hasCorpus, projectRoot } from '../../corpus.js';
import { liveSwitchLog } from './fixture-logs.js';

function ctx(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const c: CommandContext = { cwd, stdout: (t) => out.push(t), stderr: (t) => err.push(t), color: false, concurrency: 1 };
  return { c, out, err };
}

describe('statetrace parse', () => {
  it.skipIf(!hasCorpus)(`--json prints devices with §1.7 interface records (LiveSwitch; ${corpusSkipReason})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'st-cli-'));
    writeFileSync(join(dir, 'lab.log'), liveSwitchLog());
    const { c, out } = ctx(dir);
    expect(parseCommand(['lab.log'], { json: true }, c)).toBe(0);
    const devices = JSON.parse(out.join('')) as Array<Record<string, unknown>>;
    expect(devices).toHaveLength(1);
    expect(devices[0]).toMatchObject({ hostname: 'LAB-C9200L-AS-01', vendor: 'Cisco', model: 'C9200L-48PXG-4X', version: '17.09.04a', site: 'LAB' });
    const ifaces = devices[0]!.interfaces as Array<Record<string, unknown>>;
    expect(ifaces).toHaveLength(52);
    expect(Object.keys(ifaces[0]!)).toEqual(expect.arrayContaining(['Port', 'Name', 'Status', 'VLAN', 'Duplex', 'Speed', 'Type', 'LearnedMACs', 'AuthState', 'AuthMode', 'AuthClientMAC', 'Config', 'AuthTemplate']));
    const compat = ctx(dir);
    parseCommand(['lab.log'], { json: true, compat: true }, compat.c);
    expect(JSON.parse(compat.out.join(''))[0].version).toBe('SW');
  });

  it.skipIf(!hasCorpus)(`a folder of one switch's bare-command captures is one device (LiveSwitch folder as shipped; ${corpusSkipReason})`, () => {
    const { c, out } = ctx(projectRoot);
    expect(parseCommand([corpusPath('fixtures', 'LiveSwitch')], { json: true }, c)).toBe(0);
    const devices = JSON.parse(out.join('')) as Array<Record<string, unknown>>;
    expect(devices.map((d) => [d.hostname, d.model, (d.interfaces as unknown[]).length])).toEqual([['LAB-C9200L-AS-01', 'C9200L-48PXG-4X', 52]]);
  });

  it('splits a multi-host capture and reports what it could not parse on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'st-cli-'));
    writeFileSync(join(dir, 'two.log'), 'SW1#show version\nCisco IOS Software, Version 15.2\nSW1#show interfaces status\nPort      Name   Status       Vlan  Duplex Speed Type\nGi1/0/1          connected    1     a-full a-1000 10/100/1000BaseTX\n\nSW2#show version\nAcme OS\n');
    writeFileSync(join(dir, 'empty.log'), 'nothing useful');
    const { c, out, err } = ctx(dir);
    expect(parseCommand(['two.log', 'empty.log'], {}, c)).toBe(0);
    expect(out.join('')).toContain('SW1  Cisco');
    expect(out.join('')).toContain('1 device(s) parsed, 2 problem(s)');
    expect(err.join('')).toMatch(/two\.log: host SW2: unknown vendor/);
    expect(err.join('')).toMatch(/empty\.log: no host prompt/);
  });

  it('a missing file is an input error naming the file', () => {
    expect(() => parseCommand(['nope.log'], {}, ctx(tmpdir()).c)).toThrow(/log file not found: nope\.log/);
  });
});

describe('statetrace corpus generate', () => {
  it('writes the default corpus, or a fleet with --hosts/--sites', () => {
    const dir = mkdtempSync(join(tmpdir(), 'st-cli-'));
    const { c, out } = ctx(dir);
    expect(corpusGenerateCommand([], { out: 'c1' }, c)).toBe(0);
    expect(out.join('')).toMatch(/^37 hosts, 1320 interfaces, 2 sites/);
    expect(corpusGenerateCommand([], { out: 'c2', hosts: '12', sites: '3', seed: '5' }, c)).toBe(0);
    expect(readdirSync(join(dir, 'c2'))).toHaveLength(12);
    expect(() => corpusGenerateCommand([], { out: 'c3', mutate: '5' }, c)).toThrow(/fraction/);
    expect(() => corpusGenerateCommand([], { out: 'c3', hosts: 'many' }, c)).toThrow(/--hosts/);
  });
});

const compiledWorker = join(projectRoot, 'dist', 'plugins', 'parser', 'parse.worker.js');
describe.skipIf(!existsSync(compiledWorker))('ingest with worker threads (needs `npm run build`)', () => {
  it('parses in 2 workers and produces the same databases as inline parsing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'st-workers-'));
    generateCorpus({ outDir: join(root, 'corpus'), seed: 11 });
    const events: EventInput[] = [];
    const r = await ingestCorpus({ corpusDir: join(root, 'corpus'), runDir: root, emit: (e) => events.push(e), concurrency: 2 });
    expect(r.counts).toMatchObject({ processed: 37, failed: 0 });
    expect(r.sites).toMatchObject({ BOYO: { rows: 120 }, WLLS: { rows: 1200 } });
    expect(events.find((e) => e.EventName === 'ConcurrencyProfileResolved')).toMatchObject({ WorkerThreads: 2 });
  });
});
