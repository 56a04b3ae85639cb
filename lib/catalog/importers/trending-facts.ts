import { findUrls, toCodeLinks } from '../clean';
import { parseFacts, type FactsRow } from '../facts';
import { normalizeTitle } from '../identifiers';
import { parseTrendingDump, type DumpEntry } from '../trending';
import { readLines } from './open-input';
import type { Issue, ReadResult, SourceRecord } from './source';

/**
 * The default catalog source: the trending-papers dump (titles and abstracts) joined by
 * normalized title with the paper-facts TSV (ids, dates, authors, venues, official code).
 */

export async function readTrendingWithFacts(
  dumpPath: string,
  factsPath: string,
): Promise<ReadResult<SourceRecord>> {
  const collect = async (path: string) => {
    const lines: string[] = [];
    for await (const line of readLines(path)) lines.push(line);
    return lines;
  };
  const dump = parseTrendingDump(await collect(dumpPath), dumpPath);
  const facts = parseFacts(await collect(factsPath), factsPath);
  return joinDumpAndFacts(dump, facts, dumpPath, factsPath);
}

/** Pairs each dump entry with its facts row; a title found on one side only is an issue. */
export function joinDumpAndFacts(
  dump: ReadResult<DumpEntry>,
  facts: ReadResult<FactsRow>,
  dumpFile: string,
  factsFile: string,
): ReadResult<SourceRecord> {
  const issues: Issue[] = [...dump.issues, ...facts.issues];
  const rows = new Map<string, FactsRow>();
  for (const row of facts.items) {
    const key = normalizeTitle(row.title);
    const first = rows.get(key);
    if (first) {
      issues.push({ file: factsFile, line: row.line, reason: `duplicate of line ${first.line}` });
    } else rows.set(key, row);
  }
  const items: SourceRecord[] = [];
  const seen = new Map<string, number>();
  for (const entry of dump.items) {
    const key = normalizeTitle(entry.title);
    const previous = seen.get(key);
    if (previous !== undefined) {
      const reason = `duplicate title, first seen on line ${previous}: "${entry.title}"`;
      issues.push({ file: dumpFile, line: entry.line, reason });
      continue;
    }
    seen.set(key, entry.line);
    const row = rows.get(key);
    if (!row) {
      const reason = `title not found in ${factsFile}: "${entry.title}"`;
      issues.push({ file: dumpFile, line: entry.line, reason });
      continue;
    }
    items.push(toRecord(entry, row));
  }
  for (const [key, row] of rows) {
    if (!seen.has(key)) {
      const reason = `title not found in ${dumpFile}: "${row.title}"`;
      issues.push({ file: factsFile, line: row.line, reason });
    }
  }
  issues.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  return { items, issues };
}

function toRecord(entry: DumpEntry, row: FactsRow): SourceRecord {
  // The facts row names the official repository; links in the abstract are the authors' too.
  const official = row.codeUrl ? [row.codeUrl] : [];
  return {
    arxivId: row.arxivId,
    title: entry.title,
    authors: row.authors,
    published: row.published,
    venue: row.venue,
    abstract: entry.abstract,
    code: toCodeLinks([...official, ...findUrls(entry.abstract)], true),
  };
}
