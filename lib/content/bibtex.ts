import type { Paper } from '../catalog/schema';
import { citedVenue, venueKind } from '../reading-list/export/venue';
import { absUrl } from './format';

/**
 * A BibTeX entry for a catalog paper (the card's Copy BibTeX), typed by its venue as the reading
 * list's exports are (export/venue.ts): `@inproceedings` with `booktitle` for a conference,
 * `@article` with `journal` for a journal, `@misc` for an arXiv preprint; arXiv's eprint fields
 * on each, which biber and BibTeX both accept. Field values are brace-delimited, so LaTeX
 * specials are escaped and braces are always balanced, whatever a title contains.
 */

const ENTRY = { conference: 'inproceedings', journal: 'article', preprint: 'misc' } as const;
const VENUE_FIELD = { conference: 'booktitle', journal: 'journal', preprint: null } as const;

const LATEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

export function escapeBibtex(value: string): string {
  return value.replace(/[\\{}&%$#_~^]/g, (char) => LATEX_SPECIALS[char]!).replace(/\s+/g, ' ');
}

/** `smith2023mamba`: first author's family name, year, first title word; ASCII only. */
export function citationKey(paper: Pick<Paper, 'authors' | 'published' | 'title' | 'id'>): string {
  const ascii = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]/g, '')
      .toLowerCase();
  const family = ascii(paper.authors[0]?.trim().split(/\s+/).at(-1) ?? '');
  const word = ascii(paper.title.split(/\s+/).find((w) => ascii(w).length > 3) ?? '');
  const key = `${family}${paper.published?.slice(0, 4) ?? ''}${word}`;
  return key || ascii(paper.id) || 'paper';
}

export function toBibtex(paper: Paper): string {
  const kind = venueKind(paper.venue);
  const venueField = VENUE_FIELD[kind];
  const fields: [string, string | undefined][] = [
    ['title', paper.title],
    ['author', paper.authors.length ? paper.authors.join(' and ') : undefined],
    ...(venueField ? [[venueField, citedVenue(paper.venue)] as [string, string | undefined]] : []),
    ['year', paper.published?.slice(0, 4)],
    ['eprint', paper.arxivId],
    ['archivePrefix', paper.arxivId ? 'arXiv' : undefined],
    ['primaryClass', paper.arxivId ? paper.categories?.[0] : undefined],
    ['doi', paper.doi],
    ['url', absUrl(paper)],
  ];
  const body = fields
    .filter((field): field is [string, string] => Boolean(field[1]))
    .map(([name, value]) => `  ${name} = {${escapeBibtex(value)}},`)
    .join('\n');
  return `@${ENTRY[kind]}{${citationKey(paper)},\n${body}\n}\n`;
}
