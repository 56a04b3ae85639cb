import Papa from 'papaparse';
import { z } from 'zod';
import { readingStatusSchema, snapshotSchema, type Snapshot } from '../entry';
import { CSV_COLUMNS, type CsvColumn } from '../export/csv';
import { normalizeTags } from '../tags';
import { ImportFileError } from './decode';
import { firstIssue } from './issues';
import type { ImportRecord, ParsedImport } from './types';
import { isZoteroCsv, ZOTERO_READ_COLUMNS, zoteroRecord } from './zotero-csv';

/**
 * Reads CSV with the columns our export writes (only `title` is required), or Zotero's CSV export
 * (zotero-csv.ts). Columns the import does not read are named in the preview when they hold data.
 * Rows are numbered as a spreadsheet shows them: the header is row 1.
 */

const optional = (text: string | undefined) => (text?.trim() ? text.trim() : undefined);
const list = (text: string | undefined) =>
  (text ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean);

/** Undoes the export's formula guard: `'=SUM(...)` was `=SUM(...)`. */
function cell(row: Record<string, string | undefined>, column: CsvColumn): string | undefined {
  const value = row[column];
  return value && /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

const rowSchema = z.object({
  id: z.string().min(1).max(64).optional(),
  snapshot: snapshotSchema,
  status: readingStatusSchema.optional(),
  tags: z.array(z.string()),
  note: z.string().max(100_000),
  addedAt: z.iso.datetime().optional(),
  updatedAt: z.iso.datetime().optional(),
  readAt: z.iso.datetime().optional(),
});

function toRecord(row: Record<string, string | undefined>, where: string): ImportRecord | string {
  const get = (column: CsvColumn) => cell(row, column);
  const year = optional(get('year'));
  const snapshot: Snapshot = Object.fromEntries(
    Object.entries({
      title: get('title')?.trim() ?? '',
      authors: list(get('authors')),
      year: year === undefined ? undefined : /^\d+$/.test(year) ? Number(year) : NaN,
      venue: optional(get('venue')),
      arxivId: optional(get('arxiv_id')),
      doi: optional(get('doi')),
      primaryClass: optional(get('primary_class')),
      url: optional(get('url')),
      pdf: optional(get('pdf')),
      code: optional(get('code')),
      abstract: optional(get('abstract')),
    }).filter(([, value]) => value !== undefined),
  ) as Snapshot;
  let tags: string[];
  try {
    tags = normalizeTags(list(get('tags')));
  } catch (error) {
    return `tags: ${(error as Error).message}`;
  }
  const parsed = rowSchema.safeParse({
    id: optional(get('id')),
    snapshot,
    status: optional(get('status')),
    tags,
    note: get('note') ?? '',
    addedAt: optional(get('added_at')),
    updatedAt: optional(get('updated_at')),
    readAt: optional(get('read_at')),
  });
  if (!parsed.success) return firstIssue(parsed.error).replace(/^snapshot\./, '');
  return { where, ...parsed.data };
}

/** Columns outside `read` that hold a value in some row, by the names the file gives them. */
function ignoredColumns(
  columns: readonly string[],
  read: readonly string[],
  rows: readonly Record<string, string | undefined>[],
  names: ReadonlyMap<string, string>,
): string[] {
  return columns
    .filter((column) => !read.includes(column) && rows.some((row) => row[column]?.trim()))
    .map((column) => names.get(column) ?? column);
}

export function parseCsvFile(text: string): ParsedImport {
  const names = new Map<string, string>();
  const parsed = Papa.parse<Record<string, string | undefined>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => {
      const key = header.trim().toLowerCase();
      names.set(key, header.trim());
      return key;
    },
  });
  const columns = parsed.meta.fields ?? [];
  const zotero = isZoteroCsv(columns);
  if (!columns.includes('title')) {
    throw new ImportFileError(
      `The CSV has no "title" column. PaperPeek reads the columns it exports: ${CSV_COLUMNS.join(', ')}.`,
    );
  }
  const result: ParsedImport = {
    format: zotero ? 'zotero-csv' : 'csv',
    records: [],
    entries: [],
    tombstones: [],
    invalid: [],
    ignoredColumns: ignoredColumns(
      columns,
      zotero ? ZOTERO_READ_COLUMNS : CSV_COLUMNS,
      parsed.data,
      names,
    ),
  };
  const broken = new Map<number, string>();
  for (const error of parsed.errors) {
    if (error.row !== undefined && !broken.has(error.row)) broken.set(error.row, error.message);
  }
  parsed.data.forEach((row, i) => {
    const where = `row ${i + 2}`;
    const problem = broken.get(i);
    if (problem) {
      result.invalid.push({ where, reason: problem });
      return;
    }
    const record = zotero ? zoteroRecord(row, where) : toRecord(row, where);
    if (typeof record === 'string') result.invalid.push({ where, reason: record });
    else result.records.push(record);
  });
  return result;
}
