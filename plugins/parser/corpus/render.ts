/** Render a host model as the CLI session log its vendor would print (prompts + show commands). */
import type { HostModel, PortModel } from './model.js';

const FLEX_AUTH = [
  ' authentication event fail action next-method',
  ' authentication order mab dot1x',
  ' authentication priority dot1x mab',
  ' authentication port-control auto',
  ' mab',
  ' dot1x pae authenticator',
  ' dot1x timeout quiet-period 90',
  ' dot1x timeout tx-period 5',
];

function ciscoInterfaceConfig(p: PortModel): string[] {
  const out = [`interface ${p.configName}`];
  if (p.description) out.push(` description ${p.description}`);
  if (p.vlan === 'trunk') {
    out.push(' switchport trunk native vlan 99', ' switchport trunk allowed vlan 10,20,30,40,50,100', ' switchport mode trunk');
  } else {
    out.push(` switchport access vlan ${p.vlan}`, ' switchport mode access', ' switchport voice vlan 200');
    if (p.auth === 'flexible') out.push(...FLEX_AUTH);
    else if (p.auth === 'dot1x') out.push(' authentication port-control auto', ' dot1x pae authenticator');
    else if (p.auth === 'macauth') out.push(' authentication port-control auto', ' mab');
    out.push(' spanning-tree portfast', ' spanning-tree bpduguard enable');
  }
  if (p.status === 'disabled') out.push(' shutdown');
  return out;
}

/** Cisco `show interfaces status` row with IOS column layout (Duplex/Speed right-aligned). */
function ciscoStatusRow(p: PortModel): string {
  const status = p.status === 'err-disabled' ? 'err-disabled' : p.status;
  return `${p.port.padEnd(13)}${p.description.slice(0, 18).padEnd(19)}${status.padEnd(13)}${p.vlan.padEnd(11)}${p.duplex.padStart(6)} ${p.speed.padStart(6)} ${p.type}`;
}

export function renderCisco(h: HostModel): string {
  const P = `${h.hostname}#`;
  const L: string[] = [];
  L.push(`${P}terminal length 0`);
  L.push(`${P}show version`);
  L.push(`Cisco IOS Software, Catalyst L3 Switch Software (CAT9K_IOSXE), Version ${h.version}, RELEASE SOFTWARE (fc2)`);
  L.push('Technical Support: http://www.cisco.com/techsupport', 'Copyright (c) 1986-2024 by Cisco Systems, Inc.', '');
  L.push(`ROM: IOS-XE ROMMON`, `${h.hostname} uptime is ${h.uptime}`, 'System returned to ROM by reload', '');
  L.push(`cisco ${h.model} (ARM64) processor with 1048576K bytes of memory.`, `Processor board ID ${h.serial}`, '');
  L.push(`Model Number                       : ${h.model}`, `System Serial Number               : ${h.serial}`, '');
  L.push('Switch Ports Model              SW Version        SW Image              Mode   ');
  L.push('------ ----- -----              ----------        ----------            ----   ');
  L.push(`*    1 ${String(h.ports.length + 4).padEnd(6)}${h.model.padEnd(19)}${h.version.padEnd(18)}CAT9K_IOSXE           INSTALL`, '');
  L.push(`${P}show running-config`);
  L.push('Building configuration...', '', 'Current configuration : 24187 bytes', '!', `version ${h.version.split('(')[0]}`, '!', `hostname ${h.hostname}`, '!');
  L.push('aaa new-model', 'aaa authentication dot1x default group radius', 'dot1x system-auth-control', '!');
  L.push(`authentication critical recovery delay 1000`, `! guest-vlan ${h.authDefaultVlan}`, '!');
  for (const p of h.ports) {
    L.push(...ciscoInterfaceConfig(p), '!');
  }
  L.push('interface Vlan1', ' no ip address', ' shutdown', '!');
  L.push(`snmp-server location ${h.location}`, 'snmp-server contact noc@example.net', '!', 'end', '');
  L.push(`${P}show interfaces status`, '');
  L.push('Port         Name               Status       Vlan       Duplex  Speed Type');
  for (const p of h.ports) L.push(ciscoStatusRow(p));
  L.push('');
  L.push(`${P}show mac address-table`, '          Mac Address Table', '-------------------------------------------', '');
  L.push('Vlan    Mac Address       Type        Ports', '----    -----------       --------    -----');
  L.push(' All    0100.0ccc.cccc    STATIC      CPU');
  for (const p of h.ports) {
    const vlan = p.vlan === 'trunk' ? '1' : p.vlan;
    for (const m of p.macs) L.push(`${vlan.padStart(4)}    ${m}    DYNAMIC     ${p.port}`);
  }
  L.push(`Total Mac Addresses for this criterion: ${h.ports.reduce((n, p) => n + p.macs.length, 1)}`);
  L.push(`${P}show authentication sessions`, '');
  L.push('Interface                MAC Address    Method  Domain  Status Fg  Session ID');
  L.push('--------------------------------------------------------------------------------------------');
  let sid = 0;
  for (const p of h.ports) {
    if (!p.session) continue;
    sid++;
    L.push(`${p.port.padEnd(25)}${p.session.mac} ${p.session.method.padEnd(7)} DATA    ${(p.session.authorized ? 'Auth' : 'Unauth').padEnd(10)} 0A0A0A0A0000${String(sid).padStart(4, '0')}ABCD${h.serial.slice(-4)}`);
  }
  L.push('', `${P}show spanning-tree`, '');
  const up = h.ports[h.ports.length - 1]!;
  L.push('VLAN0010', '  Spanning tree enabled protocol rstp', `  Root ID    Priority    32778`, `             Address     ${h.rootBridge}`);
  L.push('             Cost        2000', `             Port        ${h.ports.length} (${up.configName})`, '             Hello Time   2 sec  Max Age 20 sec  Forward Delay 15 sec', '');
  L.push(`  Root port ${up.port}, cost 2000`, '');
  L.push('Interface           Role Sts Cost      Prio.Nbr Type', '------------------- ---- --- --------- -------- --------------------------------');
  L.push(`${up.port.padEnd(20)}Root FWD 2000      128.${h.ports.length}   P2p`);
  for (const p of h.ports.slice(0, 3)) if (p.status === 'connected' && p !== up) L.push(`${p.port.padEnd(20)}Desg FWD 20000     128.1    P2p Edge`);
  L.push('', P, '');
  return L.join('\r\n');
}

