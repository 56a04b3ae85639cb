import { arxivIdFromDoi, parseArxivId, parseDoi } from '@/lib/catalog/identifiers';
import { displayName } from '../author-name';
import { snapshotSchema, type Snapshot } from '../entry';
import { isPreprintVenue } from '../export/venue';
import { webUrl } from '../snapshot';
import { MAX_TAG_LENGTH, MAX_TAGS, uniqueTags } from '../tags';
import type { ImportRecord } from './types';

/**
 * Reads a row of Zotero's CSV export (translator CSV.js: 87 columns, `Key, Item Type, Publication
 * Year, Author, Title, …`, lists joined with "; ", authors as "Family, Given", notes as HTML).
 * A row as Zotero writes it is never refused: what does not fit is clipped or left out (a
 * `zotero://` link, an over-long tag), and a row without a title takes its short title or key.
 */

type Row = Record<string, string | undefined>;

/** The columns read here, by their lower-cased header; every other column is listed as ignored. */
export const ZOTERO_READ_COLUMNS = [
  'key',
  'item type',
  'publication year',
  'author',
  'title',
  'short title',
  'publication title',
  'conference name',
  'proceedings title',
  'doi',
  'url',
  'abstract note',
  'date',
  'date added',
  'extra',
  'number',
  'notes',
  'manual tags',
  'automatic tags',
] as const;

/** Zotero's header, lower-cased: it has a Key and an Item Type column, ours has neither. */
export function isZoteroCsv(columns: readonly string[]): boolean {
  return columns.includes('key') && columns.includes('item type') && columns.includes('title');
}

const ARXIV_IN_TEXT =
  /arxiv[:\s]*(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?\/\d{7}(?:v\d+)?)/i;

const cell = (row: Row, column: string) => row[column]?.trim() || undefined;

function clip(text: string | undefined, max: number): string | undefined {
  const clean = text?.replace(/\s+/g, ' ').trim();
  if (!clean) return undefined;
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

function list(text: string | undefined): string[] {
  return (text ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Zotero's notes are HTML (`<p>…</p>`), several joined by "; ": as plain text, paragraphs kept. */
export function noteText(html: string | undefined): string {
  if (!html) return '';
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(?:p|div|h\d|li|blockquote)>\s*/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, 100_000);
}

function arxivIdOf(row: Row, doi: string | undefined): string | undefined {
  const fromDoi = doi ? arxivIdFromDoi(doi) : undefined;
  if (fromDoi) return fromDoi;
  for (const text of [cell(row, 'extra'), cell(row, 'number'), cell(row, 'publication title')]) {
    const match = text ? ARXIV_IN_TEXT.exec(text) : null;
    const id = match ? parseArxivId(match[1]!) : undefined;
    if (id) return id;
  }
  const url = cell(row, 'url');
  return url && /arxiv\.org\//i.test(url) ? parseArxivId(url) : undefined;
}

function yearOf(row: Row): number | undefined {
  const text = cell(row, 'publication year') ?? cell(row, 'date');
  const match = text ? /(?<!\d)(1[5-9]|20)\d{2}(?!\d)/.exec(text) : null;
  return match ? Number(match[0]) : undefined;
}

/** "2024-03-14 10:22:01" (UTC, as Zotero writes Date Added) as an ISO timestamp. */
function addedAt(row: Row): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(cell(row, 'date added') ?? '');
  if (!match) return undefined;
  const date = new Date(`${match[1]}T${match[2]}.000Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function venueOf(row: Row): string | undefined {
  const venue =
    cell(row, 'publication title') ??
    cell(row, 'proceedings title') ??
    cell(row, 'conference name');
  if (!venue || isPreprintVenue(venue) || ARXIV_IN_TEXT.test(venue)) return undefined;
  return clip(venue, 300);
}

function compact(snapshot: Snapshot): Snapshot {
  return Object.fromEntries(
    Object.entries(snapshot).filter(([, value]) => value !== undefined),
  ) as Snapshot;
}

/**
 * The snapshot within the schema's bounds. Text was clipped above; what can still fail is an
 * identifier or link the schema refuses (a URL too long to store), and those are left out rather
 * than the row.
 */
function bounded(snapshot: Snapshot): Snapshot {
  const whole = snapshotSchema.safeParse(snapshot);
  if (whole.success) return whole.data;
  const { url: _url, doi: _doi, arxivId: _arxivId, ...rest } = snapshot;
  const plain = snapshotSchema.safeParse(rest);
  return plain.success ? plain.data : { title: snapshot.title.slice(0, 1000), authors: [] };
}

export function zoteroRecord(row: Row, where: string): ImportRecord {
  const rawDoi = cell(row, 'doi');
  const doi = rawDoi ? parseDoi(rawDoi) : undefined;
  const arxivId = arxivIdOf(row, doi);
  const url = webUrl(cell(row, 'url'));
  const authors = [
    ...new Set(list(cell(row, 'author')).flatMap((name) => clip(displayName(name), 300) ?? [])),
  ].slice(0, 500);
  const snapshot = compact({
    title:
      clip(cell(row, 'title'), 1000) ??
      clip(cell(row, 'short title'), 1000) ??
      `Untitled Zotero item ${cell(row, 'key') ?? where}`,
    authors,
    year: yearOf(row),
    venue: venueOf(row),
    arxivId: arxivId && arxivId.length <= 64 ? arxivId : undefined,
    doi: doi && doi.length <= 256 ? doi : undefined,
    abstract: clip(cell(row, 'abstract note'), 5000),
    url: url ?? (arxivId ? `https://arxiv.org/abs/${arxivId}` : undefined),
  });
  const tags = uniqueTags([...list(row['manual tags']), ...list(row['automatic tags'])])
    .filter((tag) => tag.length <= MAX_TAG_LENGTH)
    .slice(0, MAX_TAGS);
  return {
    where,
    snapshot: bounded(snapshot),
    tags,
    note: noteText(row.notes),
    addedAt: addedAt(row),
  };
}
