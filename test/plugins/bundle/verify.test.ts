import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StatetraceError } from '../../../core/errors.js';
import { targetRelativeToArea, verifyBundle, type VerifyReport } from '../../../plugins/bundle/verify.js';
import { buildSampleBundle } from './sample-bundle.js';
import { removeTempRoot, tempDir } from './tmp.js';

/** `kind file` for every problem, sorted: the exact list a test expects. */
function problemList(report: VerifyReport): string[] {
  return [...report.Problems, ...report.Areas.flatMap((a) => a.Problems)].map((p) => `${p.kind} ${p.file ?? ''}`).sort();
}

describe('bundle verify on the original sample bundle (§6.4, §9 item 20)', () => {
  it('Telemetry area: 8 required present, port diversity + queue delay missing (optional), 6/6 hashes match → ready', async () => {
    const report = await verifyBundle(buildSampleBundle(), { areas: ['Telemetry'] });
    expect(report.Rules).toBe('original');
    const area = report.Areas[0]!;
    expect(area.RequirementState.map((r) => [r.Requirement, r.Status])).toEqual([
      ['README', 'Present'],
      ['Manifest', 'Present'],
      ['Rollup CSV', 'Present'],
      ['Shared-cache analyzer', 'Present'],
      ['Site cache providers', 'Present'],
      ['Warm-run telemetry', 'Present'],
      ['Diff hotspot CSV', 'Present'],
      ['Port diversity summary', 'Missing (Optional)'],
      ['Queue delay summary', 'Missing (Optional)'],
      ['Doc-sync evidence', 'Present'],
    ]);
    expect(area.Artifacts).toEqual({ Listed: 6, Verified: 6 });
    expect(problemList(report)).toEqual([]);
    expect(report.Ready).toBe(true);
    expect(report.Counts.MissingOptional).toBe(2);
  });

  it('whole sample: reports exactly the Routing gaps and the RiskRegisterEntries schema violation', async () => {
    const report = await verifyBundle(buildSampleBundle({ riskRegisterIn: 'Routing' }));
    expect(report.Ready).toBe(false);
    expect(report.Areas.map((a) => [a.Area, a.Ready])).toEqual([
      ['Routing', false],
      ['Telemetry', true],
    ]);
    expect(problemList(report)).toEqual([
      'ListedMissing Routing/DispatcherLogs/BOYO-Dispatcher.log',
      'ListedMissing Routing/DispatcherLogs/WLLS-Dispatcher.log',
      'ListedMissing Routing/RoutingTelemetry-20250101.json',
      'MissingRequired Routing/20*.json',
      'MissingRequired Routing/DispatcherLogs/*.log',
      'SchemaViolation Routing/TelemetryBundle.json',
    ]);
    const routing = report.Areas[0]!;
    expect(routing.RequirementState.filter((r) => r.Status === 'Missing').map((r) => r.Requirement)).toEqual(['Routing telemetry JSON', 'Dispatcher logs']);
    expect(routing.Artifacts).toEqual({ Listed: 6, Verified: 3 });
    expect(routing.Problems.find((p) => p.kind === 'SchemaViolation')!.message).toContain("'RiskRegisterEntries'");
    expect(report.Counts).toMatchObject({ Problems: 6, MissingRequired: 2, ListedMissing: 3, SchemaViolations: 1, HashMismatches: 0, Unlisted: 0 });
  });

  it('an area folder given directly is checked as that single area (the original`s TelemetryBundle.json rule)', async () => {
    const report = await verifyBundle(join(buildSampleBundle(), 'Telemetry'));
    expect(report.Areas.map((a) => a.Area)).toEqual(['Telemetry']);
    expect(report.Ready).toBe(true);
  });

  it('--require-queue-summary / --require-diversity-summary make the optional rows required', async () => {
    const report = await verifyBundle(buildSampleBundle(), { areas: ['Telemetry'], requireQueueSummary: true, requireDiversitySummary: true });
    expect(problemList(report)).toEqual(['MissingRequired Telemetry/PortBatchSiteDiversity*.json', 'MissingRequired Telemetry/QueueDelaySummary*.json']);
  });
});

