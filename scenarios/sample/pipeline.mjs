#!/usr/bin/env node
// A small stand-in for an external ingestion pipeline, used by scenarios/sample-pipeline.yaml to
// show `exec` + gates end to end on a fresh clone. It does real work (builds and parses a
// synthetic `show interfaces status` table per host, hashes it, "writes" rows into a Map) and
// writes StateTrace-shaped telemetry (NDJSON, one event per line) with measured durations.
//
// usage: node pipeline.mjs --out <file.jsonl> [--facts <file.json>] [--hosts 37] [--seed 7]
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
if (!args.out) {
  console.error('usage: node pipeline.mjs --out <file.jsonl> [--hosts 37] [--seed 7]');
  process.exit(2);
}
const hostCount = Number(args.hosts ?? 37);
let seed = Number(args.seed ?? 7);
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

mkdirSync(dirname(args.out), { recursive: true });
const pad = (n, w = 2) => String(n).padStart(w, '0');
function timestamp(date = new Date()) {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const local = new Date(date.getTime() + offset * 60_000);
  return `${local.toISOString().slice(0, 19)}.${pad(local.getUTCMilliseconds(), 3)}0000${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}
function emit(EventName, fields) {
  appendFileSync(args.out, `${JSON.stringify({ EventName, Timestamp: timestamp(), ...fields })}\n`);
}

const sites = ['BOYO', 'WLLS'];
const database = new Map();
for (let i = 0; i < hostCount; i++) {
  const site = sites[i % sites.length];
  const hostname = `${site}-A${pad(i + 1, 2)}-AS-01`;
  const ports = site === 'BOYO' ? 10 : 48;
  emit('ParserSchedulerLaunch', { Site: site, ActiveWorkers: 1, ActiveSites: 1, ThreadBudget: 2, QueuedJobs: hostCount - i - 1, QueuedSites: i < hostCount - 1 ? 2 : 1 });

  const parseStart = performance.now();
  const lines = ['Port      Name               Status       Vlan       Duplex  Speed Type'];
  for (let p = 1; p <= ports; p++) {
    const status = random() < 0.7 ? 'connected' : 'notconnect';
    lines.push(`Gi1/0/${String(p).padEnd(4)}${`user-${p}`.padEnd(19)}${status.padEnd(13)}${String(100 + (p % 5)).padEnd(11)}a-full  a-1000 10/100/1000BaseTX`);
  }
  const rows = lines.slice(1).map((line) => ({ port: line.slice(0, 10).trim(), name: line.slice(10, 29).trim(), status: line.slice(29, 42).trim(), vlan: Number(line.slice(42, 53)) }));
  const digest = createHash('sha256').update(lines.join('\n')).digest('hex');
  const parseSeconds = (performance.now() - parseStart) / 1000;
  emit('ParseDuration', { Hostname: hostname, Site: site, StartTime: new Date().toISOString(), DurationSeconds: Number(parseSeconds.toFixed(6)), Success: true, FileName: `${hostname}.log` });

  const writeStart = performance.now();
  const previous = database.get(hostname) ?? [];
  database.set(hostname, rows);
  const latencyMs = Math.round(performance.now() - writeStart + random() * 40);
  emit('DatabaseWriteLatency', { Hostname: hostname, Site: site, LatencyMs: latencyMs });
  emit('RowsWritten', { Hostname: hostname, Site: site, RunDate: new Date().toISOString().slice(0, 19).replace('T', ' '), Rows: rows.length, DeletedRows: Math.max(0, previous.length - rows.length) });
  emit('InterfaceSyncTiming', { Hostname: hostname, Site: site, SiteCacheProvider: 'Cache', SiteCacheFetchStatus: 'Hit', SiteCacheFetchDurationMs: Number((random() * 20).toFixed(3)), RowsStaged: rows.length, DiffDurationMs: 0, UiCloneDurationMs: 0, StreamDispatchDurationMs: 0, SiteCacheUpdateDurationMs: 0, FileHash: digest.slice(0, 16) });
  const queueDelay = Number((5 + random() * 20).toFixed(3));
  emit('InterfacePortQueueMetrics', { Hostname: hostname, BatchId: digest.slice(0, 8), QueueBuildDelayMs: queueDelay, QueueBuildDurationMs: Number((queueDelay + random() * 5).toFixed(3)), BatchCount: Math.ceil(ports / 24), TotalPorts: ports, ChunkSize: 24, ChunkSource: 'Dynamic' });
  emit('PortBatchReady', { Hostname: hostname, BatchId: digest.slice(0, 8), PortsCommitted: ports, ChunkSize: 24, EstimatedBatchCount: Math.ceil(ports / 24) });
}
for (const action of ['ScanLogs', 'LoadFromDb', 'HelpQuickstart', 'InterfacesView', 'CompareView', 'SpanSnapshot', 'InterfacesView', 'CompareView', 'CompareView', 'LoadFromDb', 'InterfacesView']) {
  emit('UserAction', { Action: action, Site: sites[Math.floor(random() * sites.length)] });
}
if (args.facts) {
  // What the "database" really holds, so gates can reconcile telemetry with it (fact:persistence.rows).
  const rowsBySite = {};
  for (const [hostname, rows] of database) rowsBySite[hostname.split('-')[0]] = (rowsBySite[hostname.split('-')[0]] ?? 0) + rows.length;
  writeFileSync(args.facts, `${JSON.stringify({ 'persistence.rows': rowsBySite, 'ingest.hosts': database.size }, null, 2)}\n`);
}
console.log(`pipeline: ${hostCount} hosts, ${[...database.values()].reduce((n, r) => n + r.length, 0)} interface rows -> ${args.out}`);
