import { catalogDb } from '@/lib/db/catalog-db';
import { readCursor, upsertPapers } from '@/lib/db/catalog-upsert';
import { send } from '@/lib/messaging/messenger';
import { feedStatusSchema, type SourceId, type SourceStatus } from '@/lib/feeds/sources';

/**
 * The page side of `npm run bench -- feeds` (bench/feeds.ts). Updates run in the background's
 * feed service, as the options page starts them (setSource, updateSources); this page only starts
 * them, watches them end, and sends lookups meanwhile.
 */

/** Where the feed service keeps its status (`feedStatus`, storage.local). */
const STATUS_KEY = 'feedStatus';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The state a subscription's base load leaves (feed-service.ts loads the base with the same
 * loader as installFile, then stores this cursor): the catalog is base `baseVersion`, no delta
 * applied. Stored with the real upsert, a batch with no papers.
 */
export async function seedSubCursor(baseVersion: string): Promise<void> {
  const cursor = { baseVersion, seq: 0, line: 0 };
  await upsertPapers(catalogDb(), { source: 'sub', put: [], cursor });
}

export type LookupSample = { batch: number; start: number; end: number; ids: (string | null)[] };

/**
 * Resolves with the time (Date.now()) and status of the first write of `source`'s status that
 * ends a run started at `since`: the feed service writes it after the run's last batch and its
 * related papers. Listens to storage rather than polling, so the time is the write's own.
 */
function runEnd(source: SourceId, since: number, timeoutMs: number) {
  return new Promise<{ at: number; status: SourceStatus }>((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer);
      browser.storage.onChanged.removeListener(listener);
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`The ${source} run did not end within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const parsed = feedStatusSchema.safeParse(changes[STATUS_KEY]?.newValue);
      if (area !== 'local' || !parsed.success) return;
      const status = parsed.data[source];
      const at = Date.now();
      if (status.progress !== null) return;
      if (status.lastError && Date.parse(status.lastError.at) >= since) {
        stop();
        reject(new Error(`The ${source} run failed: ${status.lastError.message}`));
      } else if (status.lastSuccessAt && Date.parse(status.lastSuccessAt) >= since) {
        stop();
        resolve({ at, status });
      }
    };
    browser.storage.onChanged.addListener(listener);
  });
}

export type UpdateResult = {
  /** Wall clock (Date.now(), comparable with the harness's) when the page sent the message. */
  sentAt: number;
  /** When the page saw the last batch's cursor committed (polled every `pollMs`). */
  committedAt: number;
  /** When the service wrote the run's end (after the related papers of the last batch). */
  finishedAt: number;
  lookups: LookupSample[];
  status: SourceStatus;
};

/**
 * Starts one subscription run (turning the source on with `url`, or "Update now") and resolves
 * when it has ended; notes when its cursor reached `{seq, line}`. With `lookups`, sends them one
 * batch after another, as busy pages would, until the run ends.
 */
export async function runSubUpdate(opts: {
  url: string | null;
  seq: number;
  line: number;
  lookups: string[][] | null;
  pollMs: number;
  timeoutMs: number;
}): Promise<UpdateResult> {
  const db = catalogDb();
  const samples: LookupSample[] = [];
  let done = false;
  const sentAt = Date.now();
  const end = runEnd('sub', sentAt, opts.timeoutMs);
  const sending = (async () => {
    for (let i = 0; opts.lookups && !done; i++) {
      const batch = i % opts.lookups.length;
      const start = Date.now();
      const answers = await send('lookupCandidates', { candidates: opts.lookups[batch]! });
      samples.push({ batch, start, end: Date.now(), ids: answers.map((a) => a?.id ?? null) });
    }
  })();
  if (opts.url) await send('setSource', { source: 'sub', enabled: true, url: opts.url });
  else await send('updateSources', { sources: ['sub'] });
  let ended = false;
  void end.then(
    () => (ended = true),
    () => (ended = true),
  );
  let committedAt = NaN;
  while (!ended) {
    const cursor = (await readCursor(db, 'sub')) as { seq?: number; line?: number } | undefined;
    if (cursor?.seq === opts.seq && cursor.line === opts.line) {
      committedAt = Date.now();
      break;
    }
    await sleep(opts.pollMs);
  }
  try {
    const { at, status } = await end;
    if (Number.isNaN(committedAt)) throw new Error('The run ended without reaching its cursor');
    return { sentAt, committedAt, finishedAt: at, lookups: samples, status };
  } finally {
    done = true;
    await sending;
  }
}

export type BackfillResult = {
  ms: number;
  sentAt: number;
  finishedAt: number;
  status: SourceStatus;
  feedPapers: number;
  usageBefore: number | null;
  usageAfter: number | null;
};

/** Turns Hugging Face on with a `days` backfill, as the options page does, and waits for the run. */
export async function runHfBackfill(days: number, timeoutMs: number): Promise<BackfillResult> {
  const usageBefore = (await navigator.storage.estimate()).usage ?? null;
  const sentAt = Date.now();
  const start = performance.now();
  const end = runEnd('hf', sentAt, timeoutMs);
  await send('setSource', { source: 'hf', enabled: true, backfillDays: days });
  const { at, status } = await end;
  const ms = performance.now() - start;
  const usageAfter = (await navigator.storage.estimate()).usage ?? null;
  const { feedPapers } = await send('getSources');
  return { ms, sentAt, finishedAt: at, status, feedPapers, usageBefore, usageAfter };
}

export type RelatedResult = {
  papers: number;
  /** Each paper's first ask (the list is searched for and kept), ms, in order. */
  firstMs: number[];
  /** The same papers asked again (the kept list is read), ms. */
  againMs: number[];
  withRelated: number;
};

/**
 * Related papers for the papers `ids` names, asked one at a time through the worker with
 * `getRelated`, as a card or the popup's details asks when it opens (lib/db/related-papers.ts):
 * first asks search and keep the list, the second round reads it back.
 */
export async function runRelatedAsks(ids: string[], k: number): Promise<RelatedResult> {
  const firstMs: number[] = [];
  const againMs: number[] = [];
  let withRelated = 0;
  for (const round of [firstMs, againMs]) {
    for (const id of ids) {
      const start = performance.now();
      const papers = await send('getRelated', { id, k });
      round.push(performance.now() - start);
      if (round === firstMs && papers.length > 0) withRelated++;
    }
  }
  return { papers: ids.length, firstMs, againMs, withRelated };
}
