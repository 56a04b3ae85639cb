import { z } from 'zod';
import { addDays, DAY_RE, isDay, isWeekend } from './days';
import { hfDayUrl, hfTrendingUrl, HF_PAGE_SIZE, type HfPage } from './hf';
import { HF_FIRST_DAY, type FeedList, type FeedSettings } from './sources';

/**
 * The plan of a Hugging Face run, as the cursor stored with every page: what is left to fetch,
 * where the run is, and what its lists hold so far. Pure; the runner (runner.ts) fetches and
 * stores, this decides what comes next. See hf.ts for the order of a run and why weekends are
 * skipped.
 */

/** A day has had at most a few hundred papers; past this the API is not paging as documented. */
export const HF_MAX_PAGES_PER_DAY = 10;
/** Bad answers in a row at one position before the run gives up on it and moves past it. */
export const HF_MAX_BAD_BODIES = 3;
/** A FeedList holds at most this many items. */
const LIST_MAX = 500;

const day = z.string().regex(DAY_RE).refine(isDay, { error: 'not a calendar day' });
const itemSchema = z.object({
  id: z.string().min(1).max(64),
  upvotes: z.number().int().min(0).optional(),
});

const hfRunSchema = z.object({
  /** The day the run started (UTC): the newest it fetches. */
  newest: day,
  /** The oldest day this run's backfill reaches, if it backfills. */
  reach: day.nullable(),
  /** The trending list is still to fetch. */
  trending: z.boolean(),
  /** Ranges of days still to fetch, [newest, oldest] each, the first in progress. */
  todo: z.array(z.tuple([day, day])).max(4),
  /** The next page of the first range's newest day. */
  page: z.number().int().min(0).max(HF_MAX_PAGES_PER_DAY),
  /** The newest day with papers seen in this run, and its items so far (the "today" list). */
  today: z.object({ day, items: z.array(itemSchema).max(LIST_MAX) }).nullable(),
  /** The first range is done: no later day can be "today". */
  todayDone: z.boolean(),
  /** Bad answers in a row at the current position. */
  bad: z.number().int().min(0),
});

export const hfCursorSchema = z.object({
  v: z.literal(1),
  /** The newest day a finished run covered; null before the first run finished. */
  through: day.nullable(),
  /** The oldest day a backfill reached. */
  backfilledTo: day.nullable(),
  run: hfRunSchema.nullable(),
});
export type HfCursor = z.infer<typeof hfCursorSchema>;
export type HfRun = z.infer<typeof hfRunSchema>;

export type HfStep = { kind: 'trending' } | { kind: 'day'; day: string; page: number };

/** The oldest day a backfill of `days` days reaches from `today`. */
export function backfillReach(today: string, days: FeedSettings['hf']['backfillDays']): string {
  if (days === 'all') return HF_FIRST_DAY;
  const reach = addDays(today, -(days - 1));
  return reach < HF_FIRST_DAY ? HF_FIRST_DAY : reach;
}

/**
 * The cursor with a run in it: the stored run when one was stopped, else a new one planned for
 * `today` (UTC).
 */
export function planHfRun(
  stored: HfCursor | null,
  today: string,
  backfillDays: FeedSettings['hf']['backfillDays'],
): HfCursor {
  const cursor = stored ?? { v: 1, through: null, backfilledTo: null, run: null };
  if (cursor.run) return normalizeHf(cursor, today);
  const reach = backfillReach(today, backfillDays);
  const todo: [string, string][] = [];
  let backfill: string | null = null;
  if (cursor.through === null) {
    todo.push([today, reach]);
    backfill = reach;
  } else {
    const through = cursor.through < today ? cursor.through : today;
    const again = weekdaysBack(through, 2);
    todo.push([today, again < HF_FIRST_DAY ? HF_FIRST_DAY : again]);
    // The backfill depth was raised since: reach the new depth too, after the recent days.
    const done = cursor.backfilledTo ?? through;
    if (reach < done) {
      todo.push([addDays(done, -1), reach]);
      backfill = reach;
    }
  }
  const run: HfRun = {
    newest: today,
    reach: backfill,
    trending: true,
    todo,
    page: 0,
    today: null,
    todayDone: false,
    bad: 0,
  };
  return normalizeHf({ ...cursor, run }, today);
}

