import { z } from 'zod';
import { ARXIV_ID_RE } from './identifiers';
import { webUrlSchema } from './web-url';

/**
 * The single definition of a paper. The catalog builder writes these records, the loader
 * validates every line of a catalog file against them, and the background answers lookups with them.
 */

export const codeLinkSchema = z.object({
  url: webUrlSchema,
  /** A source repository (GitHub, GitLab, ...) or a project / demo page. */
  kind: z.enum(['repository', 'project']),
  /** The authors' own code, as opposed to a reimplementation. */
  official: z.boolean(),
});

/** The public sources the catalog updates itself from (issue 13, lib/feeds). */
export const sourceIdSchema = z.enum(['hf', 'arxiv', 'sub']);
export type SourceId = z.infer<typeof sourceIdSchema>;

export const paperOriginSchema = z.object({
  source: sourceIdSchema,
  /** ISO time of the update that last brought this source's fields. */
  at: z.string().max(40),
});

export const paperSchema = z.object({
  /** Bare arXiv id when there is one, otherwise `t-` + a hash of the normalized title. Never changes. */
  id: z.string().min(1).max(64),
  arxivId: z.string().regex(ARXIV_ID_RE).optional(),
  doi: z.string().max(256).optional(),
  title: z.string().min(1).max(1000),
  authors: z.array(z.string().min(1).max(300)).max(5000),
  /** First-version date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  published: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
    .optional(),
  venue: z.string().max(300).optional(),
  abstract: z.string().max(20_000),
  /** One or two sentences from the abstract, at most 240 characters. */
  summary: z.string().max(240),
  links: z.object({
    abs: webUrlSchema.optional(),
    pdf: webUrlSchema.optional(),
    hf: webUrlSchema.optional(),
  }),
  /** Official repository first. */
  code: z.array(codeLinkSchema).max(50),
  keywords: z.array(z.string().min(1).max(80)).max(20),
  /** Ids of the most related catalog papers, best first. */
  related: z.array(z.string()).max(20),
  /** Hugging Face upvotes when a feed last said (daily papers); absent in catalogs without it. */
  upvotes: z.number().int().min(0).max(10_000_000).optional(),
  /** Hugging Face's machine-written summary (`ai_summary`), shown labelled as theirs. */
  aiSummary: z.string().min(1).max(1000).optional(),
  /** arXiv categories (`cs.LG`), primary first, when a source gave them. */
  categories: z.array(z.string().min(1).max(40)).max(20).optional(),
  /** The feeds that brought or changed this paper, and when (lib/feeds); absent for catalog files. */
  origin: z.array(paperOriginSchema).max(3).optional(),
  /** When a feed last changed this record (ISO time). */
  updatedAt: z.string().max(40).optional(),
});

export type Paper = z.infer<typeof paperSchema>;
export type CodeLink = z.infer<typeof codeLinkSchema>;

/**
 * Catalog file: newline-delimited JSON, optionally gzip-compressed, so it can be streamed.
 * Line 1 is the header, then one paper per line, then the footer. The footer's count lets a
 * loader tell a complete file from a truncated one even when the file is not compressed.
 */
export const CATALOG_FORMAT = 'paperpeek-catalog';
export const CATALOG_FORMAT_VERSION = 1;

export const catalogHeaderSchema = z.object({
  format: z.literal(CATALOG_FORMAT),
  formatVersion: z.literal(CATALOG_FORMAT_VERSION),
  /** Identifies the content; a changed catalog gets a new version. */
  version: z.string().min(1).max(100),
  /** Where the records came from, for people ("trending-papers.txt + paper-facts.tsv"). */
  source: z.string().max(500),
  createdAt: z.string(),
  count: z.number().int().nonnegative(),
});

export const catalogFooterSchema = z.object({
  end: z.literal(true),
  count: z.number().int().nonnegative(),
});

export type CatalogHeader = z.infer<typeof catalogHeaderSchema>;
export type CatalogFooter = z.infer<typeof catalogFooterSchema>;
