import type { CatalogDb } from '../db/catalog-db';
import { stageCatalogFile } from '../db/catalog-files';
import {
  feedSummary,
  readCursor,
  readLists,
  removeSourcePapers,
  upsertPapers,
} from '../db/catalog-upsert';
import { getPapers } from '../db/lookup';
import type { MessageInput, MessageOutput, SourcesView } from '../messaging/protocol';
import { createPacer, type PaceStore } from '../feeds/pace';
import { runArxiv, runHf, type RunDeps, type RunOutcome } from '../feeds/runner';
import { nextRun } from '../feeds/schedule';
import {
  EMPTY_STATUS,
  SOURCE_IDS,
  feedListNameSchema,
  feedSettings,
  feedStatus,
  readFeedSettings,
  readFeedStatus,
  type FeedBatch,
  type FeedError,
  type FeedSettings,
  type SourceId,
  type SourceStatus,
} from '../feeds/sources';
import { runSubscription } from '../feeds/subscription';
import type { CatalogService } from './catalog-service';
import type { Digest } from './digest';

/**
 * Keeps the catalog current from the enabled feed sources (issue 13). Runs one source at a time,
 * after any catalog load, on the feeds alarm, on "Update now" and when a source is turned on;
 * records each source's status (last run, papers added, next run, last error in words) and
 * backs off after failures. A run's resume point is stored with each batch, so a worker stopped
 * mid-run carries on from the last committed page when it wakes (`resume`).
 */

export const FEED_ALARM = 'paperpeek-feeds';
/** Chrome stops an idle worker after 30 s; any extension API call resets that timer. */
const KEEP_ALIVE_MS = 20_000;
/** Chrome's shortest alarm delay. */
const MIN_ALARM_MS = 30_000;
const PROGRESS_WRITE_MS = 1_000;

export interface FeedService {
  view(): Promise<SourcesView>;
  setSource(input: MessageInput<'setSource'>): Promise<SourcesView>;
  /** The daily notification about new papers on the reading list's topics, on or off. */
  setNotify(on: boolean): Promise<SourcesView>;
  updateNow(sources?: SourceId[]): Promise<SourcesView>;
  removeSource(source: SourceId): Promise<number>;
  trending(): Promise<MessageOutput<'getTrending'>>;
  /** The feeds alarm fired: run the sources that are due. */
  runDue(): Promise<void>;
  /** The worker woke: finish runs a stopped worker left, and make sure the alarm is set. */
  resume(): Promise<void>;
  /** Resolves when no run is queued (tests). */
  idle(): Promise<void>;
}

