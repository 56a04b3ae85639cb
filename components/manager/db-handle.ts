import type { UserDb } from '@/lib/reading-list/db';
import { USER_DB_NAME } from '@/lib/reading-list/newest-raw';

/**
 * The manager's reading-list database, loaded on first use. Dexie is a quarter of the modules the
 * page would otherwise fetch and run before its first screen, which the head script reads with
 * IndexedDB alone; Dexie loads once that screen is painted (the whole list, edits, export).
 */
export interface DbHandle {
  /** The database's name, known without loading Dexie. */
  readonly name: string;
  /** The one Dexie instance behind this handle, loaded by the first call. */
  get(): Promise<UserDb>;
}

export function lazyDb(name: string, load: () => Promise<UserDb>): DbHandle {
  let db: Promise<UserDb> | undefined;
  return { name, get: () => (db ??= load()) };
}

/** A handle on a database already constructed (tests, and pages that load Dexie anyway). */
export function dbHandle(db: UserDb): DbHandle {
  return lazyDb(db.name, () => Promise.resolve(db));
}

/** The manager page's handle on the reading list (components/manager/manager-db.ts). */
export function managerDbHandle(): DbHandle {
  return lazyDb(USER_DB_NAME, () => import('./manager-db').then(({ managerDb }) => managerDb()));
}
