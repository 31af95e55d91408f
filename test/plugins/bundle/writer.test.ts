import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { StatetraceError } from '../../../core/errors.js';
import { manifestSchema, validateManifest, type TelemetryBundleManifest } from '../../../plugins/bundle/manifest.js';
import { verifyBundle } from '../../../plugins/bundle/verify.js';
import { writeBundle } from '../../../plugins/bundle/writer.js';
import { uniqueName } from '../../../plugins/bundle/files.js';
import { corpusPath, corpusSkipReason, hasCorpus } from '../../corpus.js';
import { removeTempRoot, tempDir } from './tmp.js';

function sources(): { dir: string; file: (name: string, text: string) => string } {
  const dir = tempDir('st-bundle-src-');
  return {
    dir,
    file: (name, text) => {
      const path = join(dir, name);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, text);
      return path;
    },
  };
}

function readManifest(path: string): TelemetryBundleManifest {
  return JSON.parse(readFileSync(path, 'utf8')) as TelemetryBundleManifest;
}

describe('writeBundle', () => {
  it('writes areas with manifests (uppercase SHA-256, sizes), READMEs and an index, and verify accepts it', async () => {
    const src = sources();
    const out = tempDir('st-bundle-out-');
    const written = await writeBundle({
      outputRoot: out,
      name: 'Release-1',
      areas: [
        { name: 'Telemetry', artifacts: [{ category: 'RollupCsv', source: src.file('IngestionMetricsSummary-1.csv', 'a,b\r\n1,2\r\n') }], planReferences: ['PlanE'], taskBoardIds: ['ST-G-007'] },
        { name: 'Routing', artifacts: [{ category: 'QueueDelaySummary', content: '{"SampleCount":5}', target: 'QueueDelaySummary-x.json' }] },
      ],
    });
    expect(written.dir).toBe(join(out, 'Release-1'));
    const manifest = readManifest(join(out, 'Release-1', 'Telemetry', 'TelemetryBundle.json'));
    expect(Object.keys(manifest)).toEqual(['BundleName', 'AreaName', 'CreatedAt', 'Hostname', 'OutputRoot', 'BundlePath', 'PlanReferences', 'TaskBoardIds', 'Notes', 'Artifacts']);
    expect(manifest.Artifacts).toEqual([
      {
        Category: 'RollupCsv',
        TargetFile: 'IngestionMetricsSummary-1.csv',
        SourcePath: join(src.dir, 'IngestionMetricsSummary-1.csv'),
        Hash: createHash('sha256').update('a,b\r\n1,2\r\n').digest('hex').toUpperCase(),
        SizeBytes: 10,
      },
    ]);
    expect(manifest.BundlePath).toBe(join(out, 'Release-1', 'Telemetry'));
    expect(validateManifest(manifest)).toEqual([]);
    const readme = readFileSync(join(out, 'Release-1', 'Telemetry', 'README.md'), 'utf8');
    expect(readme).toContain('# Telemetry Bundle - Release-1');
    expect(readme).toContain('**Area:** Telemetry');
    expect(readme).toContain(`| RollupCsv | IngestionMetricsSummary-1.csv |`);
    const report = await verifyBundle(written.dir);
    expect(report.Rules).toBe('statetrace');
    expect(report.Ready).toBe(true);
    expect(report.Counts.ArtifactsVerified).toBe(2);
  });

  it('name clashes get -1, -2 suffixes (artifacts and bundles), and the same source is copied once', async () => {
    const src = sources();
    const a = src.file('one/SharedCacheStoreState.json', '{"a":1}');
    const b = src.file('two/SharedCacheStoreState.json', '{"b":2}');
    const c = src.file('three/SharedCacheStoreState.json', '{"c":3}');
    const out = tempDir('st-bundle-out-');
    const areas = [{ name: 'Telemetry', artifacts: [a, b, a, c].map((source) => ({ category: 'SharedCacheAnalyzer', source })) }];
    const first = await writeBundle({ outputRoot: out, name: 'R', areas });
    expect(first.areas[0]!.manifest.Artifacts.map((x) => x.TargetFile)).toEqual(['SharedCacheStoreState.json', 'SharedCacheStoreState-1.json', 'SharedCacheStoreState-2.json']);
    const second = await writeBundle({ outputRoot: out, name: 'R', areas });
    const third = await writeBundle({ outputRoot: out, name: 'R', areas });
    expect([first.name, second.name, third.name]).toEqual(['R', 'R-1', 'R-2']);
    expect(uniqueName('DocSync/x.md', new Set(['docsync/x.md']))).toBe('DocSync/x-1.md');
    expect(uniqueName('README', new Set(['readme']))).toBe('README-1');
  });

  it('an artifact can never overwrite the area README or manifest', async () => {
    const out = tempDir('st-bundle-out-');
    const written = await writeBundle({ outputRoot: out, name: 'R', areas: [{ name: 'Telemetry', artifacts: [{ category: 'Additional', content: 'x', target: 'README.md' }] }] });
    expect(written.areas[0]!.manifest.Artifacts[0]!.TargetFile).toBe('README-1.md');
    expect((await verifyBundle(written.dir)).Ready).toBe(true);
  });

  it('is atomic: until the final rename the bundle name does not exist, and a failure leaves nothing behind', async () => {
    const src = sources();
    const out = tempDir('st-bundle-out-');
    const good = src.file('good.json', '{}');
    const error = await writeBundle({
      outputRoot: out,
      name: 'Crashy',
      areas: [
        { name: 'Telemetry', artifacts: [{ category: 'Additional', source: good }] },
        { name: 'Routing', artifacts: [{ category: 'Additional', source: join(src.dir, 'vanished.json') }] },
      ],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatetraceError);
    expect((error as Error).message).toContain('vanished.json');
    expect(readdirSync(out)).toEqual([]);
  });

  it('a crash mid-write leaves only a hidden .partial folder, which verify of the bundles folder never mistakes for a bundle', async () => {
    // Simulate the state a killed process leaves: a staging folder with some areas and no rename.
    const out = tempDir('st-bundle-out-');
    const partial = join(out, '.Release.partial-123-abcd', 'Telemetry');
    mkdirSync(partial, { recursive: true });
    writeFileSync(join(partial, 'x.json'), '{}');
    expect(existsSync(join(out, 'Release'))).toBe(false);
    await expect(verifyBundle(join(out, 'Release'))).rejects.toThrow(/not found/);
    // A new write of the same name is unaffected by the leftover.
    const written = await writeBundle({ outputRoot: out, name: 'Release', areas: [{ name: 'Telemetry', artifacts: [{ category: 'Additional', content: '{}', target: 'a.json' }] }] });
    expect(written.name).toBe('Release');
    expect((await verifyBundle(written.dir)).Ready).toBe(true);
    // The folder of bundles is not itself a bundle.
    await expect(verifyBundle(out)).rejects.toThrow(/is a folder of bundles/);
  });

  it('a leftover staging folder inside a bundle (interrupted --force) is a warning, not a problem', async () => {
    const out = tempDir('st-bundle-out-');
    const written = await writeBundle({ outputRoot: out, name: 'R', areas: [{ name: 'Telemetry', artifacts: [{ category: 'Additional', content: '1', target: 'a.txt' }] }] });
    mkdirSync(join(written.dir, '.Routing.partial-9-ffff'));
    const report = await verifyBundle(written.dir);
    expect(report.Ready).toBe(true);
    expect(report.Warnings.map((w) => `${w.kind} ${w.file}`)).toEqual(['IncompleteWrite .Routing.partial-9-ffff/']);
  });

  it('merge adds an area to an existing bundle (the original -Force) and keeps the index consistent; error mode refuses', async () => {
    const out = tempDir('st-bundle-out-');
    await writeBundle({ outputRoot: out, name: 'R', areas: [{ name: 'Telemetry', artifacts: [{ category: 'Additional', content: '1', target: 'a.txt' }] }] });
    await expect(writeBundle({ outputRoot: out, name: 'R', onExisting: 'error', areas: [{ name: 'Routing', artifacts: [{ category: 'Additional', content: '2', target: 'b.txt' }] }] })).rejects.toThrow(/already exists/);
    await writeBundle({ outputRoot: out, name: 'R', onExisting: 'merge', areas: [{ name: 'Routing', artifacts: [{ category: 'Additional', content: '2', target: 'b.txt' }] }] });
    // Replacing an area swaps it whole.
    await writeBundle({ outputRoot: out, name: 'R', onExisting: 'merge', areas: [{ name: 'Telemetry', artifacts: [{ category: 'Additional', content: '3', target: 'c.txt' }] }] });
    expect(readdirSync(join(out, 'R')).sort()).toEqual(['README.md', 'Routing', 'Telemetry', 'statetrace-bundle.json']);
    expect(readdirSync(join(out, 'R', 'Telemetry')).sort()).toEqual(['README.md', 'TelemetryBundle.json', 'c.txt']);
    const report = await verifyBundle(join(out, 'R'));
    expect(report.Areas.map((a) => a.Area)).toEqual(['Routing', 'Telemetry']);
    expect(report.Ready).toBe(true);
  });

  it('refuses unsafe names and empty areas with a hint', async () => {
    const out = tempDir('st-bundle-out-');
    await expect(writeBundle({ outputRoot: out, name: '../evil', areas: [{ name: 'T', artifacts: [{ category: 'x', content: '1', target: 'a' }] }] })).rejects.toThrow(/not a safe folder name/);
    await expect(writeBundle({ outputRoot: out, name: 'R', areas: [{ name: 'T', artifacts: [{ category: 'x', content: '1', target: '../a' }] }] })).rejects.toThrow(/not a relative path inside the area/);
    await expect(writeBundle({ outputRoot: out, name: 'R', areas: [{ name: 'T', artifacts: [] }] })).rejects.toThrow(/no artifacts/);
  });

  it('index catches edited manifests and READMEs, deleted areas, and unlisted root files', async () => {
    const make = async () => {
      const out = tempDir('st-bundle-out-');
      return (
        await writeBundle({
          outputRoot: out,
          name: 'R',
          areas: [
            { name: 'Telemetry', artifacts: [{ category: 'Additional', content: '1', target: 'a.txt' }] },
            { name: 'Routing', artifacts: [{ category: 'Additional', content: '2', target: 'b.txt' }] },
          ],
        })
      ).dir;
    };
    const kinds = async (dir: string) => [...(await verifyBundle(dir)).Problems, ...(await verifyBundle(dir)).Areas.flatMap((a) => a.Problems)].map((p) => `${p.kind} ${p.file}`).sort();

    let dir = await make();
    const manifestPath = join(dir, 'Routing', 'TelemetryBundle.json');
    writeFileSync(manifestPath, readFileSync(manifestPath, 'utf8').replace('"Notes": null', '"Notes": "edited"'));
    expect(await kinds(dir)).toEqual(['IndexMismatch Routing/TelemetryBundle.json']);

    dir = await make();
    writeFileSync(join(dir, 'Telemetry', 'README.md'), 'rewritten');
    expect(await kinds(dir)).toEqual(['IndexMismatch Telemetry/README.md']);

    dir = await make();
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'Routing'), { recursive: true });
    expect(await kinds(dir)).toEqual(['AreaMissing Routing/']);

    dir = await make();
    writeFileSync(join(dir, 'notes.txt'), 'x');
    expect(await kinds(dir)).toEqual(['Unlisted notes.txt']);

    dir = await make();
    writeFileSync(join(dir, 'statetrace-bundle.json'), '{ broken');
    expect(await kinds(dir)).toEqual(['IndexUnreadable statetrace-bundle.json']);
  });
});

