import { cleanAbstract, cleanTitle } from './clean';
import type { Issue, ReadResult } from './importers/source';

/**
 * Parser for a saved trending-papers page: a few header lines, then for each paper a title line
 * and an abstract line, separated by blank lines. Titles and abstracts are told apart by length,
 * since the dump has no markup; the last abstract may be cut off without a final newline.
 */

export interface DumpEntry {
  /** Line of the title, 1-based. */
  line: number;
  title: string;
  abstract: string;
}

/** Page chrome above the first paper ("new", "Subscribe", "byAK ...", "Mar 13"). */
const HEADER_JUNK = [
  /^new$/i,
  /^get trending papers\b/i,
  /^subscribe$/i,
  /^by\s*AK\b/i,
  /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(?:, \d{4})?$/i,
];

/** No title runs this long; every abstract does, even a cut-off one. */
function isAbstract(line: string): boolean {
  return line.length >= 250 || line.split(/\s+/).length >= 30;
}

export function parseTrendingDump(lines: Iterable<string>, file: string): ReadResult<DumpEntry> {
  const items: DumpEntry[] = [];
  const issues: Issue[] = [];
  let pending: { line: number; title: string } | undefined;
  let lineNo = 0;
  for (const raw of lines) {
    lineNo++;
    const text = raw.trim();
    if (!text) continue;
    if (isAbstract(text)) {
      if (pending) items.push({ ...pending, abstract: cleanAbstract(text) });
      else issues.push({ file, line: lineNo, reason: 'abstract without a title above it' });
      pending = undefined;
      continue;
    }
    if (pending) {
      issues.push({
        file,
        line: pending.line,
        reason: `title without abstract: "${pending.title}"`,
      });
    } else if (
      items.length === 0 &&
      issues.length === 0 &&
      HEADER_JUNK.some((re) => re.test(text))
    ) {
      continue;
    }
    pending = { line: lineNo, title: cleanTitle(text) };
  }
  if (pending) {
    issues.push({
      file,
      line: pending.line,
      reason: `title without abstract at end of file: "${pending.title}"`,
    });
  }
  return { items, issues };
}
