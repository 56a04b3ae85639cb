import { hash53 } from '../catalog/identifiers';

/**
 * Papers the catalog lacks, named by the identifier a page gave for them (a quiet marker, "Save
 * this page's paper" on a PDF). Shared by the content script and the background, so free of zod.
 *
 * Reading-list ids: an arXiv paper's is its bare arXiv id, the id the catalog gives it, so a later
 * catalog that brings the paper names the same entry. A paper known only by a DOI gets `doi:` and
 * its lower-case DOI; a DOI too long for the 64-character id gets `doi-` and a hash of it (cyrb53,
 * as catalog title ids are made). Both never change for a given DOI.
 */

export interface PaperRef {
  arxivId?: string;
  doi?: string;
}

const MAX_ID = 64;

export function outsideId({ arxivId, doi }: PaperRef): string | undefined {
  if (arxivId) return arxivId;
  if (!doi) return undefined;
  const plain = `doi:${doi.toLowerCase()}`;
  return plain.length <= MAX_ID ? plain : `doi-${hash53(doi.toLowerCase()).toString(36)}`;
}

/** What stands for the title until the page or the catalog names one: `arXiv:2401.01234`. */
export function idTitle({ arxivId, doi }: PaperRef): string {
  return arxivId ? `arXiv:${arxivId}` : `doi:${doi ?? ''}`;
}

/** The paper's own page: its arXiv abstract page, or the DOI resolver. */
export function refUrl({ arxivId, doi }: PaperRef): string {
  if (arxivId) return `https://arxiv.org/abs/${arxivId}`;
  return `https://doi.org/${encodeURIComponent(doi ?? '').replace(/%2F/gi, '/')}`;
}

/** What the content script sends to save a paper the catalog lacks: the page's own account of it. */
export interface SeenPaper extends PaperRef {
  title: string;
  authors: string[];
}
