import type { EditableField, Entry, ReadingStatus, Snapshot } from '../entry';
import { uniqueTags } from '../tags';

/**
 * How an imported paper combines with the entry already saved under its id. The rule is that an
 * import never loses what the list holds:
 * - snapshot: the saved fields stay; fields the saved snapshot lacks are filled from the file;
 * - status: the further along of the two (to-read < reading < read), with its read time;
 * - tags: the union, case-insensitively, the list's own spelling kept (`ICASSP` + `icassp`);
 * - note: kept; a different, non-empty note from the file is appended below it after a blank
 *   line, unless the saved note already contains it (so importing twice appends nothing);
 * - addedAt: the earlier of the two.
 * Merging the result with the same import again changes nothing.
 */

const MAX_NOTE = 100_000;
const MAX_TAGS = 100;

const STATUS_ORDER: Record<ReadingStatus, number> = { 'to-read': 0, reading: 1, read: 2 };

function mergeSnapshot(saved: Snapshot, incoming: Snapshot): Snapshot {
  const merged: Snapshot = { ...saved };
  for (const [key, value] of Object.entries(incoming) as [keyof Snapshot, never][]) {
    if (merged[key] === undefined && value !== undefined) merged[key] = value;
  }
  if (merged.authors.length === 0 && incoming.authors.length > 0) merged.authors = incoming.authors;
  return merged;
}

function mergeNote(saved: string, incoming: string): string {
  const add = incoming.trim();
  if (!add || saved.includes(add)) return saved;
  // The entry's note limit; a note that would overflow it keeps the saved text as it is.
  if (saved.length + add.length + 2 > MAX_NOTE) return saved;
  return saved.trim() ? `${saved.trimEnd()}\n\n${add}` : incoming;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface Merged {
  entry: Entry;
  changed: EditableField[];
  /** addedAt or inCatalog moved, which are not clocked fields but still a change to write. */
  touched: boolean;
}

export function mergeEntry(saved: Entry, incoming: Entry): Merged {
  const next: Entry = { ...saved };
  const changed: EditableField[] = [];
  const snapshot = mergeSnapshot(saved.snapshot, incoming.snapshot);
  if (!sameJson(snapshot, saved.snapshot)) {
    next.snapshot = snapshot;
    changed.push('snapshot');
  }
  if (STATUS_ORDER[incoming.status] > STATUS_ORDER[saved.status]) {
    next.status = incoming.status;
    changed.push('status');
  }
  const readAt = next.status === 'read' ? (saved.readAt ?? incoming.readAt) : saved.readAt;
  if (readAt !== saved.readAt) {
    next.readAt = readAt;
    changed.push('readAt');
  }
  const tags = uniqueTags([...saved.tags, ...incoming.tags]).slice(0, MAX_TAGS);
  if (!sameJson(tags, saved.tags)) {
    next.tags = tags;
    changed.push('tags');
  }
  const note = mergeNote(saved.note, incoming.note);
  if (note !== saved.note) {
    next.note = note;
    changed.push('note');
  }
  let touched = false;
  if (incoming.addedAt < saved.addedAt) {
    next.addedAt = incoming.addedAt;
    touched = true;
  }
  if (incoming.inCatalog && !saved.inCatalog) {
    next.inCatalog = true;
    touched = true;
  }
  return { entry: next, changed, touched };
}
