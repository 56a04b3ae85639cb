import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createReadingListHandlers } from '@/lib/background/reading-list-handlers';
import type { CatalogDb } from '@/lib/db/catalog-db';
import { openUserDb, type UserDb } from '@/lib/reading-list/db';
import { listDeleted, restoreDeleted } from '@/lib/reading-list/deleted';
import { KEEP_DELETED_MS, MAX_DELETED_ROWS } from '@/lib/reading-list/deleted-row';
import { deleteEntries, saveEntry, updateEntries } from '@/lib/reading-list/entries';
import { userDbStore } from '@/lib/sync/local-store';
import { mergeStates } from '@/lib/sync/merge';
import { stateFrom, visibleEntries } from '@/lib/sync/state';

const T0 = Date.UTC(2026, 0, 10);
const DAY = 24 * 60 * 60 * 1000;
let db: UserDb;

beforeEach(() => {
  db = openUserDb(`deleted-test-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

async function saveWithNote(id: string, now = T0) {
  await saveEntry(
    db,
    { id, inCatalog: true, snapshot: { title: `Paper ${id}`, authors: ['A'] } },
    now,
  );
  await updateEntries(db, [id], { note: `note on ${id}`, addTags: ['ml', id] }, now);
}

describe('Recently deleted', () => {
  it('keeps what a local delete removed, note and tags included, newest first', async () => {
    await saveWithNote('a');
    await saveWithNote('b');
    await deleteEntries(db, ['a'], T0 + 1000);
    await deleteEntries(db, ['b'], T0 + 2000);
    const rows = await listDeleted(db, T0 + 3000);
    expect(rows.map((r) => [r.id, r.by, r.at])).toEqual([
      ['b', 'local', T0 + 2000],
      ['a', 'local', T0 + 1000],
    ]);
    expect(rows[1]!.entry).toMatchObject({ note: 'note on a', tags: ['a', 'ml'] });
    expect(rows[1]!.deletedAt).toBe((await db.tombstones.get('a'))!.deletedAt);
  });

  it('forgets a paper 30 days after its removal', async () => {
    await saveWithNote('a');
    await saveWithNote('b');
    await deleteEntries(db, ['a'], T0);
    expect((await listDeleted(db, T0 + KEEP_DELETED_MS - 1)).map((r) => r.id)).toEqual(['a']);
    expect(await listDeleted(db, T0 + KEEP_DELETED_MS + 1)).toEqual([]);
    // The next removal prunes the stored row, not only the view.
    await deleteEntries(db, ['b'], T0 + 31 * DAY);
    expect(await db.deleted.toCollection().primaryKeys()).toEqual(['b']);
  });

  it('a sync apply prunes rows past 30 days too', async () => {
    await saveWithNote('a');
    await deleteEntries(db, ['a'], T0);
    const store = userDbStore(db);
    await store.apply(await store.read(), T0 + 31 * DAY);
    expect(await db.deleted.count()).toBe(0);
  });

  it('holds at most MAX_DELETED_ROWS rows, dropping the oldest', async () => {
    const entry = { id: 'x', inCatalog: true, snapshot: { title: 'X', authors: [] } } as never;
    await db.deleted.bulkAdd(
      Array.from({ length: MAX_DELETED_ROWS }, (_, i) => ({
        id: `old${i}`,
        entry,
        deletedAt: '',
        at: T0 + i,
        by: 'local' as const,
      })),
    );
    await saveWithNote('new', T0 + MAX_DELETED_ROWS);
    await deleteEntries(db, ['new'], T0 + MAX_DELETED_ROWS);
    expect(await db.deleted.count()).toBe(MAX_DELETED_ROWS);
    expect(await db.deleted.get('old0')).toBeUndefined();
    expect(await db.deleted.get('old1')).toBeDefined();
    expect(await db.deleted.get('new')).toBeDefined();
  }, 30_000);

  it('restores with note and tags; the restore beats the tombstone on another device', async () => {
    await saveWithNote('a');
    // Device B knows the paper only as deleted.
    await deleteEntries(db, ['a'], T0 + 1000);
    const deviceB = stateFrom([], await db.tombstones.toArray());

    const restored = await restoreDeleted(db, ['a'], T0 + 5000);
    expect(restored.map((e) => e.id)).toEqual(['a']);
    expect(await db.entries.get('a')).toMatchObject({ note: 'note on a', tags: ['a', 'ml'] });
    expect(await listDeleted(db, T0 + 6000)).toEqual([]);

    const deviceA = await userDbStore(db).read();
    for (const merged of [mergeStates(deviceB, deviceA), mergeStates(deviceA, deviceB)]) {
      const shown = visibleEntries(merged);
      expect(shown.map((e) => [e.id, e.note, e.tags])).toEqual([['a', 'note on a', ['a', 'ml']]]);
    }
  });

  it('leaves a paper saved again since as it is now', async () => {
    await saveWithNote('a');
    await deleteEntries(db, ['a'], T0 + 1000);
    await saveEntry(
      db,
      { id: 'a', inCatalog: true, snapshot: { title: 'Again', authors: [] } },
      T0 + 2000,
    );
    expect(await restoreDeleted(db, ['a'], T0 + 3000)).toEqual([]);
    expect(await db.entries.get('a')).toMatchObject({ note: '', snapshot: { title: 'Again' } });
  });

  it('restores an entry stored before links were checked, without its javascript: link', async () => {
    await saveWithNote('a');
    const stored = (await db.entries.get('a'))!;
    const url = 'https://arxiv.org/abs/a';
    const old = { ...stored, snapshot: { ...stored.snapshot, url, pdf: 'javascript:alert(1)' } };
    await db.entries.put(old);
    await deleteEntries(db, ['a'], T0 + 1000);
    const [back] = await restoreDeleted(db, ['a'], T0 + 2000);
    expect(back).toMatchObject({ note: 'note on a', snapshot: { url } });
    expect(back!.snapshot.pdf).toBeUndefined();
    expect((await db.entries.get('a'))!.snapshot.pdf).toBeUndefined();
  });

  it('refuses malformed ids with a clear message and changes nothing', async () => {
    await saveWithNote('a');
    await deleteEntries(db, ['a'], T0);
    await expect(restoreDeleted(db, [''], T0)).rejects.toThrow(/Invalid entry ids/);
    expect(await db.entries.count()).toBe(0);
    expect((await listDeleted(db, T0)).map((r) => r.id)).toEqual(['a']);
  });
});

describe('restoreDeletedEntries message', () => {
  const handlers = () => createReadingListHandlers({} as CatalogDb, () => db);
  const contentScript = () => ({
    id: fakeBrowser.runtime.id,
    tab: { id: 3 },
    url: 'https://arxiv.org/',
  });

  it('a content script (the card’s Undo) gets the paper back with its note', async () => {
    await saveWithNote('a');
    await deleteEntries(db, ['a']);
    expect(
      await handlers().restoreDeletedEntries({ ids: ['a', 'never-saved'] }, contentScript()),
    ).toEqual({
      restored: 1,
    });
    expect(await db.entries.get('a')).toMatchObject({ note: 'note on a' });
  });

  it('is refused to a sender that is neither a tab nor a PaperPeek page', async () => {
    await saveWithNote('a');
    await deleteEntries(db, ['a']);
    await expect(
      handlers().restoreDeletedEntries({ ids: ['a'] }, { id: fakeBrowser.runtime.id }),
    ).rejects.toThrow('restoreDeletedEntries is for PaperPeek only');
    expect(await db.entries.count()).toBe(0);
  });
});
