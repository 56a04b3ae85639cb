import type { CatalogDb } from '../db/catalog-db';
import { readBuckets, readPostings, type TermRequest } from './buckets';
import { CHAMPION_MIN_DF, CHAMPIONS } from './champions';
import { IMPACT_SCALE } from './doc-terms';
import { expand, plan, type Expansion } from './expand';
import { FORWARD_MAX, forwardPostings } from './forward';
import { ensureYears, readRows, type OpenIndex } from './index-reader';
import type { ParsedQuery } from './query';
import { contenders, EXACT_ONE, exactWords, matchedWords, topK } from './rank';
import { phase } from './trace';
import { bucketOf } from './records';
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
  /** Papers known to match although not all were scored (a lone word read from its champions). */
  atLeast: number;
};

export type ScoreOptions = {
  /** `accept` reads years: load them for every candidate before grouping. */
  needsYears?: boolean;
  /**
   * The query is one word with no filters: a very common exact word (an author's family name
   * typed alone, 130k papers at a million) ranks from its champion list too.
   */
  lone?: boolean;
};

const COMMON = 0.2;
/** A field-mask bit no posting uses: the word being scored matched this paper as typed. */
const EXACT_NOW = 0x80;
/** A word with this many times more papers than found so far only scores the papers found. */
const PRUNE = 20;
const idf = (count: number, df: number) => Math.log(1 + (count - df + 0.5) / (df + 0.5));

