import { z } from 'zod';
import { isWebUrl } from '../catalog/web-link';
import { entrySchema, type Entry, type Snapshot } from '../reading-list/entry';
import { clockProblem } from './hlc';
import type { SettingsDoc, SyncState } from './state';

/**
 * The compact form of a sync state that every remote stores: short keys, dates as epoch
 * milliseconds, statuses as indexes, and per-field clocks written only where they differ from the
 * save's clock (a fresh save stamps every field with one clock). Decoding validates everything:
 * remote data is untrusted, and a malformed document must change nothing locally.
 */

export const WIRE_VERSION = 1;
const STATUSES = ['to-read', 'reading', 'read'] as const;
const CLOCK_KEYS = { s: 'snapshot', t: 'status', g: 'tags', n: 'note', r: 'readAt' } as const;
const SNAPSHOT_KEYS = {
  t: 'title',
  a: 'authors',
  y: 'year',
  v: 'venue',
  x: 'arxivId',
  d: 'doi',
  c: 'primaryClass',
  b: 'abstract',
  u: 'url',
  p: 'pdf',
  o: 'code',
} as const;
const LINK_KEYS = new Set<string>(['url', 'pdf', 'code']);

const wireEntry = z.tuple([
  z.string(), // id
  z.union([z.literal(0), z.literal(1)]), // inCatalog
  z.number(), // addedAt
  z.number(), // updatedAt
  z.number().nullable(), // readAt
  z.number().int().min(0).max(2), // status
  z.array(z.string()), // tags
  z.string(), // note
  z.record(z.string(), z.unknown()), // snapshot, short keys
  z.record(z.string(), z.string()), // clocks: a = added, others only where they differ
]);

export const wireDocSchema = z.object({
  v: z.literal(WIRE_VERSION),
  e: z.array(wireEntry),
  t: z.array(z.tuple([z.string(), z.string()])),
  s: z.record(z.string(), z.tuple([z.unknown(), z.string()])),
});
export type WireDoc = z.infer<typeof wireDocSchema>;
export type WireEntry = z.infer<typeof wireEntry>;

export function encodeEntry(entry: Entry): WireEntry {
  const added = entry.clock.added ?? '';
  const clocks: Record<string, string> = { a: added };
  for (const [short, key] of Object.entries(CLOCK_KEYS)) {
    const clock = entry.clock[key] ?? '';
    if (clock !== added) clocks[short] = clock;
  }
  for (const [key, clock] of Object.entries(entry.clock)) {
    if (key !== 'added' && !Object.values(CLOCK_KEYS).includes(key as never))
      clocks[`_${key}`] = clock;
  }
  const snapshot: Record<string, unknown> = {};
  for (const [short, key] of Object.entries(SNAPSHOT_KEYS)) {
    const value = entry.snapshot[key];
    // A link stored before links were checked stays here but never travels: every other device
    // would refuse the entry (decodeEntry), and sync would stop for all of them.
    if (value !== undefined && (!LINK_KEYS.has(key) || isWebUrl(value))) snapshot[short] = value;
  }
  return [
    entry.id,
    entry.inCatalog ? 1 : 0,
    Date.parse(entry.addedAt),
    Date.parse(entry.updatedAt),
    entry.readAt === null ? null : Date.parse(entry.readAt),
    STATUSES.indexOf(entry.status),
    entry.tags,
    entry.note,
    snapshot,
    clocks,
  ];
}

export function decodeEntry(wire: WireEntry): Entry {
  const [id, inCatalog, addedAt, updatedAt, readAt, status, tags, note, snap, clocks] = wire;
  const clock: Record<string, string> = {};
  const added = clocks.a ?? '';
  if (added) clock.added = added;
  for (const [short, key] of Object.entries(CLOCK_KEYS)) {
    const value = clocks[short] ?? added;
    if (value) clock[key] = value;
  }
  for (const [key, value] of Object.entries(clocks))
    if (key.startsWith('_')) clock[key.slice(1)] = value;
  const snapshot: Record<string, unknown> = {};
  for (const [short, key] of Object.entries(SNAPSHOT_KEYS)) {
    if (snap[short] !== undefined) snapshot[key] = snap[short];
  }
  const parsed = entrySchema.safeParse({
    id,
    inCatalog: inCatalog === 1,
    snapshot: snapshot as Snapshot,
    status: STATUSES[status],
    tags,
    note,
    addedAt: isoOf(addedAt),
    updatedAt: isoOf(updatedAt),
    readAt: readAt === null ? null : isoOf(readAt),
    clock,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    throw new WireError(
      `entry ${JSON.stringify(id.slice(0, 64))} is invalid (${where}${issue.message})`,
    );
  }
  return parsed.data;
}

function isoOf(ms: number): string {
  const date = new Date(ms);
  return Number.isFinite(date.getTime()) ? date.toISOString() : 'invalid';
}

export class WireError extends Error {}

export function encodeState(
  state: SyncState,
  entries: Iterable<Entry> = state.entries.values(),
): WireDoc {
  const settings: WireDoc['s'] = {};
  for (const [key, { value, clock }] of Object.entries(state.settings))
    settings[key] = [value, clock];
  return {
    v: WIRE_VERSION,
    e: [...entries].map(encodeEntry),
    // Sorted, so the same state always encodes to the same text (unchanged files are not rewritten).
    t: [...state.tombstones].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    s: settings,
  };
}

/** Items whose clocks this device would not take in, by reason (see clockProblem in hlc.ts). */
export interface RefusedClocks {
  malformed: number;
  ahead: number;
}

/** Parse untrusted remote data; throws WireError with a short reason when it is not ours. */
export function decodeState(raw: unknown, now: number = Date.now()): SyncState {
  return decodeRemoteState(raw, now).state;
}

/**
 * Like decodeState, but entries, deletions and settings whose clock is malformed or more than a
 * day ahead of `now` are left out and counted, and the rest is used: a clock taken in would
 * become this device's clock and travel on to every other device.
 */
export function decodeRemoteState(
  raw: unknown,
  now: number,
): { state: SyncState; refused: RefusedClocks } {
  const parsed = wireDocSchema.safeParse(raw);
  if (!parsed.success) {
    const version = (raw as { v?: unknown } | null)?.v;
    throw new WireError(
      typeof version === 'number' && version !== WIRE_VERSION
        ? `it was written by a newer PaperPeek (format ${version})`
        : 'it is not in PaperPeek’s sync format',
    );
  }
  const refused: RefusedClocks = { malformed: 0, ahead: 0 };
  // '' is how the wire writes "no clock" (an entry without one, a setting left at its default).
  const usable = (...clocks: string[]) => {
    const problem = clocks.map((c) => (c === '' ? null : clockProblem(c, now))).find(Boolean);
    if (problem) refused[problem]++;
    return !problem;
  };
  const settings: SettingsDoc = {};
  for (const [key, [value, clock]] of Object.entries(parsed.data.s))
    if (usable(clock)) settings[key] = { value, clock };
  return {
    state: {
      entries: new Map(
        parsed.data.e
          .filter((w) => usable(...Object.values(w[9])))
          .map((w) => [w[0], decodeEntry(w)]),
      ),
      tombstones: new Map(parsed.data.t.filter(([, deletedAt]) => usable(deletedAt || 'none'))),
      settings,
    },
    refused,
  };
}
