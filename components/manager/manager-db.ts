import { USER_DB_NAME, UserDb } from '@/lib/reading-list/db';

/**
 * The manager page's connection to the reading list. Its liveQuery results are frozen instead of
 * deep-copied: Dexie's default cache ('cloned') copies every entry of every live result, which at
 * 10,000 entries is ~100 ms of main thread and a GC pause each time the list is read. The manager
 * already treats entries as immutable values (a change arrives as a new object; query.ts caches
 * per object), so nothing writes to them.
 */
export function managerDb(): UserDb {
  return new UserDb(USER_DB_NAME, { cache: 'immutable' });
}
