import { observeClock } from '../reading-list/clock';
import { hasClockProblems, repairStoredClocks } from '../reading-list/clock-repair';
import type { UserDb } from '../reading-list/db';
import { confirmSyncRemovals, recentSyncRemovals } from '../reading-list/deleted';
import { pruneDeleted, recordRemovals } from '../reading-list/deleted-row';
import type { Entry } from '../reading-list/entry';
import { mergeStates, stableJson } from './merge';
import { pruneTombstones } from './prune';
import type { LocalChanges, LocalStore } from './run-sync';
import type { SettingsStore } from './settings-sync';
import { isVisible, maxClock, stateFrom, tombstoneList, type SyncState } from './state';

/**
 * The reading-list database as sync's local side. The database holds shown entries and
 * tombstones only; ghosts (see merge.ts) live in the remote and come back with every read.
 */
export function userDbStore(db: UserDb, settings?: SettingsStore): LocalStore {
  return {
    async read() {
      const readAll = () =>
        db.transaction('r', db.entries, db.tombstones, () =>
          Promise.all([db.entries.toArray(), db.tombstones.toArray()]),
        );
      let [entries, tombstones] = await readAll();
      // Clocks stored before incoming clocks were checked may need repair (clock-repair.ts).
      if (hasClockProblems(entries, tombstones, Date.now())) {
        await repairStoredClocks(db);
        [entries, tombstones] = await readAll();
      }
      return stateFrom(entries, tombstones, settings ? await settings.read() : {});
    },

    recentRemovals: (now: number) => recentSyncRemovals(db, now),

    async apply(merged: SyncState, now: number, options: { confirmed?: boolean } = {}) {
      const tables = [db.entries, db.tombstones, db.meta, db.deleted];
      const result = await db.transaction('rw', tables, async () => {
        const [entries, tombstones] = await Promise.all([
          db.entries.toArray(),
          db.tombstones.toArray(),
        ]);
        const current = stateFrom(entries, tombstones, merged.settings);
        const final = pruneTombstones(mergeStates(current, merged), now).state;
        const changes = diff(current, final);
        if (changes.put.length) await db.entries.bulkPut(changes.put);
        if (changes.remove.length) await db.entries.bulkDelete(changes.remove);
        // What sync takes away stays restorable, and counts in the window runSync asks over.
        if (options.confirmed) await confirmSyncRemovals(db, now);
        await recordRemovals(
          db,
          changes.remove.map((id) => ({
            entry: current.entries.get(id)!,
            deletedAt: final.tombstones.get(id) ?? '',
          })),
          'sync',
          now,
          options.confirmed,
        );
        await pruneDeleted(db, now);
        const staleTombstones = tombstones.filter(
          (t) => final.tombstones.get(t.id) !== t.deletedAt,
        );
        if (staleTombstones.length)
          await db.tombstones.bulkDelete(staleTombstones.map((t) => t.id));
        const freshTombstones = tombstoneList(final).filter(
          (t) => current.tombstones.get(t.id) !== t.deletedAt,
        );
        if (freshTombstones.length) await db.tombstones.bulkPut(freshTombstones);
        // Later local edits must order after everything just received.
        const seen = maxClock(final);
        if (seen) await observeClock(db, seen, now);
        return { state: final, changes: changes.counts };
      });
      if (settings)
        result.state = { ...result.state, settings: await settings.apply(merged.settings) };
      return result;
    },
  };
}

function diff(current: SyncState, final: SyncState) {
  const put: Entry[] = [];
  const remove: string[] = [];
  const counts: LocalChanges = { added: 0, updated: 0, removed: 0 };
  for (const entry of final.entries.values()) {
    if (!isVisible(entry, final.tombstones.get(entry.id))) continue;
    const before = current.entries.get(entry.id);
    if (!before) counts.added++;
    else if (stableJson(before) !== stableJson(entry)) counts.updated++;
    else continue;
    put.push(entry);
  }
  for (const entry of current.entries.values()) {
    const after = final.entries.get(entry.id);
    if (!after || !isVisible(after, final.tombstones.get(entry.id))) {
      remove.push(entry.id);
      counts.removed++;
    }
  }
  return { put, remove, counts };
}