export async function score(
  db: CatalogDb,
  index: OpenIndex,
  query: Extract<ParsedQuery, { kind: 'words' }>,
  accept: (position: number) => boolean,
  { needsYears = false, lone = false }: ScoreOptions = {},
): Promise<Scored> {
  const plans = query.words.map((w) => plan(index, w));
  const buckets = await readBuckets(
    db,
    index,
    plans.flatMap((p) => [...p.buckets]),
  );
  phase('buckets');
  const typing = query.words.findLastIndex((w) => !w.optional);
  const expansions: Expansion[][] = query.words.map((w, i) =>
    expand(w, plans[i]!, buckets, i === typing),
  );
  // A word in more than COMMON of the catalog is read without its abstract-only papers: its
  // idf is tiny, title/keyword matches outrank abstract ones anyway, and at a million papers its
  // abstract postings alone would take longer than a keystroke may.
  for (const list of expansions) {
    if (list.reduce((n, e) => n + e.df, 0) > COMMON * index.live) {
      for (const e of list) e.abstract = false;
    }
  }
  const { score: total, best, words, fields } = index.scratch;
  // Positions of superseded and withdrawn papers keep their postings; they never score.
  const { dead } = index;
  const touched: number[] = [];
  const wordTouched: number[] = [];
  // A prefix or typo expansion of a very common term reads its champion list: its best papers
  // are what a guess can add, and its full postings cost more than a keystroke may. So does a
  // lone word: its top k are among its highest-impact papers, whose ties the champion list
  // already broke the ranking's way (newer first, then catalog order); scoring and ranking all
  // of its papers took 20-40 ms a keystroke at a million.
  const champions = (e: Expansion) => (e.weight < 1 || lone) && e.df > CHAMPION_MIN_DF;
  let atLeast = 0;
  for (const list of expansions) {
    for (const e of list) {
      if (!lone || !champions(e)) continue;
      // Its abstract-only papers weigh less than any champion; they still count in `total`.
      e.abstract = false;
      atLeast = Math.max(atLeast, e.df);
    }
  }
  // Papers a word can reach: a champion list holds at most CHAMPIONS.
  const dfs = expansions.map((list) =>
    list.reduce((n, e) => n + (champions(e) ? Math.min(e.df, CHAMPIONS) : e.df), 0),
  );
  // Rarest words first; once they found some papers, a word with far more papers only adds to
  // those (it cannot lift anyone into the all-words group who is not there already), so it
  // reads only the segments those papers are in.
  const order = dfs
    .map((df, w) => ({ df, w, optional: !!query.words[w]!.optional }))
    .sort((a, b) => Number(a.optional) - Number(b.optional) || a.df - b.df);
  async function readWord(w: number, onlyKnown: boolean, segments: Set<number> | null) {
    // Expansions planned without buckets (expand.ts) need them once full postings are read:
    // then only in the segments those postings are read from.
    const unread = expansions[w]!.map((e) => bucketOf(e.term)).filter((b) => !buckets.has(b));
    if (unread.length && onlyKnown) {
      for (const [name, list] of await readBuckets(db, index, unread, segments)) {
        buckets.set(name, list);
      }
      phase('buckets');
    }
    const requests: TermRequest[] = expansions[w]!.map((e) => ({
      term: e.term,
      abstract: e.abstract,
      // Evaluated on papers already found, a word's full postings (in their segments only)
      // keep the all-words group exact.
      champions: champions(e) && !onlyKnown,
    }));
    return readPostings(db, index, buckets, requests, segments);
  }
  async function scoreWords() {
    for (const { df: wordDf, w } of order) {
      const bit = query.words[w]!.optional ? 0 : 1 << w;
      const onlyKnown = touched.length > 0 && wordDf > PRUNE * touched.length;
      const segments = onlyKnown
        ? new Set(touched.map((p) => Math.floor(p / index.segment)))
        : null;
      const postings =
        // The word being typed, checked on a few papers: on their own lines. Its expansions
        // change with every letter, so their postings are rarely in the record cache; a word
        // typed before it is, so its postings are cheaper to reuse. Not on a fresh page: there
        // it measured slower than the postings (forward.ts).
        index.warm && onlyKnown && w === typing && touched.length <= FORWARD_MAX
          ? await forwardPostings(
              db,
              index,
              touched,
              expansions[w]!.map((e) => e.term),
            )
          : await readWord(w, onlyKnown, segments);
      phase('postings');
      for (const { term, df, weight, abstract } of expansions[w]!) {
        // df counts superseded and withdrawn papers' postings too, which may exceed the live count.
        const factor = (idf(index.live, Math.min(df, index.live)) * weight) / IMPACT_SCALE;
        // The word itself (not a prefix or typo expansion) outside the abstract: marked for
        // this word, counted below (rank.ts ranks such papers first within a match group).
        const exact = weight === 1 && bit !== 0 ? EXACT_NOW : 0;
        for (const { base, data } of postings.get(term) ?? []) {
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
            if (!abstract && mask === FIELD.abstract) continue;
            if (dead !== null && dead[p] === 1) continue;
            if (onlyKnown && words[p] === 0 && total[p] === 0) continue;
            const value = factor * impact;
            if (best[p] === 0) wordTouched.push(p);
            if (value > best[p]!) best[p] = value;
            fields[p] = fields[p]! | mask | (mask & ~FIELD.abstract ? exact : 0);
          }
        }
      }
      for (const p of wordTouched) {
        if (words[p] === 0 && total[p] === 0) touched.push(p);
        words[p] = words[p]! | bit;
        if (fields[p]! & EXACT_NOW) {
          words[p] = words[p]! + EXACT_ONE;
          fields[p] = fields[p]! & ~EXACT_NOW;
        }
        total[p] = total[p]! + best[p]!;
        best[p] = 0;
      }
      wordTouched.length = 0;
      phase('score');
    }
  }
  const release = () => {
    for (const p of touched) {
      total[p] = 0;
      words[p] = 0;
      fields[p] = 0;
    }
  };
  try {
    await scoreWords();
    if (needsYears) await ensureYears(db, index, touched);
  } catch (error) {
    // A failed read between words must not leave scores behind for the next query.
    for (const p of wordTouched) best[p] = 0;
    release();
    throw error;
  }
  // Group by words matched; only the best group(s) get ranked.
  const groups: number[][] = Array.from({ length: query.words.length + 1 }, () => []);
  for (const p of touched) {
    // A paper matching only an optional word still needs a group: the lowest real one.
    if (accept(p)) groups[Math.max(1, matchedWords(words[p]!))]!.push(p);
  }
  return {
    groups,
    fieldsOf: (p) => fields[p]!,
    release,
    atLeast,
  };
}

/**
 * The best k positions, taking whole match groups from the most words down until k. Years
 * (the recency tie-break) are read only for the papers that can still make the top k.
 */
export async function bestOf(
  db: CatalogDb,
  index: OpenIndex,
  scored: Scored,
  k: number,
): Promise<number[]> {
  const out: number[] = [];
  const { words } = index.scratch;
  for (let c = scored.groups.length - 1; c > 0 && out.length < k; c--) {
    // Within a group, papers matching more of the words as typed (not through a prefix or a
    // typo) first: an exact family name before a longer name it begins (rank.ts).
    const byExact: number[][] = [];
    for (const p of scored.groups[c]!) (byExact[exactWords(words[p]!)] ??= []).push(p);
    for (let e = byExact.length - 1; e >= 0 && out.length < k; e--) {
      const part = byExact[e];
      if (!part) continue;
      const group = contenders(index, part, k - out.length);
      // Few contenders: their display rows (read for the results anyway) carry their years.
      if (group.length <= Math.min(2 * k, 40)) await readRows(db, index, group);
      else await ensureYears(db, index, group);
      out.push(...topK(index, group, k - out.length));
    }
  }
  return out;
}
