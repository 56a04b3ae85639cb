import { useEffect, useState } from 'react';
import type { Entry } from '@/lib/reading-list/entry';
import { afterPaint } from './after-paint';
import type { DbHandle } from './db-handle';
import { takeFirstScreen, takeSettledFirstScreen } from './first-screen';

export type EntriesState =
  | { phase: 'loading' }
  /** The newest entries only, shown while the whole list is still being read. */
  | { phase: 'first'; entries: Entry[] }
  | { phase: 'ready'; entries: Entry[] }
  | { phase: 'failed'; error: string };

function messageOf(error: unknown): string {
  // Dexie wraps the browser's error and appends it to its own message; the browser's reads better.
  const inner = (error as { inner?: { message?: unknown } } | null)?.inner;
  if (typeof inner?.message === 'string' && inner.message) return inner.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Every entry of the reading list, kept current: Dexie's liveQuery re-runs the read whenever the
 * list changes, here or in another extension page (the popup, a content script's save through the
 * background), so the manager never shows a stale list.
 *
 * Two reads on open. The newest entries (first-screen.ts, usually started by the page's head
 * script) fill the first screen in the default order; once it is painted, the whole list is read
 * in primary-key order (one IndexedDB getAll) and sorted in memory, where the manager sorts anyway.
 * Dexie itself (db-handle.ts) loads only then.
 */
export function useEntries(db: DbHandle): EntriesState {
  // Usually the first screen was read before React's first render: then that render shows it.
  const [early] = useState(() => takeSettledFirstScreen(db));
  const [state, setState] = useState<EntriesState>(() =>
    early ? { phase: 'first', entries: early } : { phase: 'loading' },
  );
  useEffect(() => {
    let subscription: { unsubscribe: () => void } | undefined;
    let stopped = false;
    let cancelPaint = () => {};
    const fail = (error: unknown) => {
      if (!stopped) setState({ phase: 'failed', error: messageOf(error) });
    };
    // The whole list, once the first screen is painted: its read holds the main thread for a
    // few hundred ms at 10,000 entries (the browser hands every entry over at once), and started
    // earlier it lands before the first screen and delays it by as much.
    const live = () => {
      if (stopped) return;
      // Opened first on purpose: a liveQuery on a database that fails to open waits for it to
      // open and never reports the failure, which would leave the page loading forever.
      Promise.all([db.get(), import('./live-entries')])
        .then(([userDb, { watchEntries }]) => userDb.open().then(() => ({ userDb, watchEntries })))
        .then(({ userDb, watchEntries }) => {
          if (stopped) return;
          subscription = watchEntries(
            userDb,
            (entries) => setState({ phase: 'ready', entries }),
            fail,
          );
        }, fail);
    };
    if (early) cancelPaint = afterPaint(live);
    else
      takeFirstScreen(db).then((entries) => {
        if (stopped) return;
        setState((s) => (s.phase === 'loading' ? { phase: 'first', entries } : s));
        cancelPaint = afterPaint(live);
      }, fail);
    return () => {
      stopped = true;
      cancelPaint();
      subscription?.unsubscribe();
    };
  }, [db, early]);
  return state;
}
