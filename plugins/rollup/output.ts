/**
 * Writing rows the way the original's `Export-Csv -NoTypeInformation -Encoding UTF8` did: header
 * and every non-null value double-quoted (inner quotes doubled), null as an empty unquoted field,
 * CRLF after every line including the last, no BOM. JSON output carries the same rows.
 */
import { formatDotNetNumber } from '../../core/stats/index.js';
import { ROLLUP_COLUMNS, type RollupRow } from './rows.js';

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? formatDotNetNumber(value) : value;
  return `"${text.replace(/"/g, '""')}"`;
}

export function rowsToCsv(rows: readonly RollupRow[]): string {
  const lines = [ROLLUP_COLUMNS.map((c) => csvField(c)).join(',')];
  for (const row of rows) lines.push(ROLLUP_COLUMNS.map((c) => csvField(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Parse a CSV written by `rowsToCsv` (or the original) back into text cells; null for unquoted empties. */
export function parseRollupCsv(text: string): Array<Record<string, string | null>> {
  const records: Array<Array<string | null>> = [];
  let row: Array<string | null> = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    let cell: string | null;
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quoted CSV field');
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      cell = value;
    } else {
      let end = i;
      while (end < text.length && text[end] !== ',' && text[end] !== '\r' && text[end] !== '\n') end++;
      cell = end === i ? null : text.slice(i, end);
      i = end;
    }
    row.push(cell);
    if (text[i] === ',') {
      i++;
      if (i >= text.length || text[i] === '\r' || text[i] === '\n') row.push(null);
      else continue;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    records.push(row);
    row = [];
  }
  const [header, ...body] = records;
  if (!header) return [];
  return body.map((cells) => Object.fromEntries(header.map((h, k) => [h ?? '', cells[k] ?? null])));
}

/** Rows as JSON numbers and strings (nulls kept), for machines. */
export function rowsToJson(rows: readonly RollupRow[], meta: Record<string, unknown>): string {
  return `${JSON.stringify({ ...meta, rows }, null, 2)}\n`;
}
