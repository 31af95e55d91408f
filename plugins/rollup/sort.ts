/**
 * Ordering as PowerShell's `Sort-Object` does it: culture-aware and case-insensitive (`All` before
 * `BOYO`, `sw1` sorts as `SW1`). Ties the original left in hashtable order (several UserAction
 * rows) are broken by Notes, then by ordinal text, so output is deterministic.
 */
import type { RollupRow } from './rows.js';

const collator = new Intl.Collator('en-US', { sensitivity: 'accent', numeric: false });

/** Culture-aware, case-insensitive comparison. */
export function compareText(a: string, b: string): number {
  return collator.compare(a, b);
}

function ordinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareRows(a: RollupRow, b: RollupRow): number {
  return (
    compareText(a.Date, b.Date) ||
    compareText(a.Scope, b.Scope) ||
    compareText(a.Metric, b.Metric) ||
    compareText(a.Notes ?? '', b.Notes ?? '') ||
    ordinal(a.Date, b.Date) ||
    ordinal(a.Scope, b.Scope) ||
    ordinal(a.Notes ?? '', b.Notes ?? '')
  );
}

export function sortRows(rows: RollupRow[]): RollupRow[] {
  return [...rows].sort(compareRows);
}
