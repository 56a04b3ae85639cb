import { z } from 'zod';
import { toPaper } from '../catalog/importers/to-papers';
import { paperSchema, type Paper } from '../catalog/schema';
import { parseArxivRss, MAX_FEED_CHARS, type RssRecord } from './arxiv-rss';
import { DAY_RE } from './days';
import { arxivCategorySchema, type FeedList } from './sources';

/**
 * arXiv's new submissions for the user's categories: one RSS feed for all of them
 * (`https://rss.arxiv.org/rss/cs.CL+cs.LG`), fetched once a day with the validators of the last
 * answer (a 304 costs arXiv nothing). Every item becomes a paper (a replacement or a cross-list
 * updates one the catalog may know; the upsert merges); the `new` ones are the popup's "New in
 * your categories".
 */

export const ARXIV_HOST = 'rss.arxiv.org';
/** Bytes: UTF-8 takes at least one byte per UTF-16 unit, so a body within it is within the parser's cap. */
export const ARXIV_MAX_BYTES = MAX_FEED_CHARS;
const LIST_MAX = 500;
const MAX_CATEGORIES = 50;

/** The feed URL of a set of categories: sorted, so the same set is always the same feed. */
export function arxivFeedUrl(categories: readonly string[]): string {
  if (categories.length === 0) throw new Error('Pick at least one arXiv category.');
  const distinct = [...new Set(categories.map((c) => c.trim()))].sort();
  if (distinct.length > MAX_CATEGORIES) {
    throw new Error(
      `At most ${MAX_CATEGORIES} arXiv categories fit one feed (${distinct.length} given).`,
    );
  }
  const bad = distinct.filter((c) => !arxivCategorySchema.safeParse(c).success);
  if (bad.length > 0) {
    throw new Error(`Not an arXiv category: ${bad.map((c) => `"${c.slice(0, 40)}"`).join(', ')}.`);
  }
  return `https://${ARXIV_HOST}/rss/${distinct.join('+')}`;
}

/** What the last answer said, to ask the next time whether anything changed. */
export const arxivCursorSchema = z.object({
  v: z.literal(1),
  /** The feed it was (a new set of categories is a new feed, asked whole). */
  url: z.string().max(4096),
  /** The New York day it was fetched on. */
  day: z.string().regex(DAY_RE),
  at: z.string().max(40),
  etag: z.string().max(1000).optional(),
  lastModified: z.string().max(100).optional(),
});
export type ArxivCursor = z.infer<typeof arxivCursorSchema>;

export type ArxivFeed = {
  papers: Paper[];
  /** The `new` items, or null for an empty feed (Saturday, Sunday: keep the last list). */
  newList: FeedList | null;
  issues: string[];
};

/** One fetched feed as papers. Throws (saying why) when the body is not an arXiv RSS feed. */
export function readArxivFeed(xml: string, at: string): ArxivFeed {
  const { records, issues } = parseArxivRss(xml);
  const papers: Paper[] = [];
  const fresh: FeedList['items'] = [];
  for (const record of records) {
    const paper = paperSchema.safeParse(rssPaper(record, at));
    if (!paper.success) {
      const issue = paper.error.issues[0]!;
      issues.push(`${record.arxivId}: ${issue.path.join('.')}: ${issue.message}`);
      continue;
    }
    papers.push(paper.data);
    if (record.announceType === 'new' && fresh.length < LIST_MAX) fresh.push({ id: paper.data.id });
  }
  return { papers, newList: records.length > 0 ? { at, items: fresh } : null, issues };
}

/** A feed item as a catalog paper, with its categories and where it came from. */
export function rssPaper(record: RssRecord, at: string): Paper {
  const categories = [...new Set(record.categories)]
    .filter((c) => arxivCategorySchema.safeParse(c).success)
    .slice(0, 20);
  return {
    ...toPaper(record),
    ...(categories.length > 0 && { categories }),
    origin: [{ source: 'arxiv', at }],
    updatedAt: at,
  };
}
