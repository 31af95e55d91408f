/** README.md of an area, in the original's layout (header, bullets, `## Artifacts` table with 12-character hashes). */
import type { TelemetryBundleManifest } from './manifest.js';

export function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** `extraSections` is Markdown placed between the bullets and the artifact table (what was run, gate verdicts). */
export function renderAreaReadme(manifest: TelemetryBundleManifest, extraSections = ''): string {
  const list = (values: string[] | null | undefined) => (values && values.length > 0 ? values.join(', ') : '(none)');
  const lines = [
    `# Telemetry Bundle - ${manifest.BundleName}`,
    '',
    `**Area:** ${manifest.AreaName}`,
    '',
    `- Created: ${manifest.CreatedAt}`,
    `- Host: ${manifest.Hostname}`,
    `- Plans: ${list(manifest.PlanReferences)}`,
    `- Task Board IDs: ${list(manifest.TaskBoardIds)}`,
    `- Notes: ${manifest.Notes ?? '(none)'}`,
    '',
  ];
  if (extraSections.trim()) lines.push(extraSections.trim(), '');
  lines.push('## Artifacts', '', '| Category | File | Source | Hash | Bytes |', '|---|---|---|---|---:|');
  for (const a of manifest.Artifacts) {
    lines.push(`| ${markdownCell(a.Category)} | ${markdownCell(a.TargetFile)} | ${markdownCell(a.SourcePath)} | ${a.Hash.slice(0, 12)} | ${a.SizeBytes} |`);
  }
  lines.push('', `Verify with \`statetrace bundle verify <bundle folder>\` (SHA-256 and size of every artifact).`, '');
  return lines.join('\n');
}
