/**
 * Interface rows as the cache holds them (the persistence port's `InterfaceRow`), and conversion
 * from the original's cache-entry spellings (`Learned`, `AuthClient`, `Template`, `StatusTag`,
 * seed rows with `PortId`/`PortName`).
 */
import type { InterfaceRow } from '../persistence/cache-port.js';

export type { InterfaceRow };

/** Ports of one host keyed by trimmed port name (original spelling). */
export type PortMap = Map<string, InterfaceRow>;

export const ROW_TEXT_FIELDS = [
  'Name', 'Status', 'Duplex', 'Speed', 'Type', 'LearnedMACs', 'AuthState', 'AuthMode', 'AuthClientMAC',
  'AuthTemplate', 'Config', 'PortColor', 'ConfigStatus', 'ToolTip',
] as const;

/** Original InterfaceCacheEntry field → port row field. */
const ENTRY_ALIASES: Record<string, string> = {
  Learned: 'LearnedMACs',
  AuthClient: 'AuthClientMAC',
  Template: 'AuthTemplate',
  StatusTag: 'ConfigStatus',
  PortName: 'Name',
};

function str(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** Normalise any row-like object (port row, original cache entry, seed row) into an `InterfaceRow`. */
export function toInterfaceRow(port: string, value: Record<string, unknown>): InterfaceRow {
  const source: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) source[ENTRY_ALIASES[key] ?? key] = v;
  const vlan = Number(source.VLAN);
  const row: InterfaceRow = {
    Port: port,
    Name: str(source.Name),
    Status: str(source.Status),
    VLAN: Number.isFinite(vlan) ? Math.trunc(vlan) : 0,
    Duplex: str(source.Duplex),
    Speed: str(source.Speed),
    Type: str(source.Type),
    LearnedMACs: str(source.LearnedMACs),
    AuthState: str(source.AuthState),
    AuthMode: str(source.AuthMode),
    AuthClientMAC: str(source.AuthClientMAC),
    AuthTemplate: str(source.AuthTemplate),
    Config: str(source.Config),
    PortColor: str(source.PortColor),
    ConfigStatus: str(source.ConfigStatus),
    ToolTip: str(source.ToolTip),
  };
  return row;
}

/** Two rows carry the same stored values (ordinal compare of every column). */
export function sameRow(a: InterfaceRow, b: InterfaceRow): boolean {
  if (a.VLAN !== b.VLAN) return false;
  for (const name of ROW_TEXT_FIELDS) if (a[name] !== b[name]) return false;
  return true;
}
