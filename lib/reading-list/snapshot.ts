import { z } from 'zod';
import { parseArxivId, parseDoi, paperId } from '@/lib/catalog/identifiers';
import type { Paper } from '@/lib/catalog/schema';
import { isWebUrl, safeHref } from '@/lib/catalog/web-link';
import { snapshotSchema, type Snapshot } from './entry';
import { idTitle, outsideId, refUrl, type SeenPaper } from './outside-id';

/**
 * Snapshots: what a reading-list entry keeps to show and cite a paper without the catalog. From a
 * catalog record, or from the metadata a page declares about itself (a paper outside the catalog).
 */

const MAX_AUTHORS = 500;

/**
 * What a content script reports about the paper its page shows. It comes from the page, so every
 * field is bounded here and cleaned again by snapshotFromMetadata.
 */
export const pageMetadataSchema = z.object({
  title: z.string().max(5000),
  authors: z.array(z.string().max(1000)).max(5000),
  /** A date or year in any of the forms pages use: `2023/12/01`, `2023-12-01`, `2023`. */
  date: z.string().max(100).optional(),
  venue: z.string().max(1000).optional(),
  arxivId: z.string().max(200).optional(),
  doi: z.string().max(500).optional(),
  url: z.string().max(4000).optional(),
  pdf: z.string().max(4000).optional(),
});
export type PageMetadata = z.infer<typeof pageMetadataSchema>;

function clip(text: string | undefined, max: number): string | undefined {
  const clean = text?.replace(/\s+/g, ' ').trim();
  if (!clean) return undefined;
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** An http(s) address as the URL parser writes it, or undefined for anything else. */
export function webUrl(text: string | undefined): string | undefined {
  if (!text) return undefined;
  try {
    const { href } = new URL(text.trim());
    return isWebUrl(href) ? href : undefined;
  } catch {
    return undefined;
  }
}

function yearOf(date: string | undefined): number | undefined {
  const match = date ? /(?<!\d)(1[5-9]|20)\d{2}(?!\d)/.exec(date) : null;
  return match ? Number(match[0]) : undefined;
}

function boundedDoi(doi: string | undefined): string | undefined {
  return doi && doi.length <= 256 ? doi : undefined;
}

function authorsOf(names: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const name of names) {
    const clean = clip(name, 300);
    if (clean) seen.add(clean);
    if (seen.size === MAX_AUTHORS) break;
  }
  return [...seen];
}

/** Drops undefined fields, so that stored snapshots compare and serialize the same everywhere. */
function compact(snapshot: Snapshot): Snapshot {
  return Object.fromEntries(
    Object.entries(snapshot).filter(([, value]) => value !== undefined),
  ) as Snapshot;
}

function primaryCategory(categories: readonly string[] | undefined): string | undefined {
  const first = categories?.[0]?.trim();
  return first && first.length <= 32 ? first : undefined;
}

export function snapshotFromPaper(paper: Paper): Snapshot {
  return compact({
    title: paper.title,
    authors: authorsOf(paper.authors),
    year: yearOf(paper.published),
    venue: paper.venue,
    arxivId: paper.arxivId,
    doi: paper.doi,
    // The primary arXiv category, for BibTeX `primaryClass`, when the catalog's source gave one.
    primaryClass: paper.arxivId ? primaryCategory(paper.categories) : undefined,
    // A catalog loaded before links were checked may hold others; saving must not fail on them.
    url:
      safeHref(paper.links.abs) ??
      (paper.arxivId ? `https://arxiv.org/abs/${paper.arxivId}` : undefined),
    pdf: safeHref(paper.links.pdf),
    code: safeHref(paper.code[0]?.url),
  });
}

/**
 * A snapshot from a page's own metadata: whitespace collapsed, lengths clipped, identifiers
 * parsed, only http(s) links kept. Throws a readable error when the page names no title.
 */
export function snapshotFromMetadata(meta: PageMetadata): Snapshot {
  const title = clip(meta.title, 1000);
  if (!title) throw new Error('This page does not name a paper title.');
  const snapshot = compact({
    title,
    authors: authorsOf(meta.authors),
    year: yearOf(meta.date),
    venue: clip(meta.venue, 300),
    arxivId: meta.arxivId ? parseArxivId(meta.arxivId) : undefined,
    doi: meta.doi ? boundedDoi(parseDoi(meta.doi)) : undefined,
    url: webUrl(meta.url),
    pdf: webUrl(meta.pdf),
  });
  return snapshotSchema.parse(snapshot);
}

/** The reading-list id for a paper known only by its snapshot: as the catalog would name it. */
export function idForSnapshot(snapshot: Snapshot): string {
  return paperId(snapshot.arxivId, snapshot.title);
}

/**
 * A paper the catalog lacks, as a page shows it (a quiet marker's Save): what the content script
 * read from the page, bounded here. Its identifier is checked by snapshotFromSeen.
 */
export const seenPaperSchema = z.object({
  title: z.string().max(5000),
  authors: z.array(z.string().max(1000)).max(5000),
  arxivId: z.string().max(200).optional(),
  doi: z.string().max(500).optional(),
});

/**
 * The snapshot of a paper saved from what a page shows, and its reading-list id (outside-id.ts).
 * Throws a readable error when the page's identifier is no arXiv id or DOI, or names another id.
 */
export function snapshotFromSeen(seen: SeenPaper, id: string): Snapshot {
  const arxivId = seen.arxivId ? parseArxivId(seen.arxivId) : undefined;
  const doi = !arxivId && seen.doi ? boundedDoi(parseDoi(seen.doi)) : undefined;
  const ref = arxivId ? { arxivId } : { doi };
  if (!arxivId && !doi) throw new Error('This paper has no arXiv id or DOI to save it by.');
  if (outsideId(ref) !== id) throw new Error(`${id} does not name the paper the page shows.`);
  return snapshotSchema.parse(
    compact({
      title: clip(seen.title, 1000) ?? idTitle(ref),
      authors: authorsOf(seen.authors),
      arxivId,
      doi,
      url: refUrl(ref),
    }),
  );
}

/** A paper outside the catalog known only by the identifier a reader pasted (issue 16). */
export type OutsideRef = { arxivId: string } | { doi: string };

/**
 * What saving such a paper stores: the id a quiet marker gives it too (outside-id.ts: the arXiv
 * id, or `doi:` and the DOI), and the snapshot of a page that shows nothing but that identifier
 * (its identifier as the title until a page or a catalog update names the paper, and its page).
 */
export function outsideEntry(ref: OutsideRef): {
  id: string;
  inCatalog: false;
  snapshot: Snapshot;
} {
  const id = outsideId(ref);
  if (!id) throw new Error('A paper outside the catalog needs an arXiv id or a DOI.');
  return {
    id,
    inCatalog: false,
    snapshot: snapshotFromSeen({ title: '', authors: [], ...ref }, id),
  };
}
