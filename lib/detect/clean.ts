import { collapse } from './dom';
import type { Candidate, CandidateSource } from './types';

/**
 * Title strings as the page shows them, minus what is not part of the title: result-type tags
 * (`[PDF]`, `[CITATION][C]`), Reddit's `[R]`/`[D]`/`[P]`, arXiv's `Title:` label, wrapping quotes
 * and a truncation ellipsis. Case and punctuation stay: the background's normalizeTitle folds them.
 */
const PREFIX = /^(?:\[[a-z]{1,10}\]\s*|title\s*:\s*)+/i;
const WRAPPING_QUOTES = /^["'“”‘’«»]+\s*|\s*["'“”‘’«»]+[.,;:]?$/g;
const ELLIPSIS = /\s*(?:…|\.\.\.)$/;

export const MIN_WORDS = 3;
export const MAX_WORDS = 40;
export const MAX_TITLE_CHARS = 300;

/** A space-separated word with at least one letter or digit (`-` and `—` alone are not words). */
const WORD = /[^ ]*[\p{L}\p{N}][^ ]*/gu;

export function wordCount(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

export interface CleanTitle {
  title: string;
  truncated: boolean;
}

/** The title inside a raw string, or undefined when it is not title-sized (3-40 words, ≤300 chars). */
export function cleanTitle(raw: string): CleanTitle | undefined {
  if (raw.length > MAX_TITLE_CHARS * 4) return undefined;
  let title = collapse(raw).replace(PREFIX, '').replace(WRAPPING_QUOTES, '');
  const truncated = ELLIPSIS.test(title);
  if (truncated) title = title.replace(ELLIPSIS, '');
  if (title.length > MAX_TITLE_CHARS) return undefined;
  const words = wordCount(title);
  if (words < MIN_WORDS || words > MAX_WORDS) return undefined;
  return { title, truncated };
}

export function titleCandidate(
  raw: string | null | undefined,
  source: CandidateSource,
  anchor: Element,
): Candidate | undefined {
  const clean = raw ? cleanTitle(raw) : undefined;
  if (!clean) return undefined;
  const candidate: Candidate = { query: clean.title, kind: 'title', source, anchor };
  if (clean.truncated) candidate.truncated = true;
  return candidate;
}

/** Pushes the candidates that exist; detectors build lists of maybe-candidates. */
export function pushAll(out: Candidate[], ...candidates: (Candidate | undefined)[]): void {
  for (const candidate of candidates) if (candidate) out.push(candidate);
}
