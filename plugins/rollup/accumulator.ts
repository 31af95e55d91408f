/**
 * One accumulator per (file, scope): the running state from which a scope's summary rows are
 * built. It follows the original's per-event rules (STATETRACE-TELEMETRY §3.2) exactly, including
 * which casts fail, which count 0, and that sums are running sums in file order.
 */
import { asciiLower, psBool, psDouble, psString, type RollupRecord } from './fields.js';

/**
 * `text.toLowerCase()` / `toUpperCase()`, remembered: the same few sites, hosts and statuses recur
 * on every event, and folding each occurrence afresh (a new string to allocate and hash, for every
 * event and every scope) was most of the rollup's per-event cost.
 */
function memoFold(fold: (text: string) => string): (text: string) => string {
  const folded = new Map<string, string>();
  return (text) => {
    let result = folded.get(text);
    if (result === undefined) {
      result = fold(text);
      if (folded.size < 10_000) folded.set(text, result);
    }
    return result;
  };
}
export const lowerCaseOf = memoFold((text) => text.toLowerCase());
const upperCaseOf = memoFold((text) => text.toUpperCase());

/** A case-insensitive counter that keeps the first spelling of each key (a PowerShell hashtable). */
export class CaseInsensitiveCounts {
  private readonly entries = new Map<string, { label: string; count: number }>();

  /** Count `key` unless it is blank (the original's Add-DictionaryCount ignores blank keys). */
  add(key: string): void {
    if (key.trim() === '') return;
    const folded = lowerCaseOf(key);
    const entry = this.entries.get(folded);
    if (entry) entry.count++;
    else this.entries.set(folded, { label: key, count: 1 });
  }

  has(key: string): boolean {
    return this.entries.has(lowerCaseOf(key));
  }

  get size(): number {
    return this.entries.size;
  }

  /** Entries in first-seen order. */
  list(): Array<{ label: string; count: number }> {
    return [...this.entries.values()];
  }
}

/** A set of trimmed names compared ordinal-ignore-case (the original's HashSet of hostnames). */
class CaseInsensitiveSet {
  private readonly keys = new Set<string>();
  add(value: string): void {
    this.keys.add(upperCaseOf(value));
  }
  get size(): number {
    return this.keys.size;
  }
}

/** Values of one duration-like metric, in file order. Sum and max are running, as in the original. */
export class SampleSeries {
  readonly values: number[] = [];
  sum = 0;
  max = Number.NEGATIVE_INFINITY;
  add(value: number): void {
    this.values.push(value);
    this.sum += value;
    if (value > this.max) this.max = value;
  }
  get count(): number {
    return this.values.length;
  }
}

export class MetricAccumulator {
  readonly parseDurations = new SampleSeries();
  parseFailures = 0;
  readonly writeLatencies = new SampleSeries();
  rowsWrittenCount = 0;
  rowsWrittenTotal = 0;
  rowsDeletedTotal = 0;
  readonly rowsWrittenHosts = new CaseInsensitiveSet();
  skippedDuplicateCount = 0;
  readonly skippedDuplicateHosts = new CaseInsensitiveSet();
  readonly siteCacheFetch = new SampleSeries();
  siteCacheZeroCount = 0;
  readonly siteCacheStatuses = new CaseInsensitiveCounts();
  readonly siteCacheProviders = new CaseInsensitiveCounts();
  diffUsageCount = 0;
  diffUsageNumerator = 0;
  diffUsageDenominator = 0;
  readonly diffUsageStatuses = new CaseInsensitiveCounts();
  readonly driftDetection = new SampleSeries();
  readonly diffCompareDurations = new SampleSeries();
  readonly diffCompareDurationStatuses = new CaseInsensitiveCounts();
  readonly diffResultTotals = new SampleSeries();
  diffResultAdded = 0;
  diffResultRemoved = 0;
  diffResultChanged = 0;
  diffResultUnchanged = 0;
  readonly diffResultStatuses = new CaseInsensitiveCounts();
  readonly userActions = new CaseInsensitiveCounts();

  constructor(private readonly includeSiteCache: boolean) {}

