import type { Paper } from '../catalog/schema';
import { acronymDefinitions, docTerms } from '../catalog/terms';
import type { OpenIndex } from './index-reader';
import { idf, maxDf } from './related-terms';
import { termKey, words } from './tokenize';

/**
 * The build's similarity (lib/catalog/related.ts), computed for a paper and the candidates a
 * search found, from their titles and abstracts: stemmed words and phrases of up to three words,
 * an acronym the paper defines counted as its phrase, title words counted extra, BM25 weights,
 * cosine. Document frequencies come from the search index's head dictionary (in memory); the
 * index holds words, not phrases, so a phrase's df is estimated from its words' as if they
 * occurred independently (df_a * df_b / N): at most the rarer word's, and lower for a phrase of
 * common words.
 */

const K1 = 1.2;
const B = 0.75;
const TITLE_WEIGHT = 3;

export type TermVector = Map<string, number>;

export class TextSimilarity {
  private dfs = new Map<string, number>();
  private limit: number;

  constructor(
    private readonly index: OpenIndex,
    /** Terms per paper on average (words, not phrases): BM25's length normalization. */
    private readonly averageLength: number,
    share: number,
  ) {
    this.limit = maxDf(index.live, share);
  }

  /** The df of a term written as `surface` (its index words' df, combined as above). */
  private df(surface: string): number {
    const keys = words(surface).map(termKey);
    const name = keys.join(' ');
    let df = this.dfs.get(name);
    if (df === undefined) {
      const { live, head } = this.index;
      const parts = keys.map((key) => head.dfOf.get(key) ?? 1);
      df = parts.length
        ? Math.max(
            1,
            parts.reduce((a, b) => (a * b) / live, live),
          )
        : 1;
      this.dfs.set(name, df);
    }
    return df;
  }

  /** The paper's unit-length vector over the terms it may share with another paper. */
  vector(paper: Pick<Paper, 'id' | 'title' | 'abstract'>): TermVector {
    const doc = { id: paper.id, title: paper.title, abstract: paper.abstract };
    const terms = docTerms(doc, acronymDefinitions(doc));
    let length = 0;
    for (const stat of terms.values()) if (stat.size === 1) length += stat.count;
    const lengthNorm = 1 - B + (B * length) / this.averageLength;
    const vector: TermVector = new Map();
    let sum = 0;
    for (const [key, stat] of terms) {
      const surface = [...stat.surfaces].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
      const df = this.df(surface);
      // A term no other paper has cannot relate two papers.
      if (df < 2 || df > this.limit) continue;
      const tf = stat.count + (TITLE_WEIGHT - 1) * stat.titleCount;
      const weight = (idf(this.index.live, df) * tf * (K1 + 1)) / (tf + K1 * lengthNorm);
      vector.set(key, weight);
      sum += weight * weight;
    }
    const norm = Math.sqrt(sum) || 1;
    for (const [key, weight] of vector) vector.set(key, weight / norm);
    return vector;
  }
}

export function cosine(a: TermVector, b: TermVector): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [key, weight] of small) sum += weight * (large.get(key) ?? 0);
  return sum;
}
