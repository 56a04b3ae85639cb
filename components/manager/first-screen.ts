import type { UserDb } from '@/lib/reading-list/db';
import type { Entry } from '@/lib/reading-list/entry';

/** Enough rows to fill a tall window before the whole list has been read. */
export const FIRST_SCREEN = 40;

const started = new WeakMap<UserDb, Promise<Entry[]>>();

/** The newest FIRST_SCREEN entries: a short reversed read on the `addedAt` index. */
function readFirstScreen(db: UserDb): Promise<Entry[]> {
  return db
    .open()
    .then(() => db.entries.orderBy('addedAt').reverse().limit(FIRST_SCREEN).toArray());
}

/**
 * Starts the first-screen read now. The manager page calls this as soon as its script runs, before
 * React mounts: opening the database and reading takes a round trip to the browser process per
 * step, which then overlaps React's first render instead of following it.
 */
export function startFirstScreen(db: UserDb): void {
  if (started.has(db)) return;
  const read = readFirstScreen(db);
  // Handled here so that a failure before React mounts is not logged as unhandled; the manager
  // still gets it from takeFirstScreen and shows it.
  read.catch(() => {});
  started.set(db, read);
}

/**
 * The read startFirstScreen began, handed out once (a later mount reads afresh, so it never shows
 * a stale screen), or a new read when none was started.
 */
export function takeFirstScreen(db: UserDb): Promise<Entry[]> {
  const read = started.get(db) ?? readFirstScreen(db);
  started.delete(db);
  return read;
}
