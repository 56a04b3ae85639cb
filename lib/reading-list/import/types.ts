import type { Entry, ReadingStatus, Snapshot, Tombstone } from '../entry';

export type ImportFormat = 'backup' | 'bibtex' | 'csv' | 'zotero-csv';

export const FORMAT_NAMES: Record<ImportFormat, string> = {
  backup: 'PaperPeek backup',
  bibtex: 'BibTeX',
  csv: 'CSV',
  'zotero-csv': 'Zotero CSV',
};

/** A record of the file that could not be imported, and why, in words for the user. */
export interface InvalidRecord {
  /** "line 12", "row 3", "entry 4": where to look in the file. */
  where: string;
  reason: string;
}

/** A paper read from a BibTeX or CSV file, before it is matched to the catalog. */
export interface ImportRecord {
  where: string;
  snapshot: Snapshot;
  /** From our own CSV: the id it was exported under. */
  id?: string;
  status?: ReadingStatus;
  tags: string[];
  note: string;
  addedAt?: string;
  updatedAt?: string;
  readAt?: string | null;
}

export interface ParsedImport {
  format: ImportFormat;
  /** BibTeX and CSV records, still to be matched to the catalog. */
  records: ImportRecord[];
  /** Backup entries: restored as they are, never re-matched. */
  entries: Entry[];
  tombstones: Tombstone[];
  invalid: InvalidRecord[];
  /** CSV columns that hold data the import does not read, as the file names them. */
  ignoredColumns?: string[];
}
