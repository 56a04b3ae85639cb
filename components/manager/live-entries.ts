import { liveQuery } from 'dexie';
import type { UserDb } from '@/lib/reading-list/db';
import type { Entry } from '@/lib/reading-list/entry';

/**
 * Every entry, re-read whenever the list changes, here or in another extension page (Dexie's
 * liveQuery observes writes across pages). Loaded with Dexie after the first screen is painted.
 */
export function watchEntries(
  db: UserDb,
  next: (entries: Entry[]) => void,
  error: (error: unknown) => void,
): { unsubscribe: () => void } {
  return liveQuery(() => db.entries.toArray()).subscribe({ next, error });
}
