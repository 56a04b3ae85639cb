import Papa from 'papaparse';
import type { Entry } from '../entry';

/**
 * One row per entry with every field a spreadsheet user wants; the CSV import reads these same
 * columns back. Lists are joined with "; ". Cells that a spreadsheet would run as a formula
 * (starting with = + - @) are prefixed with an apostrophe, which the import strips again.
 */

export const CSV_COLUMNS = [
  'id',
  'title',
  'authors',
  'year',
  'venue',
  'arxiv_id',
  'doi',
  'primary_class',
  'url',
  'pdf',
  'code',
  'status',
  'tags',
  'note',
  'added_at',
  'updated_at',
  'read_at',
  'abstract',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export const LIST_SEPARATOR = '; ';

export function toCsvRow(entry: Entry): Record<CsvColumn, string> {
  const s = entry.snapshot;
  return {
    id: entry.id,
    title: s.title,
    authors: s.authors.join(LIST_SEPARATOR),
    year: s.year?.toString() ?? '',
    venue: s.venue ?? '',
    arxiv_id: s.arxivId ?? '',
    doi: s.doi ?? '',
    primary_class: s.primaryClass ?? '',
    url: s.url ?? '',
    pdf: s.pdf ?? '',
    code: s.code ?? '',
    status: entry.status,
    tags: entry.tags.join(LIST_SEPARATOR),
    note: entry.note,
    added_at: entry.addedAt,
    updated_at: entry.updatedAt,
    read_at: entry.readAt ?? '',
    abstract: s.abstract ?? '',
  };
}

export function toCsv(entries: readonly Entry[]): string {
  return `${Papa.unparse(entries.map(toCsvRow), {
    columns: [...CSV_COLUMNS],
    escapeFormulae: true,
    newline: '\r\n',
  })}\r\n`;
}
