import { describe, expect, it } from 'vitest';
import { carveBlocks, getShowBlock } from '../../../plugins/parser/blocks.js';

describe('show-command blocks (§8 items 2–3)', () => {
  it('carves the repo vector into two one-line blocks with lower-cased keys', () => {
    const lines = ['switch# show version', 'Version output line', 'switch# SHOW Interfaces Status', 'Gi1/0/1 up', 'switch#'];
    const log = carveBlocks(lines);
    expect(log.lines).toHaveLength(5);
    expect([...log.blocks.keys()]).toEqual(['show version', 'show interfaces status']);
    expect(log.blocks.get('show version')).toEqual(['Version output line']);
    expect(log.blocks.get('show interfaces status')).toEqual(['Gi1/0/1 up']);
  });

  it('keeps pipes in the key, accepts `do show` and an empty prompt, lets a repeat overwrite', () => {
    const log = carveBlocks(['SW1(config)#do show run | i host', 'hostname SW1', '# show version', 'one', 'SW1#show version', 'two']);
    expect(log.blocks.get('show run | i host')).toEqual(['hostname SW1']);
    expect(log.blocks.get('show version')).toEqual(['two']);
  });

  it('falls back to a raw-line command scan, then to the default', () => {
    const log = { lines: ['# show version', 'line1', 'line2', '# prompt'], blocks: new Map<string, string[]>(), offsets: new Map<string, number>() };
    expect(getShowBlock(log, { keys: ['show version'], command: /show version/ })).toEqual(['line1', 'line2']);
    expect(getShowBlock(log, { keys: ['show clock'] })).toEqual([]);
    expect(getShowBlock(log, { keys: ['show clock'], fallback: 'all' })).toBe(log.lines);
  });

  it('finds a block by key pattern when no exact key matches', () => {
    const log = carveBlocks(['SW1#show interface status', 'row']);
    expect(getShowBlock(log, { keys: ['show interfaces status'], patterns: [/^show int\S*\s+status/] })).toEqual(['row']);
  });
});
