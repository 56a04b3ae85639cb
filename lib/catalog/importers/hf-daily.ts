import { z } from 'zod';
import { cleanAbstract, cleanTitle, findUrls, toCodeLinks } from '../clean';
import { parseArxivId } from '../identifiers';
import { readJsonArray } from './open-input';
import type { Issue, SourceRecord } from './source';

/** Importer for Hugging Face `/api/daily_papers` responses (a JSON array per file). */

const dailySchema = z.object({
  title: z.string().nullish(),
  summary: z.string().nullish(),
  publishedAt: z.string().nullish(),
  paper: z.object({
    id: z.string(),
    title: z.string().nullish(),
    summary: z.string().nullish(),
    publishedAt: z.string().nullish(),
    authors: z.array(z.object({ name: z.string() })).nullish(),
    githubRepo: z.string().nullish(),
    projectPage: z.string().nullish(),
  }),
});

export async function* readHfDaily(
  path: string,
  report: (issue: Issue) => void,
): AsyncGenerator<SourceRecord> {
  for await (const { index, value } of readJsonArray(path)) {
    const record = parseDailyPaper(value);
    if (typeof record === 'string') report({ file: path, record: index + 1, reason: record });
    else yield record;
  }
}

/** The record for one daily-papers entry, or why it is unusable. */
export function parseDailyPaper(value: unknown): SourceRecord | string {
  const parsed = dailySchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return `bad daily-papers entry: ${issue.path.join('.') || 'entry'}: ${issue.message}`;
  }
  const { paper, ...entry } = parsed.data;
  const arxivId = parseArxivId(paper.id);
  if (!arxivId) return `bad arXiv id "${paper.id}"`;
  const title = cleanTitle(paper.title || entry.title || '');
  if (!title) return 'entry has no title';
  const abstract = cleanAbstract(paper.summary || entry.summary || '');
  const date = (paper.publishedAt || entry.publishedAt || '').slice(0, 10);
  return {
    arxivId,
    title,
    authors: (paper.authors ?? []).map((a) => a.name.trim()).filter(Boolean),
    published: /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined,
    abstract,
    // Repository and project page are linked from the paper's page by its authors.
    code: toCodeLinks([paper.githubRepo, paper.projectPage, ...findUrls(abstract)], true),
  };
}
