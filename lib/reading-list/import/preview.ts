import type { UserDb } from '../db';
import type { Entry } from '../entry';
import { parseBackup } from './backup-file';
import { parseBibtexFile } from './bibtex-file';
import type { CatalogMatcher } from './catalog-match';
import { parseCsvFile } from './csv-file';
import { ImportFileError, checkImportSize, decodeImportBytes } from './decode';
import { incomingEntries, planChanges, type Change, type IncomingEntry } from './plan';
import type { ImportFormat, InvalidRecord, ParsedImport } from './types';

/**
 * Reads a file and works out what importing it would do, without writing anything: the counts
 * and the invalid records the user sees before confirming.
 */

export interface ImportCounts {
  new: number;
  updated: number;
  unchanged: number;
  /** Of the new and updated, those saved with the file's own snapshot (not in the catalog). */
  unmatched: number;
  invalid: number;
}

export interface ImportPreview {
  fileName: string;
  format: ImportFormat;
  incoming: IncomingEntry[];
  tombstones: ParsedImport['tombstones'];
  changes: Change[];
  counts: ImportCounts;
  invalid: InvalidRecord[];
  /** Columns of a CSV file whose data is not imported, for the preview to name. */
  ignoredColumns: string[];
}

export function detectFormat(fileName: string, text: string): ImportFormat {
  const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'bib' || extension === 'bibtex') return 'bibtex';
  if (extension === 'csv') return 'csv';
  if (extension === 'json') return 'backup';
  const start = text.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return 'backup';
  if (start.startsWith('@') || start.startsWith('%')) return 'bibtex';
  if (/^[^\n]*\btitle\b[^\n]*,/i.test(start)) return 'csv';
  throw new ImportFileError(
    'PaperPeek cannot tell what kind of file this is. Import a PaperPeek backup (.json), BibTeX (.bib) or CSV (.csv).',
  );
}

export async function parseImport(fileName: string, text: string): Promise<ParsedImport> {
  const format = detectFormat(fileName, text);
  if (format === 'backup') {
    if (text.trimStart().startsWith('[')) {
      throw new ImportFileError(
        'This looks like CSL-JSON, which PaperPeek exports but does not import. Import BibTeX, CSV or a PaperPeek backup.',
      );
    }
    return parseBackup(text);
  }
  return format === 'bibtex' ? parseBibtexFile(text) : parseCsvFile(text);
}

export function countChanges(changes: readonly Change[], invalid: number): ImportCounts {
  const counts: ImportCounts = { new: 0, updated: 0, unchanged: 0, unmatched: 0, invalid };
  for (const change of changes) {
    counts[change.kind]++;
    if (change.kind !== 'unchanged' && change.incoming.unmatched) counts.unmatched++;
  }
  return counts;
}

export async function savedEntries(
  db: UserDb,
  ids: readonly string[],
): Promise<Map<string, Entry>> {
  const found = await db.entries.bulkGet([...ids]);
  return new Map(found.flatMap((entry) => (entry ? [[entry.id, entry] as const] : [])));
}

export async function previewImport(
  db: UserDb,
  file: { name: string; text: string },
  match: CatalogMatcher,
  now = new Date(),
): Promise<ImportPreview> {
  const parsed = await parseImport(file.name, file.text);
  const matches = parsed.records.length ? await match(parsed.records.map((r) => r.snapshot)) : [];
  const incoming = incomingEntries(parsed, matches, now);
  const changes = planChanges(
    incoming,
    await savedEntries(
      db,
      incoming.map((i) => i.entry.id),
    ),
  );
  return {
    fileName: file.name,
    format: parsed.format,
    incoming,
    tombstones: parsed.tombstones,
    changes,
    counts: countChanges(changes, parsed.invalid.length),
    invalid: parsed.invalid,
    ignoredColumns: parsed.ignoredColumns ?? [],
  };
}

/** The bytes of a picked file, refused before reading when too big, decoded and checked. */
export async function readImportFile(
  file: Blob & { name: string },
): Promise<{ name: string; text: string }> {
  checkImportSize(file.size);
  return { name: file.name, text: decodeImportBytes(new Uint8Array(await file.arrayBuffer())) };
}
