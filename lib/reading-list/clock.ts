import { decodeHlc, encodeHlc, newNodeId, receive, tick, type Hlc } from '@/lib/sync/hlc';
import type { UserDb } from './db';

/**
 * This device's hybrid logical clock, kept in the user database's `meta` table. Call these inside
 * the same rw transaction (including `meta`) as the write being stamped: the clock read, the
 * clock write and the data write then commit together, so two stamps can never share a value and
 * a failed write does not advance the clock without reason.
 */

async function lastClock(db: UserDb): Promise<Hlc> {
  const [device, last] = await db.meta.bulkGet(['deviceId', 'lastClock']);
  if (last) return decodeHlc(last.value);
  const node = device?.value ?? newNodeId();
  if (!device) await db.meta.put({ key: 'deviceId', value: node });
  return { wall: 0, counter: 0, node };
}

/** A fresh clock for a local write, later than every clock this device has stamped or seen. */
export async function nextClock(db: UserDb, now: number = Date.now()): Promise<string> {
  const next = encodeHlc(tick(await lastClock(db), now));
  await db.meta.put({ key: 'lastClock', value: next });
  return next;
}

/**
 * Moves this device's clock past `remote` (a clock read from another device), so that local
 * writes made afterwards order after it. Throws on a malformed clock.
 */
export async function observeClock(
  db: UserDb,
  remote: string,
  now: number = Date.now(),
): Promise<string> {
  const seen = decodeHlc(remote);
  const next = encodeHlc(receive(await lastClock(db), seen, now));
  await db.meta.put({ key: 'lastClock', value: next });
  return next;
}

/** This device's id, created on first use. */
export async function deviceId(db: UserDb): Promise<string> {
  return db.transaction('rw', db.meta, async () => (await lastClock(db)).node);
}
