/**
 * What the parser produces: one device per host slice, with the interface records of
 * STATETRACE-DOMAIN §1.7 (field names kept exactly, since persistence and the CLI JSON use them).
 */

export type Vendor = 'Cisco' | 'Brocade' | 'Arista' | 'Juniper' | 'Aruba' | 'PaloAlto';

/** One interface record (§1.7). Strings are '' when the log says nothing. */
export interface InterfaceRecord {
  Port: string;
  Name: string;
  Status: string;
  /** As printed (`1`, `trunk`, `routed`); persistence stores the integer (non-numeric → 0). */
  VLAN: string;
  Duplex: string;
  Speed: string;
  Type: string;
  /** First learned MAC on the port (not persisted). */
  InterfaceMAC: string;
  /** First learned MAC (the original's `LearnedMACs` on the record). */
  LearnedMACs: string;
  /** Comma-separated list of every learned MAC (persisted as `LearnedMACs`). */
  LearnedMACsFull: string;
  LearnedMACCount: number;
  AuthState: string;
  AuthMode: string;
  AuthClientMAC: string;
  AuthVLAN: string;
  /** CRLF-joined config block (Brocade: LF-joined, without the `interface` line). */
  Config: string;
  AuthTemplate: string;
  MissingAuthCmds: string[];
  /** Port sort key of §1.10, handy for ordering output. */
  PortSort: string;
}

export interface SpanInfoRecord {
  Vlan: string;
  RootSwitch: string;
  RootPort: string;
  Role: string;
  Upstream: string;
}

export interface DeviceFacts {
  Hostname: string;
  Make: Vendor | 'Unknown';
  Model: string;
  Version: string;
  Uptime: string;
  Location: string;
  /** Persistence/history site (`Get-SiteFromHostname`). */
  Site: string;
  /** The site the original put in the summary and telemetry (first 4 chars); equals `Site` unless compat mode. */
  SummarySite: string;
  Building: string;
  Floor: string;
  Room: string;
  Row: string;
  Rack: string;
  InterfaceCount: number;
  AuthDefaultVLAN: string;
  AuthBlock: string;
  SpanInfo: SpanInfoRecord[];
  Interfaces: InterfaceRecord[];
  /** Only some vendors report these. */
  Serial?: string;
  Vlans?: Array<{ Id: string; Name: string; Status: string }>;
  Routes?: Array<{ Destination: string; NextHop: string; Interface: string; Protocol: string }>;
  /** Vendor detection confidence 0..100 (scored detector); 100 for the pipeline rule. */
  VendorConfidence: number;
  /** Non-fatal problems found while parsing (e.g. status rows that could not be read), with line numbers. */
  Warnings: Array<{ line: number; message: string }>;
}

/**
 * Behaviour switches. `strict` (default) fixes the original's bugs (§1.12); `compat` reproduces them so a
 * figure can be compared with the PowerShell output.
 */
export interface ParseOptions {
  mode?: 'strict' | 'compat';
  /** Parse Juniper/Aruba/PaloAlto via the scored detector (the original ingest only handled Cisco/Brocade/Arista). */
  scoredVendors?: boolean;
}

export function emptyInterface(port: string): InterfaceRecord {
  return {
    Port: port,
    Name: '',
    Status: '',
    VLAN: '',
    Duplex: '',
    Speed: '',
    Type: '',
    InterfaceMAC: '',
    LearnedMACs: '',
    LearnedMACsFull: '',
    LearnedMACCount: 0,
    AuthState: '',
    AuthMode: '',
    AuthClientMAC: '',
    AuthVLAN: '',
    Config: '',
    AuthTemplate: '',
    MissingAuthCmds: [],
    PortSort: '',
  };
}