export function renderBrocade(h: HostModel): string {
  const P = `SSH@${h.hostname}#`;
  const L: string[] = [];
  L.push(`${P}skip-page-display`, 'Disable page display mode');
  L.push(`${P}show version`);
  L.push('  Copyright (c) Ruckus Networks, Inc. All rights reserved.', '    UNIT 1: compiled on Mar 10 2023 at 01:31:33 labeled as SPR08095d');
  L.push('      (33554432 bytes) from Primary SPR08095d.bin (UFI)', `        SW: Version ${h.version}`, '  Compressed Primary Boot Code size = 786944, Version:10.1.24T225 (mnz10124)');
  L.push(`  HW: Stackable ${h.model}`, '==========================================================================', `UNIT 1: SL 1: ${h.model} POE 12-port Management Module`);
  L.push(`         Serial  #:${h.serial}`, '==========================================================================', '  The system started at 08:11:02 GMT+00 Tue Jan 02 2024', '');
  L.push(`  The system uptime is ${h.uptime}`, '');
  L.push(`${P}show config`, 'Current configuration:', '!', `ver ${h.version}`, '!', 'stack unit 1', '  module 1 icx7150-c12-poe-port-management-module', '!');
  const byVlan = new Map<string, string[]>();
  for (const p of h.ports) if (p.vlan !== 'trunk') byVlan.set(p.vlan, [...(byVlan.get(p.vlan) ?? []), p.port]);
  for (const [vlan, ports] of [...byVlan.entries()].sort()) {
    L.push(`vlan ${vlan} name VLAN${vlan} by port`);
    for (const p of ports) L.push(` untagged ethe ${p}`);
    L.push('!');
  }
  const dot1xPorts = h.ports.filter((p) => p.auth === 'flexible' || p.auth === 'dot1x').map((p) => p.port);
  const macPorts = h.ports.filter((p) => p.auth === 'flexible' || p.auth === 'macauth').map((p) => p.port);
  L.push('authentication', ` auth-default-vlan ${h.authDefaultVlan}`, ' re-authentication', ' dot1x enable');
  for (const p of dot1xPorts) L.push(` dot1x enable ethe ${p}`);
  for (const p of dot1xPorts) L.push(` dot1x port-control auto ethe ${p}`);
  L.push(' mac-authentication enable');
  for (const p of macPorts) L.push(` mac-authentication enable ethe ${p}`);
  L.push(' mac-authentication dot1x override', '!', '!');
  L.push(`hostname ${h.hostname}`, `snmp-server location ${h.location}`, '!');
  for (const p of h.ports) {
    L.push(`interface ${p.configName}`);
    if (p.description) L.push(` port-name ${p.description}`);
    if (p.status === 'disabled') L.push(' disable');
    if (p.vlan === 'trunk') L.push(' dual-mode 99');
    L.push('!');
  }
  L.push('end', '');
  L.push(`${P}show interfaces brief`, '');
  L.push('Port       Link    State   Dupl Speed Trunk Tag Pvid Pri MAC             Name');
  for (const [i, p] of h.ports.entries()) {
    const link = p.status === 'connected' ? 'Up' : p.status === 'disabled' ? 'Disable' : 'Down';
    const state = p.status === 'connected' ? 'Forward' : 'None';
    const dupl = p.status === 'connected' ? 'Full' : 'None';
    const speed = p.status === 'connected' ? (p.vlan === 'trunk' ? '10G' : '1G') : 'None';
    const pvid = p.vlan === 'trunk' ? 'N/A' : p.vlan;
    const portMac = `cc4e.24${h.serial.slice(-2)}.${(i + 1).toString(16).padStart(4, '0')}`;
    L.push(`${p.port.padEnd(11)}${link.padEnd(8)}${state.padEnd(8)}${dupl.padEnd(5)}${speed.padEnd(6)}None  ${p.vlan === 'trunk' ? 'Yes' : 'No '} ${pvid.padEnd(4)} 0   ${portMac}  ${p.description}`);
  }
  L.push('', `${P}show mac-address`, `Total active entries from all ports = ${h.ports.reduce((n, p) => n + p.macs.length, 0)}`);
  L.push('MAC-Address     Port           Type      Index  VLAN');
  let index = 100;
  for (const p of h.ports) for (const m of p.macs) L.push(`${m}  ${p.port.padEnd(15)}Dynamic   ${String(index++).padEnd(7)}${p.vlan === 'trunk' ? '1' : p.vlan}`);
  L.push('', `${P}show authentication sessions all`);
  L.push('Port     MAC-Address     IP(v4/v6)       User-Name        VLAN  Auth-Method  Session-Time  PAE-State');
  L.push('-------------------------------------------------------------------------------------------------------');
  for (const p of h.ports) {
    if (!p.session) continue;
    const method = p.session.method === 'mab' ? 'MAUTH' : '8021.X';
    const state = p.session.authorized ? 'AUTHENTICATED' : 'HELD';
    L.push(`${p.port.padEnd(9)}${p.session.mac}  10.${h.serial.slice(-2)}.1.${p.port.split('/')[2]}       user${p.port.split('/')[2]!.padEnd(12)} ${p.vlan.padEnd(5)} ${method.padEnd(12)} 3600          ${state}`);
  }
  const up = h.ports[h.ports.length - 1]!;
  L.push('', `${P}show spanning-tree`, 'VLAN10', `  Root ID    Address     ${h.rootBridge}`, `  Root port ${up.port}, cost 2000`);
  L.push(`Port ${up.port} (ethernet ${up.port}) of VLAN 10 is root forwarding`, '', `${P}`, '');
  return L.join('\r\n');
}

