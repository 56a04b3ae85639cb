import type { UserDb } from '@/lib/reading-list/db';
import type { Entry } from '@/lib/reading-list/entry';
import { FIRST_SCREEN, USER_DB_NAME } from '@/lib/reading-list/newest-raw';

export { FIRST_SCREEN };

declare global {
  interface Window {
    /** The read entrypoints/manager-first-screen.ts began before the page's modules loaded. */
    paperpeekFirstScreen?: Promise<Entry[] | null>;
  }
}

const started = new WeakMap<UserDb, Promise<Entry[]>>();
/** Reads that have finished, by the time React first renders more often than not. */
const settled = new WeakMap<UserDb, Entry[]>();

/** The newest FIRST_SCREEN entries: a short reversed read on the `addedAt` index. */
function readFirstScreen(db: UserDb): Promise<Entry[]> {
  return db
    .open()
    .then(() => db.entries.orderBy('addedAt').reverse().limit(FIRST_SCREEN).toArray());
}

/**
 * The head script's read when there is one for this database: handed out once, frozen like the
 * manager's other results. Where it found no list or failed, Dexie reads instead (it creates the
 * database, or reports the failure in its own words).
 */
function takeEarlyRead(db: UserDb): Promise<Entry[]> | undefined {
  const early = typeof window === 'undefined' ? undefined : window.paperpeekFirstScreen;
  if (!early || db.name !== USER_DB_NAME) return undefined;
  delete window.paperpeekFirstScreen;
  return early.then(
    (entries) => (entries ? entries.map((e) => Object.freeze(e)) : readFirstScreen(db)),
    () => readFirstScreen(db),
  );
}

/**
 * Starts the first-screen read now. The manager page calls this as soon as its script runs, before
 * React mounts: opening the database and reading takes a round trip to the browser process per
 * step, which then overlaps React's first render instead of following it. Usually the page's head
 * script began the read earlier still.
 */
export function startFirstScreen(db: UserDb): void {
  if (started.has(db)) return;
  const early = takeEarlyRead(db);
  // Dexie's connection, for the whole list read after the first screen; opening takes round trips
  // to the browser process, not main-thread time.
  if (early) db.open().catch(() => {});
  const read = early ?? readFirstScreen(db);
  // Handled here so that a failure before React mounts is not logged as unhandled; the manager
  // still gets it from takeFirstScreen and shows it.
  read.then(
    (entries) => {
      if (started.get(db) === read) settled.set(db, entries);
    },
    () => {},
  );
  started.set(db, read);
}

/**
 * The started read's entries if it has already finished, handed out once like takeFirstScreen:
 * the manager then renders its first screen in its very first render instead of a loading frame
 * and a second render.
 */
export function takeSettledFirstScreen(db: UserDb): Entry[] | undefined {
  const entries = settled.get(db);
  if (entries) {
    settled.delete(db);
    started.delete(db);
  }
  return entries;
}

/**
 * The read startFirstScreen began, handed out once (a later mount reads afresh, so it never shows
 * a stale screen), or a new read when none was started.
 */
export function takeFirstScreen(db: UserDb): Promise<Entry[]> {
  const read = started.get(db) ?? readFirstScreen(db);
  started.delete(db);
  settled.delete(db);
  return read;
}
