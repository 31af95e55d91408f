/**
 * `where:` filters (and `streakReset:`, and `{…}` filters inside ratio operands). One mapping of
 * field → condition; all conditions must hold.
 *
 * - `Field: value` equality; `Field: [a, b]` any of; `Field: { gt: 0 }` with operators
 *   eq, ne, in, notIn, gt, gte, lt, lte, exists.
 * - Strings compare case-insensitively (the original used PowerShell's `-eq`, which ignores case), and a
 *   boolean or number matches its text form (`Success: true` matches `true` and `"True"`).
 * - A missing (or null) field fails every condition except `ne`, `notIn` and `exists: false`.
 */
import { ErrorCode, StatetraceError, type SourceLocation } from '../errors.js';
import type { EventFilter, FilterCondition } from './types.js';

const OPERATORS = ['eq', 'ne', 'in', 'notIn', 'gt', 'gte', 'lt', 'lte', 'exists'] as const;

/** Compile a filter mapping. Throws a StatetraceError at `location` for an unknown operator. */
export function compileFilter(spec: Record<string, unknown>, location?: SourceLocation): EventFilter {
  const conditions: FilterCondition[] = [];
  for (const [field, raw] of Object.entries(spec)) {
    if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
      for (const [op, value] of Object.entries(raw as Record<string, unknown>)) {
        if (!(OPERATORS as readonly string[]).includes(op)) {
          throw new StatetraceError(ErrorCode.GateInvalid, `unknown filter operator "${op}" on field "${field}"`, {
            location,
            hint: `use a value, a list (any of), or one of: ${OPERATORS.join(', ')}`,
          });
        }
        if ((op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') && typeof value !== 'number') {
          throw new StatetraceError(ErrorCode.GateInvalid, `filter ${field}.${op} needs a number, got ${JSON.stringify(value)}`, { location });
        }
        if ((op === 'in' || op === 'notIn') && !Array.isArray(value)) {
          throw new StatetraceError(ErrorCode.GateInvalid, `filter ${field}.${op} needs a list, got ${JSON.stringify(value)}`, { location });
        }
        if (op === 'exists' && typeof value !== 'boolean') {
          throw new StatetraceError(ErrorCode.GateInvalid, `filter ${field}.exists needs true or false`, { location });
        }
        conditions.push({ field, op: op as FilterCondition['op'], value });
      }
    } else if (Array.isArray(raw)) {
      conditions.push({ field, op: 'in', value: raw });
    } else {
      conditions.push({ field, op: 'eq', value: raw });
    }
  }
  return { conditions, text: conditions.map(conditionText).join(', ') };
}

function conditionText(c: FilterCondition): string {
  const v = (x: unknown) => (Array.isArray(x) ? `[${x.map(String).join(', ')}]` : String(x));
  switch (c.op) {
    case 'eq':
      return `${c.field} = ${v(c.value)}`;
    case 'ne':
      return `${c.field} ≠ ${v(c.value)}`;
    case 'in':
      return `${c.field} in ${v(c.value)}`;
    case 'notIn':
      return `${c.field} not in ${v(c.value)}`;
    case 'exists':
      return c.value ? `${c.field} present` : `${c.field} absent`;
    default:
      return `${c.field} ${{ gt: '>', gte: '>=', lt: '<', lte: '<=' }[c.op]} ${v(c.value)}`;
  }
}

/** Field lookup: exact name first, then case-insensitive (PowerShell property access ignores case). */
export function getField(record: Record<string, unknown>, field: string): unknown {
  if (field in record) return record[field];
  const lower = field.toLowerCase();
  for (const key of Object.keys(record)) if (key.toLowerCase() === lower) return record[key];
  return undefined;
}

export function looseEquals(actual: unknown, expected: unknown): boolean {
  if (actual === undefined || actual === null) return expected === null;
  if (typeof actual === 'number' && typeof expected === 'number') return actual === expected;
  const a = typeof actual === 'object' ? JSON.stringify(actual) : String(actual);
  const e = typeof expected === 'object' && expected !== null ? JSON.stringify(expected) : String(expected);
  if (a.toLowerCase() === e.toLowerCase()) return true;
  const an = Number(a);
  const en = Number(e);
  return a.trim() !== '' && e.trim() !== '' && Number.isFinite(an) && Number.isFinite(en) && an === en;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function testCondition(c: FilterCondition, actual: unknown): boolean {
  const missing = actual === undefined || actual === null;
  switch (c.op) {
    case 'exists':
      return c.value ? !missing : missing;
    case 'eq':
      return looseEquals(actual, c.value);
    case 'ne':
      return !looseEquals(actual, c.value);
    case 'in':
      return !missing && (c.value as unknown[]).some((v) => looseEquals(actual, v));
    case 'notIn':
      return missing || !(c.value as unknown[]).some((v) => looseEquals(actual, v));
    default: {
      const n = toNumber(actual);
      if (n === undefined) return false;
      const limit = c.value as number;
      return c.op === 'gt' ? n > limit : c.op === 'gte' ? n >= limit : c.op === 'lt' ? n < limit : n <= limit;
    }
  }
}

export function matchesFilter(filter: EventFilter | undefined, record: Record<string, unknown>): boolean {
  if (!filter) return true;
  for (const c of filter.conditions) if (!testCondition(c, getField(record, c.field))) return false;
  return true;
}
