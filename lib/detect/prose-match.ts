import { hash32, hash53 } from '../catalog/identifiers';
import { FIRST, HEAD_WORDS, LAST, titleWords, type TitleWords } from './title-words';

/**
 * Catalog titles inside running text ("…as shown in Mamba: Linear-Time Sequence Modeling with
 * Selective State Spaces, the…"), found in the background against the in-memory index.
 *
 * Why here and not in the content script: the catalog (and any filter built from it) lives in the
 * background; shipping even a Bloom filter of 1M title heads to every tab would cost megabytes per
 * page. The content script sends its text blocks in bounded slices instead (lookup-client.ts), and
 * this scan costs one 32-bit hash probe per word: the index keeps the hash of each title's first
 * three normalized words (its "head") and each title's word count, so a head hit is verified by
 * hashing exactly the following n words against the 53-bit full-title column.
 */

export interface TitleIndexView {
  /** Catalog positions whose title head hashes (32-bit) to `hash`; may hold strays. */
  headPositions: (hash: number) => number[];
  /** Normalized word count of the title at a position. */
  wordCount: (position: number) => number;
  /** The position whose full normalized title has this 53-bit hash, if any. */
  titleAt: (hash: number) => number | undefined;
}

export interface ProseHit {
  position: number;
  /** Character span of the title in the text; `end` includes closing quotes right after it. */
  start: number;
  end: number;
}

/**
 * In prose, only titles long enough not to be a phrase (Mamba, Hydra, "Sliced Recursive
 * Transformer" are all ordinary words in a sentence). Shorter titles are matched only from strong
 * contexts: a heading, a link, metadata (the candidate path).
 */
export const MIN_PROSE_WORDS = 4;
export const MIN_PROSE_CHARS = 20;
/** Titles of fewer words must look like a title on the page (capitalized), not a phrase. */
const SHORT_TITLE_WORDS = 6;
/** Longer titles than this are not in any catalog; bounds the verification per head hit. */
const MAX_TITLE_WORDS = 60;

