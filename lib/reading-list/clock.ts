import Dexie from 'dexie';
import {
  clockProblem,
  decodeHlc,
  encodeHlc,
  newNodeId,
  receive,
  tick,
  type Hlc,
} from '@/lib/sync/hlc';
import type { UserDb } from './db';

/**
 * This device's hybrid logical clock, kept in the user database's `meta` table. Call these inside
 * the same rw transaction (including `meta`) as the write being stamped: the clock read, the
 * clock write and the data write then commit together, so two stamps can never share a value and
 * a failed write does not advance the clock without reason.
 */

async function lastClock(db: UserDb, now: number): Promise<Hlc> {
  const [device, last] = await db.meta.bulkGet(['deviceId', 'lastClock']);
  if (last && clockProblem(last.value, now) === null) return decodeHlc(last.value);
  const node = device?.value ?? newNodeId();
  if (!device) await db.meta.put({ key: 'deviceId', value: node });
  if (!last) return { wall: 0, counter: 0, node };
  // A clock that does not decode, or one far in the future (taken from a hostile sync file
  // before clocks were checked), would otherwise fail or poison every later write.
  console.warn(
    `PaperPeek: this device's sync clock ${JSON.stringify(last.value.slice(0, 80))} was damaged or dated in the future; it was reset.`,
  );
  const floor = await newestSoundClock(db, now);
  return floor ? { ...floor, node } : { wall: 0, counter: 0, node };
}

/**
 * The newest usable clock stored in entries and tombstones, when the running transaction covers
 * them, so that a repaired clock still orders after writes this device already made.
 */
async function newestSoundClock(db: UserDb, now: number): Promise<Hlc | null> {
  const scope = Dexie.currentTransaction?.storeNames ?? [];
  if (!scope.includes('entries') || !scope.includes('tombstones')) return null;
  let max = '';
  const consider = (clock: string) => {
    if (clock > max && clockProblem(clock, now) === null) max = clock;
  };
  await db.entries.each((entry) => Object.values(entry.clock).forEach(consider));
  await db.tombstones.each((tombstone) => consider(tombstone.deletedAt));
  return max ? decodeHlc(max) : null;
}

/** A fresh clock for a local write, later than every clock this device has stamped or seen. */
export async function nextClock(db: UserDb, now: number = Date.now()): Promise<string> {
  const next = encodeHlc(tick(await lastClock(db, now), now));
  await db.meta.put({ key: 'lastClock', value: next });
  return next;
}

/**
 * Moves this device's clock past `remote` (a clock read from another device), so that local
 * writes made afterwards order after it. Throws on a malformed clock. A clock more than a day
 * ahead of `now` is not followed: this device's clock never runs more than a day ahead.
 */
export async function observeClock(
  db: UserDb,
  remote: string,
  now: number = Date.now(),
): Promise<string> {
  const last = await lastClock(db, now);
  if (clockProblem(remote, now) === 'ahead') {
    console.warn(`PaperPeek: ignored clock ${remote}, more than a day ahead of this device.`);
    const kept = encodeHlc(last);
    if (last.wall > 0) await db.meta.put({ key: 'lastClock', value: kept });
    return kept;
  }
  const next = encodeHlc(receive(last, decodeHlc(remote), now));
  await db.meta.put({ key: 'lastClock', value: next });
  return next;
}

/** This device's id, created on first use. */
export async function deviceId(db: UserDb): Promise<string> {
  return db.transaction('rw', db.meta, async () => (await lastClock(db, Date.now())).node);
}
