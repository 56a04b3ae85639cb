import { ARXIV_ID_RE } from '../catalog/identifiers';
import type { Paper } from '../catalog/schema';
import type { SearchHit } from '../search/search';

/** What a list row shows of a paper, whether it came from a search hit or a full record. */
export interface PaperRow {
  id: string;
  title: string;
  authors: string[];
  year?: number;
  venue?: string;
  hasCode: boolean;
  /** True when the title is where the query matched (only then is it highlighted). */
  titleMatched: boolean;
  /**
   * Search results only: `all` when the paper has every word of the query (after stemming,
   * prefix and typo rules), `partial` when it is only among the closest. The row's `data-match`.
   */
  match?: 'all' | 'partial';
}

/** A search result's row, marked with how much of the query it matched. */
export function rowFromResult(hit: SearchHit): PaperRow {
  return { ...rowFromHit(hit), match: hit.partial ? 'partial' : 'all' };
}

export function rowFromHit(hit: SearchHit): PaperRow {
  return {
    id: hit.id,
    title: hit.title,
    authors: hit.authors,
    year: hit.year,
    venue: hit.venue,
    hasCode: hit.hasCode,
    titleMatched: hit.matched.includes('title'),
  };
}

export function rowFromPaper(paper: Paper): PaperRow {
  const year = paper.published ? Number(paper.published.slice(0, 4)) : undefined;
  return {
    id: paper.id,
    title: paper.title,
    authors: paper.authors,
    year,
    venue: paper.venue,
    hasCode: paper.code.length > 0,
    titleMatched: false,
  };
}

/** "A, B, C et al." */
export function shortAuthors(authors: readonly string[], shown = 3): string {
  if (authors.length <= shown) return authors.join(', ');
  return `${authors.slice(0, shown).join(', ')} et al.`;
}

/** The venue unless it already names the year, then the year: "NeurIPS · 2023", "ICML 2025". */
export function venueAndYear(row: Pick<PaperRow, 'venue' | 'year'>): string {
  const parts: string[] = [];
  if (row.venue) parts.push(row.venue);
  if (row.year && !(row.venue && /\b(?:19|20)\d\d\b/.test(row.venue))) parts.push(String(row.year));
  return parts.join(' · ');
}

/** arXiv's abstract page for a catalog id that is an arXiv id; undefined for title-only papers. */
export function arxivAbsUrl(id: string): string | undefined {
  return ARXIV_ID_RE.test(id) ? `https://arxiv.org/abs/${id}` : undefined;
}
