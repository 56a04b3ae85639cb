import type { Paper } from '../catalog/schema';
import { readLines } from '../db/catalog-chunks';
import type { CatalogDb } from '../db/catalog-db';
import { readBuckets, readPostings } from './buckets';
import { isLive, openIndex, type OpenIndex } from './index-reader';
import { bucketOf } from './records';
import { searchCandidates, type CandidateOptions } from './related-search';
import { cosine, TextSimilarity } from './related-text';
import { idTerm } from './tokenize';
import { forEachPosting } from './varint';

/**
 * Related papers for papers that arrive after the catalog was built (lib/feeds), against the
 * whole catalog, in three steps:
 *
 * 1. A search of the popup's index with each paper's own weighted terms finds its candidates
 *    (related-search.ts): the index holds every paper, base and tail, so nothing else scales.
 * 2. The candidates are ranked by the build's similarity (related-text.ts), computed from their
 *    catalog lines: the index's words alone confuse "rectified flow" with "gradient flow".
 * 3. The build's second pass (lib/catalog/related.ts) blends in the nearest neighbours'
 *    similarities; here their stored related lists stand in for them, best first, so papers on
 *    the same topic in other words still meet through the papers between them.
 *
 * A batch shares its reads: buckets and postings once, candidates' lines once, and the ids the
 * neighbours' lists name once.
 */

export type ArrivalOptions = CandidateOptions & {
  /** Related papers kept per paper. */
  k: number;
  /** Candidates per paper ranked by the build's similarity (their lines are read). */
  rerank: number;
  /** Neighbours whose stored related lists are blended into a paper's own. */
  feedbackDepth: number;
  /** Weight of a neighbour's list against the paper's own similarities. */
  feedbackWeight: number;
  /** Terms per paper on average (words of title and abstract), for BM25's length norm. */
  averageLength: number;
  /** Papers that share their reads; a bigger batch runs in slices of this many (memory). */
  slice: number;
};

export const DEFAULT_ARRIVAL_OPTIONS: ArrivalOptions = {
  k: 8,
  terms: 16,
  preselect: 32,
  pool: 30,
  maxDfShare: 0.1,
  rerank: 30,
  feedbackDepth: 3,
  feedbackWeight: 0.5,
  averageLength: 100,
  slice: 64,
};

/** The live position of each id, when the catalog has it (the newest, if superseded). */
async function livePositions(db: CatalogDb, index: OpenIndex, ids: readonly string[]) {
  const terms = [...new Set(ids.map(idTerm))];
  const buckets = await readBuckets(db, index, terms.map(bucketOf));
  const postings = await readPostings(
    db,
    index,
    buckets,
    terms.map((term) => ({ term, abstract: false })),
  );
  const out = new Map<string, number>();
  for (const id of ids) {
    for (const { base, data } of postings.get(idTerm(id)) ?? []) {
      forEachPosting(data, (local) => {
        const p = base + local;
        if (isLive(index, p) && p > (out.get(id) ?? -1)) out.set(id, p);
      });
    }
  }
  return out;
}

const byScore = (a: [string, number], b: [string, number]) =>
  b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** relatedFor for one slice of a batch: its reads are shared, its results go to `out`. */
async function relatedSlice(
  db: CatalogDb,
  index: OpenIndex,
  papers: readonly Paper[],
  o: ArrivalOptions,
  out: Map<string, string[]>,
): Promise<void> {
  const found = await searchCandidates(db, index, papers, o);
  const pools = found.map((f) => f.ranked.slice(0, o.rerank).map((r) => r.position));
  const lines = await readLines(db, index.slot, pools.flat());
  const text = new TextSimilarity(index, o.averageLength, o.maxDfShare);
  const vectors = new Map<number, { paper: Paper; vector: Map<string, number> }>();
  const scored = papers.map((paper, i) => {
    const own = text.vector(paper);
    return pools[i]!.flatMap((p) => {
      let candidate = vectors.get(p);
      if (!candidate) {
        const line = lines.get(p);
        if (line === undefined) return [];
        const parsed = JSON.parse(line) as Paper;
        vectors.set(p, (candidate = { paper: parsed, vector: text.vector(parsed) }));
      }
      return [{ paper: candidate.paper, score: cosine(own, candidate.vector) }];
    });
  });
  const blended = papers.map((paper, i) => {
    const scores = new Map(scored[i]!.map((s) => [s.paper.id, s.score]));
    const neighbours = [...scored[i]!].sort((a, b) => b.score - a.score).slice(0, o.feedbackDepth);
    for (const n of neighbours) {
      const list = n.paper.related;
      list.forEach((id, rank) => {
        const decay = 1 - rank / list.length;
        const add = (o.feedbackWeight * n.score * decay) / neighbours.length;
        scores.set(id, (scores.get(id) ?? 0) + add);
      });
    }
    scores.delete(paper.id);
    return scores;
  });
  // Ids only a neighbour's list names: the catalog may have withdrawn or replaced them since.
  const named = new Set(blended.flatMap((s) => [...s.keys()]));
  for (const s of scored) for (const { paper } of s) named.delete(paper.id);
  const live = named.size ? await livePositions(db, index, [...named]) : new Map<string, number>();
  papers.forEach((paper, i) => {
    const ranked = [...blended[i]!]
      .filter(([id]) => !named.has(id) || live.has(id))
      .sort(byScore)
      .slice(0, o.k);
    out.set(
      paper.id,
      ranked.filter(([, score]) => score > 0).map(([id]) => id),
    );
  });
}

/**
 * For each paper of a batch stored in the active catalog, the ids of the `k` most related other
 * papers, best first: [] for a paper that shares no term with any other, or when there is no
 * catalog. A paper not stored (yet) gets its related papers from the catalog as it is. Rejects
 * with SearchUnavailableError while the catalog's search index is being (re)built.
 */
export async function relatedFor(
  db: CatalogDb,
  papers: readonly Paper[],
  options: Partial<ArrivalOptions> = {},
): Promise<Map<string, string[]>> {
  const o = { ...DEFAULT_ARRIVAL_OPTIONS, ...options };
  const out = new Map<string, string[]>(papers.map((p) => [p.id, []]));
  const index = papers.length && o.k > 0 ? await openIndex(db) : null;
  if (!index || index.live === 0) return out;
  for (let i = 0; i < papers.length; i += Math.max(1, o.slice)) {
    await relatedSlice(db, index, papers.slice(i, i + Math.max(1, o.slice)), o, out);
  }
  return out;
}
