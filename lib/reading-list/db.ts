import Dexie, { type DexieOptions, type Table } from 'dexie';
import type { DeletedRow } from './deleted-row';
import type { Entry, Tombstone } from './entry';
import { USER_DB_NAME } from './newest-raw';

/**
 * The user's own data: the reading list and what sync needs to order its writes. It lives in a
 * database of its own, apart from the replaceable catalog (`paperpeek-catalog`), so that replacing
 * or wiping the catalog can never touch it.
 */

export type UserMetaRecord =
  /** This device's id, the node part of every clock it stamps. */
  | { key: 'deviceId'; value: string }
  /** The last hybrid logical clock this device stamped or saw, encoded. */
  | { key: 'lastClock'; value: string };

export { USER_DB_NAME };

export class UserDb extends Dexie {
  entries!: Table<Entry, string>;
  tombstones!: Table<Tombstone, string>;
  meta!: Table<UserMetaRecord, UserMetaRecord['key']>;
  /** Recently deleted: entries as they were just before a removal, here or by sync (deleted.ts). */
  deleted!: Table<DeletedRow, string>;

  constructor(name = USER_DB_NAME, options?: DexieOptions) {
    super(name, options);
    // Only what the manager sorts or filters on is indexed; titles and notes are never indexed.
    this.version(1).stores({
      entries: 'id, addedAt, updatedAt, status, *tags',
      tombstones: 'id',
      meta: 'key',
    });
    // `at` orders the Recently deleted view, the sync window and pruning.
    this.version(2).stores({ deleted: 'id, at' });
  }
}

export function openUserDb(name?: string): UserDb {
  return new UserDb(name);
}

let shared: UserDb | undefined;

/** The extension's reading-list database (opened lazily, on first use). */
export function userDb(): UserDb {
  shared ??= new UserDb();
  return shared;
}
