import { CatalogFormatError, openCatalog, type CatalogStream } from '../catalog/catalog-reader';
import type { CatalogHeader } from '../catalog/schema';
import {
  CHUNK,
  readMeta,
  type ActiveCatalog,
  type CatalogDb,
  type CatalogJob,
  type Slot,
} from './catalog-db';
import { packChunks } from './catalog-chunks';
import { keyPart, MAX_PAPERS } from './catalog-index';
import { clearSlot, finishLoad } from './catalog-switch';
import { SearchIndexWriter } from '../search/index-writer';

/**
 * The load job: streams a catalog file into the inactive slot in checkpointed batches, then makes
 * it active in one transaction. The job record lives in `meta`, so a worker that dies mid-load
 * resumes where the last committed batch ended (resumeLoad). Any bad input fails the whole load
 * with a message naming the problem and leaves the active catalog untouched.
 */

export type CatalogSource = { kind: 'bundled'; url: string } | { kind: 'file'; fileId: string };

export type LoadOptions = {
  /** Stops the load as a dying worker would: the job stays recorded for resumeLoad. */
  signal?: AbortSignal;
  /** Papers per checkpointed batch, and feed papers re-applied per transaction. */
  batchSize?: number;
  /** Asked once the header is read: false leaves everything as it is (install policy). */
  shouldReplace?: (header: CatalogHeader, active: ActiveCatalog | null) => boolean;
  /** Called when the job is recorded, i.e. the header checked out and the load is under way. */
  onStarted?: (job: CatalogJob) => void;
  /** Papers per search-index segment (tests use small ones to cover several segments). */
  searchSegment?: number;
  /**
   * Whether the papers from feed sources stay (re-applied to the new catalog, the default) or are
   * dropped, with everything the sources contributed, when the new catalog becomes active.
   */
  keepFeeds?: boolean;
};

export type LoadOutcome =
  | { status: 'loaded'; active: ActiveCatalog }
  | { status: 'skipped' }
  | { status: 'failed'; error: string };

/** Batches hold whole chunks, so a checkpoint never splits one (the last batch may be short). */
function alignedBatchSize(batchSize = 2048): number {
  return Math.max(CHUNK, Math.ceil(batchSize / CHUNK) * CHUNK);
}

async function openSource(db: CatalogDb, kind: CatalogSource['kind'], ref: string) {
  if (kind === 'file') {
    const file = await db.files.get(ref);
    if (!file)
      throw new CatalogFormatError('The chosen file is no longer staged; choose it again.');
    return { stream: file.blob.stream(), label: file.name };
  }
  let response: Response;
  try {
    response = await fetch(ref);
  } catch {
    throw new CatalogFormatError(`The bundled catalog ${ref} could not be read.`);
  }
  if (!response.ok || !response.body) {
    throw new CatalogFormatError(
      `The bundled catalog ${ref} is missing (HTTP ${response.status}).`,
    );
  }
  return { stream: response.body, label: 'Bundled catalog' };
}

function sourceRef(source: CatalogSource): string {
  return source.kind === 'file' ? source.fileId : source.url;
}

function messageOf(error: unknown): string {
  if (error instanceof CatalogFormatError) return error.message;
  return `Loading the catalog failed: ${error instanceof Error ? error.message : String(error)}`;
}

/** Records the failure for the status view; the half-filled slot and the staged file go. */
async function fail(db: CatalogDb, error: unknown, job: CatalogJob | null, fileId?: string) {
  const message = messageOf(error);
  const tables = job ? [db.meta, ...db.slotTables(job.slot)] : [db.meta];
  await db.transaction('rw', tables, async () => {
    if (job) await clearSlot(db, job.slot);
    await db.meta.delete('job');
    await db.meta.put({ key: 'lastError', value: message });
  });
  if (fileId) await db.files.delete(fileId);
  return { status: 'failed', error: message } as const;
}

/** Start a new load. Refuses (throws) while another load's job is recorded. */
export async function startLoad(
  db: CatalogDb,
  source: CatalogSource,
  options: LoadOptions = {},
): Promise<LoadOutcome> {
  const before = await readMeta(db);
  if (before.job) {
    throw new Error(
      `A catalog load is already running (${before.job.done} of ${before.job.total} papers).`,
    );
  }
  const fileId = source.kind === 'file' ? source.fileId : undefined;
  let catalog: CatalogStream;
  let label: string;
  try {
    const opened = await openSource(db, source.kind, sourceRef(source));
    label = opened.label;
    catalog = await openCatalog(opened.stream, { batchSize: alignedBatchSize(options.batchSize) });
  } catch (error) {
    return fail(db, error, null, fileId);
  }
  const { header } = catalog;
  if (header.count > MAX_PAPERS) {
    await catalog.cancel();
    const error = new CatalogFormatError(
      `The catalog lists ${header.count.toLocaleString('en')} papers; PaperPeek holds at most ${MAX_PAPERS.toLocaleString('en')}.`,
    );
    return fail(db, error, null, fileId);
  }
  if (options.shouldReplace && !options.shouldReplace(header, before.active)) {
    await catalog.cancel();
    return { status: 'skipped' };
  }
  const slot: Slot = before.active?.slot === 0 ? 1 : 0;
  const job: CatalogJob = {
    slot,
    kind: source.kind,
    ref: sourceRef(source),
    source: label,
    version: header.version,
    total: header.count,
    done: 0,
    startedAt: new Date().toISOString(),
    keepFeeds: options.keepFeeds ?? true,
  };
  await db.transaction('rw', [db.meta, ...db.slotTables(slot)], async () => {
    await clearSlot(db, slot);
    await db.meta.put({ key: 'job', value: job });
    await db.meta.delete('lastError');
  });
  options.onStarted?.(job);
  return run(db, job, catalog, options);
}

