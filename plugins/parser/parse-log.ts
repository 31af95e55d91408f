/**
 * One host slice → device facts and interface records. Pure (no I/O), so workers, the CLI and tests
 * share it.
 */
import { carveBlocks, getShowBlock, toLines } from './blocks.js';
import { parseLocation } from './location.js';
import { portSortKey } from './ports.js';
import { cleanHostname, fourCharacterSite, hostnameFromSliceName, siteFromHostname } from './site.js';
import type { DeviceFacts, ParseOptions, Vendor } from './types.js';
import { pipelineVendor, scoreVendor } from './vendor.js';
import { parseArista } from './vendors/arista.js';
import { parseBrocade } from './vendors/brocade.js';
import { parseCisco, type VendorParse } from './vendors/cisco.js';
import { findHostname } from './vendors/common.js';
import { parseAruba, parseJuniper, parsePaloAlto, type ExtraParse } from './vendors/others.js';

export type ParseOutcome =
  | { ok: true; device: DeviceFacts }
  | { ok: false; reason: 'UnknownVendor' | 'NoHost' | 'Empty'; message: string; hostname: string };

/**
 * Parse a host slice. `sliceName` (the slice file's base name) is the fallback hostname. An unknown vendor is
 * not an exception: the caller reports it (the original emitted `ParseDuration{Success:false}` and moved on).
 */
export function parseDeviceLog(text: string, options: ParseOptions = {}, sliceName = ''): ParseOutcome {
  const strict = (options.mode ?? 'strict') === 'strict';
  const lines = toLines(text);
  if (lines.every((l) => l.trim() === '')) {
    return { ok: false, reason: 'Empty', message: 'the log is empty', hostname: sliceName };
  }
  const log = carveBlocks(lines);
  let hostname = cleanHostname(findHostname(lines));
  if (hostname === '' || hostname === 'Unknown') hostname = sliceName ? hostnameFromSliceName(sliceName) : 'Unknown';

  const versionBlock = getShowBlock(log, { keys: ['show version'], patterns: [/^show ver/] });
  let vendor: Vendor | undefined = pipelineVendor(versionBlock, lines);
  let confidence = vendor ? 100 : 0;
  if (!vendor && options.scoredVendors) {
    const scored = scoreVendor(lines);
    if (scored.vendor !== 'Unknown') {
      vendor = scored.vendor;
      confidence = scored.confidence;
    }
  }
  if (!vendor) {
    return {
      ok: false,
      reason: 'UnknownVendor',
      message: options.scoredVendors
        ? 'unknown vendor: no Cisco/Brocade/Arista marker and the scored detector is below 60'
        : 'unknown vendor: no Arista, Brocade/IronWare/Stackable or Cisco marker (Juniper/Aruba/Palo Alto need scored vendor detection)',
      hostname,
    };
  }

  let parsed: VendorParse | ExtraParse;
  switch (vendor) {
    case 'Cisco':
      parsed = parseCisco(log, strict);
      break;
    case 'Brocade':
      parsed = parseBrocade(log);
      break;
    case 'Arista':
      parsed = parseArista(log);
      break;
    case 'Juniper':
      parsed = parseJuniper(log);
      break;
    case 'Aruba':
      parsed = parseAruba(log);
      break;
    case 'PaloAlto':
      parsed = parsePaloAlto(log);
      break;
  }
  const extra = parsed as ExtraParse;
  if (extra.Hostname && (hostname === 'Unknown' || hostname === hostnameFromSliceName(sliceName))) hostname = extra.Hostname;
  for (const rec of parsed.Interfaces) rec.PortSort = portSortKey(rec.Port);
  const site = siteFromHostname(hostname);
  const location = parseLocation(parsed.Location);
  const device: DeviceFacts = {
    Hostname: hostname,
    Make: vendor,
    Model: parsed.Model,
    Version: parsed.Version,
    Uptime: parsed.Uptime,
    Location: parsed.Location,
    Site: site,
    SummarySite: strict ? site : fourCharacterSite(hostname),
    ...location,
    InterfaceCount: parsed.Interfaces.length,
    AuthDefaultVLAN: parsed.AuthDefaultVLAN,
    AuthBlock: parsed.AuthBlock,
    SpanInfo: parsed.SpanInfo,
    Interfaces: parsed.Interfaces,
    VendorConfidence: confidence,
    Warnings: parsed.Warnings,
  };
  if (parsed.Serial) device.Serial = parsed.Serial;
  if (extra.Vlans) device.Vlans = extra.Vlans;
  if (extra.Routes) device.Routes = extra.Routes;
  return { ok: true, device };
}
