import {
  arxivCursorSchema,
  arxivFeedUrl,
  ARXIV_HOST,
  ARXIV_MAX_BYTES,
  readArxivFeed,
  type ArxivCursor,
} from './arxiv';
import { utcDay, zonedDay } from './days';
import { HF_HOST, HF_MAX_BYTES, parseHfPage } from './hf';
import {
  advanceHf,
  HF_MAX_BAD_BODIES,
  hfCursorSchema,
  hfRemaining,
  hfStep,
  hfStepUrl,
  markBadHf,
  normalizeHf,
  planHfRun,
  type HfCursor,
} from './hf-plan';
import { isOutcome, RunContext, messageOf, type RunDeps, type RunOutcome } from './run-context';
import { ARXIV_ZONE } from './schedule';
import type { FeedBatch, FeedSettings } from './sources';

export type { RunDeps, RunOutcome };

/**
 * One run of a source: pace, fetch, parse, store, page after page. Pure of the browser: what it
 * needs comes in `deps` (the background's feed service passes the real ones). Each fetched page
 * is stored in one `upsert` together with the cursor that resumes after it, so a worker stopped
 * between a fetch and its commit fetches that page again, and nothing else.
 */

export async function runHf(deps: RunDeps, settings: FeedSettings['hf']): Promise<RunOutcome> {
  const run = new RunContext(deps, 'hf', 'Hugging Face');
  if (!settings.enabled) return run.fail('other', 'Hugging Face is turned off.');
  const raw = await deps.readCursor('hf');
  const stored = raw == null ? null : hfCursorSchema.safeParse(raw);
  if (stored && !stored.success) {
    run.note([
      `the stored resume point was unreadable (${stored.error.issues[0]!.message}); starting over`,
    ]);
  }
  let cursor: HfCursor = planHfRun(
    stored?.success ? stored.data : null,
    utcDay(deps.now()),
    settings.backfillDays,
  );
  for (;;) {
    // Re-checked before every request: the clock may pass midnight, or go back, mid-run.
    cursor = normalizeHf(cursor, utcDay(deps.now()));
    const step = hfStep(cursor);
    if (!step) return run.outcome(null, true);
    deps.progress?.(run.requests, run.requests + hfRemaining(cursor));
    if (deps.signal.aborted) return run.outcome(null);
    const response = await run.fetch(HF_HOST, hfStepUrl(step), HF_MAX_BYTES);
    if (isOutcome(response)) return response;
    // Fetched but not stored: a stop here leaves the cursor before this page.
    if (deps.signal.aborted) return run.outcome(null);
    const at = deps.now().toISOString();
    const what =
      step.kind === 'trending'
        ? 'the trending list'
        : `the list of ${step.day} (page ${step.page + 1})`;
    let page: ReturnType<typeof parseHfPage>;
    try {
      page = parseHfPage(response.text, at);
    } catch (error) {
      const bad = cursor.run!.bad + 1;
      const giveUp = bad >= HF_MAX_BAD_BODIES;
      const next = giveUp
        ? advanceHf(cursor, step, null, at, utcDay(deps.now())).cursor
        : markBadHf(cursor);
      if (giveUp) run.note([`skipped ${what} after ${bad} bad answers`]);
      const refused = await run.store({ put: [], cursor: next });
      return refused ?? run.fail('bad-body', `${messageOf(error)} (${what}).`);
    }
    run.note(page.issues.map((issue) => `${what}: ${issue}`));
    const { cursor: next, lists } = advanceHf(cursor, step, page, at, utcDay(deps.now()));
    const refused = await run.store({
      put: page.papers,
      cursor: next,
      ...(Object.keys(lists).length > 0 && { lists }),
    });
    if (refused) return refused;
    cursor = next;
  }
}

export async function runArxiv(
  deps: RunDeps,
  settings: FeedSettings['arxiv'],
): Promise<RunOutcome> {
  const run = new RunContext(deps, 'arxiv', 'arXiv');
  if (!settings.enabled) return run.fail('other', 'arXiv is turned off.');
  if (settings.categories.length === 0) return run.fail('other', 'No arXiv category is picked.');
  let url: string;
  try {
    url = arxivFeedUrl(settings.categories);
  } catch (error) {
    return run.fail('other', messageOf(error));
  }
  const raw = await deps.readCursor('arxiv');
  const stored = raw == null ? null : arxivCursorSchema.safeParse(raw);
  if (stored && !stored.success)
    run.note(['the stored resume point was unreadable; fetching the feed whole']);
  const cursor = stored?.success && stored.data.url === url ? stored.data : null;
  const day = zonedDay(deps.now(), ARXIV_ZONE);
  // One request per feed per day: the feed changes once, around midnight in New York.
  if (cursor?.day === day) {
    run.note([`the feed was already fetched on ${day} (New York)`]);
    return run.outcome(null, true);
  }
  deps.progress?.(0, 1);
  const headers: Record<string, string> = {};
  if (cursor?.etag) headers['If-None-Match'] = cursor.etag;
  if (cursor?.lastModified) headers['If-Modified-Since'] = cursor.lastModified;
  if (deps.signal.aborted) return run.outcome(null);
  const response = await run.fetch(ARXIV_HOST, url, ARXIV_MAX_BYTES, headers);
  if (isOutcome(response)) return response;
  if (deps.signal.aborted) return run.outcome(null);
  const at = deps.now().toISOString();
  // A 304 keeps the validators it answered to.
  const { etag, lastModified } = response.status === 304 ? (cursor ?? {}) : response;
  const next: ArxivCursor = {
    v: 1,
    url,
    day,
    at,
    ...(etag && { etag }),
    ...(lastModified && { lastModified }),
  };
  let batch: Omit<FeedBatch, 'source'> = { put: [], cursor: next };
  if (response.status !== 304) {
    try {
      const feed = readArxivFeed(response.text, at);
      run.note(feed.issues);
      batch = {
        put: feed.papers,
        cursor: next,
        ...(feed.newList && { lists: { 'arxiv-new': feed.newList } }),
      };
    } catch (error) {
      return run.fail('bad-body', `arXiv's feed could not be read: ${messageOf(error)}.`);
    }
  }
  const refused = await run.store(batch);
  if (refused) return refused;
  deps.progress?.(1, 1);
  return run.outcome(null, true);
}
