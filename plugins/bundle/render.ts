/** Console rendering of a verify report: the original's requirement table, then problems, each naming its file. */
import type { VerifyReport } from './verify.js';

export interface RenderOptions {
  color?: boolean;
}

export function renderVerifyTable(report: VerifyReport, options: RenderOptions = {}): string {
  const paint = (code: number, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  lines.push(`Bundle ${report.Bundle}  (rules: ${report.Rules})  ${report.Path}`, '');
  const rows = report.Areas.flatMap((a) => a.RequirementState.map((r) => [a.Area, r.Requirement, r.Status, r.Files || '-']));
  lines.push(...table(['Area', 'Requirement', 'Status', 'Files'], rows, (row, text) => {
    if (row[2] === 'Missing') return paint(31, text);
    if (row[2] === 'Missing (Optional)') return paint(33, text);
    return text;
  }));
  lines.push('');
  for (const area of report.Areas) {
    lines.push(`${area.Area}: ${area.Artifacts.Verified}/${area.Artifacts.Listed} listed artifacts verified (SHA-256 and size)${area.ReadmeHash ? `; README ${area.ReadmeHash.slice(0, 12)}` : ''}`);
  }
  const problems = [...report.Problems, ...report.Areas.flatMap((a) => a.Problems)];
  const warnings = [...report.Warnings, ...report.Areas.flatMap((a) => a.Warnings)];
  if (problems.length > 0) {
    lines.push('', `Problems (${problems.length}):`);
    for (const p of problems) lines.push(`  ${paint(31, '✗')} ${p.kind.padEnd(18)} ${p.message}`);
  }
  if (warnings.length > 0) {
    lines.push('', `Warnings (${warnings.length}):`);
    for (const w of warnings) lines.push(`  ${paint(33, '!')} ${w.kind.padEnd(18)} ${w.message}`);
  }
  lines.push('');
  const c = report.Counts;
  lines.push(
    report.Ready
      ? paint(32, `READY: ${c.Areas} area(s), ${c.ArtifactsVerified}/${c.ArtifactsListed} artifacts verified`)
      : paint(31, `NOT READY: ${c.Problems} problem(s) — ${c.MissingRequired} required missing, ${c.SchemaViolations} schema, ${c.HashMismatches} hash, ${c.SizeMismatches} size, ${c.ListedMissing} listed-but-missing, ${c.Unlisted} unlisted, ${c.Other} other`),
  );
  return lines.join('\n') + '\n';
}

function table(header: string[], rows: string[][], decorate: (row: string[], text: string) => string): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const format = (row: string[]) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ');
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => decorate(r, format(r)))];
}
