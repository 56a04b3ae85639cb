import type { Paper } from '@/lib/catalog/schema';
import { createPacer } from '@/lib/feeds/pace';
import type { RunDeps } from '@/lib/feeds/runner';
import type { FeedBatch, FeedList, FeedListName, SourceId } from '@/lib/feeds/sources';

/** Fakes for the feed runners: a recording fetch, an in-memory catalog, a clock. */

export type Call = { url: string; init: RequestInit; at: number };

/** A fetch that records every request (URL, init, time) and answers with `answer`. */
export function recordingFetch(
  answer: (url: string, init: RequestInit) => Response | Promise<Response>,
  clock: { now: number },
) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init: init ?? {}, at: clock.now });
    return answer(url, init ?? {});
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

export const json = (value: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(value), {
    status: 200,
    headers: { 'content-type': 'application/json' },
    ...init,
  });

/**
 * What the upsert stores, kept as the real one would: papers by id, each source's cursor and
 * lists, written together per batch (a throwing `fail` leaves all of them unchanged).
 */
export class MemoryCatalog {
  papers = new Map<string, Paper>();
  cursors = new Map<SourceId, unknown>();
  lists = new Map<FeedListName, FeedList>();
  batches: FeedBatch[] = [];
  fail: ((batch: FeedBatch) => Error | undefined) | undefined;

  upsert = async (batch: FeedBatch) => {
    const error = this.fail?.(batch);
    if (error) throw error;
    // A stored cursor is a copy, as IndexedDB's structured clone makes it.
    this.batches.push(structuredClone(batch));
    const added: string[] = [];
    const changed: string[] = [];
    let unchanged = 0;
    for (const paper of batch.put) {
      const old = this.papers.get(paper.id);
      if (!old) added.push(paper.id);
      else if (old.upvotes !== paper.upvotes || old.abstract !== paper.abstract)
        changed.push(paper.id);
      else unchanged++;
      this.papers.set(paper.id, { ...old, ...paper });
    }
    if (batch.cursor !== undefined) this.cursors.set(batch.source, structuredClone(batch.cursor));
    for (const [name, list] of Object.entries(batch.lists ?? {})) {
      this.lists.set(name as FeedListName, list);
    }
    return { added, changed, unchanged, withdrawn: [] };
  };

  readCursor = async (source: SourceId) => this.cursors.get(source);
}

/**
 * Runner dependencies over a fake clock: `pace` is the real pacer whose sleep moves the clock,
 * so request times show the spacing; each request also takes `latencyMs`.
 */
export function fakeDeps(
  catalog: MemoryCatalog,
  fetch: typeof globalThis.fetch,
  clock: { now: number },
  extra: Partial<RunDeps> = {},
): RunDeps & { paced: string[] } {
  const session = new Map<string, unknown>();
  const pacer = createPacer(
    { get: async (k) => session.get(k), set: async (k, v) => void session.set(k, v) },
    () => clock.now,
    async (ms) => {
      clock.now += ms;
    },
  );
  const paced: string[] = [];
  return {
    fetch,
    upsert: catalog.upsert,
    readCursor: catalog.readCursor,
    now: () => new Date(clock.now),
    signal: new AbortController().signal,
    pace: async (host) => {
      paced.push(host);
      await pacer(host);
    },
    paced,
    ...extra,
  };
}
