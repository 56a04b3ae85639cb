import { z } from 'zod';
import { nextClock } from './clock';
import type { UserDb } from './db';
import { markRestored, recordRemovals } from './deleted-row';
import {
  EDITABLE_FIELDS,
  entrySchema,
  readingStatusSchema,
  snapshotSchema,
  type Entry,
  type Snapshot,
} from './entry';
import { normalizeTags, tagKey } from './tags';

/**
 * The reading list's operations. Each runs in one rw transaction over every table it touches
 * (entries, tombstones, meta for the clock), so a write and its clock stamp commit together.
 * Input is validated before anything is written: bad input throws a clear error and changes nothing.
 */

const idSchema = entrySchema.shape.id;
const idsSchema = z.array(idSchema).max(100_000);

export const saveInputSchema = z.object({
  id: idSchema,
  inCatalog: z.boolean(),
  snapshot: snapshotSchema,
});
export type SaveInput = z.infer<typeof saveInputSchema>;

export const entryPatchSchema = z.object({
  status: readingStatusSchema.optional(),
  addTags: z.array(z.string().max(200)).max(100).optional(),
  removeTags: z.array(z.string().max(200)).max(100).optional(),
  note: entrySchema.shape.note.optional(),
  snapshot: snapshotSchema.optional(),
});
export type EntryPatch = z.infer<typeof entryPatchSchema>;

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`Invalid ${what}: ${z.prettifyError(result.error)}`);
  return result.data;
}

function rwTables(db: UserDb) {
  return [db.entries, db.tombstones, db.meta, db.deleted];
}

/**
 * Saves a paper, or returns the entry already saved under `id` untouched: saving twice never
 * resets a status, tags or a note. A tombstone for the id stays; the new `added` clock beats it.
 */
export async function saveEntry(db: UserDb, input: SaveInput, now = Date.now()): Promise<Entry> {
  const { id, inCatalog, snapshot } = parse(saveInputSchema, input, 'paper to save');
  return db.transaction('rw', rwTables(db), async () => {
    const existing = await db.entries.get(id);
    if (existing) return existing;
    const clock = await nextClock(db, now);
    const at = new Date(now).toISOString();
    const entry: Entry = {
      id,
      inCatalog,
      snapshot,
      status: 'to-read',
      tags: [],
      note: '',
      addedAt: at,
      updatedAt: at,
      readAt: null,
      clock: stampAll(clock),
    };
    await db.entries.add(entry);
    return entry;
  });
}

function stampAll(clock: string): Entry['clock'] {
  return Object.fromEntries([...EDITABLE_FIELDS, 'added'].map((field) => [field, clock]));
}

function sameSnapshot(a: Snapshot, b: Snapshot): boolean {
  return JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());
}

/** The entry after `patch`, and the fields it changed (empty when nothing changed). */
function applyPatch(entry: Entry, patch: EntryPatch, at: string) {
  const next: Entry = { ...entry };
  const changed: string[] = [];
  if (patch.status && patch.status !== entry.status) {
    next.status = patch.status;
    changed.push('status');
    // Read time follows the status: set when it becomes read, cleared when it stops being read.
    const readAt = patch.status === 'read' ? at : null;
    if (readAt !== entry.readAt) {
      next.readAt = readAt;
      changed.push('readAt');
    }
  }
  if (patch.addTags || patch.removeTags) {
    // The entry's own spelling of a tag comes first, so adding `icassp` keeps `ICASSP`; removal
    // matches whatever the case.
    const removed = new Set(normalizeTags(patch.removeTags ?? []).map(tagKey));
    const tags = normalizeTags([...entry.tags, ...(patch.addTags ?? [])]).filter(
      (tag) => !removed.has(tagKey(tag)),
    );
    if (tags.join('\n') !== entry.tags.join('\n')) {
      next.tags = tags;
      changed.push('tags');
    }
  }
  if (patch.note !== undefined && patch.note !== entry.note) {
    next.note = patch.note;
    changed.push('note');
  }
  if (patch.snapshot && !sameSnapshot(patch.snapshot, entry.snapshot)) {
    next.snapshot = patch.snapshot;
    changed.push('snapshot');
  }
  return { next, changed };
}

