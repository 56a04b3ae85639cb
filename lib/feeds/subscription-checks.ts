import { CatalogFormatError, openCatalog } from '../catalog/catalog-reader';
import { openDelta } from '../catalog/delta';
import type { FeedDeltaEntry, FeedManifest } from '../catalog/feed-manifest';
import { FeedFetchError } from './http';

/**
 * The checks a subscription's downloaded files pass before anything of them is applied
 * (subscription.ts): the SHA-256 the manifest gives, then what the file says it is.
 */

export const streamOf = (bytes: Uint8Array<ArrayBuffer>) => new Blob([bytes]).stream();

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array<ArrayBuffer>(digest), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}

/** A fault of the feed's files, which the status states as the source's error. */
export const feedFault = (kind: 'checksum' | 'bad-body', message: string) =>
  new FeedFetchError(kind, message);

async function checkSha(
  bytes: Uint8Array<ArrayBuffer>,
  expected: string,
  what: string,
): Promise<void> {
  if ((await sha256Hex(bytes)) !== expected) {
    throw feedFault(
      'checksum',
      `The feed's ${what} does not match the SHA-256 its manifest gives: it was damaged or replaced. Nothing was applied.`,
    );
  }
}

export async function checkDelta(
  bytes: Uint8Array<ArrayBuffer>,
  entry: FeedDeltaEntry,
  base: string,
) {
  const what = `delta ${entry.seq}`;
  await checkSha(bytes, entry.sha256, what);
  const delta = await openDelta(streamOf(bytes));
  const { header } = delta;
  const wrong =
    header.base !== base
      ? `is for base ${header.base}, not ${base}`
      : header.seq !== entry.seq
        ? `says it is delta ${header.seq}`
        : header.count !== entry.count
          ? `holds ${header.count} changes, not the manifest's ${entry.count}`
          : null;
  if (wrong) {
    await delta.cancel();
    throw feedFault('bad-body', `The feed's ${what} ${wrong}. Nothing was applied.`);
  }
  try {
    while (!(await delta.batches.next()).done);
  } catch (error) {
    if (error instanceof CatalogFormatError) {
      throw feedFault(
        'bad-body',
        `The feed's ${what} is invalid: ${error.message} Nothing was applied.`,
      );
    }
    throw error;
  }
}

export async function checkBase(
  bytes: Uint8Array<ArrayBuffer>,
  manifest: FeedManifest,
): Promise<void> {
  await checkSha(bytes, manifest.base.sha256, 'base catalog');
  const catalog = await openCatalog(streamOf(bytes)).catch((error: unknown) => {
    if (!(error instanceof CatalogFormatError)) throw error;
    throw feedFault('bad-body', `The feed's base catalog is invalid: ${error.message}`);
  });
  await catalog.cancel();
  const { version, count } = catalog.header;
  if (version !== manifest.base.version || count !== manifest.base.count) {
    throw feedFault(
      'bad-body',
      `The feed's base catalog is version ${version} of ${count} papers, not the manifest's ${manifest.base.version} of ${manifest.base.count}. Nothing was applied.`,
    );
  }
}
