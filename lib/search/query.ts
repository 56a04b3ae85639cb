import { arxivIdFromDoi, parseArxivId, parseDoi } from '../catalog/identifiers';
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
  /** A code repository's address: the papers whose code is there (owner and name, as indexed). */
  | { kind: 'repo'; terms: [owner: string, name: string] }
  /** An address or identifier that names no paper the catalog can look up: it matches nothing. */
  | { kind: 'link' }
  | { kind: 'words'; words: QueryWord[]; phrases: string[] };

/** Words past this many add little and cost a postings read each. */
export const MAX_WORDS = 12;
/** Longer input is cut: nobody types this, and it bounds the work a paste can cause. */
export const MAX_QUERY = 500;
const TITLE_ID = /^t-[0-9a-z]{4,16}$/;
/** A pasted address: a scheme, `www.`, or a host name followed by a path, and no spaces. */
const URL_LIKE =
  /^(?:[a-z][a-z0-9+.-]*:\/\/\S+|www\.\S+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\/\S*)$/i;
/**
 * Text shaped like an identifier that parseArxivId/parseDoi did not accept: a scheme prefix
 * (`arXiv:`, `doi:`, `openreview:`...), a DOI or arXiv id still being typed or mistyped.
 */
const ID_LIKE =
  /^(?:(?:arxiv|doi|pmid|pmcid|isbn|issn|openreview|ssrn|hal|dblp)\s*:\s*\S*|10\.\d{3,9}(?:\/\S*)?|\d{4}\.\d{1,6}(?:v\d*)?|[a-z-]+(?:\.[a-z]{2})?\/\d{3,7}(?:v\d*)?)$/i;
/** Hosts whose first two path parts are a repository's owner and name, as the index keeps them. */
const REPO_HOSTS = new Set(['github.com', 'www.github.com', 'gitlab.com', 'www.gitlab.com']);
/** A DOI inside a publisher's URL path: `/doi/abs/10.1145/3394486.3403172`. */
const DOI_IN_PATH = /\/(10\.\d{4,9}\/[^?#\s]+)/;

function urlOf(text: string): URL | undefined {
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return undefined;
  }
}

function doiInUrl(text: string): string | undefined {
  const url = URL_LIKE.test(text) ? urlOf(text) : undefined;
  if (!url) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  const match = DOI_IN_PATH.exec(path);
  return match ? parseDoi(match[1]!) : undefined;
}

/** Owner and name of a repository address, folded and joined as repoTerms indexes them whole. */
function repoOf(text: string): [string, string] | undefined {
  const url = URL_LIKE.test(text) ? urlOf(text) : undefined;
  if (!url || !REPO_HOSTS.has(url.hostname.toLowerCase())) return undefined;
  const parts = url.pathname
    .split('/')
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => fold(part.replace(/\.git$/i, '')).replace(/[^\p{L}\p{N}]/gu, ''));
  const [owner, name] = parts;
  return owner && name && owner.length > 1 && name.length > 1 ? [owner, name] : undefined;
}

export function parseQuery(input: string): ParsedQuery {
  const text = input.slice(0, MAX_QUERY);
  const trimmed = text.trim();
  if (!trimmed) return { kind: 'empty' };
  const arxiv = parseArxivId(trimmed);
  if (arxiv) return { kind: 'id', term: arxiv };
  const doi = parseDoi(trimmed);
  if (doi) return { kind: 'id', term: doi };
  if (TITLE_ID.test(trimmed)) return { kind: 'id', term: trimmed };
  // Its words ("https", "openreview", "forum", an id's letters) would match unrelated papers.
  if (URL_LIKE.test(trimmed) || ID_LIKE.test(trimmed)) {
    const doi = doiInUrl(trimmed);
    if (doi) return { kind: 'id', term: arxivIdFromDoi(doi) ?? doi };
    const repo = repoOf(trimmed);
    return repo ? { kind: 'repo', terms: repo } : { kind: 'link' };
  }

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
