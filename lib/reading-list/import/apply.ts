import { EDITABLE_FIELDS, type Entry } from '../entry';
import { nextClock } from '../clock';
import type { UserDb } from '../db';
import { planChanges } from './plan';
import { countChanges, savedEntries, type ImportCounts, type ImportPreview } from './preview';

/**
 * Writes a previewed import in ONE rw transaction over entries, tombstones and meta: all of it
 * lands or none of it. The plan is made again inside the transaction, against the list as it is
 * now, so an edit made while the preview was open is merged, not overwritten. Importing the same
 * file again finds every entry unchanged and writes nothing.
 */

function stampAll(clock: string): Entry['clock'] {
  return Object.fromEntries([...EDITABLE_FIELDS, 'added'].map((field) => [field, clock]));
}

export async function applyImport(
  db: UserDb,
  preview: ImportPreview,
  now = Date.now(),
): Promise<ImportCounts> {
  const at = new Date(now).toISOString();
  return db.transaction('rw', [db.entries, db.tombstones, db.meta], async () => {
    const ids = preview.incoming.map((item) => item.entry.id);
    const changes = planChanges(preview.incoming, await savedEntries(db, ids));
    const tombstoned = new Set(
      (await db.tombstones.bulkGet(ids)).flatMap((t) => (t ? [t.id] : [])),
    );
    const writes: Entry[] = [];
    let clock: string | undefined;
    const stamp = async () => (clock ??= await nextClock(db, now));
    for (const change of changes) {
      if (change.kind === 'unchanged') continue;
      if (change.kind === 'new') {
        const { entry, fromBackup } = change.incoming;
        if (fromBackup && !tombstoned.has(entry.id)) writes.push(entry);
        // A fresh `added` clock lets a re-import win over the paper's earlier deletion.
        else if (fromBackup)
          writes.push({ ...entry, clock: { ...entry.clock, added: await stamp() } });
        else writes.push({ ...entry, clock: stampAll(await stamp()) });
        continue;
      }
      const fresh = await stamp();
      writes.push({
        ...change.after,
        updatedAt: at,
        clock: {
          ...change.before.clock,
          ...Object.fromEntries(change.changed.map((f) => [f, fresh])),
        },
      });
    }
    await db.entries.bulkPut(writes);
    // The backup's deletions are kept for sync, but only for papers not in the list: a restore
    // never removes an entry.
    const known = new Set(
      (await db.tombstones.bulkGet(preview.tombstones.map((t) => t.id))).flatMap((t) =>
        t ? [t.id] : [],
      ),
    );
    const present = await savedEntries(
      db,
      preview.tombstones.map((t) => t.id),
    );
    await db.tombstones.bulkPut(
      preview.tombstones.filter((t) => !known.has(t.id) && !present.has(t.id)),
    );
    return countChanges(changes, preview.invalid.length);
  });
}
