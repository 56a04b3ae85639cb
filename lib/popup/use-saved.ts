import { useLiveQuery } from 'dexie-react-hooks';
import { userDb } from '../reading-list/db';
import type { Entry } from '../reading-list/entry';

const NONE: ReadonlySet<string> = new Set();

/**
 * Ids of every saved paper, kept live: Dexie's liveQuery re-reads when the reading list changes,
 * in this page or another (the manager, a card's save), so badges never go stale. Primary keys
 * only, never whole entries: a long reading list stays cheap to watch.
 */
export function useSavedIds(): ReadonlySet<string> {
  return useLiveQuery(
    async () => new Set((await userDb().entries.toCollection().primaryKeys()) as string[]),
    [],
    NONE,
  );
}

/** One saved entry, live; null when the paper is not saved, undefined while it is read. */
export function useEntry(id: string): Entry | null | undefined {
  return useLiveQuery(async () => (await userDb().entries.get(id)) ?? null, [id], undefined);
}
