/**
 * Keeps requests to each feed host apart: Hugging Face asks anonymous clients for at most 500
 * requests per 5 minutes, arXiv's terms for one request every 3 seconds. The time of the last
 * request lives in a store that outlives the service worker (the background passes
 * `browser.storage.session`), so a worker stopped and woken mid-run does not fire early.
 */

/** Milliseconds between two requests to a host. */
export const PACE_MS: Readonly<Record<string, number>> = {
  'huggingface.co': 1_000,
  'rss.arxiv.org': 3_000,
};
/** For any other host (a catalog subscription's). */
export const DEFAULT_PACE_MS = 1_000;

/** Where each host's last request time is kept. */
export interface PaceStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: number): Promise<void>;
}

/** The store over a `browser.storage` area (`storage.session` in the background). */
export function areaPaceStore(area: {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}): PaceStore {
  return {
    get: async (key) => (await area.get(key))[key],
    set: (key, value) => area.set({ [key]: value }),
  };
}

/** Resolves when a request to `host` may go out; rejects if `signal` aborts the wait. */
export type Pacer = (host: string, signal?: AbortSignal) => Promise<void>;

export function createPacer(
  store: PaceStore,
  now: () => number = Date.now,
  sleep: (ms: number, signal?: AbortSignal) => Promise<void> = wait,
): Pacer {
  // Callers in one worker take turns per host; the store covers the next worker.
  const turns = new Map<string, Promise<unknown>>();
  const inMemory = new Map<string, number>();
  return (host, signal) => {
    const key = `pace:${host}`;
    const interval = PACE_MS[host] ?? DEFAULT_PACE_MS;
    const turn = (turns.get(host) ?? Promise.resolve())
      .catch(() => undefined)
      .then(async () => {
        signal?.throwIfAborted();
        // A store that fails (quota, a browser without storage.session) still leaves this
        // worker's own memory of the last request.
        const stored = await store.get(key).catch(() => undefined);
        const last = Math.max(
          typeof stored === 'number' && Number.isFinite(stored) ? stored : 0,
          inMemory.get(host) ?? 0,
        );
        // A last time in the future means the clock went back: wait one interval at most.
        const delay = Math.min(Math.max(0, last + interval - now()), interval);
        if (delay > 0) await sleep(delay, signal);
        const at = now();
        inMemory.set(host, at);
        await store.set(key, at).catch(() => undefined);
      });
    turns.set(host, turn);
    return turn;
  };
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const done = () => {
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}
