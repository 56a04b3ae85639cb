import { z } from 'zod';
import { pageMetadataSchema } from './snapshot';

/**
 * What a content script answers when the background asks which paper its page shows (the
 * popup's "Save this page's paper" and the save shortcut). It comes from a page, so the
 * background validates it here and trusts nothing in it beyond these bounds.
 */

export const MAX_PAGE_IDS = 20;

export const pageDescriptionSchema = z.object({
  /** Identifiers the page gives for itself (its URL, its metadata), most trusted first. */
  ids: z
    .array(
      z.object({
        query: z.string().trim().min(1).max(2000),
        kind: z.enum(['arxiv', 'doi', 'title']),
      }),
    )
    .max(MAX_PAGE_IDS),
  /** The page's own citation metadata, when it declares a title. */
  metadata: pageMetadataSchema.nullable(),
});
export type PageDescription = z.infer<typeof pageDescriptionSchema>;
