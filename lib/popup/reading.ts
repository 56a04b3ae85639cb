import type { Paper } from '../catalog/schema';
import { userDb } from '../reading-list/db';
import { deleteEntries, saveEntry, updateEntries, type EntryPatch } from '../reading-list/entries';
import type { Entry } from '../reading-list/entry';
import { snapshotFromPaper } from '../reading-list/snapshot';

/**
 * The popup's writes to the reading list. An extension page may open the user database itself
 * (lib/reading-list); the popup's live views then follow through Dexie's liveQuery.
 */

export function savePaper(paper: Paper): Promise<Entry> {
  return saveEntry(userDb(), { id: paper.id, inCatalog: true, snapshot: snapshotFromPaper(paper) });
}

/** Saves each paper not saved yet; returns how many were new. */
export async function savePapers(
  papers: readonly Paper[],
  saved: ReadonlySet<string>,
): Promise<number> {
  const fresh = papers.filter((paper) => !saved.has(paper.id));
  for (const paper of fresh) await savePaper(paper);
  return fresh.length;
}

export async function updateEntry(id: string, patch: EntryPatch): Promise<void> {
  await updateEntries(userDb(), [id], patch);
}

export async function removeEntry(id: string): Promise<void> {
  await deleteEntries(userDb(), [id]);
}
