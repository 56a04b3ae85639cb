import { z } from 'zod';
import { paperSchema } from '../catalog/schema';

/**
 * The one message contract between extension contexts and the background. Every message has a
 * zod schema for its payload and its answer; the TypeScript types derive from them. Handlers
 * answer a `Result` and never throw the caller's data back.
 */

const query = z.string().trim().min(1).max(2000);

export const matchedBySchema = z.enum(['arxiv', 'doi', 'title']);

export const lookupMatchSchema = z.object({
  paper: paperSchema,
  matchedBy: matchedBySchema,
});

/** A batch answer names the paper; its record is fetched only when someone wants to show it. */
export const candidateMatchSchema = z.object({
  id: z.string(),
  matchedBy: matchedBySchema,
});

const paperId = z.string().min(1).max(64);

export const catalogStatusSchema = z.object({
  /** The catalog lookups are answered from; null before the first install finished. */
  active: z
    .object({
      version: z.string(),
      /** For people: the file name, or "Bundled catalog". */
      source: z.string(),
      count: z.number().int(),
      loadedAt: z.string(),
    })
    .nullable(),
  /** A load in progress (it resumes if the worker is stopped). */
  job: z
    .object({
      source: z.string(),
      done: z.number().int(),
      total: z.number().int(),
    })
    .nullable(),
  /** Why the last load failed, in words for the user; cleared when a new load gets under way. */
  lastError: z.string().nullable(),
  /** Bytes the extension's storage uses, when the browser reports it. */
  bytesUsed: z.number().nullable(),
});

export const protocol = {
  /** One paper by arXiv id, any arXiv-style URL, DOI, or exact title. */
  lookupPaper: {
    input: z.object({ query }),
    output: lookupMatchSchema.nullable(),
  },
  /**
   * Many candidate strings at once (a page's links, headings...): one answer per candidate, the
   * matched paper's catalog id or null. Answered from the in-memory index without reading records,
   * so a page's whole batch costs about a millisecond.
   */
  lookupCandidates: {
    input: z.object({ candidates: z.array(query).max(2000) }),
    output: z.array(candidateMatchSchema.nullable()),
  },
  /** Full records by catalog id (a card, related papers): one answer per id, null if unknown. */
  getPapers: {
    input: z.object({ ids: z.array(paperId).max(500) }),
    output: z.array(paperSchema.nullable()),
  },
  getCatalogStatus: {
    input: z.undefined(),
    output: catalogStatusSchema,
  },
  /**
   * From a content script: how many distinct catalog papers its page shows, for the toolbar badge.
   * Only a count crosses: the background needs nothing else to draw the badge.
   */
  reportPagePapers: {
    input: z.object({ count: z.number().int().min(0).max(100_000) }),
    output: z.null(),
  },
  /** Replace the catalog with a file the caller staged in the catalog database (see catalog-db). */
  loadCatalogFile: {
    input: z.object({ fileId: z.string().min(1).max(100) }),
    output: catalogStatusSchema,
  },
} as const;

export type Protocol = typeof protocol;
export type MessageName = keyof Protocol;
export type MessageInput<K extends MessageName> = z.infer<Protocol[K]['input']>;
export type MessageOutput<K extends MessageName> = z.infer<Protocol[K]['output']>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };
