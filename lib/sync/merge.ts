import { EDITABLE_FIELDS, type Entry } from '../reading-list/entry';
import { addedClock, type SettingsDoc, type SyncState } from './state';

/**
 * The merge rule, a join (commutative, associative, idempotent), so any devices that have merged
 * the same states hold the same list whatever the order or repetition:
 *
 * - Per entry and per field (EDITABLE_FIELDS, plus `added` for the save itself: id, inCatalog,
 *   addedAt), the write with the higher HLC wins. `updatedAt` comes with the latest write.
 * - Per paper, the latest deletion wins among tombstones.
 * - A tombstone hides an entry whose `added` clock is older than `deletedAt`; a save newer than
 *   the tombstone (a re-save, on any device) shows the entry again. Edits never resurrect.
 * - A hidden entry is dropped once every write it carries is older than the tombstone: nothing in
 *   it can win any later merge. One that still carries a newer edit (made on a device that had not
 *   yet heard of the deletion) stays as a hidden "ghost" holding only those newer writes (its
 *   older fields are reset to blanks without a clock), so that edit is not lost if the paper is
 *   saved again, and so that merging in any order gives the same result.
 * - This relies on a save stamping every field with its clock (lib/reading-list/entries.ts).
 */

export function mergeStates(a: SyncState, b: SyncState): SyncState {
  const tombstones = new Map(a.tombstones);
  for (const [id, deletedAt] of b.tombstones) {
    const mine = tombstones.get(id);
    if (mine === undefined || deletedAt > mine) tombstones.set(id, deletedAt);
  }
  const entries = new Map<string, Entry>();
  const keep = (entry: Entry) => {
    const deletedAt = tombstones.get(entry.id);
    if (deletedAt === undefined || addedClock(entry) > deletedAt) entries.set(entry.id, entry);
    else if (!isObsolete(entry, deletedAt)) entries.set(entry.id, ghostOf(entry, deletedAt));
  };
  for (const [id, entry] of a.entries) {
    const other = b.entries.get(id);
    keep(other ? mergeEntry(entry, other) : entry);
  }
  for (const [id, entry] of b.entries) if (!a.entries.has(id)) keep(entry);
  return { entries, tombstones, settings: mergeSettings(a.settings, b.settings) };
}

/** Every write in the entry is older than its tombstone: it can never show or win again. */
export function isObsolete(entry: Entry, deletedAt: string | undefined): boolean {
  if (deletedAt === undefined) return false;
  return (
    Object.values(entry.clock).every((clock) => clock < deletedAt) && addedClock(entry) < deletedAt
  );
}

const BLANK = {
  inCatalog: false,
  addedAt: new Date(0).toISOString(),
  snapshot: { title: '(deleted)', authors: [] },
  status: 'to-read',
  tags: [],
  note: '',
  readAt: null,
} as const;

/** A hidden entry reduced to the writes newer than its tombstone: everything else can never win again. */
function ghostOf(entry: Entry, deletedAt: string): Entry {
  const out: Entry = { ...entry, clock: { ...entry.clock } };
  for (const key of FIELD_KEYS) {
    if ((out.clock[key] ?? '') >= deletedAt) continue;
    delete out.clock[key];
    if (key === 'added') {
      out.inCatalog = BLANK.inCatalog;
      out.addedAt = BLANK.addedAt;
    } else {
      (out as unknown as Record<FieldKey, unknown>)[key] = structuredClone(BLANK[key]);
    }
  }
  return out;
}

type FieldKey = (typeof EDITABLE_FIELDS)[number] | 'added';
const FIELD_KEYS: readonly FieldKey[] = [...EDITABLE_FIELDS, 'added'];

/** Field-wise last writer wins; a tie between different values (no or equal clocks) is broken by content so it is still symmetric. */
export function mergeEntry(a: Entry, b: Entry): Entry {
  if (a === b) return a;
  const out: Entry = { ...a, clock: { ...a.clock } };
  for (const key of FIELD_KEYS) {
    const ca = a.clock[key] ?? '';
    const cb = b.clock[key] ?? '';
    if (winsOver(cb, ca, fieldValue(b, key), fieldValue(a, key))) {
      assignField(out, b, key);
      if (cb) out.clock[key] = cb;
      else delete out.clock[key];
    }
  }
  // Clocks for keys neither side knows as a field (a newer build's field) merge the same way.
  for (const [key, clock] of Object.entries(b.clock)) {
    if (!(FIELD_KEYS as readonly string[]).includes(key) && clock > (out.clock[key] ?? '')) {
      out.clock[key] = clock;
    }
  }
  // updatedAt belongs to the side holding the latest write, so it too is independent of order.
  const la = latestClock(a);
  const lb = latestClock(b);
  if (lb > la || (lb === la && b.updatedAt > a.updatedAt)) out.updatedAt = b.updatedAt;
  return out;
}

function latestClock(entry: Entry): string {
  let max = '';
  for (const clock of Object.values(entry.clock)) if (clock > max) max = clock;
  return max;
}

function fieldValue(entry: Entry, key: FieldKey): unknown {
  return key === 'added' ? [entry.id, entry.inCatalog, entry.addedAt] : entry[key];
}

function assignField(out: Entry, from: Entry, key: FieldKey): void {
  if (key === 'added') {
    out.inCatalog = from.inCatalog;
    out.addedAt = from.addedAt;
  } else {
    (out as unknown as Record<FieldKey, unknown>)[key] = from[key];
  }
}

function winsOver(clock: string, other: string, value: unknown, otherValue: unknown): boolean {
  if (clock !== other) return clock > other;
  return stableJson(value) > stableJson(otherValue);
}

/** JSON with sorted object keys, so equal values compare equal whatever their key order. */
export function stableJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
        : v,
    ) ?? 'undefined'
  );
}

export function mergeSettings(a: SettingsDoc, b: SettingsDoc): SettingsDoc {
  const out: SettingsDoc = { ...a };
  for (const [key, item] of Object.entries(b)) {
    const mine = out[key];
    if (!mine || winsOver(item.clock, mine.clock, item.value, mine.value)) out[key] = item;
  }
  return out;
}
