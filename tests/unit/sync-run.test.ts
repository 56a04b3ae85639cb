import { describe, expect, it } from 'vitest';
import { openUserDb } from '../../lib/reading-list/db';
import { deleteEntries, saveEntry, updateEntries } from '../../lib/reading-list/entries';
import { userDbStore } from '../../lib/sync/local-store';
import type { Remote, RemoteRead } from '../../lib/sync/remote';
import { SyncError } from '../../lib/sync/remote';
import { runSync } from '../../lib/sync/run-sync';
import { emptyState, visibleEntries, type SyncState } from '../../lib/sync/state';
import { storageSyncRemote } from '../../lib/sync/storage-sync-remote';
import { quotaArea } from './sync-quota-area';

let n = 0;
const freshDb = () => openUserDb(`sync-run-${Date.now()}-${n++}`);
const paper = (id: string) => ({
  id,
  inCatalog: true,
  snapshot: { title: `Paper ${id}`, authors: ['A. Author'] },
});

/** A remote in memory; `failWrite` makes the next write fail like a server error. */
function memoryRemote() {
  let stored: SyncState = emptyState();
  const remote: Remote & { failWrite: boolean; stored: () => SyncState } = {
    kind: 'webdav',
    label: 'memory',
    failWrite: false,
    stored: () => stored,
    async read(): Promise<RemoteRead> {
      return { state: stored };
    },
    async write(next) {
      if (remote.failWrite) throw new SyncError('server down', true, 'server');
      stored = next;
      return { bytesSent: 1 };
    },
  };
  return remote;
}

const titles = async (db: ReturnType<typeof freshDb>) =>
  (await db.entries.toArray()).map((e) => e.id).sort();

describe('runSync with the reading-list database', () => {
  it('two devices converge: saves, edits and a deletion', async () => {
    const remote = memoryRemote();
    const laptop = freshDb();
    const desktop = freshDb();
    await saveEntry(laptop, paper('a'));
    await saveEntry(laptop, paper('b'));
    await saveEntry(desktop, paper('c'));
    for (const db of [laptop, desktop, laptop]) await runSync({ local: userDbStore(db), remote });
    expect(await titles(laptop)).toEqual(['a', 'b', 'c']);
    expect(await titles(desktop)).toEqual(['a', 'b', 'c']);

    await deleteEntries(desktop, ['a']);
    await updateEntries(laptop, ['b'], { note: 'from the laptop' });
    await updateEntries(desktop, ['b'], { status: 'reading' });
    for (const db of [laptop, desktop, laptop]) await runSync({ local: userDbStore(db), remote });
    for (const db of [laptop, desktop]) {
      expect(await titles(db)).toEqual(['b', 'c']);
      const b = (await db.entries.get('b'))!;
      expect([b.note, b.status]).toEqual(['from the laptop', 'reading']);
      expect((await db.tombstones.get('a'))?.id).toBe('a');
    }
  });

  it('a fresh install merges into the remote list and never empties it', async () => {
    const remote = memoryRemote();
    const old = freshDb();
    for (const id of ['a', 'b', 'c']) await saveEntry(old, paper(id));
    await runSync({ local: userDbStore(old), remote });
    const fresh = freshDb();
    const outcome = await runSync({ local: userDbStore(fresh), remote });
    expect(outcome).toMatchObject({ kind: 'synced', changes: { added: 3, removed: 0 } });
    expect(visibleEntries(remote.stored()).length).toBe(3);
    expect(await titles(fresh)).toEqual(['a', 'b', 'c']);
  });

  it('asks before a sync that would delete more than 20% of the list, and changes nothing until confirmed', async () => {
    const remote = memoryRemote();
    const a = freshDb();
    const b = freshDb();
    const ids = Array.from({ length: 20 }, (_, i) => `p${i}`);
    for (const id of ids) await saveEntry(a, paper(id));
    await runSync({ local: userDbStore(a), remote });
    await runSync({ local: userDbStore(b), remote });
    await deleteEntries(a, ids.slice(0, 6));
    await runSync({ local: userDbStore(a), remote });

    const outcome = await runSync({ local: userDbStore(b), remote });
    expect(outcome).toEqual({ kind: 'needsConfirmation', deleting: 6, total: 20 });
    expect((await titles(b)).length).toBe(20);
    const confirmed = await runSync({ local: userDbStore(b), remote, confirmDeletions: true });
    expect(confirmed).toMatchObject({ kind: 'synced', changes: { removed: 6 } });
    expect((await titles(b)).length).toBe(14);
  });

  it('a handful of deletions (5 of 10) goes through without asking', async () => {
    const remote = memoryRemote();
    const a = freshDb();
    const b = freshDb();
    const ids = Array.from({ length: 10 }, (_, i) => `p${i}`);
    for (const id of ids) await saveEntry(a, paper(id));
    await runSync({ local: userDbStore(a), remote });
    await runSync({ local: userDbStore(b), remote });
    await deleteEntries(a, ids.slice(0, 5));
    await runSync({ local: userDbStore(a), remote });
    expect(await runSync({ local: userDbStore(b), remote })).toMatchObject({ kind: 'synced' });
    expect((await titles(b)).length).toBe(5);
  });

  it('a failed remote write keeps the merged local list and the next sync sends it', async () => {
    const remote = memoryRemote();
    const a = freshDb();
    await saveEntry(a, paper('x'));
    remote.failWrite = true;
    await expect(runSync({ local: userDbStore(a), remote })).rejects.toThrow('server down');
    expect(await titles(a)).toEqual(['x']);
    remote.failWrite = false;
    await runSync({ local: userDbStore(a), remote });
    expect(visibleEntries(remote.stored()).map((e) => e.id)).toEqual(['x']);
  });

  it('malformed remote data changes nothing locally', async () => {
    const area = quotaArea();
    const a = freshDb();
    await saveEntry(a, paper('x'));
    await area.set({
      'pp:m': { v: 1, g: 'g', n: 1, synced: 1, total: 1 },
      'pp:c0': 'g|not base64 gzip',
    });
    await expect(
      runSync({ local: userDbStore(a), remote: storageSyncRemote(area) }),
    ).rejects.toMatchObject({
      code: 'malformed',
    });
    expect(await titles(a)).toEqual(['x']);
    expect(await a.tombstones.count()).toBe(0);
  });

  it('an edit made while the remote is read is kept', async () => {
    const base = memoryRemote();
    const a = freshDb();
    await saveEntry(a, paper('x'));
    const remote: Remote = {
      ...base,
      async read() {
        const read = await base.read();
        await updateEntries(a, ['x'], { note: 'typed during sync' });
        return read;
      },
      write: base.write,
    };
    await runSync({ local: userDbStore(a), remote });
    expect((await a.entries.get('x'))!.note).toBe('typed during sync');
  });
});