/** Small words that join two parts of one title: "…State Spaces and Attention" continues it. */
const JOINERS = new Set(
  'a an and as at for from in into of on or over the through to towards toward under using via vs with without beyond across'.split(
    ' ',
  ),
);
const CLOSERS = /^["'”’»)\]]+/;
const OPENING_QUOTE = /["“‘«]/;
const CLOSING_QUOTE = /["”’»]/;
const LETTER = /[\p{L}\p{N}]/u;
const UPPER = /^\p{Lu}/u;

function nextWord(text: string, from: number): { word: string; at: number } | undefined {
  const match = /^\s*(\S+)/.exec(text.slice(from, from + 200));
  return match ? { word: match[1]!, at: from + match[0].length - match[1]!.length } : undefined;
}

/**
 * Whether the page's text goes on with more of a (longer, different) title right after the
 * match: "Improving the Training of Rectified Flows in Practice" is not the catalog's "Improving
 * the Training of Rectified Flows". Punctuation ends a title; a capitalized word, or a joining
 * word then a capitalized word, continues it.
 */
function continues(text: string, end: number): boolean {
  const rest = text.slice(end, end + 200);
  // A cut title ("…Rectified Flows …") may go on with anything; lookupCandidates judges those.
  if (/^["'”’»)\]]*\s*(?:…|\.\.\.)/.test(rest)) return true;
  // "Title: A Retrospective", "Title — The Sequel": a capitalized subtitle makes a longer title.
  if (/^["'”’»)\]]*\s*(?::|\s[-–—])\s+\p{Lu}/u.test(rest)) return true;
  if (end < text.length && !/\s/.test(text[end]!)) return LETTER.test(text[end]!);
  const next = nextWord(text, end);
  if (!next || !LETTER.test(next.word[0]!)) return false;
  if (UPPER.test(next.word)) return true;
  if (!JOINERS.has(next.word.toLowerCase())) return false;
  const after = nextWord(text, next.at + next.word.length);
  return !!after && UPPER.test(after.word);
}

/** The same on the left: "Towards Improving the Training…" mid-sentence is another title. */
function continuedFrom(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 200), start);
  const match = /(\S+)\s+$/.exec(before);
  if (!match) return before.length > 0 && LETTER.test(before.at(-1)!);
  const word = match[1]!.replace(/^[^\p{L}\p{N}]+/u, '');
  if (!word || !LETTER.test(word.at(-1)!) || !UPPER.test(word)) return false;
  // A capitalized word that opens a sentence ("In Mamba: …") is not part of the title.
  const earlier = before.slice(0, match.index).trimEnd();
  return earlier.length > 0 && !/[.!?:;([“"‘]$/.test(earlier);
}

/** Whether the chunk at `start` begins (after any opening punctuation) with a capital letter. */
function capitalizedAt(text: string, start: number, end: number): boolean {
  for (let j = start; j < end; j++) if (LETTER.test(text[j]!)) return UPPER.test(text[j]!);
  return false;
}

/** Short titles must be capitalized on the page: "scalable neural network kernels" is a phrase. */
function looksLikeTitle(text: string, words: TitleWords, i: number, n: number): boolean {
  if (n >= SHORT_TITLE_WORDS) return true;
  let capitalized = 0;
  for (let k = i; k < i + n; k++) {
    if (words.edge[k]! & FIRST && capitalizedAt(text, words.start[k]!, words.end[k]!))
      capitalized++;
  }
  return capitalized >= 2;
}

/** How far after a title's first word an ellipsis may cut it short (titles stay under 300). */
const CUT_WITHIN = 320;
const ELLIPSIS = /…|\.\.\./;

/**
 * Whether a heading, link or list item here could be a catalog title, whatever the prose rules
 * say: the words from `i` on are some whole catalog title sharing this head, or the text is cut
 * short with an ellipsis soon after (lookupCandidates judges those prefixes).
 */
function mayBeTitle(
  index: TitleIndexView,
  text: string,
  words: TitleWords,
  i: number,
  counts: number[],
): boolean {
  for (const n of counts) {
    if (n < HEAD_WORDS || n > MAX_TITLE_WORDS || i + n > words.word.length) continue;
    if (index.titleAt(hash53(words.word.slice(i, i + n).join(' '))) !== undefined) return true;
  }
  const start = words.start[i]!;
  return ELLIPSIS.test(text.slice(start, start + CUT_WITHIN));
}

/**
 * Each word that starts the head (first three words) of some catalog title, with the word counts
 * of the titles under that head. One 32-bit hash probe per word.
 */
function* headHits(
  index: TitleIndexView,
  words: TitleWords,
): Generator<{ i: number; counts: number[] }> {
  const { word, edge } = words;
  for (let i = 0; i + HEAD_WORDS <= word.length; i++) {
    if (!(edge[i]! & FIRST)) continue;
    const positions = index.headPositions(hash32(`${word[i]} ${word[i + 1]} ${word[i + 2]}`));
    if (positions.length) yield { i, counts: [...new Set(positions.map(index.wordCount))] };
  }
}

/**
 * Every catalog title in `text`, longest match first at each word, without overlaps. Where a
 * title may start outside prose, whatever the prose rules say, is titleStarts' question.
 */
export function findTitles(index: TitleIndexView, text: string, maxHits = 50): ProseHit[] {
  const words = titleWords(text);
  const { word, edge } = words;
  const hits: ProseHit[] = [];
  let next = 0;
  for (const { i, counts } of headHits(index, words)) {
    if (hits.length >= maxHits) break;
    if (i < next) continue;
    const lengths = counts
      .filter((n) => n >= MIN_PROSE_WORDS && n <= MAX_TITLE_WORDS && i + n <= word.length)
      .sort((a, b) => b - a);
    for (const n of lengths) {
      const last = i + n - 1;
      if (!(edge[last]! & LAST)) continue;
      const key = word.slice(i, i + n).join(' ');
      if (key.length < MIN_PROSE_CHARS) continue;
      const position = index.titleAt(hash53(key));
      if (position === undefined) continue;
      const start = words.start[i]!;
      const end = words.end[last]!;
      if (continues(text, end) || continuedFrom(text, start)) continue;
      if (!looksLikeTitle(text, words, i, n)) continue;
      const closers = CLOSERS.exec(text.slice(end, end + 8))?.[0] ?? '';
      // A quotation is one title: “Scalable Neural Network Kernels for optics” is not the
      // catalog's title, and neither is the tail of a quotation opened before the match.
      if (OPENING_QUOTE.test(text[start]!) !== CLOSING_QUOTE.test(closers)) continue;
      hits.push({ position, start, end: end + closers.length });
      next = i + n;
      break;
    }
  }
  return hits;
}

/**
 * Where in `text` some word starts what may be a catalog title outside prose (a whole title, or
 * one cut short): the places the content script reads exactly (lib/detect/text-scan.ts). The
 * offsets are the title's first chunk's start, at most `limit` of them.
 */
export function titleStarts(index: TitleIndexView, text: string, limit = 10_000): number[] {
  const words = titleWords(text);
  const out: number[] = [];
  for (const { i, counts } of headHits(index, words)) {
    if (out.length >= limit) break;
    if (mayBeTitle(index, text, words, i, counts)) out.push(words.start[i]!);
  }
  return out;
}
