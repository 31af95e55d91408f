/**
 * Builds bundles shaped like the original's committed sample `Data/Samples/TelemetryBundles/
 * Sample-ReleaseBundle/` (STATETRACE-TELEMETRY.md §6.4) in a temp folder: CRLF files, a BOM'd
 * manifest with Windows paths, a Telemetry area with 6 listed artifacts, and a Routing area whose
 * routing telemetry JSON and dispatcher logs are listed but absent (as in a fresh clone of the original).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from './tmp.js';

const crlf = (lines: string[]) => lines.join('\r\n') + '\r\n';
const sha = (text: string) => createHash('sha256').update(text).digest('hex').toUpperCase();

interface SampleFile {
  category: string;
  target: string;
  content: string;
  /** Listed in the manifest but not written (git-ignored `.log` files, absent blobs). */
  absent?: boolean;
}

export const telemetryFiles: SampleFile[] = [
  { category: 'RollupCsv', target: 'IngestionMetricsSummary-20250101.csv', content: crlf(['Date,Scope,Metric,Count,Average,P95,Max,Total,SecondaryTotal,Notes', '2025-01-01,All,ParseDurationSeconds,1,1.5,1.5,1.5,1.5,,']) },
  { category: 'SharedCacheAnalyzer', target: 'SharedCacheStoreState-20250101.json', content: crlf(['{"SnapshotImported":1,"GetHit":10,"GetMiss":0}']) },
  { category: 'SharedCacheAnalyzer', target: 'SiteCacheProviderReasons-20250101.json', content: crlf(['{"AccessRefresh":0,"SharedCacheMatch":10}']) },
  { category: 'WarmTelemetry', target: 'WarmRunTelemetry-20250101.json', content: crlf(['{"EventName":"WarmRunComparison","ImprovementPercent":75.0}']) },
  { category: 'DiffHotspots', target: 'WarmRunDiffHotspots-20250101.csv', content: crlf(['DiffKey,Count,TotalMs', 'Interfaces,3,42']) },
  { category: 'DocSync', target: 'DocSync\\DocSyncChecklist.json', content: crlf(['{"TaskId":"ST-G-007","Status":"Sample"}']) },
];

export const routingFiles: SampleFile[] = [
  { category: 'RoutingTelemetry', target: 'RoutingTelemetry-20250101.json', content: crlf(['{"EventName":"RouteHealth"}']), absent: true },
  { category: 'QueueDelaySummary', target: 'QueueDelaySummary-20250101.json', content: crlf(['{"SampleCount":5,"QueueBuildDelayP95Ms":50.0}']) },
  { category: 'QueueDelaySummary', target: 'QueueDelaySummary-latest.json', content: crlf(['{"Latest":"QueueDelaySummary-20250101.json"}']) },
  { category: 'DispatcherLogs', target: 'DispatcherLogs\\BOYO-Dispatcher.log', content: crlf(['dispatch BOYO']), absent: true },
  { category: 'DispatcherLogs', target: 'DispatcherLogs\\WLLS-Dispatcher.log', content: crlf(['dispatch WLLS']), absent: true },
  { category: 'DocSync', target: 'DocSync\\DocSyncChecklist.json', content: crlf(['{"TaskId":"ST-G-007","Status":"Sample"}']) },
];

export interface SampleOptions {
  /** Area whose manifest carries the generator's `RiskRegisterEntries` field (a schema violation). */
  riskRegisterIn?: 'Telemetry' | 'Routing';
  /** Write the Routing area at all. */
  routing?: boolean;
}

/** Returns the bundle folder `<tmp>/Sample-ReleaseBundle`. */
export function buildSampleBundle(options: SampleOptions = {}): string {
  const root = tempDir('st-bundle-sample-');
  const bundle = join(root, 'Sample-ReleaseBundle');
  writeArea(bundle, 'Telemetry', telemetryFiles, options.riskRegisterIn === 'Telemetry');
  if (options.routing !== false) writeArea(bundle, 'Routing', routingFiles, options.riskRegisterIn === 'Routing');
  return bundle;
}

function writeArea(bundle: string, area: string, files: SampleFile[], riskRegister: boolean): void {
  const dir = join(bundle, area);
  mkdirSync(dir, { recursive: true });
  for (const f of files) {
    if (f.absent) continue;
    const path = join(dir, ...f.target.split('\\'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
  }
  const windowsArea = `C:\\StateTrace\\Data\\Samples\\TelemetryBundles\\Sample-ReleaseBundle\\${area}`;
  const manifest: Record<string, unknown> = {
    BundleName: 'Sample-ReleaseBundle',
    AreaName: area,
    CreatedAt: '2025-01-01T00:00:00Z',
    Hostname: 'SAMPLE-SEAT',
    OutputRoot: 'C:\\StateTrace\\Data\\Samples\\TelemetryBundles\\Sample-ReleaseBundle',
    BundlePath: windowsArea,
    PlanReferences: ['PlanE', 'PlanG'],
    TaskBoardIds: ['ST-G-007'],
    ...(riskRegister ? { RiskRegisterEntries: ['RR-12'] } : {}),
    Notes: 'Static sample bundle fixture for readiness tests.',
    Artifacts: files.map((f) => ({
      Category: f.category,
      TargetFile: f.target,
      SourcePath: `C:\\StateTrace\\Logs\\${f.target}`,
      Hash: sha(f.content),
      SizeBytes: Buffer.byteLength(f.content),
    })),
  };
  // PowerShell 5.1 `Set-Content -Encoding UTF8`: BOM + CRLF.
  writeFileSync(join(dir, 'TelemetryBundle.json'), '\ufeff' + JSON.stringify(manifest, null, 4).replace(/\n/g, '\r\n'));
  writeFileSync(join(dir, 'README.md'), crlf([`# Telemetry Bundle - Sample-ReleaseBundle`, '', ...files.map((f) => `- ${f.target}`)]));
}