export function renderArista(h: HostModel): string {
  const P = `${h.hostname}#`;
  const L: string[] = [];
  L.push(`${P}show version`, `Arista ${h.model}`, 'Hardware version: 11.02', `Serial number: ${h.serial}`, `Software image version: ${h.version}`);
  L.push('Architecture: x86_64', `Uptime: ${h.uptime}`, 'Total memory: 8099732 kB', '');
  L.push(`${P}show running-config`, '! Command: show running-config', '!', `hostname ${h.hostname}`, '!', `snmp-server location ${h.location}`, '!');
  for (const p of h.ports) {
    L.push(`interface ${p.configName}`);
    if (p.description) L.push(`   description ${p.description}`);
    if (p.vlan === 'trunk') L.push('   switchport mode trunk');
    else L.push(`   switchport access vlan ${p.vlan}`);
    if (p.status === 'disabled') L.push('   shutdown');
    L.push('!');
  }
  L.push('end', '');
  L.push(`${P}show interfaces status`);
  L.push('Port       Name        Status       Vlan     Duplex Speed  Type            Flags Encapsulation');
  for (const p of h.ports) {
    const status = p.status === 'err-disabled' ? 'errdisabled' : p.status;
    L.push(`${p.port.padEnd(11)}${p.description.slice(0, 11).padEnd(12)}${status.padEnd(13)}${p.vlan.padEnd(9)}${p.duplex.padEnd(7)}${p.speed.padEnd(7)}${p.type}`);
  }
  L.push('', `${P}show mac address-table`, '          Mac Address Table', '------------------------------------------------------------------', '');
  L.push('Vlan    Mac Address       Type        Ports      Moves   Last Move', '----    -----------       ----        -----      -----   ---------');
  for (const p of h.ports) for (const m of p.macs) L.push(`${(p.vlan === 'trunk' ? '1' : p.vlan).padStart(4)}    ${m}    DYNAMIC     ${p.port.padEnd(11)}1       0:10:11 ago`);
  L.push(`Total Mac Addresses for this criterion: ${h.ports.reduce((n, p) => n + p.macs.length, 0)}`, '', P, '');
  return L.join('\r\n');
}
