import type { Paper } from '../catalog/schema';
import { readLines } from '../db/catalog-chunks';
import type { CatalogDb } from '../db/catalog-db';
import type { Postings } from './buckets';
import { TermTable } from './doc-terms';
import type { OpenIndex } from './index-reader';
import { PostingWriter } from './varint';

/**
 * A few papers' own terms, computed from their catalog lines exactly as the index computed them
 * (doc-terms.ts): per term, its field mask and impact. When a rare word found only a handful of
 * papers, a common word after it (`sambeve mo`) only needs to be checked on those: reading their
 * lines (a chunk of 16 papers each) costs far less than the word's postings in their segments
 * (hundreds of KB for `model` at a million papers), and scores the same: the terms come back
 * as postings over catalog positions, which the engine reads like any others. Used while typing
 * only: in a freshly opened page (the bench's cold queries at 1M papers, three runs) this path's
 * reads took 35-68 ms where the postings took 4-34.
 */

/** Papers at most, a query checks this way (a chunk read each); beyond, postings are cheaper. */
export const FORWARD_MAX = 16;
/** Papers kept between keystrokes (typing `mo`, `mod`, `modu` checks the same papers). */
const KEPT = 256;

/** Per term of a paper: mask | impact << 8. */
export type PaperTerms = Map<string, number>;

const kept = new WeakMap<OpenIndex, Map<number, PaperTerms>>();

async function paperTerms(
  db: CatalogDb,
  index: OpenIndex,
  positions: readonly number[],
): Promise<Map<number, PaperTerms>> {
  let cache = kept.get(index);
  if (!cache) kept.set(index, (cache = new Map()));
  const missing = positions.filter((p) => !cache.has(p));
  if (missing.length) {
    const lines = await readLines(db, index.slot, missing);
    const table = new TermTable();
    for (const p of missing) {
      const line = lines.get(p);
      if (line === undefined) throw new Error(`Search index: paper ${p} is missing.`);
      const terms: PaperTerms = new Map();
      table.paper(JSON.parse(line) as Paper, (id, mask, impact) =>
        terms.set(table.names[id]!, mask | (impact << 8)),
      );
      cache.set(p, terms);
    }
    for (const p of cache.keys()) {
      if (cache.size <= KEPT) break;
      if (!positions.includes(p)) cache.delete(p);
    }
  }
  return new Map(positions.map((p) => [p, cache.get(p)!]));
}

/** Postings of `terms` restricted to the papers at `positions`, from those papers' lines. */
export async function forwardPostings(
  db: CatalogDb,
  index: OpenIndex,
  positions: readonly number[],
  terms: readonly string[],
): Promise<Postings> {
  const sorted = [...positions].sort((a, b) => a - b);
  const own = await paperTerms(db, index, sorted);
  const out: Postings = new Map();
  for (const term of terms) {
    const writer = new PostingWriter();
    for (const p of sorted) {
      const packed = own.get(p)!.get(term);
      if (packed !== undefined) writer.add(p, packed & 0xff, packed >>> 8);
    }
    out.set(term, writer.count ? [{ base: 0, data: writer.finish() }] : []);
  }
  return out;
}
