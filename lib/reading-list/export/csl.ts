import type { CslItem, CslName } from '@citation-js/core';
import type { Entry } from '../entry';
import { entryYear } from '../entry-year';
import { citedVenue, venueKind } from './venue';

/**
 * An entry as a CSL-JSON item, the exchange form citation-js converts to RIS and that Zotero,
 * Mendeley and pandoc read. Preprints follow Zotero's CSL for arXiv papers: type `article`,
 * publisher `arXiv`, number `arXiv:<id>`. The reader's note is the item's `note`, which
 * citation-js writes to RIS as `N1`.
 */

const CSL_TYPES = {
  conference: 'paper-conference',
  journal: 'article-journal',
  preprint: 'article',
} as const;

/** "Given Family" → {given, family}; "Family, Given" as reference managers write it, too. */
export function cslName(author: string): CslName {
  const name = author.trim();
  const comma = name.indexOf(',');
  if (comma > 0)
    return { family: name.slice(0, comma).trim(), given: name.slice(comma + 1).trim() };
  const words = name.split(/\s+/);
  // One word, or a name with no Latin-style split (a group, a CJK name), stays whole.
  if (words.length < 2) return { literal: name };
  return { family: words.at(-1)!, given: words.slice(0, -1).join(' ') };
}

export function toCslItem(entry: Entry, key: string): CslItem {
  const s = entry.snapshot;
  const venue = citedVenue(s.venue);
  const item: CslItem = {
    id: key,
    'citation-key': key,
    type: CSL_TYPES[venueKind(s.venue)],
    title: s.title,
    author: s.authors.map(cslName),
  };
  const year = entryYear(entry);
  if (year) item.issued = { 'date-parts': [[year]] };
  if (venue) item['container-title'] = venue;
  if (s.arxivId && !venue) {
    item.publisher = 'arXiv';
    item.number = `arXiv:${s.arxivId}`;
  }
  if (s.abstract) item.abstract = s.abstract;
  if (s.doi) item.DOI = s.doi;
  if (s.url) item.URL = s.url;
  if (entry.tags.length) item.keyword = entry.tags.join(', ');
  if (entry.note.trim()) item.note = entry.note.trim();
  return item;
}
