import type { CatalogDb } from '../db/catalog-db';
import {
  resumeLoad,
  startLoad,
  type CatalogSource,
  type LoadOptions,
  type LoadOutcome,
} from '../db/catalog-loader';

/**
 * Runs catalog loads in the background worker, one at a time. A load outlives the message that
 * started it; a worker stopped mid-load resumes the recorded job on its next start.
 */

/** Chrome stops an idle worker after 30 s; any extension API call resets that timer. */
const KEEP_ALIVE_MS = 20_000;

export type CatalogServiceDeps = {
  keepAlive: () => Promise<unknown>;
  /** After each load that switched the catalog (saved papers it now has are filled in). */
  onLoaded?: () => Promise<void>;
  loadOptions?: Pick<LoadOptions, 'batchSize' | 'signal'>;
};

export type StartedLoad = { started: true } | { started: false; outcome: LoadOutcome };

export function createCatalogService(db: CatalogDb, deps: CatalogServiceDeps) {
  // One load per worker: a second concurrent run would interleave checkpoints of one job.
  let current: Promise<LoadOutcome | null> | null = null;
  let resumed: Promise<LoadOutcome | null> | null = null;

  function exclusive(work: () => Promise<LoadOutcome | null>): Promise<LoadOutcome | null> {
    const timer = setInterval(() => void deps.keepAlive().catch(() => undefined), KEEP_ALIVE_MS);
    const run = work()
      .then(async (outcome) => {
        if (outcome?.status === 'loaded') {
          // A failed fill costs the fill, never the load: the next load or update tries again.
          await deps.onLoaded?.().catch((e: unknown) => console.warn('PaperPeek: fill', e));
        }
        return outcome;
      })
      .finally(() => {
        clearInterval(timer);
        if (current === run) current = null;
      });
    current = run;
    return run;
  }

  /** Continue an interrupted load; once per worker (every wake-up event may call it). */
  function resume(): Promise<LoadOutcome | null> {
    resumed ??= (current ?? Promise.resolve(null))
      .catch(() => null)
      .then(() => exclusive(() => resumeLoad(db, deps.loadOptions)));
    return resumed;
  }

  /**
   * Start a load and answer as soon as it is under way (header valid, job recorded) or has
   * failed, so the caller can show progress; the load itself goes on.
   */
  async function load(
    source: CatalogSource,
    options: Pick<LoadOptions, 'shouldReplace' | 'keepFeeds'> = {},
  ) {
    await resume();
    if (current) throw new Error('A catalog load is already running; wait for it to finish.');
    let signalStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (signalStarted = resolve));
    const run = exclusive(() =>
      startLoad(db, source, { ...deps.loadOptions, ...options, onStarted: () => signalStarted() }),
    );
    const first = await Promise.race([started.then(() => null), run]);
    run.catch((error) => console.error('PaperPeek: catalog load failed', error));
    return { first, done: run };
  }

  return {
    resume,
    load,
    /** The running load, if any (tests and install wait on it). */
    running: () => current,
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
