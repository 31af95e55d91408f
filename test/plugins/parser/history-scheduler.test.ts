import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IngestionHistory, parseHistoryText, readHistoryFile, writeHistoryFile, type HistoryRecord } from '../../../plugins/parser/history.js';
import { autoScaleProfile, balancedOrder, SiteScheduler } from '../../../plugins/parser/scheduler.js';
import { corpusPath, corpusSkipReason, hasCorpus } from '../../corpus.js';

const rec = (host: string, hash = 'aa'): HistoryRecord => ({
  Hostname: host, ActualHostname: host, Site: host.split('-')[0]!, FileHash: hash, SourceLength: 10, SourceTimestampUtc: '2026-01-06T20:28:30.0429951Z', LastIngestedUtc: '2026-01-06T20:28:33.8684250Z',
});

describe('ingestion history (§8 item 13)', () => {
  it('reads arrays, single objects and concatenated objects; skips broken ones', () => {
    const one = JSON.stringify(rec('A-1'));
    expect(parseHistoryText(`[${one}]`).records).toHaveLength(1);
    expect(parseHistoryText(one).records[0]!.Hostname).toBe('A-1');
    expect(parseHistoryText(`${one}\n${JSON.stringify(rec('A-2'))}`).records.map((r) => r.Hostname)).toEqual(['A-1', 'A-2']);
    expect(parseHistoryText('{"Hostname": "x", "Note": "brace } in string"} {broken').records).toHaveLength(1);
    expect(parseHistoryText('{"NoHost": 1}').invalid).toBe(1);
  });

  it('writes a BOM + 4-space JSON array; re-recording a host replaces only its record', () => {
    const dir = mkdtempSync(join(tmpdir(), 'st-hist-'));
    const h = new IngestionHistory(dir);
    h.record(rec('WLLS-A01-AS-01', 'aa'));
    h.record(rec('WLLS-A01-AS-02', 'bb'));
    h.flush();
    h.record(rec('WLLS-A01-AS-01', 'cc'));
    h.flush();
    const file = join(dir, 'IngestionHistory', 'WLLS.json');
    const text = readFileSync(file, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('\n    {\n        "Hostname"');
    expect(readHistoryFile(file).records.map((r) => `${r.Hostname}:${r.FileHash}`)).toEqual(['WLLS-A01-AS-01:cc', 'WLLS-A01-AS-02:bb']);
    expect(new IngestionHistory(dir).get('wlls-a01-as-02')?.FileHash).toBe('bb');
  });

  it.skipIf(!hasCorpus)(`loads the original history files (samples/, ${corpusSkipReason})`, () => {
    expect(readHistoryFile(corpusPath('samples', 'IngestionHistory-BOYO.json')).records.every((r) => r.SourceLength === 5356)).toBe(true);
    const wlls = readHistoryFile(corpusPath('samples', 'IngestionHistory-WLLS.json'));
    expect(wlls.records).toHaveLength(25);
    expect(wlls.invalid).toBe(0);
  });

  it('round-trips through writeHistoryFile', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'st-hist-')), 'X.json');
    writeHistoryFile(file, [rec('X-1')]);
    expect(readHistoryFile(file).records).toEqual([rec('X-1')]);
    writeFileSync(file, 'not json at all');
    expect(readHistoryFile(file).records).toEqual([]);
  });
});

describe('auto-scale profile (§8 item 22)', () => {
  it('6 WLLS files on 8 CPUs → 6 threads, 4 workers/site, 1 active site, 1 job/thread', () => {
    const files = Array.from({ length: 6 }, (_, i) => `WLLS-A01-AS-0${i}.log`);
    expect(autoScaleProfile(files, 8, 0, 0, -1, 0, 0)).toMatchObject({ ThreadCeiling: 6, MaxWorkersPerSite: 4, MaxActiveSites: 1, JobsPerThread: 1, DeviceCount: 6, SiteCount: 1 });
  });
  it('20 files, 2 sites, 16 CPUs, T12 W2 S0 J3 M2 → 12/2/0/3, min 2', () => {
    const files = Array.from({ length: 20 }, (_, i) => `${i % 2 ? 'BOYO' : 'WLLS'}-A01-AS-${i}.log`);
    expect(autoScaleProfile(files, 16, 12, 2, 0, 3, 2)).toMatchObject({ ThreadCeiling: 12, MaxWorkersPerSite: 2, MaxActiveSites: 0, JobsPerThread: 3, MinRunspaces: 2, DeviceCount: 20, SiteCount: 2 });
  });
  it('counts devices and sites by file-name prefix', () => {
    expect(autoScaleProfile(['ALPHA-A01-01', 'BETA-A02-01', 'BETA-A02-02'], 4)).toMatchObject({ DeviceCount: 3, SiteCount: 2 });
  });
});

