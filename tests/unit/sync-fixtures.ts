import { EDITABLE_FIELDS, type Entry } from '../../lib/reading-list/entry';
import { encodeHlc } from '../../lib/sync/hlc';

/** A clock at `wall` ms on `node`. */
export const at = (wall: number, node = 'deva', counter = 0) => encodeHlc({ wall, counter, node });

/** A saved entry whose every field was stamped by one save at `clock`. */
export function savedEntry(id: string, clock: string, over: Partial<Entry> = {}): Entry {
  const iso = new Date(1_700_000_000_000).toISOString();
  return {
    id,
    inCatalog: true,
    snapshot: { title: `Paper ${id}`, authors: ['Ada Lovelace'], year: 2024, arxivId: id },
    status: 'to-read',
    tags: [],
    note: '',
    addedAt: iso,
    updatedAt: iso,
    readAt: null,
    clock: Object.fromEntries([...EDITABLE_FIELDS, 'added'].map((k) => [k, clock])),
    ...over,
  };
}

/** `entry` with `field` set to `value` by an edit at `clock`. */
export function edited<K extends (typeof EDITABLE_FIELDS)[number]>(
  entry: Entry,
  field: K,
  value: Entry[K],
  clock: string,
): Entry {
  return { ...entry, [field]: value, clock: { ...entry.clock, [field]: clock } };
}
