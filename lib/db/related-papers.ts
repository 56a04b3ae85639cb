import type { Paper } from '../catalog/schema';
import { openIndex, SearchUnavailableError } from '../search/index-reader';
import { relatedFor } from '../search/related';
import type { CatalogDb, KeptRelated } from './catalog-db';
import { getPapers } from './lookup';

/**
 * The related papers a card or the popup's details shows. A catalog built by the builder gives
 * each paper its list; a paper that came from a feed source has none, and its list is found the
 * first time someone asks (a search of the whole catalog with its own terms, lib/search/related.ts)
 * and kept in `related`, not when it arrives: a delta of thousands of papers would otherwise
 * spend most of its time on lists nobody reads.
 */

/** A kept list is found again after this long, or once the catalog has grown by GROWTH. */
export const KEPT_DAYS = 7;
export const GROWTH = 1.1;

const DAY_MS = 86_400_000;

function fresh(kept: KeptRelated | undefined, live: number, now: Date): kept is KeptRelated {
  if (!kept) return false;
  const age = now.getTime() - Date.parse(kept.at);
  return age >= 0 && age < KEPT_DAYS * DAY_MS && live <= kept.live * GROWTH;
}

/** The ids of `paper`'s related papers, best first: its own list, a kept one, or a new search. */
async function relatedIds(db: CatalogDb, paper: Paper, now: Date): Promise<string[]> {
  if (paper.related.length > 0) return paper.related;
  const kept = await db.related.get(paper.id);
  let live: number;
  try {
    live = (await openIndex(db))?.live ?? 0;
  } catch (error) {
    // The search index is being rebuilt: what was found before is still the best answer.
    if (error instanceof SearchUnavailableError) return kept?.ids ?? [];
    throw error;
  }
  if (fresh(kept, live, now)) return kept.ids;
  const ids = (await relatedFor(db, [paper])).get(paper.id) ?? [];
  await db.related.put({ id: paper.id, ids, live, at: now.toISOString() });
  return ids;
}

/**
 * Up to `k` related papers of the catalog paper `id`, best first; [] when the catalog does not
 * have it. Papers a list names that the catalog has since withdrawn are left out.
 */
export async function relatedPapers(
  db: CatalogDb,
  id: string,
  k: number,
  now = new Date(),
): Promise<Paper[]> {
  const [paper] = await getPapers(db, [id]);
  if (!paper) return [];
  const ids = (await relatedIds(db, paper, now)).filter((other) => other !== id).slice(0, k);
  if (ids.length === 0) return [];
  return (await getPapers(db, ids)).filter((p): p is Paper => p !== null);
}
