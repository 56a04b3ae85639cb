import { z } from 'zod';
import { isWebUrl } from '../catalog/web-link';
import type { UserDb } from './db';
import { KEEP_DELETED_MS, SYNC_WINDOW_MS, type DeletedRow } from './deleted-row';
import { restoreEntries } from './entries';
import { entrySchema, type Entry } from './entry';

/**
 * Recently deleted: papers removed here or by sync in the last 30 days, restorable. A restore
 * stamps every field with a fresh clock (restoreEntries), so the paper's new `added` clock beats
 * its tombstone and the next sync spreads the restore to every device, as a re-save would.
 */

export type { DeletedRow };

const idsSchema = z.array(entrySchema.shape.id).max(100_000);

/** What the view lists: rows not restored, whose paper is not back in the list, newest first. */
export async function listDeleted(db: UserDb, now = Date.now()): Promise<DeletedRow[]> {
  return db.transaction('r', db.deleted, db.entries, async () => {
    const rows = await db.deleted
      .where('at')
      .aboveOrEqual(now - KEEP_DELETED_MS)
      .reverse()
      .toArray();
    const live = await db.entries.bulkGet(rows.map((row) => row.id));
    return rows.filter((row, i) => row.restoredAt === undefined && !live[i]);
  });
}

/**
 * Puts the papers among `ids` back as they were when removed (note, tags and status included).
 * A paper saved again since keeps its current entry. Answers the entries put back.
 */
export async function restoreDeleted(
  db: UserDb,
  ids: readonly string[],
  now = Date.now(),
): Promise<Entry[]> {
  const parsed = idsSchema.safeParse(ids);
  if (!parsed.success) throw new Error(`Invalid entry ids: ${z.prettifyError(parsed.error)}`);
  const wanted = [...new Set(parsed.data)];
  return db.transaction('rw', [db.entries, db.tombstones, db.meta, db.deleted], async () => {
    const rows = (await db.deleted.bulkGet(wanted)).filter(
      (row) => row !== undefined && row.restoredAt === undefined,
    ) as DeletedRow[];
    const live = await db.entries.bulkGet(rows.map((row) => row.id));
    return restoreEntries(
      db,
      rows.filter((_, i) => !live[i]).map((row) => withWebLinks(row.entry)),
      now,
    );
  });
}

/**
 * Sync's removals in the window that the user has not confirmed: how many, and how many of
 * those are still out of the list (the list then was what is shown now plus those).
 */
export async function recentSyncRemovals(
  db: UserDb,
  now: number,
): Promise<{ removed: number; stillRemoved: number }> {
  return db.transaction('r', db.deleted, db.entries, async () => {
    const rows = await db.deleted
      .where('at')
      .aboveOrEqual(now - SYNC_WINDOW_MS)
      .filter((row) => row.by === 'sync' && !row.confirmed)
      .toArray();
    const live = await db.entries.bulkGet(rows.map((row) => row.id));
    const stillRemoved = rows.filter((row, i) => row.restoredAt === undefined && !live[i]).length;
    return { removed: rows.length, stillRemoved };
  });
}

/** The user agreed to a sync's removals: the window's earlier ones stop counting too. */
export async function confirmSyncRemovals(db: UserDb, now: number): Promise<void> {
  await db.deleted
    .where('at')
    .aboveOrEqual(now - SYNC_WINDOW_MS)
    .filter((row) => row.by === 'sync' && !row.confirmed)
    .modify({ confirmed: true });
}

/**
 * The entry without links that are not http(s): one stored before links were checked comes back
 * without them rather than not at all (restoreEntries validates with today's schema).
 */
function withWebLinks(entry: Entry): Entry {
  const snapshot = { ...entry.snapshot };
  for (const key of ['url', 'pdf', 'code'] as const) {
    if (snapshot[key] !== undefined && !isWebUrl(snapshot[key])) delete snapshot[key];
  }
  return { ...entry, snapshot };
}
