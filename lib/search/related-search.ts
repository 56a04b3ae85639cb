import type { Paper } from '../catalog/schema';
import type { CatalogDb } from '../db/catalog-db';
import { dfOf, readBuckets, readPostings, type TermRequest } from './buckets';
import { CHAMPION_MIN_DF } from './champions';
import { IMPACT_SCALE, TermTable } from './doc-terms';
import { isLive, type OpenIndex } from './index-reader';
import { bucketOf } from './records';
import { idf, ownTerms, preselect, selectTerms } from './related-terms';
import { forEachPosting } from './varint';

/**
 * The first pass of related papers at arrival (related.ts): each paper of a batch searches the
 * popup's index with its own weighted terms, and the papers that share the most weight with it
 * are its candidates. The batch shares one read of buckets and one of postings.
 */

export type CandidateOptions = {
  /** Query terms per paper: its best by idf * impact. */
  terms: number;
  /** Terms per paper whose buckets are read, from which the query terms are chosen. */
  preselect: number;
  /** Candidates kept per paper. */
  pool: number;
  /** Terms in more than this share of the catalog are skipped (and at least 1,000 papers). */
  maxDfShare: number;
};

export type Candidates = {
  /** The paper's own positions (more than one while a superseded version stays indexed). */
  self: Set<number>;
  /** Best first: catalog positions and the weight they share with the paper. */
  ranked: Ranked[];
};

type Ranked = { position: number; score: number };
/** Higher score first; among equals the earlier (more trending) position. */
const before = (a: Ranked, b: Ranked) =>
  a.score > b.score || (a.score === b.score && a.position < b.position);

/** The `n` best of the touched positions, best first. */
function best(scores: Float64Array, touched: readonly number[], n: number): Ranked[] {
  const top: Ranked[] = [];
  for (const position of touched) {
    const entry = { position, score: scores[position]! };
    if (top.length === n && !before(entry, top[n - 1]!)) continue;
    if (top.length === n) top.pop();
    let i = top.length;
    top.push(entry);
    for (; i > 0 && before(entry, top[i - 1]!); i--) top[i] = top[i - 1]!;
    top[i] = entry;
  }
  return top;
}

export async function searchCandidates(
  db: CatalogDb,
  index: OpenIndex,
  papers: readonly Paper[],
  o: CandidateOptions,
): Promise<Candidates[]> {
  const table = new TermTable();
  const owns = papers.map((paper) => ownTerms(table, paper));
  const share = o.maxDfShare;
  const pre = owns.map((own) => preselect(index, own, o.preselect, share));
  const names = owns.flatMap((own, i) => [...own.ids, ...pre[i]!].map(bucketOf));
  const buckets = await readBuckets(db, index, names);
  const queries = owns.map((own, i) => {
    const positions = Math.max(0, ...own.ids.map((id) => dfOf(buckets, id)));
    return selectTerms(index, buckets, own.terms, pre[i]!, positions, o.terms, share);
  });
  const requests = new Map<string, TermRequest>();
  for (const own of owns) for (const term of own.ids) requests.set(term, { term, abstract: false });
  for (const query of queries) {
    for (const { term, df } of query) {
      // A very common term reads its champion list rather than every posting.
      const common = df > CHAMPION_MIN_DF;
      requests.set(term, { term, abstract: !common, champions: common });
    }
  }
  const postings = await readPostings(db, index, buckets, [...requests.values()]);
  const scores = new Float64Array(index.count);
  return owns.map((own, i) => {
    const self = new Set<number>();
    for (const id of own.ids) {
      for (const { base, data } of postings.get(id) ?? []) {
        forEachPosting(data, (local) => self.add(base + local));
      }
    }
    const touched: number[] = [];
    for (const { term, df, weight } of queries[i]!) {
      const factor = (weight * idf(index.live, df)) / IMPACT_SCALE;
      for (const { base, data } of postings.get(term) ?? []) {
        forEachPosting(data, (local, _mask, impact) => {
          const p = base + local;
          if (self.has(p) || !isLive(index, p)) return;
          if (scores[p] === 0) touched.push(p);
          scores[p] = scores[p]! + factor * impact;
        });
      }
    }
    const ranked = best(scores, touched, o.pool);
    for (const p of touched) scores[p] = 0;
    return { self, ranked };
  });
}
