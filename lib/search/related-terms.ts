import type { Paper } from '../catalog/schema';
import { dfOf, type Buckets } from './buckets';
import { IMPACT_SCALE, TermTable } from './doc-terms';
import type { OpenIndex } from './index-reader';
import { ID_MARK } from './tokenize';
import { FIELD } from './varint';

/**
 * The query a related-papers search runs (related-search.ts): a paper's own terms as the search
 * index weighs them (doc-terms.ts), the ones that say most about it by idf * impact.
 */

/** A paper's indexed terms with their impact (BM25F units), and its id terms apart. */
export type OwnTerms = { ids: string[]; terms: Map<string, number> };

export function ownTerms(table: TermTable, paper: Paper): OwnTerms {
  const ids: string[] = [];
  const terms = new Map<string, number>();
  table.paper(paper, (id, mask, impact) => {
    const term = table.names[id]!;
    if (term.startsWith(ID_MARK)) ids.push(term);
    // A name shared by two author lists says who wrote them, not what they are about.
    else if (mask !== FIELD.authors) terms.set(term, impact / IMPACT_SCALE);
  });
  return { ids, terms };
}

export const idf = (count: number, df: number) => Math.log(1 + (count - df + 0.5) / (df + 0.5));

/**
 * Terms in more papers than this are left out, as at build time (lib/catalog/related.ts): their
 * idf is near zero, and their postings would dominate the cost.
 */
export function maxDf(count: number, share: number): number {
  return Math.max(1000, count * share);
}

/**
 * The terms worth reading buckets for: the best `n` by idf * impact, with df from the head
 * dictionary (in memory). A term missing there is in at most one paper of each segment, so it
 * is taken as rare; its real df comes from the buckets (selectTerms).
 */
export function preselect(index: OpenIndex, own: OwnTerms, n: number, share: number): string[] {
  const limit = maxDf(index.live, share);
  return [...own.terms]
    .map(([term, impact]) => {
      const df = index.head.dfOf.get(term) ?? 1;
      return { term, weight: df > limit ? 0 : idf(index.live, df) * impact };
    })
    .filter((t) => t.weight > 0)
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
    .slice(0, n)
    .map((t) => t.term);
}

/** A query term: its df over the catalog and its weight (idf * impact, unit length overall). */
export type QueryTerm = { term: string; df: number; weight: number };

/**
 * The `n` best of `candidates` by idf * impact, with exact df from the buckets. A term in no more
 * papers than the paper's own positions (`own`) cannot relate it to anything.
 */
export function selectTerms(
  index: OpenIndex,
  buckets: Buckets,
  terms: ReadonlyMap<string, number>,
  candidates: readonly string[],
  own: number,
  n: number,
  share: number,
): QueryTerm[] {
  const limit = maxDf(index.live, share);
  const chosen = candidates
    .map((term) => {
      const df = dfOf(buckets, term);
      return { term, df, weight: idf(index.live, df) * terms.get(term)! };
    })
    .filter((t) => t.df > own && t.df <= limit)
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
    .slice(0, n);
  const norm = Math.sqrt(chosen.reduce((s, t) => s + t.weight * t.weight, 0)) || 1;
  for (const t of chosen) t.weight /= norm;
  return chosen;
}
