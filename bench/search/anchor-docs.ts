import type { Options, SearchOptions } from 'minisearch';
import type { Paper } from '../../lib/catalog/schema';

/**
 * What the anchors (MiniSearch, FlexSearch) index: the same fields as ours, as flat strings.
 * Shared by the relevance script and the bench so both anchors see the same documents.
 */

export type AnchorDoc = {
  id: string;
  title: string;
  authors: string;
  abstract: string;
  keywords: string;
  code: string;
};

export function anchorDoc(paper: Paper): AnchorDoc {
  return {
    id: paper.id,
    title: paper.title,
    authors: paper.authors.join(', '),
    abstract: paper.abstract,
    keywords: paper.keywords.join(', '),
    code: paper.code
      .map((c) => c.url.replace(/^https?:\/\/[^/]+\//, '').replace(/\//g, ' '))
      .join(' '),
  };
}

export const miniSearchDocs = (papers: Paper[]) => papers.map(anchorDoc);

export const MINISEARCH_OPTIONS: Options<AnchorDoc> = {
  fields: ['title', 'authors', 'abstract', 'keywords', 'code', 'id'],
  storeFields: ['title'],
};

/** What a reasonable user sets: prefix and fuzzy matching, the title weighted up. */
export const MINISEARCH_QUERY: SearchOptions = {
  prefix: true,
  fuzzy: 0.2,
  boost: { title: 3, keywords: 1.5, authors: 1.5 },
};
