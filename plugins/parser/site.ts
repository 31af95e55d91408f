/**
 * Hostname → site. The original used three different rules (DOMAIN §1.8); all three are here so each
 * caller names the one it means.
 */

/** Strip a leading `SSH@` (original) or any `user@` login prefix (Juniper/Palo Alto prompts), then trim. */
export function cleanHostname(raw: string): string {
  let host = raw.trim();
  const at = host.indexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  return host.trim();
}

/**
 * `Get-SiteFromHostname`: text before the first `-`; else the first `fallbackLength` characters when the
 * name is longer; else the whole name. Used for history files, database paths and the scheduler.
 */
export function siteFromHostname(hostname: string, fallbackLength?: number): string {
  const host = cleanHostname(hostname);
  const dash = host.indexOf('-');
  if (dash > 0) return host.slice(0, dash);
  if (fallbackLength !== undefined && fallbackLength > 0 && host.length > fallbackLength) return host.slice(0, fallbackLength);
  return host;
}

/** The original's summary/telemetry site: first 4 characters (`LAB-C9200L-AS-01` → `LAB-`). Compat mode only. */
export function fourCharacterSite(hostname: string): string {
  const host = cleanHostname(hostname);
  return host.length > 4 ? host.slice(0, 4) : host;
}

/** Site used for file names: characters outside `[A-Za-z0-9_-]` become `_`. */
export function safeSiteName(site: string): string {
  const safe = site.replace(/[^A-Za-z0-9_-]/g, '_');
  return safe === '' ? '_' : safe;
}

/** Slice file name for a host: `\ / : * ? " < > |` → `_` (plus `..` so a slice can never leave its folder). */
export function safeSliceName(host: string): string {
  return host.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, (dots) => '_'.repeat(dots.length));
}

/** Strip a trailing `[-_]yyyyMMdd[-_]HHmmss` from a slice name (fallback hostname when the log names none). */
export function hostnameFromSliceName(name: string): string {
  return name.replace(/[-_]\d{8}[-_]\d{6}$/, '');
}
