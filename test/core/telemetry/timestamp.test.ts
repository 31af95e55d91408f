import { describe, expect, it } from 'vitest';
import { compareTimestamps, formatLocalTimestamp, parseTimestamp, parseTimestampParts } from '../../../core/telemetry/timestamp.js';

const BASE = Date.UTC(2025, 11, 5, 23, 21, 54); // 2025-12-05T16:21:54-07:00

describe('parseTimestamp: accepted forms', () => {
  it.each<[string, number, number | undefined, number]>([
    ['2025-12-05T16:21:54.7420355-07:00', BASE + 742.0355, -420, 7],
    ['2025-12-05T16:21:54.742035-07:00', BASE + 742.035, -420, 6],
    ['2025-12-05T16:21:54.74203-07:00', BASE + 742.03, -420, 5],
    ['2025-12-05T16:21:54.7420-07:00', BASE + 742, -420, 4],
    ['2025-12-05T16:21:54.742-07:00', BASE + 742, -420, 3],
    ['2025-12-05T16:21:54.74-07:00', BASE + 740, -420, 2],
    ['2025-12-05T16:21:54.7-07:00', BASE + 700, -420, 1],
    ['2025-12-05T16:21:54-07:00', BASE, -420, 0],
    ['2025-12-05T23:21:54Z', BASE, 0, 0],
    ['2025-12-05T23:21:54.0000001Z', BASE + 0.0001, 0, 7],
    ['2025-12-06T05:21:54+06:00', BASE, 360, 0],
    ['2025-12-05T23:51:54+00:30', BASE, 30, 0],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29), 0, 0],
    ['0099-01-01T00:00:00Z', -59042995200000, 0, 0],
  ])('%s', (text, epochMs, offsetMinutes, fractionDigits) => {
    const parts = parseTimestampParts(text);
    expect(parts).toMatchObject({ offsetMinutes, fractionDigits, format: 'iso' });
    expect(parts!.epochMs).toBeCloseTo(epochMs, 4);
    expect(parseTimestamp(text)).toBe(parts!.epochMs);
  });

  it.each<[string, number, number | undefined]>([
    ['/Date(1733441314742)/', 1733441314742, undefined],
    ['\\/Date(1733441314742)\\/', 1733441314742, undefined],
    ['/Date(1733441314742-0700)/', 1733441314742, -420],
    ['/Date(-1000)/', -1000, undefined],
  ])('PowerShell 5.1 date %s', (text, epochMs, offsetMinutes) => {
    expect(parseTimestampParts(text)).toEqual({ epochMs, wholeMs: epochMs, subMsTicks: 0, offsetMinutes, fractionDigits: 0, format: 'ms-date' });
  });

  it('keeps the exact 100-ns tick in wholeMs + subMsTicks (epochMs resolves ~2.4 ticks)', () => {
    const a = parseTimestampParts('2026-01-01T08:02:17.1794960-07:00')!;
    const b = parseTimestampParts('2026-01-01T08:02:17.1794961-07:00')!;
    expect([a.subMsTicks, b.subMsTicks]).toEqual([4960, 4961]);
    expect(a.wholeMs).toBe(b.wholeMs);
    expect(compareTimestamps(a, b)).toBeLessThan(0);
    expect(compareTimestamps(b, a)).toBeGreaterThan(0);
    expect(compareTimestamps(a, a)).toBe(0);
    expect(parseTimestampParts('2025-12-05T23:21:54.9999999Z')).toMatchObject({ wholeMs: BASE + 999, subMsTicks: 9999 });
  });
});

describe('parseTimestamp: rejected', () => {
  it.each([
    '',
    '2025-12-05',
    '2025-12-05 16:21:54', // RunDate style: no zone
    '2025-12-05T16:21:54', // no zone: local time of an unknown machine
    '2025-12-05T16:21:54.74203551-07:00', // 8 digits
    '2025-12-05T16:21:54.-07:00',
    '2025-12-05T16:21:54-0700',
    '2025-13-05T16:21:54Z',
    '2025-02-29T00:00:00Z', // not a leap year
    '2025-04-31T00:00:00Z',
    '2025-12-05T24:00:00Z',
    '2025-12-05T16:60:00Z',
    '2025-12-05T16:21:60Z',
    '2025-12-05T16:21:54+15:00',
    '2025-12-05t16:21:54z',
    '12/05/2025 16:21:54',
    ' 2025-12-05T16:21:54Z',
    '/Date(abc)/',
  ])('%j → undefined', (text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });
});

describe('formatLocalTimestamp', () => {
  it('has the .NET round-trip shape with 7 digits and the local offset, and parses back', () => {
    const epochMs = BASE + 742.0355;
    const text = formatLocalTimestamp(epochMs);
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}[+-]\d{2}:\d{2}$/);
    // From a double the 7th digit is approximate (a double near 1.7e12 resolves ~2.4 ticks)…
    expect(Number(text.slice(20, 27))).toBeCloseTo(7420355, -1);
    expect(parseTimestamp(text)).toBeCloseTo(epochMs, 3);
  });

  it('round-trips a parsed timestamp exactly from wholeMs + subMsTicks', () => {
    const parts = parseTimestampParts('2025-12-05T16:21:54.7420355-07:00')!;
    const text = formatLocalTimestamp(parts);
    expect(text.slice(19, 27)).toBe('.7420355');
    expect(compareTimestamps(parseTimestampParts(text)!, parts)).toBe(0);
  });

  it('accepts a Date (7th-digit ticks zero) and carries a rounded-up fraction into the next millisecond', () => {
    expect(formatLocalTimestamp(new Date(BASE + 5)).slice(19, 27)).toBe('.0050000');
    expect(formatLocalTimestamp(BASE + 0.99999).slice(19, 27)).toBe('.0010000');
  });

  it('uses the offset of the process time zone', () => {
    const offset = -new Date(BASE).getTimezoneOffset();
    const expected = `${offset < 0 ? '-' : '+'}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
    expect(formatLocalTimestamp(BASE).slice(-6)).toBe(expected);
  });
});
