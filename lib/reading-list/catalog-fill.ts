import type { Paper } from '../catalog/schema';
import { nextClock } from './clock';
import type { UserDb } from './db';
import type { Entry, Snapshot } from './entry';
import { idTitle } from './outside-id';
import { snapshotFromPaper } from './snapshot';

/**
 * Papers saved from a page while the catalog lacked them (a quiet marker's Save, "Save this page's
 * paper") keep what the page showed. When a catalog load or a feed update brings such a paper,
 * the fields the entry lacks are filled from the catalog's record: a field the entry has, whoever
 * wrote it (the page, the user in the manager, sync), is never overwritten. The one exception is
 * the stand-in title (`arXiv:2401.01234`, written when the page showed no title), which is no
 * title at all. An entry whose id now names a catalog paper becomes a catalog entry.
 */

const SNAPSHOT_KEYS = [
  'title',
  'authors',
  'year',
  'venue',
  'arxivId',
  'doi',
  'primaryClass',
  'url',
  'pdf',
  'code',
] as const satisfies readonly (keyof Snapshot)[];

/** `snapshot` with its missing fields taken from `paper`; undefined when none is to be filled. */
export function filledSnapshot(snapshot: Snapshot, paper: Paper): Snapshot | undefined {
  const from = snapshotFromPaper(paper);
  const next: Record<string, unknown> = { ...snapshot };
  let changed = false;
  for (const key of SNAPSHOT_KEYS) {
    const have = snapshot[key];
    const missing =
      key === 'title'
        ? have === idTitle(snapshot)
        : key === 'authors'
          ? snapshot.authors.length === 0
          : have === undefined;
    const value = from[key];
    const empty = value === undefined || (Array.isArray(value) && value.length === 0);
    if (!missing || empty || value === have) continue;
    next[key] = value;
    changed = true;
  }
  return changed ? (next as Snapshot) : undefined;
}

/** What a fill asks of the catalog: records for these arXiv ids and DOIs (those it has). */
export type FindPapers = (refs: { arxivIds: string[]; dois: string[] }) => Promise<Paper[]>;

/**
 * Fills every saved entry outside the catalog that the catalog now has (filledSnapshot), stamping
 * the snapshot's clock so that sync carries the fill. Returns the entries changed.
 */
export async function fillFromCatalog(
  db: UserDb,
  find: FindPapers,
  now = Date.now(),
): Promise<Entry[]> {
  const outside = await db.entries.filter((entry) => !entry.inCatalog).toArray();
  if (outside.length === 0) return [];
  const arxivIds = outside.flatMap((e) => (e.snapshot.arxivId ? [e.snapshot.arxivId] : []));
  const dois = outside.flatMap((e) =>
    !e.snapshot.arxivId && e.snapshot.doi ? [e.snapshot.doi] : [],
  );
  const papers = await find({ arxivIds, dois });
  if (papers.length === 0) return [];
  const byArxiv = new Map(papers.flatMap((p) => (p.arxivId ? [[p.arxivId, p] as const] : [])));
  const byDoi = new Map(papers.flatMap((p) => (p.doi ? [[p.doi.toLowerCase(), p] as const] : [])));
  const at = new Date(now).toISOString();
  return db.transaction('rw', [db.entries, db.tombstones, db.meta, db.deleted], async () => {
    // Read again inside the transaction: an edit made meanwhile is what gets filled, not undone.
    const current = await db.entries.bulkGet(outside.map((e) => e.id));
    const updated: Entry[] = [];
    let clock: string | undefined;
    for (const entry of current) {
      if (!entry || entry.inCatalog) continue;
      const { arxivId, doi } = entry.snapshot;
      const paper = arxivId ? byArxiv.get(arxivId) : doi ? byDoi.get(doi.toLowerCase()) : undefined;
      if (!paper) continue;
      const snapshot = filledSnapshot(entry.snapshot, paper);
      const inCatalog = paper.id === entry.id;
      if (!snapshot && !inCatalog) continue;
      const next: Entry = { ...entry, inCatalog };
      if (snapshot) {
        clock ??= await nextClock(db, now);
        next.snapshot = snapshot;
        next.updatedAt = at;
        next.clock = { ...entry.clock, snapshot: clock };
      }
      updated.push(next);
    }
    await db.entries.bulkPut(updated);
    return updated;
  });
}
