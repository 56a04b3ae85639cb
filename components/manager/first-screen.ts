import type { Entry } from '@/lib/reading-list/entry';
import { FIRST_SCREEN, USER_DB_NAME } from '@/lib/reading-list/newest-raw';
import type { DbHandle } from './db-handle';

export { FIRST_SCREEN };

declare global {
  interface Window {
    /** The read entrypoints/manager-first-screen.ts began before the page's modules loaded. */
    paperpeekFirstScreen?: Promise<Entry[] | null>;
  }
}

const started = new WeakMap<DbHandle, Promise<Entry[]>>();
/** Reads that have finished, by the time React first renders more often than not. */
const settled = new WeakMap<DbHandle, Entry[]>();

/** The newest FIRST_SCREEN entries through Dexie: a short reversed read on the `addedAt` index. */
function readFirstScreen(handle: DbHandle): Promise<Entry[]> {
  return handle
    .get()
    .then((db) =>
      db.open().then(() => db.entries.orderBy('addedAt').reverse().limit(FIRST_SCREEN).toArray()),
    );
}

/**
 * The head script's read when there is one for this database: handed out once, frozen like the
 * manager's other results. Where it found no list or failed, Dexie reads instead (it creates the
 * database, or reports the failure in its own words).
 */
function takeEarlyRead(handle: DbHandle): Promise<Entry[]> | undefined {
  const early = typeof window === 'undefined' ? undefined : window.paperpeekFirstScreen;
  if (!early || handle.name !== USER_DB_NAME) return undefined;
  delete window.paperpeekFirstScreen;
  return early.then(
    (entries) => (entries ? entries.map((e) => Object.freeze(e)) : readFirstScreen(handle)),
    () => readFirstScreen(handle),
  );
}

/**
 * Starts the first-screen read now. The manager page calls this as soon as its script runs, before
 * React mounts, so that a read not begun by the page's head script overlaps React's first render
 * instead of following it. Dexie is not loaded for it when the head script's read succeeds.
 */
export function startFirstScreen(handle: DbHandle): void {
  if (started.has(handle)) return;
  const read = takeEarlyRead(handle) ?? readFirstScreen(handle);
  // Handled here so that a failure before React mounts is not logged as unhandled; the manager
  // still gets it from takeFirstScreen and shows it.
  read.then(
    (entries) => {
      if (started.get(handle) === read) settled.set(handle, entries);
    },
    () => {},
  );
  started.set(handle, read);
}

/**
 * The started read's entries if it has already finished, handed out once like takeFirstScreen:
 * the manager then renders its first screen in its very first render instead of a loading frame
 * and a second render.
 */
export function takeSettledFirstScreen(handle: DbHandle): Entry[] | undefined {
  const entries = settled.get(handle);
  if (entries) {
    settled.delete(handle);
    started.delete(handle);
  }
  return entries;
}

/**
 * The read startFirstScreen began, handed out once (a later mount reads afresh, so it never shows
 * a stale screen), or a new read when none was started.
 */
export function takeFirstScreen(handle: DbHandle): Promise<Entry[]> {
  const read = started.get(handle) ?? readFirstScreen(handle);
  started.delete(handle);
  settled.delete(handle);
  return read;
}
