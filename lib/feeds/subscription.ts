import { z } from 'zod';
import { CatalogFormatError } from '../catalog/catalog-reader';
import { openDelta } from '../catalog/delta';
import {
  FeedManifestError,
  MAX_MANIFEST_BYTES,
  parseManifest,
  type FeedDeltaEntry,
  type FeedManifest,
} from '../catalog/feed-manifest';
import { FeedFetchError, fetchFeedBytes, sourceLabel } from './http';
import { checkBase, checkDelta, feedFault, streamOf } from './subscription-checks';
import { isOutcome, messageOf, RunContext, type RunDeps, type RunOutcome } from './run-context';
import type { FeedSettings } from './sources';

/**
 * Source 3, a catalog subscription: follows a feed that `npm run catalog:publish` wrote
 * (lib/catalog/feed-manifest.ts). Each run reads the manifest; when its base is not the one the
 * catalog was built on, it downloads and loads the base; then it applies the deltas after the
 * cursor in seq order, a batch per transaction with the cursor `{baseVersion, seq, line}` that
 * resumes after it.
 *
 * Everything a run would apply is downloaded and checked first (the SHA-256 the manifest gives,
 * each delta's base, seq, count and every record), so a bad file applies nothing of the run. A
 * base is held in memory whole (WebCrypto's digest does not stream): about its compressed size
 * twice, while it is checked and handed to the loader.
 */

export type SubscriptionDeps = RunDeps & {
  /**
   * Replaces the catalog with the feed's base catalog file (the catalog loader, which keeps the
   * papers other sources brought). A CatalogFormatError means the file was refused and the
   * catalog left as it was.
   */
  loadBase(blob: Blob, version: string): Promise<void>;
};

export const subCursorSchema = z.object({
  /** The base catalog's version the catalog was loaded from. */
  baseVersion: z.string().min(1).max(100),
  /** The delta being applied, or last applied; 0 right after the base. */
  seq: z.number().int().min(0),
  /** Records of delta `seq` applied. */
  line: z.number().int().min(0),
});
export type SubCursor = z.infer<typeof subCursorSchema>;

/** Papers (puts and withdrawals) stored in one transaction at most. */
export const SUB_BATCH = 2000;
/**
 * The bytes a base or delta file may have, from its count: ample for real records (about 2 KB
 * each, before gzip) while a server cannot send gigabytes under a small count.
 */
export const BYTES_PER_RECORD = 32 * 1024;
const capFor = (count: number) => (1 << 20) + count * BYTES_PER_RECORD;

/** Where to go on from: the next delta record, or null when the base must be (re)loaded. */
function resumeAt(cursor: SubCursor | null, manifest: FeedManifest) {
  if (!cursor || cursor.baseVersion !== manifest.base.version) return null;
  if (cursor.seq === 0) return { seq: 1, line: 0 };
  const applied = manifest.deltas[cursor.seq - 1];
  // Fewer deltas, or a shorter one, than already applied: the feed was published again from an
  // earlier point, so what was applied may not be in it. Only a fresh base is sure.
  if (!applied || cursor.line > applied.count) return null;
  return cursor.line === applied.count
    ? { seq: cursor.seq + 1, line: 0 }
    : { seq: cursor.seq, line: cursor.line };
}

/** A downloaded delta, checked whole, with the records a previous run applied of it. */
type Checked = { entry: FeedDeltaEntry; bytes: Uint8Array<ArrayBuffer>; skip: number };

export async function runSubscription(
  deps: SubscriptionDeps,
  settings: FeedSettings['sub'],
): Promise<RunOutcome> {
  const url = settings.url;
  const run = new RunContext(deps, 'sub', url ? sourceLabel(url) : 'The catalog feed');
  if (!settings.enabled) return run.fail('other', 'The catalog feed is turned off.');
  if (!url) return run.fail('other', 'No catalog feed address is set.');
  const host = new URL(url).host;
  const get = (fileUrl: string, maxBytes: number) =>
    run.request(host, (options) => fetchFeedBytes(fileUrl, { maxBytes, ...options }));

  try {
    const answer = await get(url, MAX_MANIFEST_BYTES);
    if (isOutcome(answer)) return answer;
    const manifest = parseManifest(new TextDecoder().decode(answer.bytes), url);
    const raw = await deps.readCursor('sub');
    const parsed = raw == null ? null : subCursorSchema.safeParse(raw);
    if (parsed && !parsed.success) run.note(['the stored resume point was unreadable; reloading']);
    const cursor = parsed?.success ? parsed.data : null;
    const at = resumeAt(cursor, manifest);
    const start = at ?? { seq: 1, line: 0 };
    const todo = manifest.deltas.slice(start.seq - 1);
    const baseCount = at ? 0 : manifest.base.count;
    const total = todo.reduce((sum, d) => sum + d.count, baseCount - start.line);
    deps.progress?.(0, total);

    // Download and check everything first: a bad file must leave the catalog as it was.
    let base: Uint8Array<ArrayBuffer> | null = null;
    if (!at) {
      const file = await get(manifest.base.url, capFor(manifest.base.count));
      if (isOutcome(file)) return file;
      await checkBase(file.bytes, manifest);
      base = file.bytes;
    }
    const checked: Checked[] = [];
    for (const entry of todo) {
      const file = await get(entry.url, capFor(entry.count));
      if (isOutcome(file)) return file;
      await checkDelta(file.bytes, entry, manifest.base.version);
      checked.push({ entry, bytes: file.bytes, skip: entry.seq === start.seq ? start.line : 0 });
    }
    if (deps.signal.aborted) return run.outcome(null);

    const baseVersion = manifest.base.version;
    let done = 0;
    if (base) {
      await deps.loadBase(new Blob([base]), baseVersion);
      base = null;
      // The first load is what the subscription brought; a new base mostly repeats the old one.
      if (!cursor) run.added += manifest.base.count;
      const refused = await run.store({ put: [], cursor: { baseVersion, seq: 0, line: 0 } });
      if (refused) return refused;
      done += baseCount;
      deps.progress?.(done, total);
    }
    for (const { entry, bytes, skip } of checked) {
      const delta = await openDelta(streamOf(bytes), { skip, batchSize: SUB_BATCH });
      let line = skip;
      for await (const batch of delta.batches) {
        if (deps.signal.aborted) return run.outcome(null);
        const { put, withdraw } = batch;
        const next: SubCursor = { baseVersion, seq: entry.seq, line: batch.line };
        const refused = await run.store({ put, withdraw, cursor: next });
        if (refused) return refused;
        done += batch.line - line;
        line = batch.line;
        deps.progress?.(done, total);
      }
      // An empty delta has no batch; the cursor still moves past it.
      if (entry.count === 0) {
        const next: SubCursor = { baseVersion, seq: entry.seq, line: 0 };
        const refused = await run.store({ put: [], withdraw: [], cursor: next });
        if (refused) return refused;
      }
    }
    return run.outcome(null, true);
  } catch (error) {
    if (deps.signal.aborted) return run.outcome(null);
    if (error instanceof FeedFetchError) return run.outcome(error.toFeedError(deps.now()));
    if (error instanceof FeedManifestError || error instanceof CatalogFormatError) {
      const fault = feedFault('bad-body', `${messageOf(error)} Nothing was applied.`);
      return run.outcome(fault.toFeedError(deps.now()));
    }
    throw error;
  }
}
