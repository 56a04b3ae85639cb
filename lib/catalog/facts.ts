import { cleanTitle, cleanUrl } from './clean';
import { parseArxivId } from './identifiers';
import type { Issue, ReadResult } from './importers/source';

/**
 * Reader for the paper-facts TSV that goes with the trending dump: one row per paper with the
 * metadata the dump lacks. Every bad row is reported with its line; good rows are kept.
 */

export const FACTS_COLUMNS = ['title', 'arxiv_id', 'first_version', 'authors', 'venue', 'code_url'];

export interface FactsRow {
  line: number;
  title: string;
  arxivId?: string;
  /** `YYYY-MM`, the month of the first arXiv version. */
  published?: string;
  authors: string[];
  venue?: string;
  codeUrl?: string;
}

const MONTH_RE = /^\d{4}-(?:0[1-9]|1[0-2])$/;

export function parseFacts(lines: Iterable<string>, file: string): ReadResult<FactsRow> {
  const items: FactsRow[] = [];
  const issues: Issue[] = [];
  let lineNo = 0;
  for (const raw of lines) {
    lineNo++;
    const line = raw.replace(/\r$/, '');
    if (lineNo === 1) {
      if (line !== FACTS_COLUMNS.join('\t')) {
        const reason = `header must be the tab-separated columns: ${FACTS_COLUMNS.join(', ')}`;
        return { items, issues: [{ file, line: 1, reason }] };
      }
      continue;
    }
    if (!line.trim()) continue;
    const row = parseRow(line.split('\t'), lineNo);
    if (typeof row === 'string') issues.push({ file, line: lineNo, reason: row });
    else items.push(row);
  }
  return { items, issues };
}

/** The row, or why it is unusable. */
function parseRow(cells: string[], line: number): FactsRow | string {
  if (cells.length !== FACTS_COLUMNS.length) {
    return `expected ${FACTS_COLUMNS.length} tab-separated columns, found ${cells.length}`;
  }
  const [title, arxiv, published, authors, venue, code] = cells.map((c) => c.trim()) as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (!title) return 'empty title';
  const arxivId = arxiv ? parseArxivId(arxiv) : undefined;
  if (arxiv && (!arxivId || /^https?:/i.test(arxiv))) return `bad arXiv id "${arxiv}"`;
  if (published && !MONTH_RE.test(published)) {
    return `bad first_version "${published}" (expected YYYY-MM)`;
  }
  const codeUrl = code ? cleanUrl(code) : undefined;
  if (code && !codeUrl) return `bad code_url "${code}"`;
  return {
    line,
    title: cleanTitle(title),
    arxivId,
    published: published || undefined,
    authors: authors
      .split(';')
      .map((a) => a.trim())
      .filter(Boolean),
    venue: venue || undefined,
    codeUrl,
  };
}
