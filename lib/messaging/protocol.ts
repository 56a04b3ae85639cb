import { z } from 'zod';
import { paperSchema } from '../catalog/schema';
import { MAX_PAGE_TEXT } from '../detect/page-text';
import { entrySchema } from '../reading-list/entry';
import { seenPaperSchema } from '../reading-list/snapshot';
import { syncStatusSchema } from '../sync/status';
import {
  feedListNameSchema,
  feedSettingsSchema,
  feedStatusSchema,
  sourceIdSchema,
} from '../feeds/sources';

/**
 * The one message contract between extension contexts and the background. Every message has a
 * zod schema for its payload and its answer; the TypeScript types derive from them. Handlers
 * answer a `Result` and never throw the caller's data back.
 */

/** What the options page, the welcome page and the popup show about the feed sources. */
export const sourcesViewSchema = z.object({
  settings: feedSettingsSchema,
  status: feedStatusSchema,
  /** Papers in the catalog that came from sources (not from the loaded catalog file). */
  feedPapers: z.number().int().min(0),
  /** When any source last added or changed a paper; null if none ever did. */
  updatedAt: z.string().nullable(),
});
export type SourcesView = z.infer<typeof sourcesViewSchema>;

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
   * so a page's whole batch costs about a millisecond. A title ending in `…` or `...` is one the
   * page cut short: it matches the one catalog title it starts, if it is long and unambiguous.
   */
  lookupCandidates: {
    input: z.object({ candidates: z.array(query).max(2000) }),
    output: z.array(candidateMatchSchema.nullable()),
  },
  /**
   * Catalog titles inside page text (paragraphs, list items), sent as bounded slices of the
   * text blocks the content script chose (lib/detect/gate.ts): per text, each full title found and
   * its character span [start, end).
   */
  findTitlesInText: {
    input: z.object({ texts: z.array(z.string().max(4000)).max(200) }),
    output: z.object({
      titles: z.array(
        z.array(z.object({ id: z.string(), start: z.number().int(), end: z.number().int() })),
      ),
    }),
  },
  /**
   * A page's whole text, its text nodes joined by U+E000 (lib/detect/page-text.ts): the offsets
   * where a catalog title may start, and where a catalog paper's identifier is written
   * (lib/detect/text-scan.ts). The content script reads only the blocks there exactly.
   */
  scanPageText: {
    input: z.object({ text: z.string().max(MAX_PAGE_TEXT) }),
    output: z.object({
      heads: z.array(z.number().int().min(0)),
      ids: z.array(z.number().int().min(0)),
    }),
  },
  /** Full records by catalog id (a card, related papers): one answer per id, null if unknown. */
  getPapers: {
    input: z.object({ ids: z.array(paperId).max(500) }),
    output: z.array(paperSchema.nullable()),
  },
  /**
   * Up to `k` related papers of one catalog paper, best first (a card, the popup's details): its
   * own list, or for a paper that came from a feed source without one, a list found now and kept.
   */
  getRelated: {
    input: z.object({ id: paperId, k: z.number().int().min(1).max(20) }),
    output: z.array(paperSchema),
  },
  getCatalogStatus: {
    input: z.undefined(),
    output: catalogStatusSchema,
  },
  /**
   * From a content script: how many distinct catalog papers its page shows, for the toolbar badge,
   * and (up to 2,000) their catalog ids, for the popup's "This page" list.
   */
  reportPagePapers: {
    input: z.object({
      count: z.number().int().min(0).max(100_000),
      ids: z.array(paperId).max(2000).optional(),
    }),
    output: z.null(),
  },
  /** From an extension page (the popup): the catalog papers a tab reported, and its page URL. */
  getTabPapers: {
    input: z.object({ tabId: z.number().int().min(0) }),
    output: z.object({ ids: z.array(z.string()), url: z.string().nullable() }),
  },
  /** Replace the catalog with a file the caller staged in the catalog database (see catalog-db). */
  loadCatalogFile: {
    input: z.object({
      fileId: z.string().min(1).max(100),
      /** Keep the papers feed sources brought (the default), or drop them with the old catalog. */
      keepFeeds: z.boolean().optional(),
    }),
    output: catalogStatusSchema,
  },
  /**
   * Save a paper to the reading list (the card's Save, the popup's); answers its entry, new or
   * not. A catalog paper by its id; a paper outside the catalog by its bare arXiv id, or by its
   * DOI (the popup's row for a pasted id the catalog lacks): then saved with that id and link.
   */
  savePaper: {
    input: z.union([
      /** `page`: a paper the catalog lacks, as the page shows it (a quiet marker's card). */
      z.object({ id: paperId, page: seenPaperSchema.optional() }),
      z.object({ doi: z.string().min(1).max(256) }),
    ]),
    output: entrySchema,
  },
  /** Remove a paper from the reading list; answers the removed entry (for undo), null if unsaved. */
  removePaper: {
    input: z.object({ id: paperId }),
    output: entrySchema.nullable(),
  },
  /**
   * Put papers back from Recently deleted (the card's Undo after a removal, which may come after
   * a sync took the paper away): note, tags and status as they were. Answers how many came back.
   */
  restoreDeletedEntries: {
    input: z.object({ ids: z.array(paperId).min(1).max(2000) }),
    output: z.object({ restored: z.number().int().min(0) }),
  },
  /**
   * Which of these papers are saved, for markers and cards. The answer goes only to the content
   * script that asked and never onto the page, where page scripts could read it.
   */
  getSavedState: {
    input: z.object({ ids: z.array(paperId).max(2000) }),
    output: z.array(z.string()),
  },
  /**
   * From an extension page (the popup): save the paper a tab shows, matched in the catalog or,
   * outside it, from the page's own citation metadata. Errors say why nothing was saved.
   */
  savePagePaper: {
    input: z.object({ tabId: z.number().int().min(0) }),
    output: z.object({ entry: entrySchema, alreadySaved: z.boolean() }),
  },
  /** Sync every enabled remote now (options page, popup); `confirmDeletions` answers a needsConfirmation. */
  syncNow: {
    input: z.object({ confirmDeletions: z.boolean().optional() }),
    output: syncStatusSchema,
  },
  /** Last sync per remote: when, where, errors in plain words, over-quota and confirmation needs. */
  getSyncStatus: {
    input: z.undefined(),
    output: syncStatusSchema,
  },
  /** A PaperPeek page changed the reading list: sync in a few seconds (debounced). */
  syncSoon: {
    input: z.undefined(),
    output: z.null(),
  },
  /** From an extension page: the feed sources' settings and status, and how fresh the catalog is. */
  getSources: {
    input: z.undefined(),
    output: sourcesViewSchema,
  },
  /**
   * From an extension page: change one source's settings (enabling asks for nothing here: the
   * page asked for the host permission in the user's click). Answers the new view.
   */
  /** Options → Sources: the daily notification about new papers on the reading list's topics. */
  setNotify: {
    input: z.object({ enabled: z.boolean() }),
    output: sourcesViewSchema,
  },
  setSource: {
    input: z.discriminatedUnion('source', [
      z.object({
        source: z.literal('hf'),
        enabled: z.boolean().optional(),
        backfillDays: feedSettingsSchema.shape.hf.shape.backfillDays.optional(),
      }),
      z.object({
        source: z.literal('arxiv'),
        enabled: z.boolean().optional(),
        categories: feedSettingsSchema.shape.arxiv.shape.categories.optional(),
      }),
      z.object({
        source: z.literal('sub'),
        enabled: z.boolean().optional(),
        url: feedSettingsSchema.shape.sub.shape.url.optional(),
      }),
    ]),
    output: sourcesViewSchema,
  },
  /** From an extension page: fetch the enabled sources (or these) now; answers once started. */
  updateSources: {
    input: z.object({ sources: z.array(sourceIdSchema).max(3).optional() }),
    output: sourcesViewSchema,
  },
  /** From an extension page: remove the papers only this source brought; answers how many went. */
  removeSourcePapers: {
    input: z.object({ source: sourceIdSchema }),
    output: z.object({ removed: z.number().int().min(0) }),
  },
  /** From an extension page (the popup): the Trending lists with their papers, as last fetched. */
  getTrending: {
    input: z.undefined(),
    output: z.object({
      lists: z.array(
        z.object({
          name: feedListNameSchema,
          at: z.string(),
          items: z.array(z.object({ paper: paperSchema, upvotes: z.number().int().optional() })),
        }),
      ),
    }),
  },
} as const;

export type Protocol = typeof protocol;
export type MessageName = keyof Protocol;
export type MessageInput<K extends MessageName> = z.infer<Protocol[K]['input']>;
export type MessageOutput<K extends MessageName> = z.infer<Protocol[K]['output']>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };
