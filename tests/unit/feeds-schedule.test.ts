import { describe, expect, it } from 'vitest';
import { zonedDay, zonedTime } from '@/lib/feeds/days';
import { backoffMs, nextRun } from '@/lib/feeds/schedule';

const at = (iso: string) => new Date(iso);
const ok = (lastSuccessAt: string | null) => ({ lastSuccessAt, failures: 0 });
const MIN = 60_000;

describe('Hugging Face', () => {
  it('runs right after 00:10 UTC when a new day started before 6 h are up', () => {
    expect(nextRun('hf', ok('2024-06-03T20:00:00Z'), at('2024-06-03T20:00:00Z'))).toEqual(
      at('2024-06-04T00:10:00Z'),
    );
  });

  it('otherwise every 6 hours', () => {
    expect(nextRun('hf', ok('2024-06-04T01:00:00Z'), at('2024-06-04T01:00:00Z'))).toEqual(
      at('2024-06-04T07:00:00Z'),
    );
    // Run at 00:05, before the day's mark: the 00:10 of the same day comes first.
    expect(nextRun('hf', ok('2024-06-04T00:05:00Z'), at('2024-06-04T00:05:00Z'))).toEqual(
      at('2024-06-04T00:10:00Z'),
    );
  });

  it('is due now when never run, or when the time has passed', () => {
    const now = at('2024-06-04T12:00:00Z');
    expect(nextRun('hf', ok(null), now)).toEqual(now);
    expect(nextRun('hf', ok('2024-06-03T02:00:00Z'), now)).toEqual(now);
  });

  it('counts from now when the last success is in the future (the clock went back)', () => {
    expect(nextRun('hf', ok('2030-01-01T00:00:00Z'), at('2024-06-04T01:00:00Z'))).toEqual(
      at('2024-06-04T07:00:00Z'),
    );
  });
});

describe('arXiv', () => {
  it('runs after 00:15 in New York on the next weekday, in winter (UTC-5)', () => {
    // Tuesday 2024-01-09 00:15 EST = 05:15 UTC.
    const last = '2024-01-08T05:20:00Z';
    expect(nextRun('arxiv', ok(last), at(last))).toEqual(at('2024-01-09T05:15:00Z'));
  });

  it('and in summer (UTC-4)', () => {
    const last = '2024-07-09T04:16:00Z';
    expect(nextRun('arxiv', ok(last), at(last))).toEqual(at('2024-07-10T04:15:00Z'));
  });

  it('skips Saturday and Sunday: Friday is followed by Monday', () => {
    const friday = '2024-07-12T04:16:00Z';
    expect(nextRun('arxiv', ok(friday), at(friday))).toEqual(at('2024-07-15T04:15:00Z'));
  });

  it('across the spring DST change (Sunday 2025-03-09): Friday EST to Monday EDT', () => {
    const friday = '2025-03-07T05:16:00Z'; // 00:16 EST
    expect(nextRun('arxiv', ok(friday), at(friday))).toEqual(at('2025-03-10T04:15:00Z'));
  });

  it('across the autumn DST change (Sunday 2025-11-02): Friday EDT to Monday EST', () => {
    const friday = '2025-10-31T04:16:00Z'; // 00:16 EDT
    expect(nextRun('arxiv', ok(friday), at(friday))).toEqual(at('2025-11-03T05:15:00Z'));
  });

  it('a success late in the New York evening waits for that night', () => {
    // Wednesday 23:30 EDT is Thursday 03:30 UTC; the next feed is Thursday 00:15 EDT.
    const last = '2024-07-11T03:30:00Z';
    expect(nextRun('arxiv', ok(last), at(last))).toEqual(at('2024-07-11T04:15:00Z'));
  });

  it('a first success on Saturday waits for Monday', () => {
    const saturday = '2024-07-13T15:00:00Z';
    expect(nextRun('arxiv', ok(saturday), at(saturday))).toEqual(at('2024-07-15T04:15:00Z'));
  });
});

describe('New York days', () => {
  it.each([
    ['2024-03-10T04:59:00Z', '2024-03-09'],
    ['2024-03-10T05:00:00Z', '2024-03-10'],
    ['2024-03-11T03:59:00Z', '2024-03-10'], // EDT since 02:00 that Sunday
    ['2024-03-11T04:00:00Z', '2024-03-11'],
    ['2024-11-03T03:59:00Z', '2024-11-02'],
    ['2024-11-04T04:59:00Z', '2024-11-03'], // EST again
    ['2024-11-04T05:00:00Z', '2024-11-04'],
  ])('%s is %s in New York', (instant, day) => {
    expect(zonedDay(at(instant), 'America/New_York')).toBe(day);
  });

  it.each([
    ['2024-03-08', '2024-03-08T05:15:00.000Z'],
    ['2024-03-11', '2024-03-11T04:15:00.000Z'],
    ['2024-11-01', '2024-11-01T04:15:00.000Z'],
    ['2024-11-04', '2024-11-04T05:15:00.000Z'],
  ])('00:15 on %s is %s', (day, instant) => {
    expect(zonedTime(day, 0, 15, 'America/New_York').toISOString()).toBe(instant);
  });
});

describe('after failures', () => {
  it('backs off exponentially from 15 minutes, up to 12 hours', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => backoffMs(n) / MIN)).toEqual([
      15, 30, 60, 120, 240, 480, 720, 720, 720,
    ]);
  });

  it('waits the backoff from now, whatever the regular schedule says', () => {
    const now = at('2024-06-04T12:00:00Z');
    const state = { lastSuccessAt: '2024-06-04T11:00:00Z', failures: 3 };
    expect(nextRun('hf', state, now)).toEqual(at('2024-06-04T13:00:00Z'));
    expect(nextRun('arxiv', state, now)).toEqual(at('2024-06-04T13:00:00Z'));
  });

  it('waits at least what Retry-After asked for', () => {
    const now = at('2024-06-04T12:00:00Z');
    expect(
      nextRun('hf', { lastSuccessAt: null, failures: 1, retryAfterMs: 2 * 3600_000 }, now),
    ).toEqual(at('2024-06-04T14:00:00Z'));
    // A short Retry-After does not shorten the backoff.
    expect(nextRun('hf', { lastSuccessAt: null, failures: 2, retryAfterMs: 5000 }, now)).toEqual(
      at('2024-06-04T12:30:00Z'),
    );
  });

  it('refuses a state it cannot read', () => {
    const now = at('2024-06-04T12:00:00Z');
    expect(() => nextRun('hf', { lastSuccessAt: null, failures: -1 }, now)).toThrow(
      'failures must be a whole number ≥ 0, got -1',
    );
    expect(() => nextRun('hf', { lastSuccessAt: 'yesterday', failures: 0 }, now)).toThrow(
      'lastSuccessAt is not a time: "yesterday"',
    );
  });
});

describe('subscription', () => {
  it('every 6 hours', () => {
    const last = '2024-06-04T01:00:00Z';
    expect(nextRun('sub', ok(last), at(last))).toEqual(at('2024-06-04T07:00:00Z'));
  });
});
