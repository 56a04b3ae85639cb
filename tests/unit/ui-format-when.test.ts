import { describe, expect, it } from 'vitest';
import { formatAgo, formatDay, formatWhen } from '@/lib/ui/format';

const NOW = new Date('2026-05-12T13:05:00Z');
const GB = { locale: 'en-GB', timeZone: 'UTC' };

describe('formatWhen', () => {
  it.each([
    ['2026-05-12T14:20:00Z', 'at 14:20'],
    ['2026-05-13T00:10:00Z', 'tomorrow at 00:10'],
    ['2026-05-11T18:05:00Z', 'yesterday at 18:05'],
    ['2026-05-20T06:00:00Z', 'on 20 May at 06:00'],
    ['2027-01-02T06:00:00Z', 'on 2 Jan 2027 at 06:00'],
  ])('%s reads as %s', (iso, text) => {
    expect(formatWhen(iso, NOW, GB)).toBe(text);
  });

  it('follows the time zone for what "today" is', () => {
    // 00:30 in Tokyo on the 13th is 15:30 UTC on the 12th.
    expect(
      formatWhen('2026-05-12T15:30:00Z', NOW, { locale: 'en-GB', timeZone: 'Asia/Tokyo' }),
    ).toBe('tomorrow at 00:30');
  });

  it('keeps a string that is not a time', () => {
    expect(formatWhen('soon', NOW, GB)).toBe('soon');
  });
});

describe('formatAgo', () => {
  it.each([
    ['2026-05-12T13:04:30Z', 'just now'],
    ['2026-05-12T13:20:00Z', 'just now'],
    ['2026-05-12T12:50:00Z', '15 min ago'],
    ['2026-05-12T11:00:00Z', '2 h ago'],
    ['2026-05-11T12:00:00Z', 'yesterday'],
    ['2026-05-09T12:00:00Z', '3 days ago'],
    ['2026-05-03T12:00:00Z', '3 May'],
    ['2025-12-03T12:00:00Z', '3 Dec 2025'],
  ])('%s reads as %s', (iso, text) => {
    expect(formatAgo(iso, NOW, GB)).toBe(text);
  });
});

describe('formatDay', () => {
  it('adds the year only when it is not this one', () => {
    expect(formatDay(new Date('2026-05-03T12:00:00Z'), NOW, GB)).toBe('3 May');
    expect(formatDay(new Date('2023-05-04T12:00:00Z'), NOW, GB)).toBe('4 May 2023');
  });
});
