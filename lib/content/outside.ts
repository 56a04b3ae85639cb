import { parseIdentifier } from '../detect/identifiers';
import { collapse } from '../detect/dom';
import { cleanTitle } from '../detect/clean';
import type { Candidate, Shown } from '../detect/types';
import { idTitle, outsideId, refUrl } from '../reading-list/outside-id';

/**
 * A paper the page names by an identifier (an arXiv id or a DOI, in a link, the page's URL or its
 * metadata) that the catalog lacks: what its quiet marker and card show, and what Save keeps.
 * Title and authors are the page's own, as the site shows them; the title is the identifier when
 * the page shows none.
 */
export interface OutsidePaper {
  /** The reading-list id (outside-id.ts): the bare arXiv id, or `doi:` and the DOI. */
  id: string;
  arxivId?: string;
  doi?: string;
  title: string;
  authors: string[];
  /** The paper's own page (arXiv abstract page, doi.org). */
  url: string;
}

/** Where identifiers the catalog lacks get a quiet marker: the page itself and its links. */
const QUIET_SOURCES = new Set<Candidate['source']>(['url', 'link', 'meta', 'site']);

/** A link's or heading's own text, when it reads as a title rather than a URL or a label. */
function titleText(anchor: Element): string | undefined {
  if (anchor.localName === 'body') return undefined;
  const text = collapse(anchor.textContent ?? '');
  if (text.length > 1200 || /:\/\/|^(?:www\.)?[\w-]+\.\w+\//i.test(text)) return undefined;
  if (parseIdentifier(text)) return undefined;
  return cleanTitle(text)?.title;
}

/** The citation_author names a page declares, for its own paper (URL or metadata candidates). */
function metaAuthors(doc: Document): string[] {
  return [...doc.querySelectorAll('meta[name="citation_author" i]')]
    .map((meta) => collapse(meta.getAttribute('content') ?? ''))
    .filter((name) => name.length > 0 && name.length <= 300)
    .slice(0, 500);
}

/**
 * The outside paper a candidate the catalog did not match stands for, or undefined when it is
 * not an identifier from the page's links, URL or metadata (a title, an id in prose, a cut one).
 */
export function outsidePaper(candidate: Candidate, shown?: Shown): OutsidePaper | undefined {
  const { kind, query, source, anchor, truncated } = candidate;
  if (truncated || !QUIET_SOURCES.has(source) || (kind !== 'arxiv' && kind !== 'doi')) {
    return undefined;
  }
  const ref = kind === 'arxiv' ? { arxivId: query } : { doi: query };
  const id = outsideId(ref);
  if (!id) return undefined;
  const own = source === 'url' || source === 'meta';
  const authors = shown?.authors?.length
    ? shown.authors
    : own
      ? metaAuthors(anchor.ownerDocument)
      : [];
  return {
    id,
    ...ref,
    title: shown?.title ?? titleText(anchor) ?? idTitle(ref),
    authors,
    url: refUrl(ref),
  };
}
