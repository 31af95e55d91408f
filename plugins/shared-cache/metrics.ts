/** Every event and field the shared-cache plugin emits (and the site-cache fields it hands to persistence). */
import type { MetricDefinition, MetricKind, MetricUnit } from '../../core/metrics/types.js';

const m = (name: string, unit: MetricUnit, kind: MetricKind, description: string): MetricDefinition => ({ name, unit, kind, description });
const label = (name: string, description: string) => m(name, 'none', 'label', description);
const count = (name: string, description: string) => m(name, 'count', 'count', description);
const ms = (name: string, description: string) => m(name, 'ms', 'duration', description);

/** Site-cache fields the cache supplies to `InterfaceSyncTiming` (and persistence forwards to `DatabaseWriteBreakdown`). */
const siteCacheFields = (event: string): MetricDefinition[] => [
  label(`${event}.SiteCacheProvider`, 'Where the host\'s existing rows came from: SharedCache, Cache, Refreshed, Unknown.'),
  label(`${event}.SiteCacheProviderReason`, 'Why: SharedCacheMatch, AccessCacheHit, AccessRefresh, DatabaseQueryFallback, SharedCacheUnavailable, SkipSiteCacheUpdate, SiteExistingCache.'),
  label(`${event}.SiteCacheFetchStatus`, 'SharedOnly, Hit, Miss, Refreshed, Disabled, SkippedEmpty.'),
  label(`${event}.SiteCacheExistingRowSource`, 'CacheInitial, CacheRefresh, SiteExistingCache, DatabaseQuery.'),
  ms(`${event}.SiteCacheFetchDurationMs`, 'Time the site cache took to answer for the host.'),
  label(`${event}.SiteCacheStage`, 'Lookup stage that answered: Initial or Refresh.'),
  count(`${event}.SiteCacheHostCount`, 'Hosts of the site in the shared store at lookup time.'),
  count(`${event}.SiteCacheTotalRows`, 'Rows of the site in the shared store at lookup time.'),
  count(`${event}.SiteCacheCachedRowCount`, 'Rows the cache returned for the host (0 on a miss).'),
];

/**
 * Host-signature fields persistence derives from the fingerprint the cache returns with a host's rows
 * (present only when the cache served rows; see docs/persistence.md "Host-signature fast path").
 */
const hostSignatureFields = (event: string): MetricDefinition[] => [
  count(`${event}.SiteCacheHostMapSignatureMatchCount`, '1 when the cached rows came from the same source fingerprint (diff skipped), else 0.'),
  count(`${event}.SiteCacheHostMapSignatureRewriteCount`, '1 when the host\'s rows changed, so the cached host map was rewritten, else 0.'),
  label(`${event}.SiteCacheHostMapSignatureStatus`, 'Match, Mismatch, CachedFingerprintMissing, SourceFingerprintMissing, VlanTextQuirk.'),
];

