import { describe, expect, it } from 'vitest';
import { rowSignature, sameSignature, toInterfaceRow, vlanToInt } from '../../../plugins/persistence/rows.js';
import { TABLES } from '../../../plugins/persistence/schema.js';
import { device, port, tempDb } from './helpers.js';

describe('schema (§8 item 14)', () => {
  it('creates every §2.1 table, the (Hostname, Port) index and SchemaVersion 1, in WAL mode', () => {
    const db = tempDb();
    const c = db.connection;
    const tables = (c.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);
    for (const t of TABLES) expect(tables).toContain(t);
    const indexes = (c.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as Array<{ name: string }>).map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['idx_interfaces_host_port', 'IX_Interfaces_Hostname', 'IX_InterfaceHistory_HostnameRunDate', 'IX_InterfaceBulkSeed_BatchId', 'idx_spaninfo_host_vlan']));
    expect(c.prepare('SELECT Version FROM SchemaVersion').all()).toEqual([{ Version: 1 }]);
    expect(c.pragma('journal_mode', { simple: true })).toBe('wal');
    const pk = (c.prepare('PRAGMA table_info(DeviceSummary)').all() as Array<{ name: string; pk: number }>).find((r) => r.pk === 1);
    expect(pk?.name).toBe('Hostname');
    db.close();
  });
});

describe('row signature (§8 item 18)', () => {
  it('renders the 15 fields as len:text joined with |', () => {
    const row = toInterfaceRow(port('Gi1/0/1', { Name: 'Gi1/0/1', Status: 'connected', VLAN: '1' }), device('X', []));
    expect(rowSignature(row)).toBe(`7:Gi1/0/1|9:connected|1:1|${Array(12).fill('0:').join('|')}`);
    expect(rowSignature(row).split('|')).toHaveLength(15);
  });

  it('is length-prefixed, so field boundaries cannot collide', () => {
    const a = toInterfaceRow(port('P', { Name: 'a|1:b', Status: '' }), device('X', []));
    const b = toInterfaceRow(port('P', { Name: 'a', Status: '1:b' }), device('X', []));
    expect(rowSignature(a)).not.toBe(rowSignature(b));
  });

  it('sameSignature agrees with comparing the signature strings', () => {
    const base = toInterfaceRow(port('Gi1/0/1', { Name: 'printer', Status: 'connected', VLAN: '10', Config: 'interface Gi1/0/1\r\n mab' }), device('X', []));
    const variants = [
      base,
      { ...base, Status: 'notconnect' },
      { ...base, VLAN: 0 },
      { ...base, Config: `${base.Config} ` },
      { ...base, ToolTip: null as unknown as string },
      { ...base, Name: 'printe', Status: `r${base.Status}` },
      // Same text through different types: null vs '' and the VLAN number vs its text.
      { ...base, ToolTip: '' },
      { ...base, VLAN: '10' as unknown as number },
      { ...base, LearnedMACs: 'aaaa.bbbb.cccc', Config: '' },
    ];
    for (const a of variants) {
      for (const b of variants) expect(sameSignature(a, b)).toBe(rowSignature(a) === rowSignature(b));
      expect(sameSignature(a, { ...a, VLAN: 0 }, 'trunk')).toBe(rowSignature(a) === rowSignature({ ...a, VLAN: 0 }, 'trunk'));
      expect(sameSignature(a, a, '10')).toBe(rowSignature(a) === rowSignature(a, '10'));
    }
  });

  it('stores VLAN text as an integer (non-numeric → 0)', () => {
    expect([vlanToInt('10'), vlanToInt('trunk'), vlanToInt(''), vlanToInt(' 7 ')]).toEqual([10, 0, 0, 7]);
  });

  it('puts the global auth block into empty Brocade configs', () => {
    const row = toInterfaceRow(port('Et1/1/1'), device('BOYO-A', [], { Make: 'Brocade', AuthBlock: 'dot1x enable\r\nre-authentication' }));
    expect(row.Config).toBe('AUTH BLOCK (GLOBAL)\r\ndot1x enable\r\nre-authentication');
  });
});
