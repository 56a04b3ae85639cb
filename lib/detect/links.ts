import { collapse, textOf } from './dom';
import { hrefCandidate, parseIdentifier } from './identifiers';
import type { Candidate } from './types';

/**
 * Hrefs worth parsing: every identifier parseIdentifier takes from a URL has an arXiv id's digits
 * (new `2312.00752` or old `hep-th/9901001` style) or a DOI's `10.NNNN` in it. The rest of a
 * page's links skip URL parsing altogether, including the author and listing links of arxiv.org,
 * 15,000 of them on a 5,000-row listing.
 */
export const ID_LIKE_HREF = /\d{4}\.\d{4}|[a-z-]\/\d{7}|10\.\d{4}/i;
/** Link text worth parsing: it looks like a URL, an arXiv id or a DOI. */
const ID_LIKE_TEXT = /arxiv|doi|10\.\d{4}|\d{4}\.\d{4}|\//i;

/**
 * The URL a shortened link stands for. X (t.co) shows `arxiv.org/abs/2312.0075…` and keeps the
 * scheme and the tail in hidden spans, so the whole text content, minus the ellipsis, is the URL.
 */
export function linkTextUrl(link: Element): string {
  return collapse(link.textContent ?? '').replace(/…/g, '');
}

/** The identifier a link names: by its target, or by its text when the target is a shortener. */
export function linkCandidate(
  link: Element,
  base: URL,
  visibleText?: string,
): Candidate | undefined {
  const href = link.getAttribute('href');
  const byHref = href && ID_LIKE_HREF.test(href) && hrefCandidate(href, base, 'link', link);
  if (byHref) return byHref;
  // Only short texts: a link around a whole paragraph is not a URL.
  const text = visibleText ?? textOf(link, { maxChars: 300, maxNodes: 20 }) ?? '';
  if (!ID_LIKE_TEXT.test(text)) return undefined;
  const whole = linkTextUrl(link);
  const id = parseIdentifier(whole) ?? parseIdentifier(text);
  return id && { ...id, source: 'link', anchor: link };
}
