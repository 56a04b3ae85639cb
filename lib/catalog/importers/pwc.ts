import { z } from 'zod';
import { cleanAbstract, cleanTitle, findUrls, toCodeLinks } from '../clean';
import { parseArxivId } from '../identifiers';
import { readJsonArray } from './open-input';
import type { Issue, SourceRecord } from './source';

/**
 * Importers for the Papers with Code archives: the papers file (metadata and abstracts) and the
 * links file (repositories per paper). Links only add code to papers known from some source.
 */

const paperSchema = z.object({
  title: z.string().min(1),
  abstract: z.string().nullish(),
  arxiv_id: z.string().nullish(),
  authors: z.array(z.string()).nullish(),
  date: z.string().nullish(),
  proceeding: z.string().nullish(),
});

const linkSchema = z.object({
  paper_title: z.string().min(1),
  paper_arxiv_id: z.string().nullish(),
  repo_url: z.string().min(1),
  is_official: z.boolean().nullish(),
});

function problem(error: z.ZodError, what: string): string {
  const issue = error.issues[0]!;
  return `bad ${what}: ${issue.path.join('.') || 'record'}: ${issue.message}`;
}

/** An arXiv id field: absent is fine, present but malformed is not. */
function arxivField(raw: string | null | undefined): { id?: string } | string {
  if (!raw) return {};
  const id = parseArxivId(raw);
  return id ? { id } : `bad arXiv id "${raw}"`;
}

export function parsePwcPaper(value: unknown): SourceRecord | string {
  const parsed = paperSchema.safeParse(value);
  if (!parsed.success) return problem(parsed.error, 'Papers with Code paper');
  const raw = parsed.data;
  const arxiv = arxivField(raw.arxiv_id);
  if (typeof arxiv === 'string') return arxiv;
  const abstract = cleanAbstract(raw.abstract ?? '');
  return {
    arxivId: arxiv.id,
    title: cleanTitle(raw.title),
    authors: (raw.authors ?? []).map((a) => a.trim()).filter(Boolean),
    published: raw.date && /^\d{4}-\d{2}-\d{2}$/.test(raw.date) ? raw.date : undefined,
    venue: raw.proceeding?.trim() || undefined,
    abstract,
    code: toCodeLinks(findUrls(abstract), true),
  };
}

export function parsePwcLink(value: unknown): SourceRecord | string {
  const parsed = linkSchema.safeParse(value);
  if (!parsed.success) return problem(parsed.error, 'Papers with Code link');
  const raw = parsed.data;
  const arxiv = arxivField(raw.paper_arxiv_id);
  if (typeof arxiv === 'string') return arxiv;
  const code = toCodeLinks([raw.repo_url], raw.is_official === true);
  if (code.length === 0) return `repo_url is not a code link: "${raw.repo_url}"`;
  return {
    arxivId: arxiv.id,
    title: cleanTitle(raw.paper_title),
    authors: [],
    abstract: '',
    code,
    augmentOnly: true,
  };
}

async function* readArray(
  path: string,
  parse: (value: unknown) => SourceRecord | string,
  report: (issue: Issue) => void,
): AsyncGenerator<SourceRecord> {
  for await (const { index, value } of readJsonArray(path)) {
    const record = parse(value);
    if (typeof record === 'string') report({ file: path, record: index + 1, reason: record });
    else yield record;
  }
}

export const readPwcPapers = (path: string, report: (issue: Issue) => void) =>
  readArray(path, parsePwcPaper, report);

export const readPwcLinks = (path: string, report: (issue: Issue) => void) =>
  readArray(path, parsePwcLink, report);
