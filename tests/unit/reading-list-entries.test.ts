import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openUserDb, type UserDb } from '@/lib/reading-list/db';
import {
  deleteEntries,
  getEntry,
  listEntries,
  restoreEntries,
  saveEntry,
  savedIds,
  updateEntries,
} from '@/lib/reading-list/entries';
import { entrySchema, type Snapshot } from '@/lib/reading-list/entry';
import { compareHlc } from '@/lib/sync/hlc';

let db: UserDb;
let n = 0;

beforeEach(() => {
  db = openUserDb(`entries-test-${n++}-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

const snapshot = (title: string): Snapshot => ({ title, authors: ['Ada Lovelace'], year: 2023 });
const T0 = Date.UTC(2026, 0, 1);

async function save(id: string, now = T0) {
  return saveEntry(db, { id, inCatalog: true, snapshot: snapshot(`Paper ${id}`) }, now);
}

describe('saveEntry', () => {
  it('stores a valid entry, to read, with every field stamped by one clock', async () => {
    const entry = await save('2312.00752');
    expect(entrySchema.parse(entry)).toEqual(entry);
    expect(entry).toMatchObject({ status: 'to-read', tags: [], note: '', readAt: null });
    expect(entry.addedAt).toBe(new Date(T0).toISOString());
    expect(new Set(Object.values(entry.clock)).size).toBe(1);
    expect(Object.keys(entry.clock).sort()).toEqual(
      ['added', 'note', 'readAt', 'snapshot', 'status', 'tags'].sort(),
    );
    expect(await getEntry(db, '2312.00752')).toEqual(entry);
  });

  it('saving again keeps status, tags and note', async () => {
    await save('a');
    await updateEntries(
      db,
      ['a'],
      { status: 'reading', addTags: ['ML'], note: 'check §3' },
      T0 + 1,
    );
    const again = await saveEntry(
      db,
      { id: 'a', inCatalog: true, snapshot: snapshot('Other title') },
      T0 + 2,
    );
    expect(again).toMatchObject({ status: 'reading', tags: ['ML'], note: 'check §3' });
    expect(again.snapshot.title).toBe('Paper a');
    expect(await listEntries(db)).toHaveLength(1);
  });

  it('rejects a snapshot without a title and writes nothing', async () => {
    await expect(
      saveEntry(db, { id: 'x', inCatalog: false, snapshot: { title: '', authors: [] } }),
    ).rejects.toThrow(/Invalid paper to save/);
    expect(await db.entries.count()).toBe(0);
    expect(await db.meta.count()).toBe(0);
  });
});

describe('updateEntries', () => {
  it('stamps only the changed fields and sets readAt when the status becomes read', async () => {
    const before = await save('a');
    const [after] = await updateEntries(db, ['a'], { status: 'read' }, T0 + 5000);
    expect(after!.readAt).toBe(new Date(T0 + 5000).toISOString());
    expect(after!.updatedAt).toBe(after!.readAt);
    expect(compareHlc(after!.clock.status!, before.clock.status!)).toBe(1);
    expect(after!.clock.readAt).toBe(after!.clock.status);
    expect(after!.clock.note).toBe(before.clock.note);
    expect(after!.clock.tags).toBe(before.clock.tags);

    const [back] = await updateEntries(db, ['a'], { status: 'reading' }, T0 + 6000);
    expect(back!.readAt).toBeNull();
  });

  it('normalizes tags: trimmed, case kept, unique whatever the case, sorted; removes named tags', async () => {
    await save('a');
    await updateEntries(db, ['a'], { addTags: [' Vision ', 'ml', 'ML', '', 'deep  learning'] });
    expect((await getEntry(db, 'a'))!.tags).toEqual(['deep learning', 'ml', 'Vision']);
    await updateEntries(db, ['a'], { removeTags: ['VISION'] });
    expect((await getEntry(db, 'a'))!.tags).toEqual(['deep learning', 'ml']);
  });

  it('changes nothing (no clock, no updatedAt) when the patch matches the entry', async () => {
    const before = await save('a');
    expect(await updateEntries(db, ['a'], { status: 'to-read', note: '' }, T0 + 99)).toEqual([]);
    expect(await getEntry(db, 'a')).toEqual(before);
  });

  it('updates several entries in one go and skips unsaved ids', async () => {
    await save('a');
    await save('b');
    const updated = await updateEntries(db, ['a', 'b', 'missing'], { addTags: ['x'] });
    expect(updated.map((e) => e.id).sort()).toEqual(['a', 'b']);
    expect(await db.entries.where('tags').equals('x').count()).toBe(2);
  });

  it('rejects a bad patch with a clear message and changes no entry', async () => {
    await save('a');
    const long = 'x'.repeat(61);
    await expect(updateEntries(db, ['a'], { addTags: ['ok', long] })).rejects.toThrow(
      /longer than 60/,
    );
    await expect(updateEntries(db, ['a'], { status: 'done' as unknown as 'read' })).rejects.toThrow(
      /Invalid change/,
    );
    expect((await getEntry(db, 'a'))!.tags).toEqual([]);
  });
});

describe('deleteEntries and restoreEntries', () => {
  it('deletes, leaves tombstones and returns the removed entries for undo', async () => {
    await save('a');
    await save('b');
    const removed = await deleteEntries(db, ['a', 'missing'], T0 + 10);
    expect(removed.map((e) => e.id)).toEqual(['a']);
    expect(await getEntry(db, 'a')).toBeUndefined();
    const tomb = await db.tombstones.get('a');
    expect(compareHlc(tomb!.deletedAt, removed[0]!.clock.added!)).toBe(1);
    expect(await db.tombstones.get('missing')).toBeUndefined();
    expect((await listEntries(db)).map((e) => e.id)).toEqual(['b']);
  });

  it('undo puts the entries back as they were, with clocks that beat the tombstone', async () => {
    await save('a');
    const [edited] = await updateEntries(db, ['a'], { addTags: ['keep'], note: 'n' });
    const removed = await deleteEntries(db, ['a']);
    const [restored] = await restoreEntries(db, removed);
    const tomb = await db.tombstones.get('a');
    expect(restored).toMatchObject({ tags: ['keep'], note: 'n', addedAt: edited!.addedAt });
    for (const clock of Object.values(restored!.clock)) {
      expect(compareHlc(clock, tomb!.deletedAt)).toBe(1);
    }
    expect(await getEntry(db, 'a')).toEqual(restored);
  });

  it('refuses to restore an invalid entry and writes nothing', async () => {
    const bad = { id: 'a', title: 'no snapshot' } as never;
    await expect(restoreEntries(db, [bad])).rejects.toThrow(/Invalid entries to restore/);
    expect(await db.entries.count()).toBe(0);
  });
});

describe('listEntries and savedIds', () => {
  it('lists the most recently added first', async () => {
    await save('old', T0);
    await save('new', T0 + 1000);
    expect((await listEntries(db)).map((e) => e.id)).toEqual(['new', 'old']);
  });

  it('answers which of the asked ids are saved', async () => {
    await save('a');
    await save('b');
    expect(await savedIds(db, ['a', 'c', 'a'])).toEqual(new Set(['a']));
    expect(await savedIds(db, [])).toEqual(new Set());
  });
});
