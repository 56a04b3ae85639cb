/** What a detector found on a page: a string for the background to look up, and where it was. */
export type CandidateKind = 'arxiv' | 'doi' | 'title';

/** Where the candidate came from, most trusted first: the page URL, a link, metadata, a site layout, prose. */
export type CandidateSource = 'url' | 'link' | 'meta' | 'site' | 'text';

export interface Candidate {
  /** A bare arXiv id (no version), a lower-case DOI, or a cleaned title string. */
  query: string;
  kind: CandidateKind;
  source: CandidateSource;
  /** The element after which a marker would go: the title element or the link. */
  anchor: Element;
  /** The page shows only the start of the title (it ended with an ellipsis). */
  truncated?: boolean;
}

/** A paper as a page shows it, read from the site's own layout: title and author names. */
export interface Shown {
  title?: string;
  authors?: string[];
}

/** One site's layout knowledge: a pure function over the page, applied where `matches` says. */
export interface SiteDetector {
  name: string;
  /** Match patterns in the extension manifest's syntax: `*://arxiv.org/*`. */
  matches: string[];
  detect: (doc: ParentNode, url: URL) => Candidate[];
  /**
   * The same pass, pausable (lib/detect/steps.ts), for layouts with thousands of rows: the content
   * script runs this when present, so that one listing never becomes one long task.
   */
  steps?: (doc: ParentNode, url: URL) => Generator<void, Candidate[]>;
  /**
   * Containers whose papers this detector reads completely (every row's identifier and title):
   * the page-text scan (lib/detect/page-text.ts) leaves their text out instead of reading it again.
   */
  claims?: (doc: ParentNode) => Element[];
  /**
   * A selector for one post of the site (an X post): a paper gets one marker per post, however
   * often the post names it (its title line, its link, the link's preview card).
   */
  post?: string;
  /**
   * The title and authors the page shows for the paper of one of this detector's candidates (its
   * anchor), for a paper the catalog lacks: its quiet marker's card and what Save keeps.
   */
  shown?: (anchor: Element) => Shown | undefined;
}
