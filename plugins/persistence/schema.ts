/**
 * The site database schema (DOMAIN §2.1), Access types mapped to SQLite: TEXT(n)/MEMO → TEXT, COUNTER →
 * INTEGER PRIMARY KEY AUTOINCREMENT, DATETIME → TEXT (`yyyy-MM-dd HH:mm:ss`, local time).
 */
export const SCHEMA_VERSION = 1;

/** Interface columns after Hostname, in the order every table and statement uses. */
export const INTERFACE_COLUMNS = [
  'Port', 'Name', 'Status', 'VLAN', 'Duplex', 'Speed', 'Type', 'LearnedMACs', 'AuthState', 'AuthMode',
  'AuthClientMAC', 'AuthTemplate', 'Config', 'PortColor', 'ConfigStatus', 'ToolTip',
] as const;

const INTERFACE_DDL = `Port TEXT, Name TEXT, Status TEXT, VLAN INTEGER, Duplex TEXT, Speed TEXT, Type TEXT, LearnedMACs TEXT,
  AuthState TEXT, AuthMode TEXT, AuthClientMAC TEXT, AuthTemplate TEXT, Config TEXT, PortColor TEXT, ConfigStatus TEXT, ToolTip TEXT`;

export const SCHEMA_DDL = `
CREATE TABLE IF NOT EXISTS SchemaVersion (
  ID INTEGER PRIMARY KEY AUTOINCREMENT, Version INTEGER NOT NULL, MigrationName TEXT, AppliedAt TEXT, AppliedBy TEXT);
CREATE TABLE IF NOT EXISTS DeviceSummary (
  Hostname TEXT PRIMARY KEY, Make TEXT, Model TEXT, Uptime TEXT, Site TEXT, Building TEXT, Room TEXT, Ports INTEGER,
  AuthDefaultVLAN TEXT, AuthBlock TEXT);
CREATE INDEX IF NOT EXISTS idx_devicesummary_host ON DeviceSummary (Hostname);
CREATE TABLE IF NOT EXISTS Interfaces (
  ID INTEGER PRIMARY KEY AUTOINCREMENT, Hostname TEXT, ${INTERFACE_DDL});
CREATE INDEX IF NOT EXISTS idx_interfaces_host_port ON Interfaces (Hostname, Port);
CREATE INDEX IF NOT EXISTS IX_Interfaces_Hostname ON Interfaces (Hostname);
CREATE TABLE IF NOT EXISTS DeviceHistory (
  ID INTEGER PRIMARY KEY AUTOINCREMENT, Hostname TEXT, RunDate TEXT, Make TEXT, Model TEXT, Uptime TEXT, Site TEXT,
  Building TEXT, Room TEXT, Ports INTEGER, AuthDefaultVLAN TEXT, AuthBlock TEXT);
CREATE TABLE IF NOT EXISTS InterfaceHistory (
  ID INTEGER PRIMARY KEY AUTOINCREMENT, Hostname TEXT, RunDate TEXT, ${INTERFACE_DDL});
CREATE INDEX IF NOT EXISTS IX_InterfaceHistory_HostnameRunDate ON InterfaceHistory (Hostname, RunDate);
CREATE TABLE IF NOT EXISTS SpanInfo (
  Hostname TEXT, Vlan TEXT, RootSwitch TEXT, RootPort TEXT, Role TEXT, Upstream TEXT, LastUpdated TEXT);
CREATE INDEX IF NOT EXISTS idx_spaninfo_host_vlan ON SpanInfo (Hostname, Vlan);
CREATE TABLE IF NOT EXISTS SpanHistory (
  ID INTEGER PRIMARY KEY AUTOINCREMENT, Hostname TEXT, RunDate TEXT, Vlan TEXT, RootSwitch TEXT, RootPort TEXT, Role TEXT, Upstream TEXT);
CREATE INDEX IF NOT EXISTS idx_spanhistory_host ON SpanHistory (Hostname);
CREATE TABLE IF NOT EXISTS InterfaceBulkSeed (
  BatchId TEXT NOT NULL, Hostname TEXT, RunDateText TEXT, RunDate TEXT, ${INTERFACE_DDL});
CREATE INDEX IF NOT EXISTS IX_InterfaceBulkSeed_BatchId ON InterfaceBulkSeed (BatchId);
`;

export const TABLES = ['SchemaVersion', 'DeviceSummary', 'Interfaces', 'DeviceHistory', 'InterfaceHistory', 'SpanInfo', 'SpanHistory', 'InterfaceBulkSeed'] as const;
