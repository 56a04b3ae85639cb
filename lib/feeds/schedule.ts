import type { SourceId } from './sources';
import { addDays, isWeekend, utcDay, zonedDay, zonedTime } from './days';

/**
 * When each source runs next. Pure: the feed service calls it after every run with that run's
 * time and stores the answer as the source's `nextAt`.
 *
 * - Every source at most every 6 hours after a success.
 * - Hugging Face also right after 00:10 UTC once a new day started (its daily lists are UTC days).
 * - arXiv only after 00:15 New York time on Monday to Friday: its feed is rebuilt around
 *   midnight US Eastern, once a day, and is empty on Saturday and Sunday.
 * - After failures, exponential backoff (15 min, 30 min, 1 h ... at most 12 h), and never sooner
 *   than the server's Retry-After.
 */

export const EVERY_MS = 6 * 60 * 60 * 1000;
export const BACKOFF_BASE_MS = 15 * 60 * 1000;
export const BACKOFF_MAX_MS = 12 * 60 * 60 * 1000;
export const ARXIV_ZONE = 'America/New_York';
/** Minutes after midnight: a little slack after the lists change. */
export const HF_AFTER_MIN = 10;
export const ARXIV_AFTER_MIN = 15;

export type ScheduleState = {
  /** ISO time of the last successful run, null if none. */
  lastSuccessAt: string | null;
  /** Failed runs in a row. */
  failures: number;
  /** What the server asked for on the last failure. */
  retryAfterMs?: number | null;
};

/** The backoff after `failures` failed runs in a row: min(15 min · 2^(n-1), 12 h). */
export function backoffMs(failures: number): number {
  if (failures < 1) return 0;
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 30), BACKOFF_MAX_MS);
}

/** The next time `source` should run; `now` itself when it is due. */
export function nextRun(source: SourceId, state: ScheduleState, now: Date): Date {
  if (!Number.isInteger(state.failures) || state.failures < 0) {
    throw new Error(`failures must be a whole number ≥ 0, got ${state.failures}`);
  }
  if (state.failures > 0) {
    const wait = Math.max(backoffMs(state.failures), state.retryAfterMs ?? 0);
    return new Date(now.getTime() + wait);
  }
  if (state.lastSuccessAt === null) return now;
  const parsed = Date.parse(state.lastSuccessAt);
  if (Number.isNaN(parsed))
    throw new Error(`lastSuccessAt is not a time: "${state.lastSuccessAt}"`);
  // A success "in the future" means the clock went back: count from now.
  const last = new Date(Math.min(parsed, now.getTime()));
  const next =
    source === 'hf'
      ? new Date(Math.min(last.getTime() + EVERY_MS, nextHfDay(last).getTime()))
      : source === 'arxiv'
        ? nextArxivDay(last)
        : new Date(last.getTime() + EVERY_MS);
  return next.getTime() <= now.getTime() ? now : next;
}

/** The first 00:10 UTC after `last`. */
function nextHfDay(last: Date): Date {
  const today = utcDay(last);
  const at = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + HF_AFTER_MIN * 60_000);
  return at(today).getTime() > last.getTime() ? at(today) : at(addDays(today, 1));
}

/** The first 00:15 New York time after `last`, on a weekday there. */
export function nextArxivDay(last: Date): Date {
  let day = zonedDay(last, ARXIV_ZONE);
  for (let i = 0; i < 8; i++, day = addDays(day, 1)) {
    if (isWeekend(day)) continue;
    const at = zonedTime(day, 0, ARXIV_AFTER_MIN, ARXIV_ZONE);
    if (at.getTime() > last.getTime()) return at;
  }
  throw new Error('no weekday within a week'); // unreachable: a week has five
}
