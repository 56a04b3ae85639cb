import { escapeBibtex } from '@/lib/content/bibtex';
import type { Entry } from '../entry';
import { entryYear } from '../entry-year';
import { assignCitationKeys } from './citation-key';
import { citedVenue, venueKind } from './venue';

/**
 * BibTeX that both BibTeX and biber read. Written here rather than by citation-js, whose BibTeX
 * output is ASCII-only and silently drops every character it has no LaTeX command for (Chinese,
 * Japanese and Korean names and titles come out empty). This writer keeps text as UTF-8, which
 * biber, pandoc and every current reference manager read, and escapes only LaTeX's specials.
 * arXiv papers carry `eprint`, `archivePrefix` and `primaryClass`, the form arXiv itself exports.
 * The entry type follows the venue (venue.ts): `@inproceedings` with `booktitle`, `@article` with
 * `journal`, or `@misc` for a paper only on arXiv. The reader's note goes in `annote`, which
 * pandoc reads as the CSL `annote`, biber as `annotation`, and Zotero as a note, and which no
 * bibliography style prints (`note` would appear in the reference list).
 */

// Control characters have no meaning in BibTeX and break some readers; they are dropped.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function text(value: string): string {
  return escapeBibtex(value.replace(CONTROL, '')).trim();
}

/** Verbatim fields (url, doi, eprint) are not escaped, so only balanced-safe characters pass. */
function verbatim(value: string): string {
  return value.replace(CONTROL, '').replace(/[{}\\\s]/g, (c) => encodeURIComponent(c));
}

function authorList(authors: readonly string[]): string | undefined {
  if (!authors.length) return undefined;
  // A name that itself contains " and " (a group author) is braced so BibTeX keeps it whole.
  return authors
    .map((name) => (/\sand\s/i.test(name) ? `{${text(name)}}` : text(name)))
    .join(' and ');
}

function fieldsOf(entry: Entry): { type: string; fields: [string, string | undefined][] } {
  const s = entry.snapshot;
  const venue = citedVenue(s.venue);
  const kind = venueKind(s.venue);
  const type = kind === 'conference' ? 'inproceedings' : kind === 'journal' ? 'article' : 'misc';
  const venueField = kind === 'conference' ? 'booktitle' : 'journal';
  return {
    type,
    fields: [
      ['author', authorList(s.authors)],
      // Doubled braces keep the title's capitals: BibTeX styles (and pandoc's BibTeX reader)
      // otherwise lower-case it ("BERT" → "bert").
      ['title', `{${text(s.title)}}`],
      ['year', entryYear(entry)?.toString()],
      [venueField, venue && `{${text(venue)}}`],
      ['doi', s.doi && verbatim(s.doi)],
      ['eprint', s.arxivId && verbatim(s.arxivId)],
      ['archivePrefix', s.arxivId ? 'arXiv' : undefined],
      ['primaryClass', s.arxivId && s.primaryClass ? text(s.primaryClass) : undefined],
      ['url', s.url && verbatim(s.url)],
      ['abstract', s.abstract && text(s.abstract)],
      ['keywords', entry.tags.length ? entry.tags.map(text).join(', ') : undefined],
      ['annote', entry.note.trim() ? text(entry.note) : undefined],
    ],
  };
}

export function toBibtex(entries: readonly Entry[]): string {
  const keys = assignCitationKeys(entries);
  return entries
    .map((entry) => {
      const { type, fields } = fieldsOf(entry);
      const body = fields
        .filter((field): field is [string, string] => Boolean(field[1]))
        .map(([name, value]) => `  ${name} = {${value}},`)
        .join('\n');
      return `@${type}{${keys.get(entry.id)},\n${body}\n}\n`;
    })
    .join('\n');
}