describe('site scheduler fairness (§8 item 22)', () => {
  function drain(s: SiteScheduler<number>, finishEach = true): string[] {
    const launched: string[] = [];
    for (let next = s.next(); next; next = s.next()) {
      launched.push(next.site);
      if (finishEach) s.finished(next.site);
    }
    return launched;
  }
  const longestRunWhileOthersQueued = (sites: string[], queuedOthers: boolean[]): number => {
    let best = 0;
    let run = 0;
    sites.forEach((site, i) => {
      run = i > 0 && site === sites[i - 1] && queuedOthers[i] ? run + 1 : 1;
      best = Math.max(best, run);
    });
    return best;
  };

  it('round-robins across sites in first-seen order', () => {
    const s = new SiteScheduler<number>({ maxWorkersPerSite: 0, maxActiveSites: 0, maxConsecutive: 8, threadBudget: 2 });
    for (let i = 0; i < 3; i++) s.enqueue('a', i);
    for (let i = 0; i < 2; i++) s.enqueue('b', i);
    expect(drain(s)).toEqual(['a', 'b', 'a', 'b', 'a']);
  });

  it('never launches a site more than MaxConsecutiveSiteLaunches times in a row while another site has work', () => {
    const s = new SiteScheduler<number>({ maxWorkersPerSite: 1, maxActiveSites: 0, maxConsecutive: 3, threadBudget: 2 });
    for (let i = 0; i < 20; i++) s.enqueue('boyo', i);
    for (let i = 0; i < 5; i++) s.enqueue('wlls', i);
    // wlls's single worker stays busy: boyo may launch 3 times, then must wait for wlls.
    const first = s.next()!;
    expect(first.site).toBe('boyo');
    const w = s.next()!;
    expect(w.site).toBe('wlls');
    const launched: string[] = [];
    const queued: boolean[] = [];
    for (let i = 0; i < 10; i++) {
      s.finished('boyo');
      const n = s.next();
      if (!n) break;
      launched.push(n.site);
      queued.push(n.launch.QueuedSites > 1);
    }
    // After wlls's launch, boyo gets 3 more launches in a row, then has to wait (wlls still has work).
    expect(launched).toEqual(['boyo', 'boyo', 'boyo']);
    expect(longestRunWhileOthersQueued(['boyo', 'wlls', ...launched], [true, true, ...queued])).toBe(3);
    s.finished('wlls');
    expect(s.next()!.site).toBe('wlls');
  });

  it('falls back to the same site (streak reset) when nothing else is queued', () => {
    const s = new SiteScheduler<number>({ maxWorkersPerSite: 0, maxActiveSites: 0, maxConsecutive: 2, threadBudget: 1 });
    for (let i = 0; i < 5; i++) s.enqueue('solo', i);
    const streaks: number[] = [];
    for (let n = s.next(); n; n = s.next()) {
      streaks.push(n.launch.CurrentStreak);
      s.finished(n.site);
    }
    expect(streaks).toEqual([1, 2, 1, 2, 1]);
  });

  it('respects the active-site cap', () => {
    const s = new SiteScheduler<number>({ maxWorkersPerSite: 0, maxActiveSites: 1, maxConsecutive: 8, threadBudget: 4 });
    s.enqueue('a', 1);
    s.enqueue('b', 1);
    expect(s.next()!.site).toBe('a');
    expect(s.next()).toBeUndefined();
    s.finished('a');
    expect(s.next()!.site).toBe('b');
  });

  it('balanced order interleaves the longest queue first', () => {
    expect(balancedOrder(['b1', 'a1', 'a2', 'a3', 'b2'], (x) => x[0]!)).toEqual(['a1', 'b1', 'a2', 'b2', 'a3']);
  });
});
