import { liveQuery } from 'dexie';
import type { UserDb } from '@/lib/reading-list/db';
import { listDeleted, type DeletedRow } from '@/lib/reading-list/deleted';

/**
 * Recently deleted, re-read whenever it or the list changes (a removal here, a sync in the
 * background, a restore). Loaded only when the view opens.
 */
export function watchDeleted(
  db: UserDb,
  next: (rows: DeletedRow[]) => void,
  error: (error: unknown) => void,
): { unsubscribe: () => void } {
  return liveQuery(() => listDeleted(db)).subscribe({ next, error });
}
