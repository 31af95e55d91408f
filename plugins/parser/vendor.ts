/**
 * Vendor detection (DOMAIN §1.4). `pipelineVendor` is the rule the original ingest used (Cisco, Brocade,
 * Arista only); `scoreVendor` is its scored detector, which also knows Juniper, Aruba and Palo Alto.
 */
import type { Vendor } from './types.js';

/** `Get-DeviceMakeFromBlocks`: first decisive line of `show version`, else a whole-log scan. */
export function pipelineVendor(versionBlock: string[], allLines: string[]): Vendor | undefined {
  for (const line of versionBlock) {
    if (/\bArista\b/i.test(line)) return 'Arista';
    if (/Brocade|Stackable|IronWare/i.test(line)) return 'Brocade';
    if (/Cisco/i.test(line)) return 'Cisco';
  }
  let brocade = false;
  let cisco = false;
  for (const line of allLines) {
    if (/\bArista\b/i.test(line)) return 'Arista';
    if (!brocade && /Brocade|IronWare|Stackable/i.test(line)) brocade = true;
    else if (!cisco && /Cisco/i.test(line)) cisco = true;
  }
  if (brocade) return 'Brocade';
  if (cisco) return 'Cisco';
  return undefined;
}

interface VendorPatterns {
  vendor: Vendor;
  patterns: Array<[RegExp, number]>;
}

/**
 * Scores per vendor. Fixed order (the original iterated a hashtable, so ties were non-deterministic):
 * ties resolve to the earlier vendor in this list.
 */
const SCORED: VendorPatterns[] = [
  {
    vendor: 'Cisco',
    patterns: [
      [/Cisco IOS/i, 100],
      [/IOS-XE Software/i, 100],
      [/Cisco Nexus|NX-OS/i, 100],
      [/\b(?:GigabitEthernet|FastEthernet)\d/i, 75],
      [/^[A-Za-z0-9][\w.-]*#\s*$/, 80],
    ],
  },
  {
    vendor: 'Juniper',
    patterns: [
      [/^\w+@(?!PA-)[\w.-]+>/, 90],
      [/^Junos:/i, 100],
      [/JUNOS\b/, 60],
      [/\b(?:ge|xe|et)-\d+\/\d+\/\d+/, 40],
    ],
  },
  {
    vendor: 'PaloAlto',
    patterns: [
      [/PAN-OS/i, 100],
      [/^sw-version:/i, 90],
      [/^\w+@PA-[\w-]+>/, 90],
      [/^model:\s*PA-/i, 90],
      [/total configured (?:hardware|logical) interfaces/i, 60],
      [/^VIRTUAL ROUTER:/i, 60],
    ],
  },
  {
    vendor: 'Aruba',
    patterns: [
      [/ArubaOS/i, 100],
      [/ProCurve/i, 100],
      [/^Product Name:\s*Aruba/i, 90],
      [/^Software Version:\s*[A-Z]{2}\.\d+/i, 40],
    ],
  },
  {
    vendor: 'Brocade',
    patterns: [
      [/\bICX\d+/i, 100],
      [/FastIron/i, 100],
      [/IronWare/i, 100],
      [/^SSH@[\w.-]+#/, 60],
      [/HW:\s*Stackable/i, 90],
    ],
  },
  {
    vendor: 'Arista',
    patterns: [
      [/Arista EOS|Arista vEOS/i, 100],
      [/\bDCS-\d+/i, 90],
      [/Software image version:/i, 60],
    ],
  },
];

export interface VendorScore {
  vendor: Vendor | 'Unknown';
  confidence: number;
  scores: Record<string, number>;
}

/** `Get-VendorFromContent`: sample ≤ 70 lines (else first 50 + last 20), sum pattern scores, best strictly wins, < 60 → Unknown. */
export function scoreVendor(lines: string[]): VendorScore {
  const sample = lines.length <= 70 ? lines : [...lines.slice(0, 50), ...lines.slice(-20)];
  const scores: Record<string, number> = {};
  for (const { vendor, patterns } of SCORED) {
    let total = 0;
    for (const line of sample) for (const [re, score] of patterns) if (re.test(line)) total += score;
    scores[vendor] = total;
  }
  let best: Vendor | 'Unknown' = 'Unknown';
  let bestScore = 0;
  for (const { vendor } of SCORED) {
    const s = scores[vendor] ?? 0;
    if (s > bestScore) {
      best = vendor;
      bestScore = s;
    }
  }
  if (bestScore < 60) return { vendor: 'Unknown', confidence: 0, scores };
  return { vendor: best, confidence: Math.min(100, bestScore), scores };
}
