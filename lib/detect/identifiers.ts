import { arxivIdFromDoi, parseArxivId, parseDoi } from '@/lib/catalog/identifiers';
import { collapse } from './dom';
import type { Candidate, CandidateSource } from './types';

/** A DOI inside a publisher's URL path: `/doi/abs/10.1145/3394486.3403172`, `/article/10.1007/...`. */
const DOI_IN_PATH = /\/(10\.\d{4,9}\/[^?#\s]+)/;
/**
 * Identifiers in prose: `arXiv:2312.00752`, `arxiv.org/abs/...`, bare 5-digit new-style ids (the
 * digit count makes them unlikely to be anything else), and DOIs.
 */
const ID_IN_TEXT = new RegExp(
  [
    String.raw`arxiv\s*:?\s*(?:[a-z-]+(?:\.[A-Z]{2})?\/\d{7}|\d{4}\.\d{4,5})(?:v\d+)?`,
    String.raw`(?:arxiv\.org|alphaxiv\.org|huggingface\.co)\/(?:abs|pdf|html|papers|overview)\/[^\s"'<>)\]]+`,
    String.raw`(?<![\d.\/])(?:1[5-9]|2\d)(?:0[1-9]|1[0-2])\.\d{5}(?:v\d+)?(?![\d.]\d)`,
    String.raw`\b10\.\d{4,9}\/[^\s"'<>]+`,
  ].join('|'),
  'gi',
);

/**
 * The commonest arXiv URL, `https://arxiv.org/abs/2312.00752v2`, with a new-style id: exactly what
 * parseArxivId's URL path gives for it (lower-case host, plain path); anything else goes there.
 */
export const PLAIN_ARXIV_URL =
  /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html|format)\/((?:0[7-9]|1[0-4])(?:0[1-9]|1[0-2])\.\d{4}|(?:1[5-9]|[2-9]\d)(?:0[1-9]|1[0-2])\.\d{5})(?:v\d+)?(?:\.pdf)?(?:[/?#]|$)/;

export type Identifier = Pick<Candidate, 'query' | 'kind'>;

/** The paper identifier a string names (a bare id, a DOI, or a URL), with arXiv DOIs as arXiv ids. */
export function parseIdentifier(text: string): Identifier | undefined {
  const clean = collapse(text).replace(/[…]+$|\.\.\.$/, '');
  if (!clean || clean.length > 2000) return undefined;
  // A listing's links are arXiv URLs by the thousand; parseArxivId would parse each as a URL.
  const plain = PLAIN_ARXIV_URL.exec(clean);
  if (plain) return { query: plain[1]!, kind: 'arxiv' };
  const arxiv = parseArxivId(clean);
  if (arxiv) return { query: arxiv, kind: 'arxiv' };
  const doi = parseDoi(clean) ?? doiInUrl(clean);
  if (!doi) return undefined;
  const fromDoi = arxivIdFromDoi(doi);
  return fromDoi ? { query: fromDoi, kind: 'arxiv' } : { query: doi, kind: 'doi' };
}

function doiInUrl(text: string): string | undefined {
  if (!/^https?:\/\//i.test(text)) return undefined;
  try {
    const match = DOI_IN_PATH.exec(decodeURIComponent(new URL(text).pathname));
    return match ? parseDoi(match[1]!) : undefined;
  } catch {
    return undefined;
  }
}

/** Every identifier mentioned in a run of text, in order. */
export function identifiersInText(text: string): Identifier[] {
  return identifiersAt(text).map(({ query, kind }) => ({ query, kind }));
}

/** The same, each with the offset in `text` where its mention starts. */
export function identifiersAt(text: string): (Identifier & { at: number })[] {
  const found: (Identifier & { at: number })[] = [];
  for (const match of text.matchAll(ID_IN_TEXT)) {
    const raw = match[0]
      .replace(/^arxiv(?!\.)\s*:?\s*/i, '')
      .replace(/[.,;:!?)\]]+$/, '')
      .replace(/^(?=[a-z]+\.[a-z]+\/)/i, 'https://');
    const id = parseIdentifier(raw);
    if (id) found.push({ ...id, at: match.index });
  }
  return found;
}

export function idCandidate(
  text: string | null | undefined,
  source: CandidateSource,
  anchor: Element,
): Candidate | undefined {
  const id = text ? parseIdentifier(text) : undefined;
  return id && { ...id, source, anchor };
}

/** Hrefs whose resolution is plain string work: no spaces, backslashes or dot segments to fix. */
const PLAIN_ABSOLUTE = /^https?:\/\/[^\s\\]+$/;
const PLAIN_ROOT_RELATIVE = /^\/(?!\/)(?![^?#]*\/\.\.?(?:[/?#]|$))[^\s\\]*$/;

/**
 * An href resolved against the page URL, or undefined when it cannot be resolved. A plain
 * absolute href comes back as it is: parseIdentifier's own URL parse rejects a broken one.
 */
export function resolveUrl(href: string | null | undefined, base: URL): string | undefined {
  if (!href) return undefined;
  // A listing's 15,000 links are mostly absolute or root-relative: string work, no URL parse.
  // parseIdentifier parses the result again anyway, so odd paths still end up normalised.
  if (PLAIN_ABSOLUTE.test(href)) return href;
  if (base.protocol.startsWith('http') && PLAIN_ROOT_RELATIVE.test(href)) return base.origin + href;
  try {
    return new URL(href, base).href;
  } catch {
    return undefined;
  }
}

export function hrefCandidate(
  href: string | null | undefined,
  base: URL,
  source: CandidateSource,
  anchor: Element,
): Candidate | undefined {
  return idCandidate(resolveUrl(href, base), source, anchor);
}
