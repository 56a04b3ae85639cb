import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { cleanAbstract, cleanTitle, findUrls, stripMarkup, toCodeLinks } from '../catalog/clean';
import { parseArxivId } from '../catalog/identifiers';
import { decodeLatexLetters } from '../catalog/latex-accents';
import type { SourceRecord } from '../catalog/importers/source';

/**
 * arXiv's new-submissions feed (`https://rss.arxiv.org/rss/cs.LG+cs.CL`, RSS 2.0 with the 2024
 * fields), read into catalog source records. Pure and DOM-free: the catalog builder reads saved
 * feeds with it, and a service worker (which has no DOMParser) can read a fetched one.
 *
 * Each item: `<guid>oai:arXiv.org:IDvN</guid>`, `<title>`, `<description>` ("arXiv:IDvN Announce
 * Type: TYPE" then "Abstract: ..."), `<dc:creator>` (authors joined by commas), one `<category>`
 * per category, `<arxiv:announce_type>` (new, cross, replace, replace-cross), and optionally
 * `<arxiv:DOI>` and `<arxiv:journal_reference>`.
 */

export const ANNOUNCE_TYPES = ['new', 'cross', 'replace', 'replace-cross'] as const;
export type AnnounceType = (typeof ANNOUNCE_TYPES)[number];

/** A feed item as a catalog record, with what only the feed says. */
export interface RssRecord extends SourceRecord {
  arxivId: string;
  announceType: AnnounceType;
  /** In the feed's order (the first is not guaranteed to be the primary category). */
  categories: string[];
}

export interface RssRead {
  records: RssRecord[];
  /** Items left out, each with its position (1-based) and the reason. */
  issues: string[];
}

/** A feed is one day of listings: far below this. A larger body is refused before parsing. */
export const MAX_FEED_CHARS = 20_000_000;

const text = z.union([z.string(), z.number()]).transform(String);
const itemSchema = z.object({
  title: text,
  description: text.optional(),
  guid: z.union([text, z.object({ '#text': text })]),
  category: z.array(text).optional(),
  'dc:creator': text.optional(),
  'arxiv:announce_type': text.optional(),
  'arxiv:DOI': text.optional(),
  'arxiv:journal_reference': text.optional(),
});
const feedSchema = z.object({
  rss: z.object({ channel: z.object({ item: z.array(z.unknown()).optional() }) }),
});

const parser = new XMLParser({
  ignoreAttributes: true,
  // Every value stays a string: an id like 2401.10010 must not become a number.
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => name === 'item' || name === 'category',
});

const plain = stripMarkup;

/** Reads one feed body. Throws (with the parser's reason) when it is not a whole RSS document. */
export function parseArxivRss(xml: string): RssRead {
  if (xml.length > MAX_FEED_CHARS) {
    throw new Error(`the feed is larger than ${MAX_FEED_CHARS.toLocaleString('en')} characters`);
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new Error(`not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  }
  const feed = feedSchema.safeParse(parser.parse(xml));
  if (!feed.success) throw new Error('not an RSS 2.0 feed (no rss/channel)');
  const records: RssRecord[] = [];
  const issues: string[] = [];
  const seen = new Set<string>();
  (feed.data.rss.channel.item ?? []).forEach((value, i) => {
    const record = readItem(value);
    if (typeof record === 'string') issues.push(`item ${i + 1}: ${record}`);
    else if (seen.has(record.arxivId))
      issues.push(`item ${i + 1}: ${record.arxivId} is listed twice`);
    else {
      seen.add(record.arxivId);
      records.push(record);
    }
  });
  return { records, issues };
}

function readItem(value: unknown): RssRecord | string {
  const parsed = itemSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return `${issue.path.join('.') || 'item'}: ${issue.message}`;
  }
  const item = parsed.data;
  const guid = typeof item.guid === 'string' ? item.guid : item.guid['#text'];
  const arxivId = parseArxivId(guid.replace(/^oai:arXiv\.org:/i, ''));
  if (!arxivId) return `"${guid.slice(0, 80)}" is not an arXiv id`;
  const title = cleanTitle(decodeLatexLetters(plain(item.title)));
  if (!title) return `${arxivId} has no title`;
  const description = item.description ?? '';
  const type = item['arxiv:announce_type'] ?? /Announce Type:\s*([\w-]+)/.exec(description)?.[1];
  const announceType = ANNOUNCE_TYPES.find((known) => known === type?.trim());
  if (!announceType) return `${arxivId} has no known announce type ("${type ?? ''}")`;
  const abstract = cleanAbstract(plain(description.replace(/^[\s\S]*?Abstract:\s*/, '')));
  const doi = item['arxiv:DOI']?.trim();
  const venue = plain(item['arxiv:journal_reference'] ?? '').trim();
  return {
    arxivId,
    title,
    authors: decodeLatexLetters(plain(item['dc:creator'] ?? ''))
      .split(',')
      .map((name) => name.replace(/\s+/g, ' ').trim())
      .filter(Boolean),
    ...(monthOf(arxivId) && { published: monthOf(arxivId) }),
    abstract,
    ...(doi && /^10\.\d{4,9}\/\S+$/.test(doi) ? { doi } : {}),
    ...(venue ? { venue } : {}),
    code: toCodeLinks(findUrls(abstract), true),
    announceType,
    categories: (item.category ?? []).map((c) => c.trim()).filter(Boolean),
  };
}

/**
 * `YYYY-MM` of the first version, which an arXiv id spells (`2306.11644`, `cs/0112017`): the
 * feed's own dates are announcement days, of a replacement too.
 */
function monthOf(arxivId: string): string | undefined {
  const yymm = /^(?:[a-z-]+(?:\.[A-Z]{2})?\/)?(\d{2})(\d{2})/.exec(arxivId);
  if (!yymm) return undefined;
  const year = Number(yymm[1]) + (Number(yymm[1]) >= 91 ? 1900 : 2000);
  return Number(yymm[2]) >= 1 && Number(yymm[2]) <= 12 ? `${year}-${yymm[2]}` : undefined;
}
