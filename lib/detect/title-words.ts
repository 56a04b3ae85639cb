import { normalizeTitle } from '../catalog/identifiers';

/**
 * Page text as the catalog's title words (normalizeTitle rules), each word remembering which
 * whitespace-separated chunk of the raw text it came from, so that a match found on normalized
 * words can be mapped back to characters of the page. Parallel arrays rather than an object per
 * word: the background runs this over every word of a page's text.
 */
export interface TitleWords {
  /** The normalized words ("linear", "time" for the chunk "Linear-Time"). */
  word: string[];
  /** Offset of each word's chunk's first character in the text. */
  start: number[];
  /** Offset just past its chunk's last letter or digit (trailing punctuation stays outside). */
  end: number[];
  /** FIRST and/or LAST when the word opens / closes its chunk: a title starts and ends on those. */
  edge: number[];
}

export const FIRST = 1;
export const LAST = 2;

const CHUNK = /\S+/g;
/** Most chunks of prose: an ASCII word, maybe wrapped in plain punctuation ("(word),"). */
const PLAIN = /^[("“‘'[]?([A-Za-z0-9]+)[.,;:!?)\]"”’']*$/;
const LAST_ALNUM = /[\p{L}\p{N}][^\p{L}\p{N}]*$/u;

/**
 * Splitting on whitespace first and normalizing each chunk gives the same words as normalizing the
 * whole text, because every normalizeTitle rule is local to a chunk (accents, LaTeX commands,
 * braces, apostrophes, `&`, punctuation to spaces).
 */
export function titleWords(text: string): TitleWords {
  const out: TitleWords = { word: [], start: [], end: [], edge: [] };
  const push = (word: string, start: number, end: number, edge: number) => {
    out.word.push(word);
    out.start.push(start);
    out.end.push(end);
    out.edge.push(edge);
  };
  CHUNK.lastIndex = 0;
  for (let match = CHUNK.exec(text); match; match = CHUNK.exec(text)) {
    const chunk = match[0];
    const start = match.index;
    // The fast path gives what normalizeTitle would (one lower-cased word); it is most of a page.
    const plain = PLAIN.exec(chunk);
    if (plain) {
      const word = plain[1]!;
      push(word.toLowerCase(), start, start + chunk.indexOf(word) + word.length, FIRST | LAST);
      continue;
    }
    const words = splitWords(normalizeTitle(chunk));
    const tail = LAST_ALNUM.exec(chunk);
    const end = start + (tail ? tail.index + 1 : chunk.length);
    words.forEach((word, i) =>
      push(word, start, end, (i === 0 ? FIRST : 0) | (i === words.length - 1 ? LAST : 0)),
    );
  }
  return out;
}

function splitWords(normalized: string): string[] {
  return normalized ? normalized.split(' ') : [];
}

/** The first three normalized words: the "head" both prose and truncated titles are found by. */
export const HEAD_WORDS = 3;

export function headKey(words: readonly string[]): string | undefined {
  return words.length >= HEAD_WORDS ? words.slice(0, HEAD_WORDS).join(' ') : undefined;
}
