/**
 * Builds parseable logs from the shared fixtures (read in place, never copied): the LiveSwitch files
 * carry a bare command on their first line, so each is prefixed with the switch prompt (DOMAIN §1.11).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { corpusPath } from '../../corpus.js';

export function liveSwitchLog(): string {
  const dir = corpusPath('fixtures', 'LiveSwitch');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => `LAB-C9200L-AS-01#${readFileSync(`${dir}/${f}`, 'utf8').replace(/^\uFEFF/, '')}`)
    .join('\r\n');
}

/** A Vendors fixture folder concatenated (each file already starts with its prompt + command line). */
export function vendorLog(vendor: 'Aruba' | 'Juniper' | 'PaloAlto'): string {
  const dir = corpusPath('fixtures', 'Vendors', vendor);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(`${dir}/${f}`, 'utf8'))
    .join('\n');
}
