import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectHost, PRE_HOST_BUFFER_CAP, splitLines, splitRawLogs } from '../../../plugins/parser/split.js';

// DOMAIN §1.2 repo test vector (LogIngestionModule.Tests.ps1).
const VECTOR = [
  'hostname switch1',
  'switch1# show version',
  'Line from switch1',
  'switch1# show interfaces',
  'switch-two(config)# show version',
  'Details from switch two',
  'hostname switch-two',
  'switch-two>show interfaces',
  'More details from switch two',
];

describe('host splitting (§8 item 1)', () => {
  it('splits the repo vector into switch1 and switch-two, mode prompt in switch-two', () => {
    const { segments, unknown } = splitLines(VECTOR);
    expect(segments.map((s) => s.host)).toEqual(['switch1', 'switch-two']);
    expect(segments[0]!.lines).toEqual(VECTOR.slice(0, 4));
    expect(segments[1]!.lines[0]).toBe('switch-two(config)# show version');
    expect(unknown).toEqual([]);
  });

  it('gives lines before the first host to that host, and a host-less file to _unknown', () => {
    expect(splitLines(['banner text', 'more', 'SW1#show version', 'x']).segments[0]!.lines).toEqual(['banner text', 'more', 'SW1#show version', 'x']);
    expect(splitLines(['just', 'text'])).toEqual({ segments: [], unknown: ['just', 'text'] });
  });

  it('sends overflow beyond the 4,000-line pre-host buffer to _unknown', () => {
    const lines = [...Array.from({ length: PRE_HOST_BUFFER_CAP + 5 }, (_, i) => `line ${i}`), 'SW1#show version'];
    const { segments, unknown } = splitLines(lines);
    expect(unknown).toHaveLength(5);
    expect(segments[0]!.lines).toHaveLength(PRE_HOST_BUFFER_CAP + 1);
  });

  it.each([
    ['SSH@BOYO-A05-AS-02#show version', 'BOYO-A05-AS-02'],
    ['  SW1(config-if)#  ', 'SW1'],
    ['user@EX4300-CORE> show version', 'EX4300-CORE'],
    ['HOSTNAME core-1', 'core-1'],
    ['-->', '--'],
    ['         Serial  #:FOC1234', undefined],
    ['description uplink > core', undefined],
  ])('detectHost(%j) = %j', (line, host) => {
    expect(detectHost(line)).toBe(host);
  });

  it('writes one slice per host (appending across raw files), only .log/.txt, skipping WarmRunTelemetry-* and binaries', () => {
    const root = mkdtempSync(join(tmpdir(), 'st-split-'));
    const logs = join(root, 'logs');
    mkdirSync(logs);
    writeFileSync(join(logs, 'a.log'), VECTOR.join('\r\n'));
    writeFileSync(join(logs, 'b.TXT'), 'switch1#show clock\r\n10:00');
    writeFileSync(join(logs, 'c.csv'), 'SW9#show version');
    writeFileSync(join(logs, 'WarmRunTelemetry-1.log'), 'SW8#show version');
    writeFileSync(join(logs, 'd.log'), 'no host here');
    writeFileSync(join(logs, 'e.log'), Buffer.from([0x53, 0x57, 0x23, 0x00, 0x01]));
    writeFileSync(join(logs, 'f.log'), 'hostname ../../etc\r\n../../etc#show version');
    const r = splitRawLogs(logs, join(root, 'Extracted'));
    expect(readdirSync(join(root, 'Extracted')).sort()).toEqual(['___.._etc.log', '_unknown.log', 'switch-two.log', 'switch1.log'].sort());
    expect(readFileSync(join(root, 'Extracted', 'switch1.log'), 'utf8')).toContain('switch1#show clock');
    expect(r.filesWithoutHost).toEqual([join(logs, 'd.log')]);
    expect(r.binaryFiles).toEqual([join(logs, 'e.log')]);
    expect(r.slices).toHaveLength(3);
  });

  it('in-place mode uses single-host raw files as their slices and only copies hosts spread over several files', () => {
    const root = mkdtempSync(join(tmpdir(), 'st-split-'));
    const logs = join(root, 'logs');
    mkdirSync(logs);
    writeFileSync(join(logs, 'a.log'), 'SW1#show version\r\nCisco');
    writeFileSync(join(logs, 'b.log'), 'SW2#show version\r\nCisco');
    writeFileSync(join(logs, 'c.log'), 'SW2#show clock\r\n10:00');
    const r = splitRawLogs(logs, join(root, 'x'), { inPlace: true });
    expect(r.sliceFiles).toEqual([
      { key: 'SW1', file: join(logs, 'a.log') },
      { key: 'SW2', file: join(root, 'x', 'SW2.log') },
    ]);
    expect(readFileSync(join(root, 'x', 'SW2.log'), 'utf8')).toBe('SW2#show version\nCisco\nSW2#show clock\n10:00\n');
    expect(readdirSync(join(root, 'x'))).toEqual(['SW2.log']);
  });
});