export type FeedServiceDeps = {
  db: CatalogDb;
  catalog: Pick<CatalogService, 'resume' | 'running' | 'load'>;
  keepAlive: () => Promise<unknown>;
  /** Where the pacer keeps each host's last request time (storage.session survives a restart). */
  paceStore: PaceStore;
  alarms: {
    create(name: string, info: { when: number }): Promise<void> | void;
    clear(name: string): Promise<unknown>;
  };
  fetch?: typeof fetch;
  /** The optional daily notification (digest.ts): told what each batch added and when a run ends. */
  digest?: Pick<Digest, 'added' | 'runEnded'>;
  /** After each batch that added or changed papers (saved papers it brings are filled in). */
  onPapers?: () => Promise<void>;
  now?: () => Date;
  isOnline?: () => boolean;
  /** The pacer's wait (tests advance a clock instead). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

type Runner = (deps: RunDeps, settings: FeedSettings) => Promise<RunOutcome>;

export function createFeedService(deps: FeedServiceDeps): FeedService {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const pacer = createPacer(deps.paceStore, () => now().getTime(), deps.sleep);
  const runners: Record<SourceId, Runner> = {
    hf: (run, settings) => runHf(run, settings.hf),
    arxiv: (run, settings) => runArxiv(run, settings.arxiv),
    sub: (run, settings) =>
      runSubscription(
        {
          ...run,
          loadBase: (blob, version) => loadSubscriptionBase(blob, version, settings.sub.url),
        },
        settings.sub,
      ),
  };
  /**
   * A subscription's (new) base becomes the catalog, as a file the user loaded would: what the
   * old base and its deltas brought goes first, so a paper the new base withdrew is not put back
   * by the re-applied feed papers; other sources' papers stay.
   */
  async function loadSubscriptionBase(blob: Blob, version: string, url: string | null) {
    await removeSourcePapers(db, 'sub');
    const host = url ? new URL(url).host : 'subscription';
    const fileId = await stageCatalogFile(new File([blob], `${host} (${version})`), db);
    const { done } = await deps.catalog.load({ kind: 'file', fileId });
    const outcome = await done;
    if (outcome?.status === 'failed') {
      throw new Error(`The subscribed catalog did not load: ${outcome.error}`);
    }
  }

  let chain: Promise<unknown> = Promise.resolve();
  const queued = new Set<SourceId>();
  const controllers = new Map<SourceId, AbortController>();

  // Status writes are serialised so a progress write never overwrites an outcome.
  let statusChain: Promise<unknown> = Promise.resolve();
  function patchStatus(source: SourceId, patch: (s: SourceStatus) => SourceStatus) {
    const write = statusChain.then(async () => {
      const all = await readFeedStatus();
      await feedStatus.setValue({ ...all, [source]: patch(all[source]) });
    });
    statusChain = write.catch(() => undefined);
    return write;
  }

  function enabled(settings: FeedSettings, source: SourceId): boolean {
    if (source === 'hf') return settings.hf.enabled;
    if (source === 'arxiv') return settings.arxiv.enabled && settings.arxiv.categories.length > 0;
    return settings.sub.enabled && settings.sub.url !== null;
  }

  async function view(): Promise<SourcesView> {
    const [settings, status, summary] = await Promise.all([
      readFeedSettings(),
      readFeedStatus(),
      feedSummary(db),
    ]);
    return { settings, status, feedPapers: summary.feedPapers, updatedAt: summary.updatedAt };
  }

  /** The feeds alarm at the earliest next run of any enabled source; none when none is on. */
  async function schedule(): Promise<void> {
    const [settings, status] = await Promise.all([readFeedSettings(), readFeedStatus()]);
    const times = SOURCE_IDS.filter((s) => enabled(settings, s))
      .map((s) => status[s].nextAt)
      .filter((t): t is string => t !== null)
      .map((t) => Date.parse(t));
    if (times.length === 0) {
      await deps.alarms.clear(FEED_ALARM);
      return;
    }
    const when = Math.max(Math.min(...times), now().getTime() + MIN_ALARM_MS);
    await deps.alarms.create(FEED_ALARM, { when });
  }

  async function runOne(source: SourceId): Promise<void> {
    const settings = await readFeedSettings();
    if (!enabled(settings, source)) return;
    // Feed batches and catalog loads write the same slots: never at once.
    await deps.catalog.resume();
    await deps.catalog.running();
    const controller = new AbortController();
    controllers.set(source, controller);
    const startedAt = now().toISOString();
    await patchStatus(source, (s) => ({
      ...s,
      lastRunAt: startedAt,
      progress: { done: 0, total: 0 },
    }));
    let lastProgress = 0;
    const run: RunDeps = {
      fetch: deps.fetch ?? ((input, init) => fetch(input, init)),
      upsert: async (batch: FeedBatch) => {
        const result = await upsertPapers(db, batch);
        await deps.digest?.added(result.added);
        if (result.added.length + result.changed.length > 0) {
          await deps.onPapers?.().catch((e: unknown) => console.warn('PaperPeek: fill', e));
        }
        return result;
      },
      readCursor: (s) => readCursor(db, s),
      now,
      signal: controller.signal,
      pace: (host) => pacer(host),
      progress: (done, total) => {
        const t = now().getTime();
        if (t - lastProgress < PROGRESS_WRITE_MS && done < total) return;
        lastProgress = t;
        void patchStatus(source, (s) => ({ ...s, progress: { done, total } }));
      },
      isOnline: deps.isOnline ?? (() => navigator.onLine !== false),
    };
    const timer = setInterval(() => void deps.keepAlive().catch(() => undefined), KEEP_ALIVE_MS);
    let outcome: RunOutcome;
    try {
      outcome = await runners[source](run, settings);
    } catch (error) {
      outcome = { added: 0, changed: 0, requests: 0, error: unexpected(error, now()) };
    } finally {
      clearInterval(timer);
      controllers.delete(source);
    }
    if (controller.signal.aborted) {
      await patchStatus(source, (s) => ({ ...s, progress: null }));
      return;
    }
    const at = now();
    await patchStatus(source, (s) => {
      const failures = outcome.error ? s.failures + 1 : 0;
      const lastSuccessAt = outcome.error ? s.lastSuccessAt : at.toISOString();
      const next = nextRun(
        source,
        { lastSuccessAt, failures, retryAfterMs: outcome.error?.retryAfterMs ?? null },
        at,
      );
      return {
        ...s,
        lastSuccessAt,
        failures,
        added: s.added + outcome.added,
        lastAdded: outcome.error ? s.lastAdded : outcome.added,
        lastError: outcome.error,
        nextAt: next.toISOString(),
        progress: null,
      };
    });
    await deps.digest?.runEnded().catch((error: unknown) => {
      console.error('PaperPeek: daily notification', error);
    });
  }

  function enqueue(source: SourceId): void {
    if (queued.has(source)) return;
    queued.add(source);
    const run = chain.then(async () => {
      queued.delete(source);
      try {
        await runOne(source);
      } catch (error) {
        console.error(`PaperPeek: feed ${source}`, error);
      }
      await schedule().catch(() => undefined);
    });
    chain = run;
  }

  async function setSource(input: MessageInput<'setSource'>): Promise<SourcesView> {
    const settings = await readFeedSettings();
    const next: FeedSettings = structuredClone(settings);
    if (input.source === 'hf') {
      if (input.backfillDays !== undefined) next.hf.backfillDays = input.backfillDays;
      if (input.enabled !== undefined) next.hf.enabled = input.enabled;
    } else if (input.source === 'arxiv') {
      if (input.categories !== undefined)
        next.arxiv.categories = [...new Set(input.categories)].sort();
      if (input.enabled !== undefined) next.arxiv.enabled = input.enabled;
    } else {
      if (input.url !== undefined) next.sub.url = input.url;
      if (input.enabled !== undefined) next.sub.enabled = input.enabled;
    }
    await feedSettings.setValue(next);
    const source = input.source;
    const wasOn = enabled(settings, source);
    const isOn = enabled(next, source);
    if (wasOn && !isOn) {
      controllers.get(source)?.abort();
      await patchStatus(source, (s) => ({ ...s, nextAt: null, progress: null }));
    }
    // Turned on, or its categories or URL changed: fetch now rather than at the next alarm.
    const changed = JSON.stringify(settings[source]) !== JSON.stringify(next[source]);
    if (isOn && changed) enqueue(source);
    await schedule();
    return view();
  }

  async function setNotify(on: boolean): Promise<SourcesView> {
    await feedSettings.setValue({ ...(await readFeedSettings()), notify: on });
    return view();
  }

  async function updateNow(sources?: SourceId[]): Promise<SourcesView> {
    const settings = await readFeedSettings();
    const wanted = (sources ?? SOURCE_IDS).filter((s) => enabled(settings, s));
    // A source already updating (just turned on, say) is not fetched a second time after it.
    const idle = wanted.filter((s) => !controllers.has(s));
    if (wanted.length === 0) throw new Error('No source is turned on; turn one on first.');
    for (const source of idle) enqueue(source);
    return view();
  }

  async function removeSource(source: SourceId): Promise<number> {
    controllers.get(source)?.abort();
    const removal = chain.then(async () => {
      await deps.catalog.running();
      return removeSourcePapers(db, source);
    });
    chain = removal.catch(() => undefined);
    const removed = await removal;
    await patchStatus(source, (s) => ({ ...EMPTY_STATUS, nextAt: s.nextAt }));
    return removed;
  }

  async function trending(): Promise<MessageOutput<'getTrending'>> {
    const lists = await readLists(db);
    const out: MessageOutput<'getTrending'>['lists'] = [];
    for (const name of feedListNameSchema.options) {
      const list = lists[name];
      if (!list) continue;
      const papers = await getPapers(
        db,
        list.items.map((i) => i.id),
      );
      const items = list.items.flatMap((item, i) => {
        const paper = papers[i];
        return paper
          ? [{ paper, ...(item.upvotes !== undefined ? { upvotes: item.upvotes } : {}) }]
          : [];
      });
      out.push({ name, at: list.at, items });
    }
    return { lists: out };
  }

  async function runDue(): Promise<void> {
    const [settings, status] = await Promise.all([readFeedSettings(), readFeedStatus()]);
    const t = now().getTime();
    for (const source of SOURCE_IDS) {
      const next = status[source].nextAt;
      if (enabled(settings, source) && (next === null || Date.parse(next) <= t)) enqueue(source);
    }
    await schedule();
  }

  async function resume(): Promise<void> {
    const [settings, status] = await Promise.all([readFeedSettings(), readFeedStatus()]);
    // A run in progress when the worker stopped left its progress behind: carry on.
    for (const source of SOURCE_IDS) {
      if (enabled(settings, source) && status[source].progress !== null) enqueue(source);
    }
    await schedule();
  }

  return {
    view,
    setSource,
    setNotify,
    updateNow,
    removeSource,
    trending,
    runDue,
    resume,
    idle: async () => {
      let last: Promise<unknown> | undefined;
      while (last !== chain) {
        last = chain;
        await last.catch(() => undefined);
      }
      await statusChain;
    },
  };
}

function unexpected(error: unknown, at: Date): FeedError {
  const quota = error instanceof DOMException && error.name === 'QuotaExceededError';
  return {
    kind: quota ? 'quota' : 'other',
    message: quota
      ? 'The browser refused to store more: its storage for PaperPeek is full.'
      : `Something went wrong: ${error instanceof Error ? error.message : String(error)}`,
    at: at.toISOString(),
  };
}
