import { parseArxivId, parseDoi } from '../catalog/identifiers';
import { fold, isStopWord, termKey, words } from './tokenize';

/** A query as typed, taken apart: an exact identifier, or words and quoted phrases. */

export type QueryWord = {
  /** Folded word as typed. */
  raw: string;
  /** Its dictionary key (stem). */
  key: string;
  /** May be a word still being typed, or a prefix the user means: expand to longer terms. */
  prefix: boolean;
  /** Adds to the score without counting as a word to match (a joined code name). */
  optional?: boolean;
};

export type ParsedQuery =
  | { kind: 'empty' }
  | { kind: 'id'; term: string }
  | { kind: 'words'; words: QueryWord[]; phrases: string[] };

/** Words past this many add little and cost a postings read each. */
export const MAX_WORDS = 12;
/** Longer input is cut: nobody types this, and it bounds the work a paste can cause. */
export const MAX_QUERY = 500;
const TITLE_ID = /^t-[0-9a-z]{4,16}$/;

export function parseQuery(input: string): ParsedQuery {
  const text = input.slice(0, MAX_QUERY);
  const trimmed = text.trim();
  if (!trimmed) return { kind: 'empty' };
  const arxiv = parseArxivId(trimmed);
  if (arxiv) return { kind: 'id', term: arxiv };
  const doi = parseDoi(trimmed);
  if (doi) return { kind: 'id', term: doi };
  if (TITLE_ID.test(trimmed)) return { kind: 'id', term: trimmed };

  const phrases: string[] = [];
  // An unclosed quote still makes a phrase: the user is typing it.
  const rest = trimmed.replace(/"([^"]*)"?/g, (_, inner: string) => {
    const phrase = words(inner);
    if (phrase.length > 1) phrases.push(phrase.join(' '));
    return ` ${inner} `;
  });
  const typing = !/[\s"]$/.test(text);
  const all = words(rest);
  const content = all.filter((w) => !isStopWord(w));
  const list = (content.length ? content : all).slice(0, MAX_WORDS);
  const seen = new Set<string>();
  const out: QueryWord[] = [];
  list.forEach((raw, i) => {
    const key = termKey(raw);
    if (seen.has(key)) return;
    seen.add(key);
    const last = i === list.length - 1 && typing;
    out.push({ raw, key, prefix: last || raw.length >= 3 });
  });
  // "only_train_once", "RF-Solver-Edit": repository names are indexed whole as well.
  for (const token of rest.split(/\s+/)) {
    const joined = fold(token).replace(/[^\p{L}\p{N}]/gu, '');
    if (
      words(token).length > 1 &&
      joined.length <= 40 &&
      !seen.has(joined) &&
      out.length < MAX_WORDS
    ) {
      seen.add(joined);
      out.push({ raw: joined, key: joined, prefix: false, optional: true });
    }
  }
  if (!out.some((w) => !w.optional)) return { kind: 'empty' };
  return { kind: 'words', words: out, phrases };
}
