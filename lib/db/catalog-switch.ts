import { CatalogFormatError } from '../catalog/catalog-reader';
import type { ActiveCatalog, CatalogDb, CatalogJob, Slot } from './catalog-db';
import { buildIndex, idAt, idHashCollisions, type CatalogIndex } from './catalog-index';
import { replayFeed } from './feed-replay';

/**
 * The end of a load: build the slot's index from its key parts, prove the ids distinct, re-apply
 * the papers from feed sources to the slot (or, if the load drops them, forget them), then make
 * the slot active in one transaction and clear the old one. Each step is recorded in the job, so
 * a worker stopped anywhere in here carries on from the last step that committed.
 */

/** Empties a slot; call inside a rw transaction over db.slotTables(slot). */
export async function clearSlot(db: CatalogDb, slot: Slot): Promise<void> {
  await Promise.all([
    db.chunks(slot).clear(),
    db.parts(slot).clear(),
    db.search(slot).clear(),
    db.tails(slot).clear(),
    db.indexes.delete(slot),
  ]);
}

/** File line of catalog position p: line 1 is the header. */
const lineOf = (position: number) => position + 2;

/**
 * Equal id hashes are the only candidates for a repeated id (the reader catches repeats within one
 * run; this also covers a file that changed across a resume). The index holds every id exactly,
 * so the check needs no record reads.
 */
function checkDistinctIds(index: CatalogIndex): void {
  let first: [number, number, string] | null = null;
  for (const group of idHashCollisions(index)) {
    const seen = new Map<string, number>();
    for (const position of [...group].sort((a, b) => a - b)) {
      const id = idAt(index, position) ?? '';
      const earlier = seen.get(id);
      if (earlier !== undefined && (!first || earlier < first[0])) first = [earlier, position, id];
      seen.set(id, position);
    }
  }
  if (first) {
    const [a, b, id] = first;
    throw new CatalogFormatError(
      `Duplicate id ${id} on lines ${lineOf(a)} and ${lineOf(b)}: every paper needs its own id.`,
    );
  }
}

/** The job as stored now, if it is still `job` (the same load). */
async function sameJob(db: CatalogDb, job: CatalogJob): Promise<CatalogJob> {
  const record = await db.meta.get('job');
  const now = record?.key === 'job' ? record.value : undefined;
  if (!now || now.slot !== job.slot || now.startedAt !== job.startedAt || now.ref !== job.ref) {
    throw new Error('The catalog load was replaced by another one.');
  }
  return now;
}

/** Builds and stores the slot's index; the job then records that the feed papers go next. */
async function storeIndex(db: CatalogDb, job: CatalogJob, count: number): Promise<void> {
  const parts = await db.parts(job.slot).toArray();
  const index = buildIndex(parts, count);
  checkDistinctIds(index);
  await db.transaction('rw', [db.indexes, db.meta], async () => {
    const now = await sameJob(db, job);
    await db.indexes.put({ slot: job.slot, ...index });
    await db.meta.put({ key: 'job', value: { ...now, replay: { after: null, tail: null } } });
  });
}

/**
 * Completes a load whose `count` papers are all stored in the job's slot, with their search
 * index: index, feed papers (unless the job drops them), switch.
 */
export async function finishLoad(
  db: CatalogDb,
  job: CatalogJob,
  count: number,
  { signal, page }: { signal?: AbortSignal; page?: number } = {},
): Promise<ActiveCatalog> {
  if (!job.replay) await storeIndex(db, job, count);
  if (job.keepFeeds !== false) await replayFeed(db, job.slot, { signal, page });
  signal?.throwIfAborted();
  const old: Slot = job.slot === 0 ? 1 : 0;
  const active = await db.transaction('rw', [db.indexes, db.meta, db.feed], async () => {
    const now = await sameJob(db, job);
    const before = await db.meta.get('active');
    const oldTail = before?.key === 'active' ? before.value.tail : undefined;
    const tail = now.keepFeeds !== false ? now.replay?.tail : null;
    const active: ActiveCatalog = {
      slot: job.slot,
      version: job.version,
      kind: job.kind,
      source: job.source,
      count,
      loadedAt: new Date().toISOString(),
      // The feed papers did not change with the load: they were last updated when they were.
      ...(tail ? { tail: { ...tail, updatedAt: oldTail?.updatedAt ?? tail.updatedAt } } : {}),
    };
    await db.meta.put({ key: 'active', value: active });
    await db.meta.delete('job');
    await db.meta.delete('lastError');
    if (now.keepFeeds === false) await db.feed.clear();
    return active;
  });
  // If the worker dies here, resumeLoad clears the old slot and the parts on the next start.
  await db.transaction('rw', [...db.slotTables(old), db.parts(job.slot)], async () => {
    await clearSlot(db, old);
    await db.parts(job.slot).clear();
  });
  return active;
}
