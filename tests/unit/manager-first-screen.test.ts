import Dexie, { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FIRST_SCREEN,
  startFirstScreen,
  takeFirstScreen,
  takeSettledFirstScreen,
} from '@/components/manager/first-screen';
import { dbHandle, lazyDb, type DbHandle } from '@/components/manager/db-handle';
import { USER_DB_NAME, UserDb } from '@/lib/reading-list/db';
import type { Entry } from '@/lib/reading-list/entry';
import { readNewestRaw } from '@/lib/reading-list/newest-raw';

let db: UserDb;
let n = 0;

// The manager keys its reads by handle: one handle per database, as the page has.
const handles = new WeakMap<UserDb, DbHandle>();
function handleOf(of: UserDb): DbHandle {
  let handle = handles.get(of);
  if (!handle) handles.set(of, (handle = dbHandle(of)));
  return handle;
}

beforeEach(() => {
  db = new UserDb(`first-screen-test-${n++}-${Math.random()}`, { cache: 'immutable' });
});
afterEach(async () => {
  vi.unstubAllGlobals();
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
    startFirstScreen(handleOf(db));
    const first = await takeFirstScreen(handleOf(db));
    expect(first.map((e) => e.snapshot.title)).toEqual(
      all
        .slice(-FIRST_SCREEN)
        .reverse()
        .map((e) => e.snapshot.title),
    );
  });

  it('is empty for an empty list, and the database is then usable as usual', async () => {
    startFirstScreen(handleOf(db));
    expect(await takeFirstScreen(handleOf(db))).toEqual([]);
    await db.entries.put(entry(1));
    expect(await db.entries.count()).toBe(1);
  });

  it('is handed out once: a later mount reads afresh and sees what was saved since', async () => {
    await db.entries.put(entry(1));
    startFirstScreen(handleOf(db));
    const early = await takeFirstScreen(handleOf(db));
    await db.entries.put(entry(2));
    const later = await takeFirstScreen(handleOf(db));
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
    startFirstScreen(handleOf(broken));
    // React mounts later than the read fails: the failure is still there when it asks.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(takeFirstScreen(handleOf(broken))).rejects.toThrow('The disk is full.');
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

describe('the raw read of the newest entries (the page head script)', () => {
  it('gives what Dexie gives: the newest `limit` entries, newest first', async () => {
    const all = Array.from({ length: 30 }, (_, i) => entry(i));
    await db.entries.bulkPut(all);
    db.close();
    const raw = await readNewestRaw(indexedDB, db.name, 12);
    await db.open();
    const viaDexie = await db.entries.orderBy('addedAt').reverse().limit(12).toArray();
    expect(raw).toEqual(viaDexie);
    expect(raw!.map((e) => e.snapshot.title)[0]).toBe('Paper 29');
  });

  it('answers null for a list that does not exist yet, and does not create it', async () => {
    const name = `never-created-${Math.random()}`;
    expect(await readNewestRaw(indexedDB, name, 40)).toBeNull();
    expect(await Dexie.exists(name)).toBe(false);
    // Dexie then creates it with its own schema, as on a first run.
    const fresh = new UserDb(name);
    await fresh.entries.put(entry(1));
    expect(await fresh.entries.count()).toBe(1);
    await fresh.delete();
  });

  it('leaves no connection open that would block a later schema upgrade', async () => {
    await db.entries.put(entry(1));
    db.close();
    await readNewestRaw(indexedDB, db.name, 40);
    // The next schema version after the shipped ones: the upgrade must not be blocked.
    const upgraded = new UserDb(db.name);
    const next = upgraded.verno + 1;
    upgraded.version(next).stores({ entries: 'id, addedAt, updatedAt, status, *tags, readAt' });
    await upgraded.open();
    expect(upgraded.verno).toBe(next);
    upgraded.close();
  });

  it("rejects with the browser's reason when the database cannot be opened", async () => {
    const refusing = Object.create(indexedDB) as IDBFactory;
    refusing.open = () => {
      throw new DOMException('The disk is full.', 'QuotaExceededError');
    };
    await expect(readNewestRaw(refusing, db.name, 40)).rejects.toThrow('The disk is full.');
  });
});

describe('the first screen started by the head script', () => {
  const manager = () => new UserDb(USER_DB_NAME, { cache: 'immutable' });

  it('is taken from the head script, frozen, and only once', async () => {
    const early = [entry(3), entry(2)];
    vi.stubGlobal('window', { paperpeekFirstScreen: Promise.resolve(early) });
    const mine = manager();
    startFirstScreen(handleOf(mine));
    const first = await takeFirstScreen(handleOf(mine));
    expect(first.map((e) => e.snapshot.title)).toEqual(['Paper 3', 'Paper 2']);
    expect(first.every((e) => Object.isFrozen(e))).toBe(true);
    expect(window.paperpeekFirstScreen).toBeUndefined();
    await mine.delete();
  });

  it('falls back to reading through Dexie when the head script found no list or failed', async () => {
    const reads = [() => Promise.resolve(null), () => Promise.reject(new Error('blocked'))];
    for (const read of reads) {
      const early = read();
      early.catch(() => {});
      vi.stubGlobal('window', { paperpeekFirstScreen: early });
      const mine = manager();
      await mine.entries.put(entry(5));
      startFirstScreen(handleOf(mine));
      expect((await takeFirstScreen(handleOf(mine))).map((e) => e.snapshot.title)).toEqual([
        'Paper 5',
      ]);
      await mine.delete();
    }
  });

  it('is there for the first render once read, and then handed out only once', async () => {
    vi.stubGlobal('window', { paperpeekFirstScreen: Promise.resolve([entry(4)]) });
    const mine = manager();
    await mine.entries.put(entry(1));
    startFirstScreen(handleOf(mine));
    // Not finished yet in the same task: the manager then shows a loading frame first.
    expect(takeSettledFirstScreen(handleOf(mine))).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve));
    expect(takeSettledFirstScreen(handleOf(mine))?.map((e) => e.snapshot.title)).toEqual([
      'Paper 4',
    ]);
    expect(takeSettledFirstScreen(handleOf(mine))).toBeUndefined();
    // A later mount reads the list afresh.
    expect((await takeFirstScreen(handleOf(mine))).map((e) => e.snapshot.title)).toEqual([
      'Paper 1',
    ]);
    await mine.delete();
  });

  it('does not load Dexie when the head script read the list', async () => {
    vi.stubGlobal('window', { paperpeekFirstScreen: Promise.resolve([entry(6)]) });
    let loads = 0;
    const handle = lazyDb(USER_DB_NAME, () => {
      loads++;
      return Promise.reject(new Error('Dexie should not load for the first screen'));
    });
    startFirstScreen(handle);
    expect((await takeFirstScreen(handle)).map((e) => e.snapshot.title)).toEqual(['Paper 6']);
    expect(loads).toBe(0);
  });

  it('is ignored for another database than the reading list', async () => {
    vi.stubGlobal('window', { paperpeekFirstScreen: Promise.resolve([entry(9)]) });
    await db.entries.put(entry(1));
    startFirstScreen(handleOf(db));
    expect((await takeFirstScreen(handleOf(db))).map((e) => e.snapshot.title)).toEqual(['Paper 1']);
  });
});

describe("the manager's database handle", () => {
  it('loads Dexie once, on first use, however many ask at once', async () => {
    let loads = 0;
    const handle = lazyDb(db.name, () => {
      loads++;
      return Promise.resolve(db);
    });
    expect(loads).toBe(0);
    const [a, b] = await Promise.all([handle.get(), handle.get()]);
    expect(await handle.get()).toBe(a);
    expect(b).toBe(a);
    expect(loads).toBe(1);
  });

  it('reads the first screen through Dexie when the page has no head script', async () => {
    await db.entries.bulkPut([entry(1), entry(2)]);
    let loads = 0;
    const handle = lazyDb(db.name, () => {
      loads++;
      return Promise.resolve(db);
    });
    startFirstScreen(handle);
    expect((await takeFirstScreen(handle)).map((e) => e.snapshot.title)).toEqual([
      'Paper 2',
      'Paper 1',
    ]);
    expect(loads).toBe(1);
  });
});
