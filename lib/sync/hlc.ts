import { z } from 'zod';

/**
 * Hybrid logical clock: wall-clock milliseconds, a counter for events within the same
 * millisecond (or while the wall clock lags a clock already seen), and the device id as the final
 * tie-breaker. Encoded as a fixed-width string so that string order is causal order:
 * `0000lxyz12a-0000-devicea`.
 */

export interface Hlc {
  wall: number;
  counter: number;
  node: string;
}

const WALL_WIDTH = 11; // base 36
const COUNTER_WIDTH = 4;
const MAX_COUNTER = 36 ** COUNTER_WIDTH - 1;
/**
 * The latest wall time a clock may carry. Eleven base-36 digits reach far beyond it, but a wall
 * past it is no real time: accepting one (`zzzzzzzzzzz`) let the next tick need a twelfth digit,
 * and every clock after that failed to decode.
 */
export const MAX_WALL = Date.UTC(5000, 0, 1);
/** A clock from another device may run ahead of ours by this much (clock skew), not more. */
export const MAX_SKEW_MS = 24 * 60 * 60 * 1000;
// Lower-case, zero-padded and fixed-width, exactly as encodeHlc writes: only then does string
// order equal causal order. There is no lower bound on the wall: tests and fresh devices use
// small walls, and an old clock can only lose a merge, never win one.
const HLC_RE = /^([0-9a-z]{11})-([0-9a-z]{4})-([a-z0-9]{1,32})$/;

/** The clock `text` spells in encodeHlc's format, whatever its wall. */
function readHlc(text: string): Hlc | null {
  const match = HLC_RE.exec(text);
  if (!match) return null;
  return { wall: parseInt(match[1]!, 36), counter: parseInt(match[2]!, 36), node: match[3]! };
}

function parseHlc(text: string): Hlc | null {
  const clock = readHlc(text);
  return clock && clock.wall <= MAX_WALL ? clock : null;
}

/** An encoded clock as this extension writes it: every clock that comes in is checked with this. */
export const hlcSchema = z
  .string()
  .max(64)
  .refine((text) => parseHlc(text) !== null, { error: 'not a PaperPeek sync clock' });

/**
 * Why a clock that came in cannot be used (null when it can): not a clock at all, or dated more
 * than MAX_SKEW_MS after `now` (the year 9999 included).
 */
export function clockProblem(clock: unknown, now: number): 'malformed' | 'ahead' | null {
  const read = typeof clock === 'string' ? readHlc(clock) : null;
  if (!read) return 'malformed';
  if (read.wall > now + MAX_SKEW_MS) return 'ahead';
  return read.wall > MAX_WALL ? 'malformed' : null;
}

export function encodeHlc(clock: Hlc): string {
  return [
    clock.wall.toString(36).padStart(WALL_WIDTH, '0'),
    clock.counter.toString(36).padStart(COUNTER_WIDTH, '0'),
    clock.node,
  ].join('-');
}

export function decodeHlc(text: string): Hlc {
  const parsed = parseHlc(text);
  if (!parsed) throw new Error(`Not a clock: ${JSON.stringify(text.slice(0, 80))}`);
  return parsed;
}

/** The clock for a local event: after everything this device has seen, and not before `now`. */
export function tick(last: Hlc, now: number): Hlc {
  if (now > last.wall) return { wall: now, counter: 0, node: last.node };
  return bump(last.wall, last.counter, last.node);
}

/** This device's clock after seeing `remote`, so later local events order after it. */
export function receive(local: Hlc, remote: Hlc, now: number): Hlc {
  const wall = Math.max(local.wall, remote.wall, now);
  if (wall === now && now > local.wall && now > remote.wall)
    return { wall, counter: 0, node: local.node };
  const counter = Math.max(
    local.wall === wall ? local.counter : -1,
    remote.wall === wall ? remote.counter : -1,
  );
  return bump(wall, counter, local.node);
}

function bump(wall: number, counter: number, node: string): Hlc {
  // A counter overflow moves into the next millisecond rather than breaking the order.
  return counter >= MAX_COUNTER
    ? { wall: wall + 1, counter: 0, node }
    : { wall, counter: counter + 1, node };
}

/** Orders encoded clocks; equal only for the same event. */
export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function newNodeId(random: () => number = Math.random): string {
  let id = '';
  for (let i = 0; i < 12; i++) id += Math.floor(random() * 36).toString(36);
  return id;
}