describe('bundle verify detects tampering and loss, naming the file', () => {
  const cases: Array<{ what: string; tamper: (bundle: string) => void; expected: string[] }> = [
    {
      what: 'one byte changed (same size)',
      tamper: (b) => {
        const path = join(b, 'Telemetry', 'WarmRunTelemetry-20250101.json');
        const bytes = readFileSync(path);
        bytes[5] = bytes[5]! ^ 1;
        writeFileSync(path, bytes);
      },
      expected: ['HashMismatch Telemetry/WarmRunTelemetry-20250101.json'],
    },
    {
      what: 'one byte appended',
      tamper: (b) => appendFileSync(join(b, 'Telemetry', 'IngestionMetricsSummary-20250101.csv'), 'x'),
      expected: ['SizeMismatch Telemetry/IngestionMetricsSummary-20250101.csv'],
    },
    {
      what: 'a listed artifact deleted (also the only file of a required pattern)',
      tamper: (b) => rmSync(join(b, 'Telemetry', 'DocSync', 'DocSyncChecklist.json')),
      expected: ['ListedMissing Telemetry/DocSync/DocSyncChecklist.json', 'MissingRequired Telemetry/DocSync/DocSyncChecklist.json'],
    },
    {
      what: 'an unlisted file added',
      tamper: (b) => writeFileSync(join(b, 'Telemetry', 'extra.json'), '{}'),
      expected: ['Unlisted Telemetry/extra.json'],
    },
    {
      what: 'an unlisted file added in a sub-folder',
      tamper: (b) => writeFileSync(join(b, 'Telemetry', 'DocSync', 'notes.md'), '# notes'),
      expected: ['Unlisted Telemetry/DocSync/notes.md'],
    },
    {
      what: 'manifest is not JSON',
      tamper: (b) => writeFileSync(join(b, 'Telemetry', 'TelemetryBundle.json'), '{ "BundleName": '),
      expected: [
        'ManifestUnreadable Telemetry/TelemetryBundle.json',
        // nothing is listed any more, so every artifact is unlisted
        'Unlisted Telemetry/DocSync/DocSyncChecklist.json',
        'Unlisted Telemetry/IngestionMetricsSummary-20250101.csv',
        'Unlisted Telemetry/SharedCacheStoreState-20250101.json',
        'Unlisted Telemetry/SiteCacheProviderReasons-20250101.json',
        'Unlisted Telemetry/WarmRunDiffHotspots-20250101.csv',
        'Unlisted Telemetry/WarmRunTelemetry-20250101.json',
      ],
    },
  ];
  it.each(cases)('$what', async ({ tamper, expected }) => {
    const bundle = buildSampleBundle({ routing: false });
    expect((await verifyBundle(bundle)).Ready).toBe(true);
    tamper(bundle);
    const report = await verifyBundle(bundle);
    expect(report.Ready).toBe(false);
    expect(problemList(report)).toEqual(expected);
  });

  it('reads a UTF-16 LE manifest (Windows PowerShell Out-File)', async () => {
    const bundle = buildSampleBundle({ routing: false });
    const path = join(bundle, 'Telemetry', 'TelemetryBundle.json');
    const text = readFileSync(path, 'utf8').replace(/^\ufeff/, '');
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(problemList(await verifyBundle(bundle))).toEqual([]);
  });

  it('a stub manifest (CreatedUtc, no Artifacts, as in Release-20260101-ST-B-008) is named with every schema problem', async () => {
    const bundle = buildSampleBundle({ routing: false });
    writeFileSync(join(bundle, 'Telemetry', 'TelemetryBundle.json'), JSON.stringify({ BundleName: 'Sample-ReleaseBundle', CreatedUtc: '2026-01-01T13:22:57Z', AreaName: 'Telemetry' }));
    const report = await verifyBundle(bundle);
    const messages = report.Areas[0]!.Problems.filter((p) => p.kind === 'SchemaViolation').map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining("lacks required property 'CreatedAt'"),
        expect.stringContaining("lacks required property 'Artifacts'"),
        expect.stringContaining("has property 'CreatedUtc'"),
      ]),
    );
  });
});

describe('bundle verify refuses what is not a bundle (exit 2)', () => {
  const cases: Array<{ what: string; make: () => string }> = [
    { what: 'missing folder', make: () => join(tmpdir(), 'st-no-such-bundle-' + process.pid) },
    {
      what: 'a file',
      make: () => {
        const dir = tempDir('st-bundle-file-');
        writeFileSync(join(dir, 'x.json'), '{}');
        return join(dir, 'x.json');
      },
    },
    { what: 'an empty folder', make: () => tempDir('st-bundle-empty-') },
  ];
  it.each(cases)('$what', async ({ make }) => {
    const error = await verifyBundle(make()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatetraceError);
    expect((error as StatetraceError).exitCode).toBe(2);
  });

  it('an area folder without a manifest is not ready (Manifest Missing), not unreadable', async () => {
    const dir = tempDir('st-bundle-nomanifest-');
    mkdirSync(join(dir, 'Telemetry'));
    writeFileSync(join(dir, 'Telemetry', 'README.md'), '# x');
    const report = await verifyBundle(dir, { rules: 'statetrace' });
    expect(problemList(report)).toEqual(['MissingRequired Telemetry/TelemetryBundle.json']);
  });
});

describe('TargetFile spellings', () => {
  it.each([
    ['DocSync\\DocSyncChecklist.json', undefined, 'DocSync/DocSyncChecklist.json'],
    ['a.json', undefined, 'a.json'],
    ['./a.json', undefined, 'a.json'],
    ['C:\\B\\Telemetry\\x\\a.json', 'C:\\B\\Telemetry', 'x/a.json'],
    ['c:\\b\\telemetry\\a.json', 'C:\\B\\Telemetry\\', 'a.json'],
    ['C:\\Other\\a.json', 'C:\\B\\Telemetry', undefined],
    ['../escape.json', undefined, undefined],
    ['/etc/passwd', '/srv/bundle/Telemetry', undefined],
  ])('%s (BundlePath %s) → %s', (target, bundlePath, expected) => {
    expect(targetRelativeToArea(target, bundlePath)).toBe(expected);
  });
});

afterAll(removeTempRoot);
