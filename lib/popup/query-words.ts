/**
 * The words of a query worth highlighting in titles: quotes and punctuation go, and so do the
 * little words that would light up every title.
 */
const STOP = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'is',
  'of',
  'on',
  'or',
  'the',
  'to',
  'via',
  'with',
]);

export function queryWords(query: string): string[] {
  const words = query
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !STOP.has(w));
  return [...new Set(words)];
}

/** A pasted identifier or URL: nothing in a title corresponds to it word by word. */
export function looksLikeIdentifier(query: string): boolean {
  return /^\s*(?:https?:\/\/|arxiv:|doi:|10\.\d{4,9}\/|\d{4}\.\d{4,5})/i.test(query);
}