describe.skipIf(!hasCorpus)(`manifest schema conformance (corpus: schemas/bundles) ${hasCorpus ? '' : corpusSkipReason}`, () => {
  // Collected even when the suite is skipped, so only read the file when the corpus exists.
  const original = hasCorpus ? (JSON.parse(readFileSync(corpusPath('schemas', 'bundles', 'telemetrybundle_manifest.schema.json'), 'utf8')) as object) : {};

  it('the restated schema is identical to the original telemetrybundle_manifest.schema.json', () => {
    expect(JSON.parse(JSON.stringify(manifestSchema))).toEqual(original);
  });

  it('manifests written by statetrace validate against the original schema file (ajv)', async () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(original);
    const out = tempDir('st-bundle-out-');
    const written = await writeBundle({
      outputRoot: out,
      name: 'Conformance',
      areas: [
        { name: 'Telemetry', artifacts: [{ category: 'RollupCsv', content: 'x', target: 'IngestionMetricsSummary.csv' }], planReferences: ['PlanE'], notes: 'n' },
        { name: 'Routing', artifacts: [{ category: 'QueueDelaySummary', content: '{}', target: 'QueueDelaySummary.json' }], taskBoardIds: null, notes: null },
      ],
    });
    for (const area of written.areas) {
      const manifest = readManifest(area.manifestPath);
      expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
    }
  });
});

afterAll(removeTempRoot);
