import { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIRST_SCREEN, startFirstScreen, takeFirstScreen } from '@/components/manager/first-screen';
import { UserDb } from '@/lib/reading-list/db';
import type { Entry } from '@/lib/reading-list/entry';

let db: UserDb;
let n = 0;

beforeEach(() => {
  db = new UserDb(`first-screen-test-${n++}-${Math.random()}`, { cache: 'immutable' });
});
afterEach(async () => {
  await db.delete();
});

/** Entry `i` was added `i` hours after T0; ids sort in a different order than dates on purpose. */
function entry(i: number): Entry {
  const at = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
  return {
    id: `p-${(i * 7919) % 1000}`,
    inCatalog: false,
    snapshot: { title: `Paper ${i}`, authors: ['Ada Lovelace'] },
    status: 'to-read',
    tags: [],
    note: '',
    addedAt: at,
    updatedAt: at,
    readAt: null,
    clock: {},
  };
}

describe('the first screen', () => {
  it('is the newest FIRST_SCREEN entries, newest first', async () => {
    const all = Array.from({ length: FIRST_SCREEN + 25 }, (_, i) => entry(i));
    await db.entries.bulkPut(all);
    startFirstScreen(db);
    const first = await takeFirstScreen(db);
    expect(first.map((e) => e.snapshot.title)).toEqual(
      all
        .slice(-FIRST_SCREEN)
        .reverse()
        .map((e) => e.snapshot.title),
    );
  });

  it('is empty for an empty list, and the database is then usable as usual', async () => {
    startFirstScreen(db);
    expect(await takeFirstScreen(db)).toEqual([]);
    await db.entries.put(entry(1));
    expect(await db.entries.count()).toBe(1);
  });

  it('is handed out once: a later mount reads afresh and sees what was saved since', async () => {
    await db.entries.put(entry(1));
    startFirstScreen(db);
    const early = await takeFirstScreen(db);
    await db.entries.put(entry(2));
    const later = await takeFirstScreen(db);
    expect(early.map((e) => e.snapshot.title)).toEqual(['Paper 1']);
    expect(later.map((e) => e.snapshot.title)).toEqual(['Paper 2', 'Paper 1']);
  });

  it("fails with the browser's reason when the database cannot be opened", async () => {
    // The browser refuses IndexedDB (a full disk, a broken profile): every open fails.
    const refusing = Object.create(indexedDB) as IDBFactory;
    refusing.open = () => {
      throw new DOMException('The disk is full.', 'QuotaExceededError');
    };
    const broken = new UserDb(db.name, { indexedDB: refusing, IDBKeyRange });
    startFirstScreen(broken);
    // React mounts later than the read fails: the failure is still there when it asks.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(takeFirstScreen(broken)).rejects.toThrow('The disk is full.');
  });
});

describe("the manager's connection (cache: 'immutable')", () => {
  it('gives live results as frozen entries rather than copies', async () => {
    await db.entries.bulkPut([entry(1), entry(2)]);
    const entries = await new Promise<Entry[]>((resolve, reject) => {
      const sub = liveQuery(() => db.entries.toArray()).subscribe({
        next: (value) => {
          sub.unsubscribe();
          resolve(value);
        },
        error: reject,
      });
    });
    expect(entries).toHaveLength(2);
    expect(entries.every((e) => Object.isFrozen(e))).toBe(true);
  });
});
