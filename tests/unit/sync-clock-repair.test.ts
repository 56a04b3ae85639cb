import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextClock, observeClock } from '../../lib/reading-list/clock';
import { openUserDb, type UserDb } from '../../lib/reading-list/db';
import { saveEntry, updateEntries } from '../../lib/reading-list/entries';
import { hoverDelayMs, markersEnabled } from '../../lib/settings';
import { clockProblem, decodeHlc, encodeHlc } from '../../lib/sync/hlc';
import { userDbStore } from '../../lib/sync/local-store';
import type { Remote } from '../../lib/sync/remote';
import { runSync } from '../../lib/sync/run-sync';
import { settingsStore } from '../../lib/sync/settings-sync';
import { emptyState, maxClock, type SyncState } from '../../lib/sync/state';
import { syncedSettings } from '../../lib/sync/sync-items';
import { savedEntry } from './sync-fixtures';

const DAY = 24 * 60 * 60 * 1000;
const BRICKED = '100000000000-0000-abcdefabcdef'; // one tick past `zzzzzzzzzzz`
const YEAR_9999 = encodeHlc({ wall: Date.UTC(9999, 0, 1), counter: 0, node: 'evil' });
const NEAR_FUTURE = (now: number) => encodeHlc({ wall: now + 400 * DAY, counter: 3, node: 'evil' });

let db: UserDb;
let n = 0;
beforeEach(() => {
  db = openUserDb(`clock-repair-${Date.now()}-${n++}`);
});
afterEach(async () => {
  await db.delete();
});

const paper = (id: string) => ({ id, inCatalog: true, snapshot: { title: id, authors: ['A'] } });
const withinADay = (clock: string) => Math.abs(decodeHlc(clock).wall - Date.now()) < DAY;

function memoryRemote(): Remote & { stored: () => SyncState } {
  let stored = emptyState();
  return {
    kind: 'webdav',
    label: 'memory',
    stored: () => stored,
    read: async () => ({ state: stored }),
    write: async (next) => {
      stored = next;
      return { bytesSent: 1 };
    },
  };
}

describe('a device that already holds a bad clock repairs itself', () => {
  it.each([
    ['malformed', BRICKED],
    ['in the year 9999', YEAR_9999],
    ['400 days ahead', NEAR_FUTURE(Date.now())],
  ])('saves and edits work again after its own clock became %s', async (_, bad) => {
    await saveEntry(db, paper('kept'));
    const device = (await db.meta.get('deviceId'))!.value;
    await db.meta.put({ key: 'lastClock', value: bad });
    const saved = await saveEntry(db, paper('after'));
    expect(withinADay(saved.clock.added!)).toBe(true);
    expect(decodeHlc(saved.clock.added!).node).toBe(device);
    await updateEntries(db, ['kept'], { note: 'still works' });
    expect((await db.entries.get('kept'))!.note).toBe('still works');
    expect(clockProblem((await db.meta.get('lastClock'))!.value, Date.now())).toBeNull();
  });

  it('a repaired clock still orders after clocks this device already stored', async () => {
    const now = Date.now();
    const soon = encodeHlc({ wall: now + 60 * 60 * 1000, counter: 5, node: 'devb' });
    await db.entries.put(savedEntry('x', soon));
    await db.meta.put({ key: 'lastClock', value: BRICKED });
    const saved = await saveEntry(db, paper('y'), now);
    expect(saved.clock.added! > soon).toBe(true);
  });

  it('never follows a clock more than a day ahead (observeClock)', async () => {
    const now = Date.now();
    const mine = await db.transaction('rw', db.meta, () => nextClock(db, now));
    const after = await db.transaction('rw', db.meta, () => observeClock(db, YEAR_9999, now));
    expect(after).toBe(mine);
    expect(decodeHlc(after).wall).toBeLessThanOrEqual(now + DAY);
  });

  it('repairs clocks stored before the fix, keeping notes and tags, and syncs none of them out', async () => {
    await saveEntry(db, paper('a'));
    await updateEntries(db, ['a'], { note: 'my note', addTags: ['x'] });
    // As a hostile file left them before clocks were checked (written around the schema).
    const a = (await db.entries.get('a'))!;
    await db.entries.put({ ...a, clock: { ...a.clock, note: 'zzzzzzzzzzz-zzzz-evil' } });
    await db.entries.put(savedEntry('b', YEAR_9999, { note: 'b note' }));
    await db.tombstones.put({ id: 'gone', deletedAt: BRICKED });
    await db.meta.put({ key: 'lastClock', value: BRICKED });
    const remote = memoryRemote();
    await expect(runSync({ local: userDbStore(db), remote })).resolves.toMatchObject({
      kind: 'synced',
    });
    const entries = await db.entries.toArray();
    expect(entries.map((e) => [e.id, e.note, e.tags])).toEqual([
      ['a', 'my note', ['x']],
      ['b', 'b note', []],
    ]);
    const stored = [...entries.flatMap((e) => Object.values(e.clock))];
    stored.push(...(await db.tombstones.toArray()).map((t) => t.deletedAt));
    expect(stored.every((c) => clockProblem(c, Date.now()) === null)).toBe(true);
    expect(clockProblem(maxClock(remote.stored()), Date.now())).toBeNull();
    expect(withinADay((await saveEntry(db, paper('c'))).clock.added!)).toBe(true);
  });

  it('stamps a setting afresh when its stored clock is unusable', async () => {
    await hoverDelayMs.setValue(800);
    await markersEnabled.setValue(false);
    await syncedSettings.setValue({
      hoverDelayMs: { value: 800, clock: 'zzzzzzzzzzz-zzzz-evil' },
      markersEnabled: { value: false, clock: YEAR_9999 },
    });
    const doc = await settingsStore(db).read();
    expect(withinADay(doc.hoverDelayMs!.clock)).toBe(true);
    expect(withinADay(doc.markersEnabled!.clock)).toBe(true);
  });
});
