import { afterEach, describe, expect, it } from 'vitest';
import { openUserDb, type UserDb } from '../../lib/reading-list/db';
import { listDeleted, restoreDeleted } from '../../lib/reading-list/deleted';
import { deleteEntries, saveEntry, updateEntries } from '../../lib/reading-list/entries';
import { userDbStore } from '../../lib/sync/local-store';
import type { Remote, RemoteRead } from '../../lib/sync/remote';
import { runSync } from '../../lib/sync/run-sync';
import { emptyState, type SyncState } from '../../lib/sync/state';

/** Deletion in steps: the guard counts sync's removals over a window, not one sync alone. */

const opened: UserDb[] = [];
const freshDb = () => {
  const db = openUserDb(`sync-window-${Math.random()}`);
  opened.push(db);
  return db;
};
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function memoryRemote(): Remote {
  let stored: SyncState = emptyState();
  return {
    kind: 'webdav',
    label: 'memory',
    async read(): Promise<RemoteRead> {
      return { state: stored };
    },
    async write(next) {
      stored = next;
      return { bytesSent: 1 };
    },
  };
}

const ids = Array.from({ length: 10 }, (_, i) => `p${i}`);
const shown = async (db: UserDb) => (await db.entries.toCollection().primaryKeys()).sort();

/** Device A saves ten papers with notes and tags; B gets them by sync. */
async function twoDevices() {
  const remote = memoryRemote();
  const a = freshDb();
  const b = freshDb();
  for (const id of ids) {
    await saveEntry(a, { id, inCatalog: true, snapshot: { title: `Paper ${id}`, authors: ['A'] } });
    await updateEntries(a, [id], { note: `my note on ${id}`, addTags: ['thesis'] });
  }
  const sync = (db: UserDb, confirmDeletions = false) =>
    runSync({ local: userDbStore(db), remote, confirmDeletions });
  await sync(a);
  await sync(b);
  expect(await shown(b)).toEqual([...ids].sort());
  return { a, b, sync };
}

describe('the deletion guard over a window', () => {
  it('5 then 5 of 10: the second step asks, and nothing more is removed', async () => {
    const { a, b, sync } = await twoDevices();
    await deleteEntries(a, ids.slice(0, 5));
    await sync(a);
    expect(await sync(b)).toMatchObject({ kind: 'synced', changes: { removed: 5 } });

    await deleteEntries(a, ids.slice(5));
    await sync(a);
    expect(await sync(b)).toEqual({ kind: 'needsConfirmation', deleting: 5, total: 5, recent: 5 });
    expect(await shown(b)).toEqual(ids.slice(5));
    expect((await b.entries.get('p7'))?.note).toBe('my note on p7');
  });

  it('what sync removed is in Recently deleted, by sync, with its note and tags', async () => {
    const { a, b, sync } = await twoDevices();
    await deleteEntries(a, ids.slice(0, 3));
    await sync(a);
    await sync(b);
    const rows = await listDeleted(b);
    expect(rows.map((r) => [r.id, r.by]).sort()).toEqual(ids.slice(0, 3).map((id) => [id, 'sync']));
    expect(rows.find((r) => r.id === 'p1')!.entry).toMatchObject({
      note: 'my note on p1',
      tags: ['thesis'],
    });
    expect(rows[0]!.deletedAt).toBe((await b.tombstones.get(rows[0]!.id))!.deletedAt);
  });

  it('restoring does not reset the window: the pending removals still ask', async () => {
    const { a, b, sync } = await twoDevices();
    await deleteEntries(a, ids.slice(0, 5));
    await sync(a);
    await sync(b);
    await deleteEntries(a, ids.slice(5));
    await sync(a);
    expect((await sync(b)).kind).toBe('needsConfirmation');
    await restoreDeleted(b, ids.slice(0, 5));
    expect(await sync(b)).toMatchObject({ kind: 'needsConfirmation', deleting: 5, total: 10 });
    expect(await shown(b)).toEqual([...ids].sort());
  });

  it('once confirmed, everything is restorable and a restore reaches the other device', async () => {
    const { a, b, sync } = await twoDevices();
    await deleteEntries(a, ids.slice(0, 5));
    await sync(a);
    await sync(b);
    await deleteEntries(a, ids.slice(5));
    await sync(a);
    expect(await sync(b, true)).toMatchObject({ kind: 'synced', changes: { removed: 5 } });
    expect(await shown(b)).toEqual([]);
    expect((await listDeleted(b)).length).toBe(10);

    expect((await restoreDeleted(b, ids)).length).toBe(10);
    expect((await sync(b)).kind).toBe('synced');
    expect((await sync(a)).kind).toBe('synced');
    expect(await shown(a)).toEqual([...ids].sort());
    expect(await a.entries.get('p3')).toMatchObject({ note: 'my note on p3', tags: ['thesis'] });
  });

  it('a confirmation closes the window: a later small removal goes through', async () => {
    const { a, b, sync } = await twoDevices();
    await deleteEntries(a, ids.slice(0, 6));
    await sync(a);
    expect((await sync(b)).kind).toBe('needsConfirmation');
    expect((await sync(b, true)).kind).toBe('synced');
    await deleteEntries(a, ['p6']);
    await sync(a);
    expect(await sync(b)).toMatchObject({ kind: 'synced', changes: { removed: 1 } });
  });

  it('local deletions do not count against the window', async () => {
    const { b, sync } = await twoDevices();
    await deleteEntries(b, ids.slice(0, 8));
    expect((await sync(b)).kind).toBe('synced');
    expect(await shown(b)).toEqual(ids.slice(8));
  });
});
