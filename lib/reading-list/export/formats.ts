/**
 * Every export the manager offers, in menu order: what the menu shows and how the file is named.
 * The writers live in write.ts, which the manager loads only when the user exports, so that
 * citation-js and papaparse never slow the page's first paint.
 */

export type ExportFormatId = 'bibtex' | 'ris' | 'csl-json' | 'markdown' | 'csv' | 'backup';

export interface ExportFormat {
  id: ExportFormatId;
  label: string;
  extension: string;
  mime: string;
  /** The backup always holds the whole list; the other formats export what they are given. */
  wholeList: boolean;
}

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  {
    id: 'bibtex',
    label: 'BibTeX',
    extension: 'bib',
    mime: 'application/x-bibtex',
    wholeList: false,
  },
  {
    id: 'ris',
    label: 'RIS',
    extension: 'ris',
    mime: 'application/x-research-info-systems',
    wholeList: false,
  },
  {
    id: 'csl-json',
    label: 'CSL-JSON',
    extension: 'json',
    mime: 'application/vnd.citationstyles.csl+json',
    wholeList: false,
  },
  { id: 'markdown', label: 'Markdown', extension: 'md', mime: 'text/markdown', wholeList: false },
  { id: 'csv', label: 'CSV (spreadsheet)', extension: 'csv', mime: 'text/csv', wholeList: false },
  {
    id: 'backup',
    label: 'Full backup (JSON)',
    extension: 'json',
    mime: 'application/json',
    wholeList: true,
  },
];

export function exportFormat(id: ExportFormatId): ExportFormat {
  return EXPORT_FORMATS.find((f) => f.id === id)!;
}

/**
 * `paperpeek-reading-list-2026-11-27.bib`, `paperpeek-selection-3-2026-11-27.ris`,
 * `paperpeek-backup-2026-11-27.json`.
 */
export function exportFilename(
  format: ExportFormat,
  count: number,
  selection: boolean,
  now: Date,
): string {
  const date = now.toISOString().slice(0, 10);
  if (format.id === 'backup') return `paperpeek-backup-${date}.json`;
  const what = selection ? `selection-${count}` : 'reading-list';
  const csl = format.id === 'csl-json' ? '.csl' : '';
  return `paperpeek-${what}-${date}${csl}.${format.extension}`;
}
