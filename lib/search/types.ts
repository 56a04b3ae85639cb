/** The popup search contract: what searchCatalog answers and the options it takes. */

export type MatchedField = 'title' | 'authors' | 'abstract' | 'keywords' | 'code' | 'id';

export type SearchHit = {
  /** Catalog id: the bare arXiv id when the paper has one. */
  id: string;
  title: string;
  /** The first few authors, in catalog order. */
  authors: string[];
  year?: number;
  venue?: string;
  hasCode: boolean;
  /** Higher is better; comparable only within one result. */
  score: number;
  /** Fields the query words were found in. */
  matched: MatchedField[];
  /**
   * The paper has only some of the query's words (after stemming, prefix and typo expansion):
   * listed as the closest when fewer papers than asked for have them all. Absent otherwise.
   */
  partial?: true;
};

export type SearchResult = {
  hits: SearchHit[];
  /** Papers matching the query and filters (at least hits.length). */
  total: number;
  /** The query was a pasted arXiv id, arXiv/alphaXiv/Hugging Face URL or DOI of this paper. */
  exact?: boolean;
};

export type SearchFilters = {
  hasCode?: boolean;
  yearFrom?: number;
  yearTo?: number;
  /** Only these catalog ids (the saved filter; the caller supplies the reading list's ids). */
  ids?: Set<string>;
  excludeIds?: Set<string>;
};

export type SearchOptions = { limit?: number; filters?: SearchFilters };
