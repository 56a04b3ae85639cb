import { analyzeCorpus } from './terms';
import type { TextDoc } from './text';

/**
 * Related papers by BM25-weighted cosine over each paper's terms: stemmed words and phrases,
 * boilerplate removed, acronyms counted as the phrase they stand for, title words counted extra.
 * Scores are accumulated through an inverted index, so the cost grows with the postings a paper's
 * terms share, not with the number of papers squared.
 */

/** BM25's usual constants: term-frequency saturation and length normalization. */
const K1 = 1.2;
const B = 0.75;
/** Title occurrences count this many times: a title states the topic, an abstract circles it. */
const TITLE_WEIGHT = 3;
/**
 * Terms in more papers than this are skipped: their idf is near zero, and at a million papers
 * their postings would dominate the cost.
 */
const MAX_DF_SHARE = 0.1;
const MIN_MAX_DF = 1000;

type Vector = { term: number; weight: number }[];

function weightedVectors(docs: TextDoc[]): { vectors: Vector[]; vocabulary: number } {
  const corpus = analyzeCorpus(docs);
  const n = docs.length;
  const maxDf = Math.max(MIN_MAX_DF, n * MAX_DF_SHARE);
  const ids = new Map<string, number>();
  const lengths = corpus.terms.map((terms) => {
    let length = 0;
    for (const stat of terms.values()) if (stat.size === 1) length += stat.count;
    return length;
  });
  const avgLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const vectors = corpus.terms.map((terms, i) => {
    const vector: Vector = [];
    const lengthNorm = 1 - B + (B * lengths[i]!) / (avgLength || 1);
    for (const [key, stat] of terms) {
      const df = corpus.df.get(key)!;
      // A term no other paper has cannot relate two papers.
      if (df < 2 || df > maxDf) continue;
      const tf = stat.count + (TITLE_WEIGHT - 1) * stat.titleCount;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      let term = ids.get(key);
      if (term === undefined) ids.set(key, (term = ids.size));
      vector.push({ term, weight: (idf * tf * (K1 + 1)) / (tf + K1 * lengthNorm) });
    }
    const norm = Math.sqrt(vector.reduce((sum, e) => sum + e.weight * e.weight, 0)) || 1;
    for (const entry of vector) entry.weight /= norm;
    return vector;
  });
  return { vectors, vocabulary: ids.size };
}

/** Tuning knobs, exported for the evaluation; the defaults are what the catalog uses. */
export type RelatedOptions = {
  /** Neighbours whose similarities are blended into a paper's own (pseudo-relevance feedback). */
  feedbackDepth: number;
  /** Weight of the neighbours' similarities against the paper's own. */
  feedbackWeight: number;
};

export const DEFAULT_RELATED_OPTIONS: RelatedOptions = { feedbackDepth: 3, feedbackWeight: 0.5 };

/** How many candidates per paper are kept between the two passes. */
const POOL = 30;

type Scored = { doc: number; score: number };

function byScore(docs: TextDoc[]) {
  return (a: Scored, b: Scored) =>
    b.score - a.score ||
    (docs[a.doc]!.id < docs[b.doc]!.id ? -1 : docs[a.doc]!.id > docs[b.doc]!.id ? 1 : 0);
}

/** Each paper's most similar other papers by cosine, through an inverted index. */
function firstPass(docs: TextDoc[], pool: number): Scored[][] {
  const { vectors, vocabulary } = weightedVectors(docs);
  const postings: { doc: number; weight: number }[][] = Array.from(
    { length: vocabulary },
    () => [],
  );
  vectors.forEach((vector, doc) => {
    for (const { term, weight } of vector) postings[term]!.push({ doc, weight });
  });
  return vectors.map((vector, i) => {
    const scores = new Map<number, number>();
    for (const { term, weight } of vector) {
      for (const posting of postings[term]!) {
        if (posting.doc !== i) {
          scores.set(posting.doc, (scores.get(posting.doc) ?? 0) + weight * posting.weight);
        }
      }
    }
    return [...scores]
      .map(([doc, score]) => ({ doc, score }))
      .sort(byScore(docs))
      .slice(0, pool);
  });
}

/**
 * For each paper, the k most related other papers, best first; ties broken by id. A paper that
 * shares no term with any other gets fewer than k: unrelated papers are never padded in.
 *
 * Second pass: a paper's similarity to a candidate is blended with its nearest neighbours'
 * similarity to that candidate, so papers on the same topic that happen to use different words
 * (LoRA / low-rank adapters / PEFT) still meet through the papers between them.
 */
export function computeRelated(
  docs: TextDoc[],
  k = 8,
  options: Partial<RelatedOptions> = {},
): Map<string, string[]> {
  const { feedbackDepth, feedbackWeight } = { ...DEFAULT_RELATED_OPTIONS, ...options };
  const first = firstPass(docs, Math.max(POOL, k));
  const result = new Map<string, string[]>();
  first.forEach((list, i) => {
    const neighbours = list.slice(0, feedbackDepth);
    const scores = new Map(list.map((s) => [s.doc, s.score]));
    for (const n of neighbours) {
      for (const s of first[n.doc]!) {
        if (s.doc === i) continue;
        const blended = (feedbackWeight * s.score) / Math.max(1, neighbours.length);
        scores.set(s.doc, (scores.get(s.doc) ?? 0) + blended);
      }
    }
    const ranked = [...scores].map(([doc, score]) => ({ doc, score })).sort(byScore(docs));
    result.set(
      docs[i]!.id,
      ranked.slice(0, k).map((r) => docs[r.doc]!.id),
    );
  });
  return result;
}
