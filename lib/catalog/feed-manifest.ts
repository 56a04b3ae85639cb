import { z } from 'zod';
import { describeIssue } from './catalog-reader';
import { catalogHeaderSchema } from './schema';
import { isWebUrl, MAX_URL_LENGTH } from './web-link';

/**
 * A catalog feed (issue 13, source 3): static files a project, lab or reading group hosts, which
 * `npm run catalog:publish` writes and lib/feeds/subscription.ts follows.
 *
 *   manifest.json   {format, version, base: {url, sha256, count, version}, deltas: [{seq, url, sha256, count}]}
 *   base file       a catalog file (schema.ts), loaded whole when the base changes
 *   delta files     what changed since the previous delta (delta.ts), applied in seq order
 *
 * File URLs are relative to the manifest (as the publisher writes them) or absolute http(s).
 */

export const FEED_MANIFEST_FORMAT = 'paperpeek-catalog-feed';
export const FEED_MANIFEST_VERSION = 1;
/** The most a manifest may weigh: a few hundred deltas' entries fit in a fraction of it. */
export const MAX_MANIFEST_BYTES = 1 << 20;
/** Far above the publisher's re-base point (50): a manifest past it is not one we should follow. */
export const MAX_FEED_DELTAS = 1000;
/** Counts above the 2^21 papers a catalog holds are refused before anything is fetched. */
const MAX_FEED_COUNT = 1 << 24;

export class FeedManifestError extends Error {
  override name = 'FeedManifestError';
}

const fileUrlSchema = z.string().min(1).max(MAX_URL_LENGTH);
const sha256Schema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { error: 'must be a SHA-256 in 64 lowercase hex digits' });
const countSchema = z.number().int().min(0).max(MAX_FEED_COUNT);

export const manifestSchema = z.object({
  format: z.literal(FEED_MANIFEST_FORMAT),
  /** The manifest format's version; a later one may mean files this reader cannot apply. */
  version: z.literal(FEED_MANIFEST_VERSION),
  base: z.object({
    url: fileUrlSchema,
    sha256: sha256Schema,
    count: countSchema,
    /** The base catalog's header `version`; every delta names it. */
    version: catalogHeaderSchema.shape.version,
  }),
  /** Every delta since the base, in order: seq 1, 2, 3... (a subscriber may be at any of them). */
  deltas: z
    .array(
      z.object({
        seq: z.number().int().min(1),
        url: fileUrlSchema,
        sha256: sha256Schema,
        count: countSchema,
      }),
    )
    .max(MAX_FEED_DELTAS)
    .refine((deltas) => deltas.every((delta, i) => delta.seq === i + 1), {
      error: 'seq must run 1, 2, 3... in order, without gaps',
    }),
});
export type FeedManifest = z.infer<typeof manifestSchema>;
export type FeedBaseEntry = FeedManifest['base'];
export type FeedDeltaEntry = FeedManifest['deltas'][number];

/**
 * A file URL of the manifest made absolute. Every file must share the manifest's origin: the host
 * permission the extension asks for when the user subscribes is that origin alone, so a file
 * elsewhere would be a request to a host the user never chose; and requests refuse redirects
 * (`redirect: 'error'`), so no file can be moved to another host behind the manifest's back.
 */
export function resolveFeedUrl(ref: string, manifestUrl: string): string {
  const base = new URL(manifestUrl);
  let url: URL;
  try {
    url = new URL(ref, base);
  } catch {
    throw new FeedManifestError(`The manifest names a file at "${ref.slice(0, 200)}", not a URL.`);
  }
  if (!isWebUrl(url.href)) {
    throw new FeedManifestError(
      `The manifest names a file at "${ref.slice(0, 200)}": only http(s) files are read.`,
    );
  }
  if (url.origin !== base.origin) {
    throw new FeedManifestError(
      `The manifest names a file on ${url.origin}, but a feed's files must be on ${base.origin}, where the manifest is.`,
    );
  }
  return url.href;
}

/**
 * The manifest's text validated, with every file URL resolved against `manifestUrl` and checked
 * to share its origin. Throws a FeedManifestError saying what is wrong.
 */
export function parseManifest(text: string, manifestUrl: string): FeedManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FeedManifestError('The manifest is not valid JSON.');
  }
  const head = value as { format?: unknown; version?: unknown } | null;
  if (head?.format !== FEED_MANIFEST_FORMAT) {
    throw new FeedManifestError(
      `Not a PaperPeek catalog feed (the manifest must have "format": "${FEED_MANIFEST_FORMAT}").`,
    );
  }
  if (head.version !== FEED_MANIFEST_VERSION) {
    throw new FeedManifestError(
      `Catalog feed version ${String(head.version)} is not supported; this PaperPeek reads version ${FEED_MANIFEST_VERSION}.`,
    );
  }
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    throw new FeedManifestError(`The manifest is invalid: ${describeIssue(parsed.error)}`);
  }
  const manifest = parsed.data;
  return {
    ...manifest,
    base: { ...manifest.base, url: resolveFeedUrl(manifest.base.url, manifestUrl) },
    deltas: manifest.deltas.map((delta) => ({
      ...delta,
      url: resolveFeedUrl(delta.url, manifestUrl),
    })),
  };
}
