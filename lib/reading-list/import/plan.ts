import type { Paper } from '@/lib/catalog/schema';
import type { Entry, Snapshot } from '../entry';
import { idForSnapshot, snapshotFromPaper } from '../snapshot';
import { mergeEntry } from './merge';
import type { ImportRecord, ParsedImport } from './types';

/**
 * What an import would do to the list, entry by entry. The same planning runs for the preview
 * and again inside the apply transaction, against the list as it is then.
 */

export interface IncomingEntry {
  entry: Entry;
  /** Backup entries carry their own clocks and are restored with them. */
  fromBackup: boolean;
  /** Saved with the file's own snapshot: the catalog does not have the paper. */
  unmatched: boolean;
}

export type Change =
  | { kind: 'new'; incoming: IncomingEntry }
  | { kind: 'updated'; incoming: IncomingEntry; before: Entry; after: Entry; changed: string[] }
  | { kind: 'unchanged'; incoming: IncomingEntry };

/** A record as the entry it would become; times the file does not give are the import's. */
function entryFromRecord(record: ImportRecord, paper: Paper | null, at: string): IncomingEntry {
  let snapshot: Snapshot = record.snapshot;
  let id: string;
  if (paper) {
    // The catalog's record is the better citation; the file's extra fields fill its gaps.
    snapshot = { ...record.snapshot, ...snapshotFromPaper(paper) };
    id = paper.id;
  } else {
    // Our own CSV names the id it was exported under; otherwise name it as the catalog would.
    id = record.id ?? idForSnapshot(snapshot);
  }
  const status = record.status ?? 'to-read';
  return {
    fromBackup: false,
    unmatched: !paper,
    entry: {
      id,
      inCatalog: Boolean(paper),
      snapshot,
      status,
      tags: record.tags,
      note: record.note,
      addedAt: record.addedAt ?? at,
      updatedAt: record.updatedAt ?? record.addedAt ?? at,
      readAt: status === 'read' ? (record.readAt ?? at) : null,
      clock: {},
    },
  };
}

/** Folds records naming the same paper into one, by the same rules as merging with the list. */
function dedupe(incoming: IncomingEntry[]): IncomingEntry[] {
  const byId = new Map<string, IncomingEntry>();
  for (const item of incoming) {
    const first = byId.get(item.entry.id);
    if (!first) byId.set(item.entry.id, item);
    else byId.set(item.entry.id, { ...first, entry: mergeEntry(first.entry, item.entry).entry });
  }
  return [...byId.values()];
}

export function incomingEntries(
  parsed: ParsedImport,
  matches: readonly (Paper | null)[],
  now: Date,
): IncomingEntry[] {
  const at = now.toISOString();
  const fromBackup = parsed.entries.map((entry) => ({ entry, fromBackup: true, unmatched: false }));
  const fromRecords = parsed.records.map((record, i) =>
    entryFromRecord(record, matches[i] ?? null, at),
  );
  return dedupe([...fromBackup, ...fromRecords]);
}

export function planChanges(
  incoming: readonly IncomingEntry[],
  saved: ReadonlyMap<string, Entry>,
): Change[] {
  return incoming.map((item): Change => {
    const before = saved.get(item.entry.id);
    if (!before) return { kind: 'new', incoming: item };
    const { entry, changed, touched } = mergeEntry(before, item.entry);
    if (changed.length === 0 && !touched) return { kind: 'unchanged', incoming: item };
    return { kind: 'updated', incoming: item, before, after: entry, changed };
  });
}
