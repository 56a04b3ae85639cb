import { idCandidate } from '../detect/identifiers';
import { metadataCandidates, pageAnchor } from '../detect/metadata';
import { detectorsFor } from '../detect/sites';
import type { Candidate, Shown } from '../detect/types';
import { idTitle, refUrl } from '../reading-list/outside-id';
import type { PageDescription } from '../reading-list/page-description';
import type { PageMetadata } from '../reading-list/snapshot';

/**
 * The paper a page is about, as the page itself says: its URL (an arXiv abs page) and its own
 * metadata (Highwire `citation_*`, Dublin Core, JSON-LD, COinS), never the papers it links to.
 */

const MAX_IDS = 20;
const MAX_AUTHORS = 500;

function metas(doc: Document, names: readonly string[]): string[] {
  const wanted = new Set(names);
  const found: string[] = [];
  for (const meta of doc.querySelectorAll('meta[name], meta[property]')) {
    const name = (meta.getAttribute('name') ?? meta.getAttribute('property') ?? '').toLowerCase();
    const content = meta.getAttribute('content')?.trim();
    if (content && wanted.has(name)) found.push(content);
  }
  return found;
}

function first(doc: Document, ...names: string[]): string | undefined {
  for (const name of names) {
    const [value] = metas(doc, [name]);
    if (value) return value.slice(0, 4000);
  }
  return undefined;
}

/** Citation metadata from meta tags; null when the page names no title for a paper. */
export function pageMetadata(doc: Document, url: URL): PageMetadata | null {
  const title = first(doc, 'citation_title', 'dc.title');
  if (!title) return null;
  const authors = metas(doc, ['citation_author', 'dc.creator'])
    .slice(0, MAX_AUTHORS)
    .map((name) => name.slice(0, 1000));
  return {
    title: title.slice(0, 5000),
    authors,
    date: first(
      doc,
      'citation_publication_date',
      'citation_date',
      'citation_online_date',
      'dc.date',
    )?.slice(0, 100),
    venue: first(doc, 'citation_conference_title', 'citation_journal_title')?.slice(0, 1000),
    arxivId: first(doc, 'citation_arxiv_id')?.slice(0, 200),
    doi: first(doc, 'citation_doi', 'prism.doi')?.slice(0, 500),
    url: first(doc, 'citation_abstract_html_url') ?? url.href.slice(0, 4000),
    pdf: first(doc, 'citation_pdf_url'),
  };
}

/**
 * What the page's site detector shows for the paper its URL names (arXiv's abs page: the title
 * heading and the author links), read the way the quiet markers read it.
 */
function shownFor(doc: Document, url: URL, arxivId: string): Shown | undefined {
  for (const site of detectorsFor(url)) {
    try {
      const found = site.detect(doc, url);
      const own = found.find((c) => c.kind === 'arxiv' && c.query === arxivId);
      if (!own) continue;
      const shown = site.shown?.(own.anchor);
      const title =
        shown?.title ?? found.find((c) => c.kind === 'title' && c.anchor === own.anchor)?.query;
      if (title || shown?.authors?.length) return { title, authors: shown?.authors ?? [] };
    } catch {
      // A hostile page costs this detector's reading only.
    }
  }
  return undefined;
}

/**
 * The page's own metadata, with what its site shows for the arXiv paper its URL names: the
 * authors as the site writes them ("Albert Gu", not the metadata's "Gu, Albert"), and for a page
 * without citation metadata (arXiv's HTML view) the shown title, or else the id itself, so that a
 * paper the catalog lacks can still be saved by its id.
 */
function withShown(
  doc: Document,
  url: URL,
  metadata: PageMetadata | null,
  own: Candidate | undefined,
): PageMetadata | null {
  if (own?.kind !== 'arxiv') return metadata;
  const shown = shownFor(doc, url, own.query);
  const authors = shown?.authors?.length ? shown.authors.slice(0, MAX_AUTHORS) : undefined;
  if (metadata) return authors ? { ...metadata, authors } : metadata;
  const ref = { arxivId: own.query };
  return {
    title: (shown?.title ?? idTitle(ref)).slice(0, 5000),
    authors: authors ?? [],
    arxivId: own.query,
    url: refUrl(ref),
  };
}

export function describePage(doc: Document, url: URL): PageDescription {
  const anchor = pageAnchor(doc);
  const found: Candidate[] = [];
  const own = anchor && idCandidate(url.href, 'url', anchor);
  if (own) found.push(own);
  try {
    found.push(...metadataCandidates(doc));
  } catch {
    // Hostile metadata costs only the metadata's candidates; the URL still counts.
  }
  const seen = new Set<string>();
  const ids: PageDescription['ids'] = [];
  for (const { query, kind, truncated } of found) {
    const key = `${kind}:${query.toLowerCase()}`;
    if (truncated || seen.has(key) || query.length > 2000) continue;
    seen.add(key);
    ids.push({ query, kind });
    if (ids.length === MAX_IDS) break;
  }
  return { ids, metadata: withShown(doc, url, pageMetadata(doc, url), own) };
}
