import Dexie from 'dexie';
import type { Paper } from '../catalog/schema';
import { CHUNK, type ActiveCatalog, type CatalogDb } from './catalog-db';
import { buildIndex, INDEX_FORMAT, keyPart, type CatalogIndex } from './catalog-index';

/**
 * The active slot's index, kept in memory for as long as the worker lives: a warm lookup reads no
 * index from IndexedDB. Keyed by database and by the active catalog's identity, so a new load
 * (a new loadedAt) or another database never sees a stale index.
 *
 * The stored index is versioned (INDEX_FORMAT). One written by an older version lacks columns the
 * lookups now use, so it is rebuilt from the slot's own records: once, then stored back, so the
 * next worker reads the new format directly.
 */

type Cached = { key: string; index: CatalogIndex };
const cache = new WeakMap<CatalogDb, Cached>();

const keyOf = (active: ActiveCatalog) => `${active.slot}|${active.version}|${active.loadedAt}`;

/** Call inside a transaction that also read `active` and the chunk tables. */
export async function activeIndex(
  db: CatalogDb,
  active: ActiveCatalog,
): Promise<CatalogIndex | null> {
  const key = keyOf(active);
  const cached = cache.get(db);
  if (cached?.key === key) return cached.index;
  const record = await db.indexes.get(active.slot);
  if (!record) return null;
  let index: CatalogIndex = record;
  if (record.format !== INDEX_FORMAT) {
    index = await rebuildIndex(db, active);
    storeLater(db, active, index);
  }
  cache.set(db, { key, index });
  return index;
}

/** The index of the active slot computed from its stored records (an older index format). */
export async function rebuildIndex(db: CatalogDb, active: ActiveCatalog): Promise<CatalogIndex> {
  const parts = [];
  const chunks = await db.chunks(active.slot).toArray();
  for (const chunk of chunks) {
    // The loader validated every line before storing it.
    const papers = chunk.lines.split('\n').map((line) => JSON.parse(line) as Paper);
    parts.push(keyPart(chunk.n * CHUNK, papers));
  }
  return buildIndex(parts, active.count);
}

/** Outside the caller's read-only transaction; skipped if another catalog became active. */
function storeLater(db: CatalogDb, active: ActiveCatalog, index: CatalogIndex): void {
  void Dexie.ignoreTransaction(() =>
    db.transaction('rw', [db.meta, db.indexes], async () => {
      const now = await db.meta.get('active');
      if (now?.key !== 'active' || keyOf(now.value) !== keyOf(active)) return;
      await db.indexes.put({ slot: active.slot, ...index });
    }),
  ).catch((error: unknown) => console.warn('PaperPeek: storing the rebuilt index', error));
}

/** Whether the next lookup on `db` will read the index from IndexedDB (the cold path). */
export function isIndexCached(db: CatalogDb, active: ActiveCatalog): boolean {
  return cache.get(db)?.key === keyOf(active);
}