/** The day `n` weekdays back counting `from` itself if it is one (the oldest "again" day). */
function weekdaysBack(from: string, n: number): string {
  let d = from;
  let found = 0;
  for (;;) {
    if (!isWeekend(d) && ++found === n) return d;
    d = addDays(d, -1);
  }
}

/**
 * The cursor with its current position on a day that may be asked for: not after `today`, not
 * a weekend day, within its range; a run with nothing left is finished.
 */
export function normalizeHf(cursor: HfCursor, today: string): HfCursor {
  const run = cursor.run;
  if (!run) return cursor;
  const todo = run.todo.map(([a, b]) => [a, b] as [string, string]);
  let { page, todayDone } = run;
  while (todo.length > 0) {
    const range = todo[0]!;
    if (range[0] > today) [range[0], page] = [today, 0];
    while (range[0] >= range[1] && isWeekend(range[0]))
      [range[0], page] = [addDays(range[0], -1), 0];
    if (range[0] >= range[1]) break;
    todo.shift();
    page = 0;
    todayDone = true;
  }
  if (todo.length === 0 && !run.trending) return finish(cursor, run);
  return { ...cursor, run: { ...run, todo, page, todayDone } };
}

function finish(cursor: HfCursor, run: HfRun): HfCursor {
  const through = cursor.through && cursor.through > run.newest ? cursor.through : run.newest;
  const reached = [cursor.backfilledTo, run.reach].filter((d): d is string => d !== null).sort();
  return { v: 1, through, backfilledTo: reached[0] ?? null, run: null };
}

/** What to fetch next, or null when the run is finished. */
export function hfStep(cursor: HfCursor): HfStep | null {
  const run = cursor.run;
  if (!run) return null;
  if (run.trending) return { kind: 'trending' };
  const range = run.todo[0];
  return range ? { kind: 'day', day: range[0], page: run.page } : null;
}

export function hfStepUrl(step: HfStep): string {
  return step.kind === 'trending' ? hfTrendingUrl() : hfDayUrl(step.day, step.page);
}

/** Requests left in the run, counting one per day (more pages are not known in advance). */
export function hfRemaining(cursor: HfCursor): number {
  const run = cursor.run;
  if (!run) return 0;
  let n = run.trending ? 1 : 0;
  for (const [newest, oldest] of run.todo) {
    for (let d = newest; d >= oldest; d = addDays(d, -1)) if (!isWeekend(d)) n++;
  }
  return n;
}

/**
 * The cursor after a step's page was read, and the lists it updates. `page` null means the step
 * is given up (bad answers): the run moves past it.
 */
export function advanceHf(
  cursor: HfCursor,
  step: HfStep,
  page: Pick<HfPage, 'items' | 'count'> | null,
  at: string,
  today: string,
): { cursor: HfCursor; lists: { 'hf-trending'?: FeedList; 'hf-today'?: FeedList } } {
  const run = cursor.run;
  if (!run) throw new Error('no run in progress');
  const lists: { 'hf-trending'?: FeedList; 'hf-today'?: FeedList } = {};
  let next: HfRun;
  if (step.kind === 'trending') {
    if (page) lists['hf-trending'] = { at, items: page.items.slice(0, LIST_MAX) };
    next = { ...run, trending: false, bad: 0 };
  } else {
    let { today: todayList, todayDone } = run;
    if (page && !todayDone && page.items.length > 0 && (!todayList || todayList.day === step.day)) {
      const items = [...(todayList?.items ?? []), ...page.items].slice(0, LIST_MAX);
      todayList = { day: step.day, items };
      lists['hf-today'] = { at, items };
    }
    const more =
      page !== null && page.count >= HF_PAGE_SIZE && step.page + 1 < HF_MAX_PAGES_PER_DAY;
    if (!more && todayList?.day === step.day) todayDone = true;
    const [first, ...rest] = run.todo;
    const todo: [string, string][] = more
      ? run.todo
      : [[addDays(step.day, -1), first![1]], ...rest];
    next = { ...run, todo, page: more ? step.page + 1 : 0, today: todayList, todayDone, bad: 0 };
  }
  return { cursor: normalizeHf({ ...cursor, run: next }, today), lists };
}

/** The cursor recording one more bad answer at the current position. */
export function markBadHf(cursor: HfCursor): HfCursor {
  if (!cursor.run) throw new Error('no run in progress');
  return { ...cursor, run: { ...cursor.run, bad: cursor.run.bad + 1 } };
}
