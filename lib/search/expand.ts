import { bucketTerms, dfOf, termsWithPrefix, type Buckets } from './buckets';
import { CHAMPION_MIN_DF } from './champions';
import { withinOneEdit } from './edit-distance';
import type { OpenIndex } from './index-reader';
import type { QueryWord } from './query';
import { bucketOf } from './records';

/**
 * Which dictionary terms a query word stands for: its own key, longer terms it is a prefix of
 * (most frequent first, capped), and, when the word is in no paper at all, terms one edit away.
 * The head dictionary (in memory) covers short prefixes and typos in the first letters; the
 * buckets (read per query) cover rare terms.
 */

/** `abstract`: also papers with the term in the abstract only (exact words; not expansions). */
export type Expansion = { term: string; df: number; weight: number; abstract: boolean };

const PREFIX_WEIGHT = 0.85;
const TYPO_WEIGHT = 0.7;
const TYPING_EXPANSIONS = 10;
const OTHER_EXPANSIONS = 4;
const TYPO_EXPANSIONS = 5;
const TYPO_MIN_LENGTH = 5;

/** One or two letters say little: fewer, most frequent expansions while they are typed. */
export function typingExpansions(prefix: string): number {
  return prefix.length <= 1 ? 3 : prefix.length === 2 ? 5 : TYPING_EXPANSIONS;
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

/** What a word expands from: its key, and a prefix that both spellings share. */
export function prefixOf(word: QueryWord): string {
  return word.prefix ? commonPrefix(word.raw, word.key) : word.key;
}

function headPrefix(index: OpenIndex, prefix: string): Map<string, number> {
  const { terms, df } = index.head;
  const out = new Map<string, number>();
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < terms.length && terms[i]!.startsWith(prefix); i++)
    out.set(terms[i]!, df[i]!);
  return out;
}

function headTypos(index: OpenIndex, key: string): Map<string, number> {
  const out = new Map<string, number>();
  const { terms, df } = index.head;
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i]!;
    if (Math.abs(t.length - key.length) <= 1 && t !== key && withinOneEdit(t, key)) {
      out.set(t, df[i]!);
    }
  }
  return out;
}

/** Candidate terms from the head dictionary, and the buckets the final choice needs. */
export function plan(index: OpenIndex, word: QueryWord) {
  const prefix = prefixOf(word);
  const fromHead = word.prefix ? headPrefix(index, prefix) : new Map<string, number>();
  const typos =
    word.raw.length >= TYPO_MIN_LENGTH && !index.head.dfOf.has(word.key)
      ? headTypos(index, word.key)
      : new Map<string, number>();
  const buckets = new Set([bucketOf(word.key)]);
  if (word.prefix && prefix.length >= 3) buckets.add(bucketOf(prefix));
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  for (const [term, df] of top(fromHead, typingExpansions(prefix))) {
    // A very common expansion of one or two letters is read from its champion list, which
    // needs no bucket: its buckets (one per segment, in a bucket of its own) are read only if
    // its full postings turn out to be needed (engine.ts).
    if (prefix.length < 3 && df > CHAMPION_MIN_DF) continue;
    buckets.add(bucketOf(term));
  }
  for (const [term] of top(typos, TYPO_EXPANSIONS)) buckets.add(bucketOf(term));
  return { prefix, fromHead, typos, buckets };
}

export function expand(
  word: QueryWord,
  planned: ReturnType<typeof plan>,
  buckets: Buckets,
  typing: boolean,
): Expansion[] {
  const out: Expansion[] = [];
  const exactDf = dfOf(buckets, word.key);
  if (exactDf > 0) out.push({ term: word.key, df: exactDf, weight: 1, abstract: true });
  if (word.prefix) {
    const candidates = new Map(planned.fromHead);
    if (planned.prefix.length >= 3) {
      for (const [t, df] of termsWithPrefix(buckets, planned.prefix)) candidates.set(t, df);
    }
    candidates.delete(word.key);
    const chosen = [...candidates]
      .sort((a, b) => b[1] - a[1])
      .slice(0, typing ? typingExpansions(planned.prefix) : OTHER_EXPANSIONS);
    for (const [term, headDf] of chosen) {
      const df = buckets.has(bucketOf(term)) ? dfOf(buckets, term) : headDf;
      if (df > 0) out.push({ term, df, weight: PREFIX_WEIGHT, abstract: false });
    }
  }
  if (exactDf === 0 && out.length === 0 && word.raw.length >= TYPO_MIN_LENGTH) {
    const candidates = new Map(planned.typos);
    for (const [t, df] of bucketTerms(buckets, bucketOf(word.key))) {
      if (t !== word.key && withinOneEdit(t, word.key)) candidates.set(t, df);
    }
    const chosen = [...candidates].sort((a, b) => b[1] - a[1]).slice(0, TYPO_EXPANSIONS);
    for (const [term] of chosen) {
      const df = dfOf(buckets, term);
      if (df > 0) out.push({ term, df, weight: TYPO_WEIGHT, abstract: false });
    }
  }
  return out;
}
