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

const WALL_WIDTH = 11; // base 36: covers every millisecond to the year 5000
const COUNTER_WIDTH = 4;
const MAX_COUNTER = 36 ** COUNTER_WIDTH - 1;
const NODE_RE = /^[a-z0-9]{1,32}$/;

export function encodeHlc(clock: Hlc): string {
  return [
    clock.wall.toString(36).padStart(WALL_WIDTH, '0'),
    clock.counter.toString(36).padStart(COUNTER_WIDTH, '0'),
    clock.node,
  ].join('-');
}

export function decodeHlc(text: string): Hlc {
  const [wall, counter, node, extra] = text.split('-');
  if (
    extra !== undefined ||
    wall?.length !== WALL_WIDTH ||
    counter?.length !== COUNTER_WIDTH ||
    !node ||
    !NODE_RE.test(node)
  ) {
    throw new Error(`Not a clock: ${JSON.stringify(text.slice(0, 80))}`);
  }
  return { wall: parseInt(wall, 36), counter: parseInt(counter, 36), node };
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
