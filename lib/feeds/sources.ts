import { z } from 'zod';
import { storage } from 'wxt/utils/storage';
import { sourceIdSchema, type Paper, type SourceId } from '../catalog/schema';
import { webUrlSchema } from '../catalog/web-url';

/**
 * The contract of the public sources the catalog keeps itself current from (issue 13): the
 * user's choices, each source's status, and the lists the popup's Trending view shows. The
 * fetching lives in lib/feeds/*, the storing in lib/db/catalog-upsert.ts, the scheduling in
 * lib/background/feed-service.ts.
 */

export { sourceIdSchema, type SourceId };
export const SOURCE_IDS: readonly SourceId[] = sourceIdSchema.options;

/** The first day Hugging Face's daily papers list has papers. */
export const HF_FIRST_DAY = '2023-05-04';
export const BACKFILL_MIN_DAYS = 30;
export const BACKFILL_DEFAULT_DAYS = 90;

/** An arXiv category id as the taxonomy writes it (`cs.LG`, `math.AP`, `hep-th`, `q-bio.NC`). */
export const arxivCategorySchema = z
  .string()
  .regex(/^[a-z-]+(\.[A-Za-z-]+)?$/)
  .max(40);

export const feedSettingsSchema = z.object({
  hf: z.object({
    enabled: z.boolean(),
    /** Days of daily papers fetched on first enable, newest first; 'all' reaches HF_FIRST_DAY. */
    backfillDays: z.union([z.number().int().min(BACKFILL_MIN_DAYS).max(20_000), z.literal('all')]),
  }),
  arxiv: z.object({
    enabled: z.boolean(),
    /** None until the user picks; one feed URL joins them with '+'. */
    categories: z.array(arxivCategorySchema).max(50),
  }),
  sub: z.object({
    enabled: z.boolean(),
    /** The catalog manifest's URL (lib/catalog/feed-manifest.ts). */
    url: webUrlSchema.nullable(),
  }),
  /** One notification a day when new papers match the reading list's topics (off by default). */
  notify: z.boolean(),
});
export type FeedSettings = z.infer<typeof feedSettingsSchema>;

export const DEFAULT_FEED_SETTINGS: FeedSettings = {
  hf: { enabled: false, backfillDays: BACKFILL_DEFAULT_DAYS },
  arxiv: { enabled: false, categories: [] },
  sub: { enabled: false, url: null },
  notify: false,
};

/** What went wrong in a source's last run, for the options page to put in words. */
export const feedErrorSchema = z.object({
  kind: z.enum([
    'offline',
    'http',
    'rate-limited',
    'too-large',
    'bad-body',
    'quota',
    'checksum',
    'permission',
    'other',
  ]),
  /** HTTP status, when the server answered. */
  status: z.number().int().optional(),
  /** One sentence for the user ("Hugging Face answered 503."). */
  message: z.string().max(500),
  at: z.string(),
  /** How long the server asked us to wait (429/503 Retry-After). */
  retryAfterMs: z.number().int().min(0).optional(),
});
export type FeedError = z.infer<typeof feedErrorSchema>;

export const sourceStatusSchema = z.object({
  lastRunAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  /** Papers this source brought that the catalog did not have, over all runs. */
  added: z.number().int().min(0),
  /** New papers in the last successful run. */
  lastAdded: z.number().int().min(0),
  nextAt: z.string().nullable(),
  lastError: feedErrorSchema.nullable(),
  /** Failures in a row, for the backoff; 0 after a success. */
  failures: z.number().int().min(0),
  /** A run in progress, with what it has done of what it knows it must do. */
  progress: z.object({ done: z.number().int().min(0), total: z.number().int().min(0) }).nullable(),
});
export type SourceStatus = z.infer<typeof sourceStatusSchema>;

export const EMPTY_STATUS: SourceStatus = {
  lastRunAt: null,
  lastSuccessAt: null,
  added: 0,
  lastAdded: 0,
  nextAt: null,
  lastError: null,
  failures: 0,
  progress: null,
};

export const feedStatusSchema = z.object({
  hf: sourceStatusSchema,
  arxiv: sourceStatusSchema,
  sub: sourceStatusSchema,
});
export type FeedStatus = z.infer<typeof feedStatusSchema>;

/** The lists the popup's Trending view shows, as their source last gave them. */
export const feedListNameSchema = z.enum(['hf-trending', 'hf-today', 'arxiv-new']);
export type FeedListName = z.infer<typeof feedListNameSchema>;
export const feedListSchema = z.object({
  at: z.string(),
  items: z
    .array(z.object({ id: z.string().min(1).max(64), upvotes: z.number().int().min(0).optional() }))
    .max(500),
});
export type FeedList = z.infer<typeof feedListSchema>;

/** The user's source choices (validated on read: junk falls back to the defaults). */
export const feedSettings = storage.defineItem<FeedSettings>('local:feedSources', {
  fallback: DEFAULT_FEED_SETTINGS,
});

/** Per-source status, written by the background's feed service only. */
export const feedStatus = storage.defineItem<FeedStatus>('local:feedStatus', {
  fallback: { hf: EMPTY_STATUS, arxiv: EMPTY_STATUS, sub: EMPTY_STATUS },
});

/** Set when the user has answered the welcome page (started or skipped). */
export const welcomeDone = storage.defineItem<boolean>('local:welcomeDone', { fallback: false });

export async function readFeedSettings(): Promise<FeedSettings> {
  const parsed = feedSettingsSchema.safeParse(await feedSettings.getValue());
  return parsed.success ? parsed.data : DEFAULT_FEED_SETTINGS;
}

export async function readFeedStatus(): Promise<FeedStatus> {
  const parsed = feedStatusSchema.safeParse(await feedStatus.getValue());
  return parsed.success
    ? parsed.data
    : { hf: EMPTY_STATUS, arxiv: EMPTY_STATUS, sub: EMPTY_STATUS };
}

/**
 * One batch from a source, stored in one transaction (lib/db/catalog-upsert.ts): its papers
 * merged into the catalog field by field, withdrawn ids removed, and the source's resume point
 * and lists written with them, so a batch is either wholly visible or not at all.
 */
export type FeedBatch = {
  source: SourceId;
  put: Paper[];
  /** Catalog ids to remove (a subscription delta withdraws them). */
  withdraw?: string[];
  /** Stored as meta `cursor:<source>` with the batch. */
  cursor?: unknown;
  lists?: Partial<Record<FeedListName, FeedList>>;
};

export type UpsertResult = {
  /** Ids the catalog did not have. */
  added: string[];
  /** Known ids that gained or changed a field. */
  changed: string[];
  unchanged: number;
  withdrawn: string[];
};