/**
 * Continue a recorded job (after the worker was stopped), or, with none, clear a slot left
 * behind by a worker that died between the switch and the clean-up.
 */
export async function resumeLoad(
  db: CatalogDb,
  options: LoadOptions = {},
): Promise<LoadOutcome | null> {
  const { active, job } = await readMeta(db);
  if (!job) {
    if (active) await clearLeftovers(db, active.slot);
    return null;
  }
  const fileId = job.kind === 'file' ? job.ref : undefined;
  if (job.replay) {
    // Every paper is stored and indexed: only the feed papers and the switch are left.
    options.onStarted?.(job);
    return complete(db, job, options);
  }
  let catalog: CatalogStream;
  try {
    const opened = await openSource(db, job.kind, job.ref);
    catalog = await openCatalog(opened.stream, {
      skip: job.done,
      batchSize: alignedBatchSize(options.batchSize),
    });
  } catch (error) {
    return fail(db, error, job, fileId);
  }
  if (catalog.header.version !== job.version) {
    await catalog.cancel();
    const error = new CatalogFormatError(
      `The catalog changed during the load (version ${job.version}, now ${catalog.header.version}); load it again.`,
    );
    return fail(db, error, job, fileId);
  }
  options.onStarted?.(job);
  return run(db, job, catalog, options);
}

/** What a worker that died between the switch and the clean-up left: the old slot, key parts. */
async function clearLeftovers(db: CatalogDb, activeSlot: Slot) {
  const stale: Slot = activeSlot === 0 ? 1 : 0;
  const [chunks, parts, index, tails, ownParts] = await Promise.all([
    db.chunks(stale).count(),
    db.parts(stale).count(),
    db.indexes.get(stale),
    db.tails(stale).count(),
    db.parts(activeSlot).count(),
  ]);
  if (chunks || parts || index || tails) {
    await db.transaction('rw', db.slotTables(stale), () => clearSlot(db, stale));
  }
  if (ownParts) await db.parts(activeSlot).clear();
}

async function run(
  db: CatalogDb,
  job: CatalogJob,
  catalog: CatalogStream,
  { signal, searchSegment, batchSize }: LoadOptions,
): Promise<LoadOutcome> {
  const chunks = db.chunks(job.slot);
  const parts = db.parts(job.slot);
  const search = db.search(job.slot);
  const fileId = job.kind === 'file' ? job.ref : undefined;
  // One batch commits while the next one is parsed and validated.
  let pending: Promise<unknown> = Promise.resolve();
  try {
    let done = job.done;
    // The popup's search index grows with the batches (lib/search/index-writer.ts).
    const searchIndex = await SearchIndexWriter.open(db, job.slot, done, searchSegment);
    let next = await catalog.batches.next();
    while (!next.done) {
      const { papers, lines } = next.value;
      const records = packChunks(done, lines);
      const part = keyPart(done, papers);
      const searchRecords = searchIndex.add(done, papers);
      await pending;
      signal?.throwIfAborted();
      done += papers.length;
      const checkpoint: CatalogJob = { ...job, done };
      // Chunks, keys and checkpoint in one transaction: `done` is exactly what the slot holds.
      pending = db.transaction('rw', [chunks, parts, search, db.meta], async () => {
        await chunks.bulkPut(records);
        await parts.put(part);
        if (searchRecords.length) await search.bulkPut(searchRecords);
        await db.meta.put({ key: 'job', value: checkpoint });
      });
      pending.catch(() => undefined);
      next = await catalog.batches.next();
    }
    await pending;
    signal?.throwIfAborted();
    await searchIndex.finish(db, next.value.count);
    const active = await finishLoad(db, job, next.value.count, { signal, page: batchSize });
    if (fileId) await db.files.delete(fileId);
    return { status: 'loaded', active };
  } catch (error) {
    await pending.catch(() => undefined);
    await catalog.cancel().catch(() => undefined);
    if (signal?.aborted) throw error;
    return fail(db, error, job, fileId);
  }
}

/** The end of a job whose papers are all stored: feed papers, then the switch. */
async function complete(
  db: CatalogDb,
  job: CatalogJob,
  { signal, batchSize }: LoadOptions,
): Promise<LoadOutcome> {
  const fileId = job.kind === 'file' ? job.ref : undefined;
  try {
    const index = await db.indexes.get(job.slot);
    if (!index) throw new Error('The new catalog lost its index; load it again.');
    const active = await finishLoad(db, job, index.count, { signal, page: batchSize });
    if (fileId) await db.files.delete(fileId);
    return { status: 'loaded', active };
  } catch (error) {
    if (signal?.aborted) throw error;
    return fail(db, error, job, fileId);
  }
}
