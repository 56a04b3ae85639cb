import { z } from 'zod';
import { cleanAbstract, cleanTitle, findUrls, stripMarkup, toCodeLinks } from '../clean';
import { parseArxivId } from '../identifiers';
import type { SourceRecord } from './source';

/**
 * One entry of Hugging Face's `/api/daily_papers` (a JSON array), shared by the catalog builder
 * (hf-daily.ts reads files of them) and the extension's feed (lib/feeds/hf.ts). Fields are often
 * missing (about half the items have `githubRepo`, a third `ai_summary`): whatever is there is
 * kept. No Node here: the extension's service worker bundles this file.
 */

/** Fields only Hugging Face knows; a wrong type drops the field, never the paper. */
const extras = {
  upvotes: z.number().int().min(0).max(10_000_000),
  githubStars: z.number().int().min(0),
  ai_summary: z.string(),
  ai_keywords: z.array(z.string()),
} as const;
const EXTRA_FIELDS = new Set<string>(Object.keys(extras));

const dailySchema = z.object({
  title: z.string().nullish(),
  summary: z.string().nullish(),
  publishedAt: z.string().nullish(),
  numComments: z.number().int().min(0).nullish(),
  paper: z.object({
    id: z.string(),
    title: z.string().nullish(),
    summary: z.string().nullish(),
    publishedAt: z.string().nullish(),
    authors: z.array(z.object({ name: z.string() })).nullish(),
    githubRepo: z.string().nullish(),
    projectPage: z.string().nullish(),
    upvotes: extras.upvotes.nullish(),
    githubStars: extras.githubStars.nullish(),
    ai_summary: extras.ai_summary.nullish(),
    ai_keywords: extras.ai_keywords.nullish(),
  }),
});

/** A daily-papers entry: the catalog record plus what only Hugging Face says about it. */
export interface DailyPaperRecord extends SourceRecord {
  arxivId: string;
  upvotes?: number;
  githubStars?: number;
  numComments?: number;
  /** Cleaned; empty ones are left out. */
  aiSummary?: string;
  aiKeywords?: string[];
  /** Hugging Face-only fields of the wrong type, left out (`upvotes: expected number`). */
  ignored?: string[];
}

/** The record for one daily-papers entry, or why it is unusable. */
export function parseDailyPaper(value: unknown): DailyPaperRecord | string {
  let parsed = dailySchema.safeParse(value);
  const ignored: string[] = [];
  if (!parsed.success && onlyExtras(parsed.error.issues)) {
    // Hugging Face changed the type of a field the catalog can do without: keep the paper.
    const paper = { ...(value as { paper: Record<string, unknown> }).paper };
    const top = { ...(value as Record<string, unknown>) };
    for (const issue of parsed.error.issues) {
      const [first, second] = issue.path;
      const field = first === 'paper' ? String(second) : String(first);
      ignored.push(`${field}: ${issue.message}`);
      if (first === 'paper') delete paper[field];
      else delete top[field];
    }
    parsed = dailySchema.safeParse({ ...top, paper });
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return `bad daily-papers entry: ${issue.path.join('.') || 'entry'}: ${issue.message}`;
  }
  const { paper, ...entry } = parsed.data;
  const arxivId = parseArxivId(paper.id);
  if (!arxivId) return `bad arXiv id "${paper.id.slice(0, 80)}"`;
  const title = cleanTitle(plain(paper.title || entry.title || ''));
  if (!title) return `${arxivId} has no title`;
  const abstract = cleanAbstract(plain(paper.summary || entry.summary || ''));
  const date = (paper.publishedAt || entry.publishedAt || '').slice(0, 10);
  const aiSummary = plain(paper.ai_summary ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  const aiKeywords = keywordsOf(paper.ai_keywords ?? []);
  return {
    arxivId,
    title,
    authors: (paper.authors ?? [])
      .map((a) => plain(a.name).replace(/\s+/g, ' ').trim())
      .filter(Boolean),
    published: /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined,
    abstract,
    // Repository and project page are linked from the paper's page by its authors.
    code: toCodeLinks([paper.githubRepo, paper.projectPage, ...findUrls(abstract)], true),
    ...(paper.upvotes != null && { upvotes: paper.upvotes }),
    ...(paper.githubStars != null && { githubStars: paper.githubStars }),
    ...(entry.numComments != null && { numComments: entry.numComments }),
    ...(aiSummary && { aiSummary }),
    ...(aiKeywords.length > 0 && { aiKeywords }),
    ...(ignored.length > 0 && { ignored }),
  };
}

/** Every problem lies in an optional field only Hugging Face has (or `numComments`). */
function onlyExtras(issues: readonly z.core.$ZodIssue[]): boolean {
  return issues.every(({ path: [first, second] }) =>
    first === 'paper' ? EXTRA_FIELDS.has(String(second)) : first === 'numComments',
  );
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/**
 * JSON text as a reader should see it: a title may arrive with HTML entities, tags or control
 * characters (`Fast&nbsp;<i>Attention</i>\u0007`).
 */
function plain(value: string): string {
  const decoded = value.replace(/&(#\d{1,7}|#x[\da-f]{1,6}|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    const code =
      name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
  return stripMarkup(decoded);
}

/** Hugging Face's keywords, cleaned, distinct regardless of case, at most 20 of at most 80 characters. */
function keywordsOf(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of raw) {
    const keyword = plain(value).replace(/\s+/g, ' ').trim();
    const key = keyword.toLowerCase();
    if (!keyword || keyword.length > 80 || seen.has(key)) continue;
    seen.add(key);
    out.push(keyword);
    if (out.length === 20) break;
  }
  return out;
}
