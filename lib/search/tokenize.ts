import { stemmer } from 'stemmer';
import { eng } from 'stopword';

/**
 * The one text analysis shared by the index builder and the query: both sides must agree on
 * every term, so nothing else in lib/search splits or stems text.
 */

const STOP = new Set(eng);
/** Longer tokens are noise (hashes, glued URLs) and would only bloat the dictionary. */
const MAX_TOKEN = 40;

/** Lower case without accents; the form phrases are compared in. */
export function fold(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Folded word tokens, in order (stop words kept: phrases need them). */
export function words(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && w.length <= MAX_TOKEN);
}

export function isStopWord(word: string): boolean {
  return STOP.has(word);
}

/**
 * The dictionary key of a folded word. Porter, then a dropped final "i": Porter turns a final y
 * into i but strips -ic, so "echocardiography" (…graphi) and "echocardiographic" (…graph) would
 * stay apart; without the i both are "echocardiograph". Tokens with digits stay as written.
 */
export function termKey(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let key = keys.get(word);
  if (key === undefined) {
    const stem = stemmer(word);
    key = stem.length > 4 && stem.endsWith('i') ? stem.slice(0, -1) : stem;
    // Porter is the build's hot spot and a catalog's vocabulary repeats: remember, bounded.
    if (keys.size >= MAX_REMEMBERED) keys.clear();
    keys.set(word, key);
  }
  return key;
}
const keys = new Map<string, string>();
const MAX_REMEMBERED = 200_000;

/** Index terms of a text: keys of its non-stop words, in order (repeats kept for counting). */
export function terms(text: string): string[] {
  return words(text)
    .filter((w) => !STOP.has(w))
    .map(termKey);
}

const CAMEL = /\p{Ll}\p{Lu}|\p{L}\p{N}|\p{N}\p{L}/u;
const CAMEL_SPLIT =
  /(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u;

/**
 * Index terms, plus the parts of coined names written in camel case or with digits
 * ("StreamDiffusion" also as stream, diffusion; "MossFormer2" as moss, former): people search
 * for the parts. Only the index splits; a query for the whole name still matches the whole.
 */
export function indexTerms(text: string): string[] {
  const out = terms(text);
  if (!CAMEL.test(text)) return out;
  for (const token of text.split(/[^\p{L}\p{N}]+/u)) {
    if (!CAMEL.test(token)) continue;
    const parts = token.split(CAMEL_SPLIT);
    if (parts.length > 1) out.push(...terms(parts.join(' ')));
  }
  return out;
}

/** Ids and DOIs are terms too, marked so no word can collide with them. */
export const ID_MARK = '#';
export const idTerm = (id: string) => ID_MARK + id.toLowerCase();

/** Repository terms: owner and name of a GitHub/GitLab-style URL, whole and split at - _ . */
export function repoTerms(url: string): string[] {
  let path: string[];
  try {
    path = new URL(url).pathname.split('/').filter(Boolean).slice(0, 2);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const part of path) {
    const folded = fold(part);
    if (folded.length > 1 && folded.length <= MAX_TOKEN)
      out.push(folded.replace(/[^\p{L}\p{N}]/gu, ''));
    out.push(...terms(part));
  }
  return [...new Set(out)].filter(Boolean);
}
