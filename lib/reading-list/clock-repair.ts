import { clockProblem } from '@/lib/sync/hlc';
import { nextClock } from './clock';
import type { UserDb } from './db';
import type { Entry, Tombstone } from './entry';

/**
 * Clocks stored before incoming clocks were checked may be malformed or dated far ahead (taken
 * from a hostile sync file or backup). Left alone, a malformed one fails every sync that reads
 * it and a future one wins every merge against the user's later edits, so sync repairs them
 * before reading the list: each bad clock becomes a fresh clock of this device, keeping the
 * value it stamped.
 */

export function hasClockProblems(
  entries: readonly Entry[],
  tombstones: readonly Tombstone[],
  now: number,
): boolean {
  return (
    entries.some((entry) => Object.values(entry.clock).some((c) => clockProblem(c, now))) ||
    tombstones.some((tombstone) => clockProblem(tombstone.deletedAt, now))
  );
}

/** Re-stamps every unusable stored clock; answers how many entries and tombstones changed. */
export async function repairStoredClocks(db: UserDb, now: number = Date.now()): Promise<number> {
  return db.transaction('rw', [db.entries, db.tombstones, db.meta], async () => {
    const [entries, tombstones] = await Promise.all([
      db.entries.toArray(),
      db.tombstones.toArray(),
    ]);
    let fresh: string | undefined;
    const stamp = async () => (fresh ??= await nextClock(db, now));
    const fixedEntries: Entry[] = [];
    for (const entry of entries) {
      const bad = Object.entries(entry.clock).filter(([, c]) => clockProblem(c, now));
      if (!bad.length) continue;
      const clock = { ...entry.clock };
      for (const [field] of bad) clock[field] = await stamp();
      fixedEntries.push({ ...entry, clock });
    }
    const fixedTombstones: Tombstone[] = [];
    for (const tombstone of tombstones) {
      if (clockProblem(tombstone.deletedAt, now))
        fixedTombstones.push({ ...tombstone, deletedAt: await stamp() });
    }
    if (fixedEntries.length) await db.entries.bulkPut(fixedEntries);
    if (fixedTombstones.length) await db.tombstones.bulkPut(fixedTombstones);
    const count = fixedEntries.length + fixedTombstones.length;
    if (count) console.warn(`PaperPeek: repaired the sync clocks of ${count} stored items.`);
    return count;
  });
}
