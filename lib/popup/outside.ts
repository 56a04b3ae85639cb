import { ARXIV_ID_RE } from '../catalog/identifiers';
import { refUrl } from '../reading-list/outside-id';
import { outsideEntry, type OutsideRef } from '../reading-list/snapshot';
import { parseQuery } from '../search/query';

/**
 * A pasted arXiv id or link, or DOI, of a paper the catalog lacks: the popup shows it as one row
 * ("Not in your catalog", Open, Save) instead of "No papers match" (issue 16).
 */
export interface OutsidePaper {
  /** The reading-list id it saves under (outside-id.ts): the bare arXiv id, or doi: and the DOI. */
  id: string;
  /** How the row names it: `arXiv:2501.01234`, or the DOI. */
  label: string;
  /** Where it can be read, and the site's name for the link. */
  url: string;
  site: 'arXiv' | 'doi.org';
  /** The savePaper message's payload. */
  save: { id: string } | { doi: string };
}

/** The paper outside the catalog a query names, or null when it is not such an identifier. */
export function outsidePaper(query: string): OutsidePaper | null {
  const parsed = parseQuery(query);
  if (parsed.kind !== 'id') return null;
  const { term } = parsed;
  let ref: OutsideRef;
  if (ARXIV_ID_RE.test(term)) ref = { arxivId: term };
  else if (/^10\.\d{4,9}\//.test(term)) ref = { doi: term };
  else return null;
  let entry: ReturnType<typeof outsideEntry>;
  try {
    entry = outsideEntry(ref);
  } catch {
    // A DOI too long to keep: nothing to offer but the notice.
    return null;
  }
  return 'arxivId' in ref
    ? {
        id: entry.id,
        label: entry.snapshot.title,
        url: entry.snapshot.url!,
        site: 'arXiv',
        save: { id: ref.arxivId },
      }
    : {
        id: entry.id,
        label: ref.doi,
        url: refUrl(ref),
        site: 'doi.org',
        save: { doi: ref.doi },
      };
}
