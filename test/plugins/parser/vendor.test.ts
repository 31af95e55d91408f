import { describe, expect, it } from 'vitest';
import { parseDeviceLog } from '../../../plugins/parser/parse-log.js';
import { pipelineVendor, scoreVendor } from '../../../plugins/parser/vendor.js';
import { corpusSkipReason, hasCorpus } from '../../corpus.js';
import { vendorLog } from './fixture-logs.js';

describe('pipeline vendor detection (§8 item 4)', () => {
  it.each([
    [['Arista vEOS 4.26.4'], 'Arista'],
    [['Stackable ICX7150'], 'Brocade'],
    [['IronWare Version 08'], 'Brocade'],
    [['Cisco IOS Software'], 'Cisco'],
    [['Cisco and Arista mentioned'], 'Arista'],
  ])('show version %j → %s', (block, vendor) => {
    expect(pipelineVendor(block, block)).toBe(vendor);
  });

  it('scans all lines when show version is missing, Arista first', () => {
    expect(pipelineVendor([], ['cisco thing', 'Brocade thing'])).toBe('Brocade');
    expect(pipelineVendor([], ['cisco thing', 'x Arista y'])).toBe('Arista');
    expect(pipelineVendor([], ['nothing'])).toBeUndefined();
  });

  it('skips a host with no vendor (the ingest reports ParseDuration Success:false)', () => {
    const r = parseDeviceLog('SW1#show version\nSome Vendor OS 1.0\nSW1#', {}, 'SW1');
    expect(r).toMatchObject({ ok: false, reason: 'UnknownVendor', hostname: 'SW1' });
  });
});

describe.skipIf(!hasCorpus)(`scored vendor detection (§8 item 5) — needs fixtures/Vendors (${corpusSkipReason})`, () => {
  it.each(['Juniper', 'Aruba', 'PaloAlto'] as const)('%s fixture → %s with confidence > 80', (vendor) => {
    const r = scoreVendor(vendorLog(vendor).split(/\r?\n/));
    expect(r.vendor).toBe(vendor);
    expect(r.confidence).toBeGreaterThan(80);
  });

  it('Juniper/Aruba/Palo Alto are not ingested unless scored detection is on', () => {
    expect(parseDeviceLog(vendorLog('Juniper'), {}).ok).toBe(false);
    expect(parseDeviceLog(vendorLog('Juniper'), { scoredVendors: true }).ok).toBe(true);
  });
});

describe('scored detector edge cases', () => {
  it('empty input → Unknown, 0', () => {
    expect(scoreVendor([])).toMatchObject({ vendor: 'Unknown', confidence: 0 });
  });
  it('a Cisco sample scores Cisco', () => {
    const r = scoreVendor(['Cisco IOS Software, C2960X Software', 'GigabitEthernet1/0/1 is up', 'SW1#']);
    expect(r.vendor).toBe('Cisco');
    expect(r.confidence).toBeGreaterThan(80);
  });
});
