import type { CodeLink } from '../schema';

/**
 * What every input format is read into before merging: the facts a source knows about one paper.
 * Summary, keywords and related papers are derived later, over the merged catalog.
 */
export interface SourceRecord {
  arxivId?: string;
  doi?: string;
  title: string;
  authors: string[];
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  published?: string;
  venue?: string;
  abstract: string;
  code: CodeLink[];
  /** A record that only adds to a paper known from another source (a code-links file). */
  augmentOnly?: boolean;
}

/** A malformed input entry, reported with where it is and what is wrong with it. */
export interface Issue {
  file: string;
  /** 1-based line number in a line-oriented file. */
  line?: number;
  /** 1-based position in a file holding one JSON array. */
  record?: number;
  reason: string;
}

export function formatIssue(issue: Issue): string {
  const where = issue.line ? `:${issue.line}` : issue.record ? ` record ${issue.record}` : '';
  return `${issue.file}${where}: ${issue.reason}`;
}

/** The result of reading one input: the good records and the problems found on the way. */
export interface ReadResult<T> {
  items: T[];
  issues: Issue[];
}
