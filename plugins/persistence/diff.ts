/**
 * The per-host interface diff (DOMAIN §2.3): insert unseen ports, update changed signatures, delete stale ports.
 * Signatures are compared field by field (`sameSignature`), which is equivalent to comparing the strings.
 */
import type { InterfaceRow } from './cache-port.js';
import { sameSignature } from './rows.js';

export interface IncomingRow {
  row: InterfaceRow;
  /** The VLAN text as parsed; used in the signature only in VLAN-text quirk mode. */
  vlanText?: string;
}

export interface InterfaceDiff {
  inserts: InterfaceRow[];
  updates: InterfaceRow[];
  /** Stored port names (as stored) to delete. */
  deletes: string[];
  unchanged: number;
  /** Incoming rows with a port already seen in this batch (counted, later ones ignored). */
  duplicatePorts: number;
  seenPorts: number;
  /** Final row map after the write: existing + updates + inserts − deletes, keyed by lower-cased port. */
  final: Map<string, InterfaceRow>;
}

/** What the writer needs from a diff: the changes, the counts, and how many ports the host has afterwards. */
export type DiffOutcome = Omit<InterfaceDiff, 'final'> & { finalCount: number };

/**
 * The diff's outcome when the cached rows were produced from the same source as the incoming host
 * (host-signature match): nothing to insert, update or delete, every cached port unchanged. Only the
 * incoming ports are counted (blank ports skipped, repeats = duplicates), as `diffInterfaces` would.
 */
export function cachedRowsAsDiff(cached: ReadonlyMap<string, InterfaceRow>, incoming: ReadonlyArray<{ Port: string }>): DiffOutcome {
  let named = 0;
  for (const rec of incoming) if (rec.Port.trim() !== '') named++;
  return {
    inserts: [],
    updates: [],
    deletes: [],
    unchanged: cached.size,
    duplicatePorts: Math.max(0, named - cached.size),
    seenPorts: cached.size,
    finalCount: cached.size,
  };
}

/** Key for port comparisons: trimmed, case-insensitive. */
export function portKey(port: string): string {
  return port.trim().toLowerCase();
}

export function diffInterfaces(existing: ReadonlyMap<string, InterfaceRow>, incoming: IncomingRow[], vlanTextQuirk = false): InterfaceDiff {
  const inserts: InterfaceRow[] = [];
  const updates: InterfaceRow[] = [];
  const final = new Map<string, InterfaceRow>();
  const seen = new Set<string>();
  let unchanged = 0;
  let duplicatePorts = 0;
  for (const { row, vlanText } of incoming) {
    if (row.Port === '') continue;
    const key = portKey(row.Port);
    if (seen.has(key)) {
      duplicatePorts++;
      continue;
    }
    seen.add(key);
    const before = existing.get(key);
    if (!before) {
      inserts.push(row);
    } else if (!sameSignature(before, row, vlanTextQuirk ? vlanText : undefined)) {
      updates.push(row);
    } else {
      unchanged++;
    }
    final.set(key, row);
  }
  const deletes: string[] = [];
  for (const [key, row] of existing) if (!seen.has(key)) deletes.push(row.Port);
  return { inserts, updates, deletes, unchanged, duplicatePorts, seenPorts: seen.size, final };
}
