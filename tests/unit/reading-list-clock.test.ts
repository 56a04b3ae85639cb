import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceId, nextClock, observeClock } from '@/lib/reading-list/clock';
import { openUserDb, type UserDb } from '@/lib/reading-list/db';
import { compareHlc, decodeHlc, encodeHlc } from '@/lib/sync/hlc';

let db: UserDb;
let n = 0;

beforeEach(() => {
  db = openUserDb(`clock-test-${n++}-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

const stamp = (now: number) => db.transaction('rw', db.meta, () => nextClock(db, now));

describe('nextClock', () => {
  it('creates a device id once and stamps every clock with it', async () => {
    const first = decodeHlc(await stamp(1000));
    const second = decodeHlc(await stamp(2000));
    expect(first.node).toMatch(/^[a-z0-9]{12}$/);
    expect(second.node).toBe(first.node);
    expect(await deviceId(db)).toBe(first.node);
  });

  it('strictly increases, even when the wall clock stands still or goes back', async () => {
    const clocks = [await stamp(5000), await stamp(5000), await stamp(4000), await stamp(6000)];
    for (let i = 1; i < clocks.length; i++) expect(compareHlc(clocks[i]!, clocks[i - 1]!)).toBe(1);
    expect(decodeHlc(clocks[2]!).wall).toBe(5000);
  });

  it('survives reopening the database (the last clock is persisted)', async () => {
    const last = await stamp(9000);
    db.close();
    const again = openUserDb(db.name);
    const next = await again.transaction('rw', again.meta, () => nextClock(again, 1));
    expect(compareHlc(next, last)).toBe(1);
    again.close();
  });

  it('does not advance when the transaction it stamps fails', async () => {
    const before = await stamp(1000);
    await expect(
      db.transaction('rw', db.meta, async () => {
        await nextClock(db, 2000);
        throw new Error('write failed');
      }),
    ).rejects.toThrow('write failed');
    expect((await db.meta.get('lastClock'))!.value).toBe(before);
  });
});

describe('observeClock', () => {
  it('orders later local writes after a clock seen from another device', async () => {
    await stamp(1000);
    const remote = encodeHlc({ wall: 50_000, counter: 7, node: 'otherdevice' });
    await db.transaction('rw', db.meta, () => observeClock(db, remote, 2000));
    const local = await stamp(3000);
    expect(compareHlc(local, remote)).toBe(1);
    expect(decodeHlc(local).node).not.toBe('otherdevice');
  });

  it('rejects a malformed clock and keeps its own', async () => {
    const before = await stamp(1000);
    await expect(
      db.transaction('rw', db.meta, () => observeClock(db, 'not-a-clock')),
    ).rejects.toThrow(/Not a clock/);
    expect((await db.meta.get('lastClock'))!.value).toBe(before);
  });
});