export const sharedCacheMetrics: MetricDefinition[] = [
  label('InterfaceSiteCacheSharedStore.Operation', 'GetHit, GetMiss, Set or Remove.'),
  label('InterfaceSiteCacheSharedStore.Site', 'Site key of the operation.'),
  label('InterfaceSiteCacheSharedStore.Hostname', 'Host of a per-host operation.'),
  count('InterfaceSiteCacheSharedStore.HostCount', 'Hosts of the site after the operation.'),
  count('InterfaceSiteCacheSharedStore.TotalRows', 'Rows of the site after the operation.'),
  count('InterfaceSiteCacheSharedStore.FragmentHosts', 'Hosts in a merged site fragment.'),
  label('InterfaceSiteCacheSharedStoreState.Operation', 'SnapshotImported, InitializedWithSnapshot, InitNewStore, InitReuseStore, ClearRequested, Cleared.'),
  label('InterfaceSiteCacheSharedStoreState.Reason', 'Why the store was created or cleared.'),
  label('InterfaceSiteCacheSharedStoreState.Path', 'Snapshot file imported.'),
  count('InterfaceSiteCacheSharedStoreState.SiteCount', 'Sites imported / in the store.'),
  count('InterfaceSiteCacheSharedStoreState.HostCount', 'Hosts imported.'),
  count('InterfaceSiteCacheSharedStoreState.TotalRows', 'Rows imported.'),
  label('InterfaceSiteCacheMetrics.Site', 'Site of the cache summary.'),
  label('InterfaceSiteCacheMetrics.CacheStatus', 'SharedOnly, SkippedEmpty, Hydrated, Refreshed.'),
  m('InterfaceSiteCacheMetrics.Refreshed', 'none', 'flag', 'The site cache was force-refreshed from the database.'),
  ms('InterfaceSiteCacheMetrics.HydrationDurationMs', 'Time to load the site cache from the database.'),
  count('InterfaceSiteCacheMetrics.HostCount', 'Hosts known for the site.'),
  count('InterfaceSiteCacheMetrics.TotalRows', 'Rows known for the site.'),
  label('InterfaceSiteCacheMetrics.Provider', 'Provider label of the site summary.'),
  ...siteCacheFields('InterfaceSyncTiming'),
  ...siteCacheFields('DatabaseWriteBreakdown'),
  ...hostSignatureFields('InterfaceSyncTiming'),
  ...hostSignatureFields('DatabaseWriteBreakdown'),
  // Analyzer summaries (shared-cache.analyze-store-state / analyze-provider-reasons).
  ...['SnapshotImported', 'InitDelegatedStore', 'InitNewStore', 'InitAdoptedStore', 'InitReuseStore', 'ClearRequested', 'Cleared', 'GetHit', 'GetMiss', 'Set', 'Remove', 'OtherOperations'].map((f) =>
    count(`SharedCacheStoreState.${f}`, `Store-state analyzer: ${f} operations counted.`),
  ),
  ...['FirstTimestamp', 'LastTimestamp', 'StartTimeUtc', 'EndTimeUtc'].map((f) => m(`SharedCacheStoreState.${f}`, 'none', 'timestamp', `Store-state analyzer: ${f}.`)),
  label('SharedCacheSnapshotSite.Snapshot', 'Snapshot file the site was read from.'),
  label('SharedCacheSnapshotResolution.ResolvedPath', 'Snapshot file chosen (null when none).'),
  label('SharedCacheStoreState.Scope', 'PassLabel the analysis was restricted to, or All.'),
  label('SiteCacheProviderReasons.Scope', 'PassLabel the analysis was restricted to, or All.'),
  label('SharedCacheSnapshotResolution.Source', 'Explicit, AutoDiscovered, Seed or None.'),
  label('SharedCacheSnapshotResolution.FallbackReason', 'Why the resolver fell back (FileNotFound, MissingSites: …, TooOld: …, SeedNotFound, …).'),
  m('SharedCacheSnapshotResolution.Valid', 'none', 'flag', 'A usable snapshot was resolved.'),
  m('SharedCacheSnapshotResolution.SnapshotAge', 'h', 'gauge', 'Age of the resolved snapshot.'),
  count('SharedCacheSnapshotResolution.SiteCount', 'Sites in the resolved snapshot.'),
  count('SharedCacheSnapshotResolution.HostCount', 'Hosts in the resolved snapshot.'),
  label('SiteCacheProviderReasons.Site', 'Site of the provider-reason counts.'),
  ...['Total', 'AccessRefresh', 'AccessCacheHit', 'SharedCacheMatch', 'SkipSiteCacheUpdate', 'Unknown'].map((f) =>
    count(`SiteCacheProviderReasons.${f}`, `Provider-reason analyzer: InterfaceSyncTiming events with reason ${f}${f === 'Total' ? ' (all reasons)' : ''}.`),
  ),
  // Snapshot guards (shared-cache.check-snapshot).
  label('SharedCacheSnapshotGuard.Snapshot', 'Snapshot file checked.'),
  count('SharedCacheSnapshotGuard.SiteCount', 'Distinct sites in the snapshot.'),
  count('SharedCacheSnapshotGuard.HostCount', 'Hosts in the snapshot.'),
  count('SharedCacheSnapshotGuard.TotalRows', 'Interface rows in the snapshot.'),
  count('SharedCacheSnapshotGuard.RequiredSitesMissing', 'Required sites absent from the snapshot.'),
  m('SharedCacheSnapshotGuard.Pass', 'none', 'flag', 'Coverage guard verdict (minimum sites/hosts/rows, required sites).'),
  m('SharedCacheSnapshotGuard.SizeBytes', 'bytes', 'gauge', 'Snapshot file size.'),
  m('SharedCacheSnapshotGuard.EvictionPass', 'none', 'flag', 'Size/eviction guard verdict (50 MB, 500 hosts, 50,000 rows, shrink 5 %, eviction rate 10 %).'),
  label('SharedCacheSnapshotSite.Site', 'A site present in the snapshot.'),
  count('SharedCacheSnapshotSite.Hosts', 'Hosts of the site in the snapshot.'),
  count('SharedCacheSnapshotSite.TotalRows', 'Rows of the site in the snapshot.'),
];
