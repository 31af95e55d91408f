/**
 * Concurrency profile (`Get-AutoScaleConcurrencyProfile`, DOMAIN §2.7) and the site-aware job scheduler
 * (`Get-NextSiteQueueJob`, §2.8): per-site FIFO queues, round-robin over sites in first-seen order,
 * per-site worker caps, an active-site cap, and a limit on consecutive launches for one site.
 */

/** Site of a file for auto-scale counting and balanced ordering: base name up to the first `-`. */
export function fileSite(name: string): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return base.split('-', 2)[0] ?? base;
}

export interface ConcurrencyProfile {
  ThreadCeiling: number;
  MaxWorkersPerSite: number;
  MaxActiveSites: number;
  JobsPerThread: number;
  MinRunspaces: number;
  DeviceCount: number;
  SiteCount: number;
}

/**
 * The profile function. `T, W, J` > 0 are explicit; `S` = 0 means "no active-site cap", `S` < 0 "derive";
 * `M` in 1..threads is explicit.
 */
export function autoScaleProfile(files: string[], cpu: number, T = 0, W = 0, S = -1, J = 0, M = 0): ConcurrencyProfile {
  const devices = files.length;
  const siteCount = new Set(files.map((f) => fileSite(f).toLowerCase())).size;
  const sites = Math.max(1, siteCount);
  const bound = Math.max(1, Math.min(2 * cpu, Math.max(1, devices)));
  let threads = T > 0 ? T : Math.min(Math.ceil(0.75 * cpu), devices > 0 ? devices : Math.ceil(0.75 * cpu));
  threads = Math.min(Math.max(threads, 1), bound);
  let workers = W > 0 ? W : Math.max(1, Math.ceil(threads / sites));
  if (W <= 0) workers = Math.min(workers, sites <= 1 ? 4 : 12);
  let activeSites: number;
  if (S === 0) activeSites = 0;
  else if (S > 0) activeSites = Math.min(sites, S);
  else activeSites = Math.min(Math.max(Math.ceil(threads / workers), 1), sites);
  const jobs = J > 0 ? J : Math.min(Math.max(Math.ceil(Math.max(1, devices) / threads), 1), 4);
  const min = M >= 1 && M <= threads ? M : Math.max(1, Math.min(threads, Math.ceil(sites / 2)));
  return { ThreadCeiling: threads, MaxWorkersPerSite: workers, MaxActiveSites: activeSites, JobsPerThread: jobs, MinRunspaces: min, DeviceCount: devices, SiteCount: siteCount };
}

export interface ResolvedConcurrency extends ConcurrencyProfile {
  MaxConsecutiveSiteLaunches: number;
  DecisionSource: 'AutoScale' | 'Settings';
}

/** ParserWorker's post-processing: thread count bounded by CPUs and by what the site caps can use. */
export function resolveConcurrency(
  files: string[],
  cpu: number,
  settings: { autoScale?: boolean; threadCeiling?: number; maxWorkersPerSite?: number; maxActiveSites?: number; jobsPerThread?: number; minRunspaces?: number; maxConsecutiveSiteLaunches?: number },
): ResolvedConcurrency {
  const autoScale = settings.autoScale ?? true;
  const T = settings.threadCeiling ?? 0;
  const W = settings.maxWorkersPerSite ?? 0;
  const S = settings.maxActiveSites ?? 0;
  const J = settings.jobsPerThread ?? 0;
  const M = settings.minRunspaces ?? 1;
  let profile: ConcurrencyProfile;
  if (autoScale) profile = autoScaleProfile(files, cpu, T, W, S, J, M);
  else {
    const siteCount = new Set(files.map((f) => fileSite(f).toLowerCase())).size;
    profile = {
      ThreadCeiling: T > 0 ? T : Math.min(8, cpu),
      MaxWorkersPerSite: W > 0 ? W : 1,
      MaxActiveSites: S > 0 ? S : S === 0 ? 0 : 1,
      JobsPerThread: J > 0 ? J : 2,
      MinRunspaces: M > 0 ? M : 1,
      DeviceCount: files.length,
      SiteCount: siteCount,
    };
  }
  const min = profile.MinRunspaces;
  let threads = Math.max(min, profile.ThreadCeiling);
  threads = Math.min(threads, Math.max(min, 2 * cpu));
  if (profile.MaxActiveSites > 0) threads = Math.min(threads, Math.max(min, profile.MaxActiveSites * profile.MaxWorkersPerSite));
  else if (profile.MaxWorkersPerSite > 0) threads = Math.min(threads, Math.max(min, Math.max(1, profile.SiteCount) * profile.MaxWorkersPerSite));
  return {
    ...profile,
    ThreadCeiling: threads,
    MaxConsecutiveSiteLaunches: settings.maxConsecutiveSiteLaunches ?? 8,
    DecisionSource: autoScale ? 'AutoScale' : 'Settings',
  };
}

