import { z } from 'zod';
import { hlcSchema } from '../sync/hlc';
import { webUrlSchema } from '../catalog/web-url';

/**
 * The single definition of a reading-list entry. The reading-list database stores these, the
 * manager shows them, export/import read and write them, and sync merges them field by field.
 *
 * An entry keeps a snapshot of what is needed to show and cite the paper, so it stays meaningful
 * when the catalog changes or never had the paper (a page saved from its metadata).
 */

export const readingStatusSchema = z.enum(['to-read', 'reading', 'read']);
export type ReadingStatus = z.infer<typeof readingStatusSchema>;

export const snapshotSchema = z.object({
  title: z.string().min(1).max(1000),
  authors: z.array(z.string().min(1).max(300)).max(500),
  /** Four-digit year of first publication, when known. */
  year: z.number().int().min(1000).max(9999).optional(),
  venue: z.string().max(300).optional(),
  arxivId: z.string().max(64).optional(),
  doi: z.string().max(256).optional(),
  /** arXiv primary category (cs.LG...), for BibTeX `primaryClass`, when known. */
  primaryClass: z.string().max(32).optional(),
  /** The abstract, when an imported file gave one for a paper the catalog lacks. */
  abstract: z.string().max(5000).optional(),
  /** The page the paper was saved from, or its abstract page. */
  url: webUrlSchema.optional(),
  pdf: webUrlSchema.optional(),
  code: webUrlSchema.optional(),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

/** Fields a user edits; sync merges each one on its own, last writer (by HLC) wins. */
export const EDITABLE_FIELDS = ['snapshot', 'status', 'tags', 'note', 'readAt'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export const entrySchema = z.object({
  /** Catalog id (bare arXiv id when there is one) or, for a paper outside the catalog, `t-` + title hash. */
  id: z.string().min(1).max(64),
  /** True when `id` names a catalog paper. */
  inCatalog: z.boolean(),
  snapshot: snapshotSchema,
  status: readingStatusSchema,
  /** Trimmed, in the case typed, unique regardless of case, sorted (lib/reading-list/tags.ts). */
  tags: z.array(z.string().min(1).max(60)).max(100),
  note: z.string().max(100_000),
  /** ISO timestamps. */
  addedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
  /**
   * Hybrid logical clock (lib/sync/hlc.ts) of the last write to each editable field, plus `added`
   * for the save itself. Every mutation stamps the fields it changes; sync compares these.
   */
  clock: z.record(z.string(), hlcSchema),
});
export type Entry = z.infer<typeof entrySchema>;

/**
 * A deletion, kept so that sync does not bring the entry back from another device. A later save
 * of the same paper (an `added` clock after `deletedAt`) wins over it.
 */
export const tombstoneSchema = z.object({
  id: z.string().min(1).max(64),
  deletedAt: hlcSchema,
});
export type Tombstone = z.infer<typeof tombstoneSchema>;
