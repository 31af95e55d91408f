/** `persistence.verify-counts`: read every site database back and record the counts as facts. */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { ErrorCode, StatetraceError } from '../../core/errors.js';
import type { StepContext } from '../../core/plugin.js';
import { readSiteCounts } from './store.js';

export interface VerifyCountsOptions {
  dataDir?: string;
  /** What `persistence.rows` holds: `interfaces` (current rows) or `history` (every insert/update ever written). */
  rows: 'interfaces' | 'history';
  requireSites?: string[];
  minRows?: number;
}

export function verifyCounts(ctx: StepContext, o: VerifyCountsOptions): Record<string, unknown> {
  const dataDir = o.dataDir ? (isAbsolute(o.dataDir) ? o.dataDir : resolve(ctx.rootDir, o.dataDir)) : join(ctx.runDir, 'data');
  if (!existsSync(dataDir)) {
    throw new StatetraceError(ErrorCode.InputMissing, `no site databases: ${dataDir} does not exist`, { hint: 'run parser.ingest before persistence.verify-counts' });
  }
  const counts = readSiteCounts(dataDir);
  const interfaces: Record<string, number> = {};
  const history: Record<string, number> = {};
  const hosts: Record<string, number> = {};
  const hostRows: Record<string, number> = {};
  let total = 0;
  const problems: string[] = [];
  for (const [site, c] of Object.entries(counts)) {
    for (const [s, n] of Object.entries(c.bySummarySite)) interfaces[s] = (interfaces[s] ?? 0) + n;
    for (const [s, n] of Object.entries(c.historyBySummarySite)) history[s] = (history[s] ?? 0) + n;
    hosts[site] = c.hosts;
    Object.assign(hostRows, c.byHost);
    total += c.rows;
    if (c.seedRows > 0) problems.push(`${c.db}: ${c.seedRows} rows left in InterfaceBulkSeed (staging must be empty after every host)`);
  }
  for (const site of o.requireSites ?? []) if (!(site in counts)) problems.push(`site database for ${site} is missing`);
  if (o.minRows !== undefined && total < o.minRows) problems.push(`${total} interface rows in all sites, expected at least ${o.minRows}`);
  if (Object.keys(counts).length === 0) problems.push(`no *.sqlite site databases under ${dataDir}`);
  if (problems.length > 0) {
    throw new StatetraceError(ErrorCode.InputInvalid, `site database check failed:\n  ${problems.join('\n  ')}`, { hint: 'see the ingest step warnings for hosts that failed' });
  }
  ctx.fact('persistence.rows', o.rows === 'history' ? history : interfaces);
  ctx.fact('persistence.interfaceRows', interfaces);
  ctx.fact('persistence.historyRows', history);
  ctx.fact('persistence.hosts', hosts);
  ctx.fact('persistence.totalRows', total);
  ctx.log.info(`${Object.keys(counts).length} site database(s), ${total} interface rows: ${Object.entries(interfaces).map(([s, n]) => `${s} ${n}`).join(', ')}`);
  return { sites: Object.keys(counts), rows: total, hostRows };
}
