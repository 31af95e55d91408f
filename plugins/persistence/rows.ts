/**
 * Parsed interface records → stored rows, and the row signature the diff compares (DOMAIN §2.3).
 */
import type { DeviceFacts, InterfaceRecord } from '../parser/types.js';
import type { InterfaceRow } from './cache-port.js';
import { INTERFACE_COLUMNS } from './schema.js';

/** VLAN text → the stored INTEGER (non-numeric text such as `trunk` → 0, as the original did). */
export function vlanToInt(vlan: string | number | null | undefined): number {
  if (typeof vlan === 'number') return Number.isFinite(vlan) ? Math.trunc(vlan) : 0;
  const text = (vlan ?? '').trim();
  return /^-?\d+$/.test(text) ? Number.parseInt(text, 10) : 0;
}

/** A parsed record as the row persistence writes. Brocade ports with no config get the global auth block (§1.6). */
export function toInterfaceRow(rec: InterfaceRecord, device: Pick<DeviceFacts, 'Make' | 'AuthBlock'>): InterfaceRow {
  let config = rec.Config;
  if (config === '' && device.Make === 'Brocade' && device.AuthBlock !== '') config = `AUTH BLOCK (GLOBAL)\r\n${device.AuthBlock}`;
  return {
    Port: rec.Port.trim(),
    Name: rec.Name,
    Status: rec.Status,
    VLAN: vlanToInt(rec.VLAN),
    Duplex: rec.Duplex,
    Speed: rec.Speed,
    Type: rec.Type,
    LearnedMACs: rec.LearnedMACsFull,
    AuthState: rec.AuthState,
    AuthMode: rec.AuthMode,
    AuthClientMAC: rec.AuthClientMAC,
    AuthTemplate: rec.AuthTemplate,
    Config: config,
    PortColor: '',
    ConfigStatus: '',
    ToolTip: '',
  };
}

function part(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '0:';
  const text = String(value);
  return `${text.length}:${text}`;
}

/**
 * `len:text|…` over Name, Status, VLAN, Duplex, Speed, Type, LearnedMACs, AuthState, AuthMode, AuthClientMAC,
 * AuthTemplate, Config, PortColor, ConfigStatus, ToolTip. `vlanText` overrides the VLAN value (the original
 * compared the incoming VLAN *text* with the stored integer — the §1.12 quirk).
 */
export function rowSignature(row: InterfaceRow, vlanText?: string): string {
  return [
    part(row.Name), part(row.Status), part(vlanText ?? row.VLAN), part(row.Duplex), part(row.Speed), part(row.Type),
    part(row.LearnedMACs), part(row.AuthState), part(row.AuthMode), part(row.AuthClientMAC), part(row.AuthTemplate),
    part(row.Config), part(row.PortColor), part(row.ConfigStatus), part(row.ToolTip),
  ].join('|');
}

/**
 * The signature's text fields, short and most often changed first, the long ones (LearnedMACs, Config)
 * last: all of them must be equal for a match, so the order only decides how soon a difference is found.
 */
const TEXT_SIGNATURE_FIELDS = [
  'Status', 'Name', 'Duplex', 'Speed', 'Type', 'AuthState', 'AuthMode', 'AuthClientMAC', 'AuthTemplate',
  'PortColor', 'ConfigStatus', 'ToolTip', 'LearnedMACs', 'Config',
] as const;

const text = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : String(v));

/**
 * `rowSignature(a) === rowSignature(b, vlanText)` without building the strings: the signature is
 * length-prefixed, so two signatures are equal exactly when every field's text is (null counts as '').
 * The diff runs this for every stored port of every host, so it matters on warm passes: identical values
 * (the usual case) are settled by one `===`; only differing values pay for the text conversion.
 */
export function sameSignature(existing: InterfaceRow, incoming: InterfaceRow, vlanText?: string): boolean {
  const vlan = vlanText !== undefined ? vlanText : incoming.VLAN;
  if (existing.VLAN !== vlan && text(existing.VLAN) !== text(vlan)) return false;
  for (let i = 0; i < TEXT_SIGNATURE_FIELDS.length; i++) {
    const field = TEXT_SIGNATURE_FIELDS[i]!;
    const a = existing[field];
    const b = incoming[field];
    if (a !== b && text(a) !== text(b)) return false;
  }
  return true;
}

/** Values of a row in `INTERFACE_COLUMNS` order (for prepared statements). */
export function rowValues(row: InterfaceRow): Array<string | number> {
  return INTERFACE_COLUMNS.map((c) => row[c]);
}

/** Normalise a row read from SQLite (nulls → '' / 0). */
export function rowFromDb(raw: Record<string, unknown>): InterfaceRow {
  const text = (k: string): string => (raw[k] === null || raw[k] === undefined ? '' : String(raw[k]));
  return {
    Port: text('Port').trim(),
    Name: text('Name'),
    Status: text('Status'),
    VLAN: vlanToInt(raw.VLAN as number | string | null),
    Duplex: text('Duplex'),
    Speed: text('Speed'),
    Type: text('Type'),
    LearnedMACs: text('LearnedMACs'),
    AuthState: text('AuthState'),
    AuthMode: text('AuthMode'),
    AuthClientMAC: text('AuthClientMAC'),
    AuthTemplate: text('AuthTemplate'),
    Config: text('Config'),
    PortColor: text('PortColor'),
    ConfigStatus: text('ConfigStatus'),
    ToolTip: text('ToolTip'),
  };
}
