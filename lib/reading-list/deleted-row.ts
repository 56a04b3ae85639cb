import type { UserDb } from './db';
import type { Entry } from './entry';

/**
 * One row of Recently deleted (the user database's `deleted` table): a paper as it was just
 * before it left the list, note and tags included, so that it can be put back.
 */
export interface DeletedRow {
  id: string;
  entry: Entry;
  /** The tombstone's clock ('' when the entry left without one, e.g. pruned with it). */
  deletedAt: string;
  /** This device's wall time of the removal, epoch ms. */
  at: number;
  /** Removed here by the user, or by a sync applying another device's deletion. */
  by: 'local' | 'sync';
  /**
   * When it was put back. The row stays (hidden from the view) so that a restore does not reset
   * the sync window: removals the user undid are the strongest sign that more should ask first.
   */
  restoredAt?: number;
  /** The user confirmed this sync removal (or a later one in the same window). */
  confirmed?: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long Recently deleted keeps a paper. */
export const KEEP_DELETED_MS = 30 * DAY_MS;
/** Rows kept at most; the oldest go first. */
export const MAX_DELETED_ROWS = 10_000;
/** Sync removals count against the list over this window, not one sync at a time. */
export const SYNC_WINDOW_MS = 7 * DAY_MS;

/*
 * The writes below run inside the caller's rw transaction (which must include `db.deleted`), so a
 * removal and its Recently deleted row commit together.
 */

/** Keeps what was just removed, then drops rows past 30 days and beyond the cap. */
export async function recordRemovals(
  db: UserDb,
  removed: readonly { entry: Entry; deletedAt: string }[],
  by: DeletedRow['by'],
  now: number,
  confirmed = false,
): Promise<void> {
  if (removed.length === 0) return;
  await db.deleted.bulkPut(
    removed.map(({ entry, deletedAt }) => ({
      id: entry.id,
      entry,
      deletedAt,
      at: now,
      by,
      ...(confirmed ? { confirmed: true } : {}),
    })),
  );
  await pruneDeleted(db, now);
}

export async function pruneDeleted(db: UserDb, now: number): Promise<void> {
  await db.deleted
    .where('at')
    .below(now - KEEP_DELETED_MS)
    .delete();
  const extra = (await db.deleted.count()) - MAX_DELETED_ROWS;
  if (extra > 0)
    await db.deleted.bulkDelete(await db.deleted.orderBy('at').limit(extra).primaryKeys());
}

/** The papers among `ids` are back in the list: their rows leave the view (see `restoredAt`). */
export async function markRestored(db: UserDb, ids: readonly string[], now: number): Promise<void> {
  const rows = (await db.deleted.bulkGet([...ids])).filter((row) => row !== undefined);
  if (rows.length) await db.deleted.bulkPut(rows.map((row) => ({ ...row, restoredAt: now })));
}
