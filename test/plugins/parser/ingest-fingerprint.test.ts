/**
 * The ingest hands persistence a source fingerprint per host (slice hash + length + parser mode/version),
 * so a cache holding rows from the same slice lets persistence skip the diff; mutated hosts are diffed.
 */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventInput } from '../../../core/plugin.js';
import { generateCorpus } from '../../../plugins/parser/corpus/generate.js';
import { ingestCorpus, PARSER_ROWS_VERSION, sourceFingerprint } from '../../../plugins/parser/ingest.js';
import { dbPathForSite, readSiteCounts } from '../../../plugins/persistence/store.js';
import { SharedSiteCache } from '../../../plugins/shared-cache/site-cache.js';
import { SharedSiteInterfaceStore } from '../../../plugins/shared-cache/store.js';

const HASH = 'ab'.repeat(32);

function interfaces(dataDir: string, site: string): unknown[] {
  const db = new Database(dbPathForSite(dataDir, site), { readonly: true });
  try {
    return db.prepare('SELECT * FROM Interfaces ORDER BY Hostname, Port').all().map((r) => ({ ...(r as object), ID: undefined }));
  } finally {
    db.close();
  }
}

describe('sourceFingerprint', () => {
  it('names hash, length, parser mode and version; any of them changing changes it', () => {
    const base = sourceFingerprint(HASH, 100, { mode: 'strict', scoredVendors: false });
    expect(base).toBe(`sha256:${HASH};len:100;parser:strict;v${PARSER_ROWS_VERSION}`);
    expect(sourceFingerprint(HASH, 100, {})).toBe(base);
    const variants = [
      sourceFingerprint('cd'.repeat(32), 100, { mode: 'strict' }),
      sourceFingerprint(HASH, 101, { mode: 'strict' }),
      sourceFingerprint(HASH, 100, { mode: 'compat' }),
      sourceFingerprint(HASH, 100, { mode: 'strict', scoredVendors: true }),
    ];
    expect(new Set([base, ...variants]).size).toBe(5);
  });
});

describe('ingestCorpus with a fingerprinting cache', () => {
  it('re-ingest of the same slices: every host a signature match, nothing written; after a mutation only the mutated hosts are diffed and updated', async () => {
    const root = mkdtempSync(join(tmpdir(), 'st-ingest-fp-'));
    const corpus = join(root, 'corpus');
    generateCorpus({ outDir: corpus, seed: 7 });
    const cache = new SharedSiteCache({ store: new SharedSiteInterfaceStore() });
    const events: EventInput[] = [];
    const run = () => ingestCorpus({ corpusDir: corpus, runDir: root, emit: (e) => events.push(e), concurrency: 0, cache, historySeed: 'empty' });
    const breakdowns = () => events.filter((e) => e.EventName === 'DatabaseWriteBreakdown');

    await run();
    expect(breakdowns().every((e) => !('SiteCacheHostMapSignatureStatus' in e))).toBe(true); // cold: nothing cached yet

    events.length = 0;
    await run();
    expect(breakdowns()).toHaveLength(37);
    expect(breakdowns().every((e) => e.SiteCacheHostMapSignatureStatus === 'Match' && e.SiteCacheHostMapSignatureMatchCount === 1 && e.SiteCacheHostMapSignatureRewriteCount === 0)).toBe(true);
    expect(events.filter((e) => e.EventName === 'RowsWritten').every((e) => e.Rows === 0 && e.DeletedRows === 0)).toBe(true);

    const g = generateCorpus({ outDir: corpus, seed: 7, mutate: 0.02 });
    events.length = 0;
    await run();
    const bySignature = (status: string) => breakdowns().filter((e) => e.SiteCacheHostMapSignatureStatus === status);
    expect(bySignature('Mismatch')).toHaveLength(g.mutatedHosts);
    expect(bySignature('Match')).toHaveLength(37 - g.mutatedHosts);
    expect(bySignature('Mismatch').every((e) => e.SiteCacheHostMapSignatureRewriteCount === 1 && (e.UpdateCandidates as number) > 0)).toBe(true);
    const written = events.filter((e) => e.EventName === 'RowsWritten').reduce((n, e) => n + (e.Rows as number), 0);
    expect(written).toBe(g.mutatedPorts);
    expect(readSiteCounts(join(root, 'data')).WLLS!.historyRows).toBe(1200 + events.filter((e) => e.EventName === 'RowsWritten' && e.Site === 'WLLS').reduce((n, e) => n + (e.Rows as number), 0));

    // A fourth pass of the mutated slices matches again: the cache learned the new fingerprints.
    events.length = 0;
    await run();
    expect(bySignature('Match')).toHaveLength(37);

    // The databases equal a fresh, cache-less ingest of the mutated corpus.
    const fresh = mkdtempSync(join(tmpdir(), 'st-ingest-fp-fresh-'));
    await ingestCorpus({ corpusDir: corpus, runDir: fresh, emit: () => {}, concurrency: 0 });
    for (const site of ['BOYO', 'WLLS']) expect(interfaces(join(root, 'data'), site)).toEqual(interfaces(join(fresh, 'data'), site));
  });
});
