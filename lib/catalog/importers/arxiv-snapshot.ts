import { z } from 'zod';
import { cleanAbstract, cleanTitle, findUrls, toCodeLinks } from '../clean';
import { parseArxivId, parseDoi } from '../identifiers';
import { readLines } from './open-input';
import type { Issue, SourceRecord } from './source';

/**
 * Importer for arXiv's metadata snapshot: one JSON object per line, several gigabytes in all,
 * so it is read line by line. Titles and abstracts there are hard-wrapped with double spaces.
 */

const snapshotSchema = z.object({
  id: z.string(),
  title: z.string().min(1),
  abstract: z.string(),
  authors: z.string().nullish(),
  doi: z.string().nullish(),
  'journal-ref': z.string().nullish(),
  versions: z.array(z.object({ version: z.string(), created: z.string() })).nullish(),
  authors_parsed: z.array(z.array(z.string())).nullish(),
});

export async function* readArxivSnapshot(
  path: string,
  report: (issue: Issue) => void,
): AsyncGenerator<SourceRecord> {
  let line = 0;
  for await (const text of readLines(path)) {
    line++;
    if (!text.trim()) continue;
    const record = parseSnapshotLine(text);
    if (typeof record === 'string') report({ file: path, line, reason: record });
    else yield record;
  }
}

/** The record on one snapshot line, or why it is unusable. */
export function parseSnapshotLine(text: string): SourceRecord | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'not valid JSON';
  }
  const parsed = snapshotSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return `bad snapshot record: ${issue.path.join('.') || 'record'}: ${issue.message}`;
  }
  const raw = parsed.data;
  const arxivId = parseArxivId(raw.id);
  if (!arxivId) return `bad arXiv id "${raw.id}"`;
  const abstract = cleanAbstract(raw.abstract);
  return {
    arxivId,
    doi: raw.doi ? parseDoi(raw.doi.split(/\s+/)[0]!) : undefined,
    title: cleanTitle(raw.title),
    authors: raw.authors_parsed?.length ? fromParsed(raw.authors_parsed) : split(raw.authors),
    published: firstVersionDate(raw.versions ?? []),
    venue: raw['journal-ref']?.replace(/\s+/g, ' ').trim().slice(0, 300) || undefined,
    abstract,
    code: toCodeLinks(findUrls(abstract), true),
  };
}

/** `[last, first, suffix]` to "First Last Suffix". */
function fromParsed(parsed: string[][]): string[] {
  return parsed
    .map(([last = '', first = '', suffix = '']) => [first, last, suffix].join(' '))
    .map((name) => name.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

function split(authors: string | null | undefined): string[] {
  return (authors ?? '')
    .replace(/\s+/g, ' ')
    .split(/,\s*|\s+and\s+/)
    .map((a) => a.trim())
    .filter(Boolean);
}

/** `YYYY-MM-DD` (UTC) of v1's RFC 2822 `created` date. */
function firstVersionDate(versions: { version: string; created: string }[]): string | undefined {
  const v1 = versions.find((v) => v.version === 'v1') ?? versions[0];
  const date = v1 ? new Date(v1.created) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 10) : undefined;
}
