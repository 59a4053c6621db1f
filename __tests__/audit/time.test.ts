import { parseDuration, parseTimestamp } from '../../src/audit/time.js';

const T = Date.UTC(2026, 0, 15, 12, 30, 45);

describe('parseTimestamp', () => {
  it.each([
    ['ISO 8601 with Z', '2026-01-15T12:30:45Z', T],
    ['ISO 8601 without a zone, read as UTC', '2026-01-15T12:30:45', T],
    ['a space instead of T', '2026-01-15 12:30:45', T],
    ['a positive offset', '2026-01-15T14:30:45+02:00', T],
    ['a negative offset without colon', '2026-01-15T07:30:45-0500', T],
    ['fractional seconds', '2026-01-15T12:30:45.250Z', T + 250],
    ['microsecond fractions, truncated to ms', '2026-01-15T12:30:45.123456Z', T + 123],
    ['a date only, as midnight UTC', '2026-01-15', Date.UTC(2026, 0, 15)],
    ['a UTC suffix', '2026-01-15 12:30:45 UTC', T],
    ['epoch seconds', String(T / 1000), T],
    ['epoch seconds with a fraction', `${T / 1000}.5`, T + 500],
    ['epoch milliseconds', String(T), T],
    ['epoch microseconds', String(T * 1000), T],
    ['surrounding spaces', `  ${T / 1000} `, T],
    ['a leap day', '2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('reads %s', (_name, text, want) => {
    expect(parseTimestamp(text)).toBe(want);
  });

  it.each([
    ['an empty string', ''],
    ['a word', 'yesterday'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['February 30', '2026-02-30'],
    ['February 29 in a common year', '2026-02-29'],
    ['hour 24', '2026-01-15T24:00:00Z'],
    ['an offset of 25 hours', '2026-01-15T12:00:00+25:00'],
    ['a US date', '01/15/2026'],
  ])('rejects %s', (_name, text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });
});

describe('parseDuration', () => {
  it.each([
    ['168h', 168 * 3_600_000],
    ['7d', 7 * 86_400_000],
    ['90m', 90 * 60_000],
    ['1w', 604_800_000],
    ['24', 24 * 3_600_000],
  ])('reads %s', (text, want) => {
    expect(parseDuration(text)).toBe(want);
  });

  it.each(['', '0h', 'h', '-5h', 'seven days'])('rejects "%s"', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});
