/**
 * `-AssertWarmCache` of the original (TELEMETRY §4.3): computed from the warm pass's
 * `DatabaseWriteBreakdown` events with unrounded averages. Fails when there is no warm event, a warm
 * host was not served by `Cache`/`SharedCache`, a host-map signature missed or was rewritten, or the
 * warm average is not below the cold average.
 */
import { field, numberOrUndefined, text, type JsonRecord } from '../shared-cache/read-records.js';
import { mean } from './dotnet-math.js';
import { HIT_PROVIDERS } from './comparison.js';

export interface WarmCacheAssertion {
  Pass: boolean;
  Violations: Array<'NoWarmEvents' | 'WarmCacheMiss' | 'SignatureMiss' | 'SignatureRewrite' | 'WarmNotFaster'>;
  WarmHostCount: number;
  WarmMissHosts: string[];
  SignatureMissCount: number;
  SignatureRewriteTotal: number;
  ColdAverageMs: number | null;
  WarmAverageMs: number | null;
}

const breakdowns = (events: readonly JsonRecord[]) => events.filter((e) => field(e, 'EventName') === 'DatabaseWriteBreakdown');

export function assertWarmCache(coldEvents: readonly JsonRecord[], warmEvents: readonly JsonRecord[]): WarmCacheAssertion {
  const warm = breakdowns(warmEvents);
  const cold = breakdowns(coldEvents);
  const durations = (list: JsonRecord[]) => list.map((e) => numberOrUndefined(field(e, 'InterfaceCallDurationMs'))).filter((n): n is number => n !== undefined);
  const missHosts = warm.filter((e) => !HIT_PROVIDERS.has(text(field(e, 'SiteCacheProvider')))).map((e) => text(field(e, 'Hostname')));
  const signatureMisses = warm.filter((e) => {
    const m = numberOrUndefined(field(e, 'SiteCacheHostMapSignatureMatchCount'));
    return m !== undefined && m <= 0;
  }).length;
  const rewrites = warm.reduce((n, e) => n + (numberOrUndefined(field(e, 'SiteCacheHostMapSignatureRewriteCount')) ?? 0), 0);
  const coldAvg = mean(durations(cold)) ?? null;
  const warmAvg = mean(durations(warm)) ?? null;
  const violations: WarmCacheAssertion['Violations'] = [];
  if (warm.length === 0) violations.push('NoWarmEvents');
  if (missHosts.length > 0) violations.push('WarmCacheMiss');
  if (signatureMisses > 0) violations.push('SignatureMiss');
  if (rewrites > 0) violations.push('SignatureRewrite');
  if (coldAvg !== null && warmAvg !== null && warmAvg >= coldAvg) violations.push('WarmNotFaster');
  const hosts = new Set(warm.map((e) => text(field(e, 'Hostname')).toLowerCase()).filter(Boolean));
  return {
    Pass: violations.length === 0,
    Violations: violations,
    WarmHostCount: hosts.size,
    WarmMissHosts: missHosts,
    SignatureMissCount: signatureMisses,
    SignatureRewriteTotal: rewrites,
    ColdAverageMs: coldAvg,
    WarmAverageMs: warmAvg,
  };
}