  /** Apply one event. `eventName` is the event's trimmed name; matching is case-insensitive. */
  add(eventName: string, e: RollupRecord): void {
    switch (eventKey(eventName)) {
      case 'parseduration': {
        if (e.DurationSeconds === undefined) return;
        const seconds = psDouble(e.DurationSeconds);
        if (seconds === undefined) return;
        this.parseDurations.add(seconds);
        // An absent Success means success; a present one is cast with [bool] (null → false).
        if (e.Success !== undefined && !psBool(e.Success)) this.parseFailures++;
        return;
      }
      case 'databasewritelatency': {
        if (e.LatencyMs === undefined) return;
        const latency = psDouble(e.LatencyMs);
        if (latency !== undefined) this.writeLatencies.add(latency);
        return;
      }
      case 'rowswritten': {
        const rows = e.Rows === undefined ? 0 : (psDouble(e.Rows) ?? 0);
        const deleted = e.DeletedRows === undefined ? 0 : (psDouble(e.DeletedRows) ?? 0);
        this.rowsWrittenCount++;
        this.rowsWrittenTotal += rows;
        this.rowsDeletedTotal += deleted;
        if (e.Hostname !== undefined) {
          const host = psString(e.Hostname).trim();
          if (host !== '') this.rowsWrittenHosts.add(host);
        }
        return;
      }
      case 'skippedduplicate': {
        this.skippedDuplicateCount++;
        if (e.Hostname !== undefined) {
          const host = psString(e.Hostname).trim();
          if (host !== '') this.skippedDuplicateHosts.add(host);
        }
        return;
      }
      case 'interfacesynctiming': {
        if (!this.includeSiteCache) return;
        if (e.SiteCacheFetchDurationMs !== undefined) {
          const duration = psDouble(e.SiteCacheFetchDurationMs);
          if (duration !== undefined) {
            if (duration > 0) this.siteCacheFetch.add(duration);
            else this.siteCacheZeroCount++;
          }
        }
        if (e.SiteCacheFetchStatus !== undefined) this.siteCacheStatuses.add(psString(e.SiteCacheFetchStatus).trim());
        if (e.SiteCacheProvider !== undefined) this.siteCacheProviders.add(psString(e.SiteCacheProvider).trim());
        return;
      }
      case 'diffusagerate': {
        let parsed = false;
        let numerator = 0;
        let denominator = 0;
        if (e.UsageNumerator !== undefined) {
          const value = psDouble(e.UsageNumerator);
          if (value !== undefined) {
            numerator = value;
            parsed = true;
          }
        }
        if (e.UsageDenominator !== undefined) {
          const value = psDouble(e.UsageDenominator);
          if (value !== undefined) {
            denominator = value;
            parsed = true;
          }
        }
        if (!parsed) return;
        this.diffUsageCount++;
        this.diffUsageNumerator += numerator;
        this.diffUsageDenominator += denominator;
        if (e.Status !== undefined) this.diffUsageStatuses.add(psString(e.Status).trim());
        return;
      }
      case 'driftdetectiontime': {
        if (e.DurationMinutes === undefined) return;
        const minutes = psDouble(e.DurationMinutes);
        if (minutes !== undefined) this.driftDetection.add(minutes);
        return;
      }
      case 'diffcomparedurationms': {
        const status = this.countStatus(e, this.diffCompareDurationStatuses);
        if (!isExecutedOrBlank(status)) return;
        if (e.DurationMs === undefined) return;
        const duration = psDouble(e.DurationMs);
        if (duration !== undefined) this.diffCompareDurations.add(duration);
        return;
      }
      case 'diffcompareresultcounts': {
        const status = this.countStatus(e, this.diffResultStatuses);
        if (!isExecutedOrBlank(status)) return;
        let hasAny = false;
        const read = (value: unknown): number => {
          if (value === undefined) return 0;
          const number = psDouble(value);
          if (number === undefined) return 0;
          hasAny = true;
          return number;
        };
        let total = read(e.TotalCount);
        const added = read(e.AddedCount);
        const removed = read(e.RemovedCount);
        const changed = read(e.ChangedCount);
        const unchanged = read(e.UnchangedCount);
        if (!hasAny) return;
        if (total <= 0) total = added + removed + changed + unchanged;
        this.diffResultTotals.add(total);
        this.diffResultAdded += added;
        this.diffResultRemoved += removed;
        this.diffResultChanged += changed;
        this.diffResultUnchanged += unchanged;
        return;
      }
      case 'useraction': {
        this.userActions.add(e.Action === undefined ? '(unspecified)' : psString(e.Action).trim());
        return;
      }
      default:
        return;
    }
  }

  private countStatus(e: RollupRecord, counts: CaseInsensitiveCounts): string {
    if (e.Status === undefined) return '';
    const status = psString(e.Status).trim();
    counts.add(status);
    return status;
  }
}

/** The original compares with PowerShell's case-insensitive `-ne 'Executed'`. */
function isExecutedOrBlank(status: string): boolean {
  return status === '' || lowerCaseOf(status) === 'executed';
}

/** Event names fold to lower case once each (a handful of distinct names, one call per event). */
const eventKey = memoFold(asciiLower);
