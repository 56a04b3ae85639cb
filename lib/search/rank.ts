import type { OpenIndex } from './index-reader';

/**
 * Picking the best `k` candidates: more query words matched first (all words before some),
 * then more words matched as typed (not only through a prefix or typo expansion), then BM25
 * score, then the newer paper, then catalog (trending) order.
 */

/** Scores closer than this are a tie, so recency decides between near-equal papers. */
const TIE = 0.02;

export function better(index: OpenIndex, a: number, b: number): boolean {
  const { score, words } = index.scratch;
  const ca = matchedWords(words[a]!);
  const cb = matchedWords(words[b]!);
  if (ca !== cb) return ca > cb;
  const ea = exactWords(words[a]!);
  const eb = exactWords(words[b]!);
  if (ea !== eb) return ea > eb;
  const sa = score[a]!;
  const sb = score[b]!;
  if (Math.abs(sa - sb) > TIE * Math.max(sa, sb)) return sa > sb;
  const ya = index.years[a]! >> 1;
  const yb = index.years[b]! >> 1;
  if (ya !== yb) return ya > yb;
  return a < b;
}

/**
 * The scratch `words` of a paper: a bit per query word it matched (at most MAX_WORDS, 12), and
 * above them how many of those words it matched as typed, outside the abstract: the word's own
 * term, not a longer one it is a prefix of or one a typo away. `Gu` typed finds Albert Gu's
 * papers and Jiayi Guo's with near-equal scores; the exact family name goes first.
 */
export const EXACT_SHIFT = 12;
export const EXACT_ONE = 1 << EXACT_SHIFT;
const WORD_BITS = EXACT_ONE - 1;

export const matchedWords = (bits: number) => popcount(bits & WORD_BITS);
export const exactWords = (bits: number) => bits >>> EXACT_SHIFT;

export function popcount(bits: number): number {
  let n = 0;
  for (let v = bits; v; v &= v - 1) n++;
  return n;
}

/**
 * Candidates that can make the top k: a cheap pass finds the k-th best score, and only papers
 * within the tie margin of it can still be reordered by recency. Within one match group.
 */
export function contenders(index: OpenIndex, candidates: readonly number[], k: number): number[] {
  if (candidates.length <= 4 * k) return [...candidates];
  const { score } = index.scratch;
  const best = new Float64Array(k).fill(-1);
  for (const c of candidates) {
    const s = score[c]!;
    if (s <= best[k - 1]!) continue;
    let i = k - 1;
    while (i > 0 && best[i - 1]! < s) {
      best[i] = best[i - 1]!;
      i--;
    }
    best[i] = s;
  }
  const floor = best[k - 1]! * (1 - TIE) - 1e-9;
  return candidates.filter((c) => score[c]! >= floor);
}

/** The best k of `candidates` (one match group), best first. */
export function topK(index: OpenIndex, group: readonly number[], k: number): number[] {
  const top: number[] = [];
  if (k <= 0) return top;
  for (const c of contenders(index, group, k)) {
    if (top.length === k && !better(index, c, top[k - 1]!)) continue;
    let i = top.length === k ? k - 1 : top.length;
    if (top.length < k) top.push(c);
    while (i > 0 && better(index, c, top[i - 1]!)) {
      top[i] = top[i - 1]!;
      i--;
    }
    top[i] = c;
  }
  return top;
}
