import 'fake-indexeddb/auto';
import { paperId } from '../lib/catalog/identifiers';
import { toPaper, toPapers } from '../lib/catalog/importers/to-papers';
import type { SourceRecord } from '../lib/catalog/importers/source';
import type { Paper } from '../lib/catalog/schema';
import type { CatalogDb } from '../lib/db/catalog-db';
import { relatedFor, type ArrivalOptions } from '../lib/search/related';
import { loadPapers } from '../tests/fixtures/search/load';
import { appendTail } from '../tests/fixtures/search/tail';

/**
 * Related papers for a paper that arrives from a feed, evaluated leave-one-out: for each
 * labelled query paper, a catalog of the other papers as the builder makes them (their keywords
 * and related lists computed without it), loaded through the real loader into fake-indexeddb,
 * then the query paper appended to the catalog's tail as a feed batch stores it (title, authors,
 * abstract and code; no keywords or related list). Then relatedFor for it, as after its batch.
 */

export type Arrival = { db: CatalogDb; paper: Paper };

export async function arrivalCatalogs(
  records: readonly SourceRecord[],
  queries: readonly string[],
): Promise<Map<string, Arrival>> {
  const out = new Map<string, Arrival>();
  for (const id of queries) {
    const at = records.findIndex((r) => paperId(r.arxivId, r.title) === id);
    if (at < 0) throw new Error(`No catalog record for query ${id}.`);
    const others = records.filter((_, i) => i !== at);
    // As a feed brings it: no keywords, no related list (toPaper without corpus fields).
    const paper = toPaper(records[at]!);
    const db = await loadPapers(toPapers(others));
    await appendTail(db, [paper]);
    out.set(id, { db, paper });
  }
  return out;
}

/** Each query paper's related ids (depth `k`), and the milliseconds relatedFor took in all. */
export async function arrivalRankings(
  catalogs: ReadonlyMap<string, Arrival>,
  k: number,
  options: Partial<ArrivalOptions> = {},
): Promise<{ rankings: Map<string, string[]>; ms: number }> {
  const rankings = new Map<string, string[]>();
  let ms = 0;
  for (const [id, { db, paper }] of catalogs) {
    const start = performance.now();
    const related = await relatedFor(db, [paper], { ...options, k });
    ms += performance.now() - start;
    rankings.set(id, related.get(id) ?? []);
  }
  return { rankings, ms };
}