/**
 * Applies one patch to every saved entry among `ids`, stamping each changed field with one clock
 * (a bulk edit is one event). Returns the entries that changed; unsaved ids are skipped.
 */
export async function updateEntries(
  db: UserDb,
  ids: readonly string[],
  patch: EntryPatch,
  now = Date.now(),
): Promise<Entry[]> {
  const wanted = parse(idsSchema, ids, 'entry ids');
  const valid = parse(entryPatchSchema, patch, 'change');
  // Normalizing once up front rejects a bad tag before any entry is touched.
  normalizeTags([...(valid.addTags ?? []), ...(valid.removeTags ?? [])]);
  const at = new Date(now).toISOString();
  return db.transaction('rw', rwTables(db), async () => {
    const current = (await db.entries.bulkGet([...new Set(wanted)])).filter((e) => e !== undefined);
    const updated: Entry[] = [];
    let clock: string | undefined;
    for (const entry of current) {
      const { next, changed } = applyPatch(entry, valid, at);
      if (changed.length === 0) continue;
      const stamp = (clock ??= await nextClock(db, now));
      next.updatedAt = at;
      next.clock = { ...entry.clock, ...Object.fromEntries(changed.map((f) => [f, stamp])) };
      updated.push(next);
    }
    await db.entries.bulkPut(updated);
    return updated;
  });
}

/**
 * Removes the saved entries among `ids` and leaves a tombstone for each, so that sync does not
 * bring them back; each goes to Recently deleted. Returns the removed entries, for undo
 * (restoreEntries).
 */
export async function deleteEntries(
  db: UserDb,
  ids: readonly string[],
  now = Date.now(),
): Promise<Entry[]> {
  const wanted = parse(idsSchema, ids, 'entry ids');
  return db.transaction('rw', rwTables(db), async () => {
    const removed = (await db.entries.bulkGet([...new Set(wanted)])).filter((e) => e !== undefined);
    if (removed.length === 0) return [];
    const deletedAt = await nextClock(db, now);
    await db.entries.bulkDelete(removed.map((e) => e.id));
    await db.tombstones.bulkPut(removed.map((e) => ({ id: e.id, deletedAt })));
    await recordRemovals(
      db,
      removed.map((entry) => ({ entry, deletedAt })),
      'local',
      now,
    );
    return removed;
  });
}

/**
 * Undo of a delete: puts the entries back as they were, with every field stamped by a fresh
 * clock so that they win over their tombstones here and on other devices.
 */
export async function restoreEntries(
  db: UserDb,
  entries: readonly Entry[],
  now = Date.now(),
): Promise<Entry[]> {
  const valid = parse(z.array(entrySchema).max(100_000), entries, 'entries to restore');
  if (valid.length === 0) return [];
  return db.transaction('rw', rwTables(db), async () => {
    const clock = await nextClock(db, now);
    const restored = valid.map((entry) => ({ ...entry, clock: stampAll(clock) }));
    await db.entries.bulkPut(restored);
    await markRestored(
      db,
      restored.map((entry) => entry.id),
      now,
    );
    return restored;
  });
}

/** Every saved entry, most recently added first. */
export async function listEntries(db: UserDb): Promise<Entry[]> {
  return db.entries.orderBy('addedAt').reverse().toArray();
}

export async function getEntry(db: UserDb, id: string): Promise<Entry | undefined> {
  return db.entries.get(id);
}

/** The ids among `ids` that are saved. */
export async function savedIds(db: UserDb, ids: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(parse(idsSchema, ids, 'paper ids'))];
  const found = await db.entries.bulkGet(unique);
  return new Set(found.flatMap((entry) => (entry ? [entry.id] : [])));
}