/** Interleave items across sites: sites by queue length (desc) then name, one item from each in turn. */
export function balancedOrder<T>(items: T[], siteOf: (item: T) => string): T[] {
  const queues = new Map<string, T[]>();
  for (const item of items) {
    const site = siteOf(item);
    let q = queues.get(site);
    if (!q) queues.set(site, (q = []));
    q.push(item);
  }
  const ordered = [...queues.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: T[] = [];
  for (let i = 0; out.length < items.length; i++) for (const [, q] of ordered) if (i < q.length) out.push(q[i]!);
  return out;
}

export interface LaunchSnapshot {
  Site: string;
  ActiveWorkers: number;
  ActiveSites: number;
  ThreadBudget: number;
  QueuedJobs: number;
  QueuedSites: number;
  CurrentStreak: number;
}

/**
 * Per-site FIFO queues with fair launching. `next()` returns the next job allowed to start (or undefined when
 * the caps forbid it or nothing is queued); `finished(site)` releases a worker slot.
 */
export class SiteScheduler<J> {
  private readonly queues = new Map<string, J[]>();
  private readonly rotation: string[] = [];
  private readonly active = new Map<string, number>();
  private pointer = 0;
  private lastSite: string | undefined;
  private streak = 0;
  private queued = 0;

  constructor(
    private readonly limits: { maxWorkersPerSite: number; maxActiveSites: number; maxConsecutive: number; threadBudget: number },
  ) {}

  enqueue(site: string, job: J): void {
    let q = this.queues.get(site);
    if (!q) {
      this.queues.set(site, (q = []));
      this.rotation.push(site);
    }
    q.push(job);
    this.queued++;
  }

  get queuedJobs(): number {
    return this.queued;
  }

  get activeWorkers(): number {
    let n = 0;
    for (const v of this.active.values()) n += v;
    return n;
  }

  private activeSiteCount(): number {
    let n = 0;
    for (const v of this.active.values()) if (v > 0) n++;
    return n;
  }

  private queuedSiteCount(): number {
    let n = 0;
    for (const q of this.queues.values()) if (q.length > 0) n++;
    return n;
  }

  private eligible(site: string): boolean {
    const q = this.queues.get(site);
    if (!q || q.length === 0) return false;
    const active = this.active.get(site) ?? 0;
    if (this.limits.maxWorkersPerSite > 0 && active >= this.limits.maxWorkersPerSite) return false;
    if (this.limits.maxActiveSites > 0 && active === 0 && this.activeSiteCount() >= this.limits.maxActiveSites) return false;
    return true;
  }

  /** The next job to launch, with the launch snapshot for `ParserSchedulerLaunch`. */
  next(): { site: string; job: J; launch: LaunchSnapshot } | undefined {
    if (this.queued === 0 || this.rotation.length === 0) return undefined;
    const n = this.rotation.length;
    let chosen: string | undefined;
    let fallback: string | undefined;
    for (let i = 0; i < n; i++) {
      const site = this.rotation[(this.pointer + i) % n]!;
      if (!this.eligible(site)) continue;
      if (site === this.lastSite && this.streak >= this.limits.maxConsecutive) {
        fallback ??= site;
        continue;
      }
      chosen = site;
      this.pointer = (this.rotation.indexOf(site) + 1) % n;
      break;
    }
    let resetStreak = false;
    // The streak limit may only be broken when no other site has queued work at all; if another site has
    // work but is at its worker cap, wait for a slot rather than launch this site again.
    const othersWaiting = [...this.queues.entries()].some(([site, q]) => site !== fallback && q.length > 0);
    if (chosen === undefined && fallback !== undefined && !othersWaiting) {
      chosen = fallback;
      resetStreak = true;
      this.pointer = (this.rotation.indexOf(fallback) + 1) % n;
    }
    if (chosen === undefined) return undefined;
    const queuedSitesBefore = this.queuedSiteCount();
    const job = this.queues.get(chosen)!.shift()!;
    this.queued--;
    this.active.set(chosen, (this.active.get(chosen) ?? 0) + 1);
    if (resetStreak || chosen !== this.lastSite) this.streak = 1;
    else this.streak++;
    this.lastSite = chosen;
    return {
      site: chosen,
      job,
      launch: {
        Site: chosen,
        ActiveWorkers: this.activeWorkers,
        ActiveSites: this.activeSiteCount(),
        ThreadBudget: this.limits.threadBudget,
        QueuedJobs: this.queued,
        QueuedSites: queuedSitesBefore,
        CurrentStreak: this.streak,
      },
    };
  }

  finished(site: string): void {
    const v = this.active.get(site) ?? 0;
    this.active.set(site, Math.max(0, v - 1));
  }
}
