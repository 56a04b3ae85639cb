import { describe, expect, it } from 'vitest';
import { formatBytes, formatDateTime, formatPapers } from '@/lib/ui/format';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1 KB'],
    [3_456_789, '3.5 MB'],
    [123_456_789, '123 MB'],
    [2_500_000_000, '2.5 GB'],
  ])('%d bytes read as %s', (bytes, text) => {
    expect(formatBytes(bytes, 'en-US')).toBe(text);
  });

  it('shows a dash for a size that is not a size', () => {
    expect(formatBytes(Number.NaN, 'en-US')).toBe('—');
    expect(formatBytes(-1, 'en-US')).toBe('—');
  });
});

describe('formatPapers', () => {
  it('groups digits and agrees in number', () => {
    expect(formatPapers(100_000, 'en-US')).toBe('100,000 papers');
    expect(formatPapers(1, 'en-US')).toBe('1 paper');
  });
});

describe('formatDateTime', () => {
  it('keeps a string that is not a date rather than showing "Invalid Date"', () => {
    expect(formatDateTime('soon', 'en-US')).toBe('soon');
  });

  it('formats an ISO date', () => {
    expect(formatDateTime('2026-03-01T12:00:00Z', 'en-US')).toMatch(/Mar 1, 2026/);
  });
});
