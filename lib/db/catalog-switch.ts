import { CatalogFormatError } from '../catalog/catalog-reader';
import type { ActiveCatalog, CatalogDb, CatalogJob, Slot } from './catalog-db';
import { buildIndex, idAt, idHashCollisions, type CatalogIndex } from './catalog-index';

/**
 * The end of a load: build the slot's index from its key parts, prove the ids distinct, then make
 * the slot active in one transaction and clear the old one.
 */

/** Empties a slot; call inside a rw transaction over db.slotTables(slot). */
export async function clearSlot(db: CatalogDb, slot: Slot): Promise<void> {
  await Promise.all([
    db.chunks(slot).clear(),
    db.parts(slot).clear(),
    db.search(slot).clear(),
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

export async function finishLoad(
  db: CatalogDb,
  job: CatalogJob,
  count: number,
): Promise<ActiveCatalog> {
  const parts = await db.parts(job.slot).toArray();
  const index = buildIndex(parts, count);
  checkDistinctIds(index);
  const active: ActiveCatalog = {
    slot: job.slot,
    version: job.version,
    kind: job.kind,
    source: job.source,
    count,
    loadedAt: new Date().toISOString(),
  };
  await db.transaction('rw', [db.indexes, db.meta], async () => {
    await db.indexes.put({ slot: job.slot, ...index });
    await db.meta.put({ key: 'active', value: active });
    await db.meta.delete('job');
    await db.meta.delete('lastError');
  });
  // If the worker dies here, resumeLoad clears the old slot and the parts on the next start.
  const old: Slot = job.slot === 0 ? 1 : 0;
  await db.transaction('rw', [...db.slotTables(old), db.parts(job.slot)], async () => {
    await clearSlot(db, old);
    await db.parts(job.slot).clear();
  });
  return active;
}
