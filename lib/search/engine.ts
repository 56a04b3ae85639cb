import type { CatalogDb } from '../db/catalog-db';
import { readBuckets, readPostings } from './buckets';
import { IMPACT_SCALE } from './doc-terms';
import { expand, plan, type Expansion } from './expand';
import type { OpenIndex } from './index-reader';
import type { ParsedQuery } from './query';
import { popcount, topK } from './rank';
import { FIELD } from './varint';

/**
 * Scores every paper that contains an expansion of a query word: per word, the best expansion's
 * idf * weight * impact (so a word counts once however many forms it matched), summed over words.
 * Works in the page's reused scratch arrays and leaves them zeroed.
 */

export type Scored = {
  /** Positions grouped by how many query words they match (index = count). */
  groups: number[][];
  /** Field bits of a position that matched (valid until release). */
  fieldsOf: (position: number) => number;
  /** Zeroes the scratch arrays; call once the result is read. */
  release: () => void;
};

const COMMON = 0.2;
/** A word with this many times more papers than found so far only scores the papers found. */
const PRUNE = 20;
const idf = (count: number, df: number) => Math.log(1 + (count - df + 0.5) / (df + 0.5));

export async function score(
  db: CatalogDb,
  index: OpenIndex,
  query: Extract<ParsedQuery, { kind: 'words' }>,
  accept: (position: number) => boolean,
): Promise<Scored> {
  const plans = query.words.map((w) => plan(index, w));
  const buckets = await readBuckets(
    db,
    index,
    plans.flatMap((p) => [...p.buckets]),
  );
  const typing = query.words.findLastIndex((w) => !w.optional);
  const expansions: Expansion[][] = query.words.map((w, i) =>
    expand(w, plans[i]!, buckets, i === typing),
  );
  // A word in more than COMMON of the catalog is read without its abstract-only papers: its
  // idf is tiny, title/keyword matches outrank abstract ones anyway, and at a million papers its
  // abstract postings alone would take longer than a keystroke may.
  for (const list of expansions) {
    if (list.reduce((n, e) => n + e.df, 0) > COMMON * index.count) {
      for (const e of list) e.abstract = false;
    }
  }
  const wantAbstract = new Map<string, boolean>();
  for (const e of expansions.flat())
    wantAbstract.set(e.term, e.abstract || !!wantAbstract.get(e.term));
  const postings = await readPostings(
    db,
    index,
    buckets,
    [...wantAbstract].map(([term, abstract]) => ({ term, abstract })),
  );
  const { score: total, best, words, fields } = index.scratch;
  const touched: number[] = [];
  const wordTouched: number[] = [];
  const dfs = expansions.map((list) => list.reduce((n, e) => n + e.df, 0));
  // Rarest words first; once they found some papers, a word with far more papers only adds to
  // those (it cannot lift anyone into the all-words group who is not there already).
  const order = dfs
    .map((df, w) => ({ df, w, optional: !!query.words[w]!.optional }))
    .sort((a, b) => Number(a.optional) - Number(b.optional) || a.df - b.df);
  for (const { df: wordDf, w } of order) {
    const bit = query.words[w]!.optional ? 0 : 1 << w;
    const onlyKnown = touched.length > 0 && wordDf > PRUNE * touched.length;
    for (const { term, df, weight, abstract } of expansions[w]!) {
      const factor = (idf(index.count, df) * weight) / IMPACT_SCALE;
      for (const { seg, data } of postings.get(term) ?? []) {
        const base = seg * index.segment;
        // forEachPosting inlined: this loop sees every posting of every query term.
        let p = base - 1;
        let i = 0;
        while (i < data.length) {
          let delta = 0;
          let shift = 0;
          let byte: number;
          do {
            byte = data[i++]!;
            delta |= (byte & 0x7f) << shift;
            shift += 7;
          } while (byte & 0x80);
          p += delta;
          const mask = data[i]!;
          const impact = data[i + 1]!;
          i += 2;
          // The same term may be read with its abstract-only papers for another word.
          if (!abstract && mask === FIELD.abstract) continue;
          if (onlyKnown && words[p] === 0 && total[p] === 0) continue;
          const value = factor * impact;
          if (best[p] === 0) wordTouched.push(p);
          if (value > best[p]!) best[p] = value;
          fields[p] = fields[p]! | mask;
        }
      }
    }
    for (const p of wordTouched) {
      if (words[p] === 0 && total[p] === 0) touched.push(p);
      words[p] = words[p]! | bit;
      total[p] = total[p]! + best[p]!;
      best[p] = 0;
    }
    wordTouched.length = 0;
  }
  // Group by words matched; only the best group(s) get ranked.
  const groups: number[][] = Array.from({ length: query.words.length + 1 }, () => []);
  for (const p of touched) {
    // A paper matching only an optional word still needs a group: the lowest real one.
    if (accept(p)) groups[Math.max(1, popcount(words[p]!))]!.push(p);
  }
  return {
    groups,
    fieldsOf: (p) => fields[p]!,
    release: () => {
      for (const p of touched) {
        total[p] = 0;
        words[p] = 0;
        fields[p] = 0;
      }
    },
  };
}

/** The best k positions, taking whole match groups from the most words down until k. */
export function bestOf(index: OpenIndex, scored: Scored, k: number): number[] {
  const out: number[] = [];
  for (let c = scored.groups.length - 1; c > 0 && out.length < k; c--) {
    out.push(...topK(index, scored.groups[c]!, k - out.length));
  }
  return out;
}
