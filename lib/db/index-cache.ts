import type { ActiveCatalog, CatalogDb } from './catalog-db';
import type { CatalogIndex } from './catalog-index';

/**
 * The active slot's index, kept in memory for as long as the worker lives: a warm lookup reads no
 * index from IndexedDB. Keyed by database and by the active catalog's identity, so a new load
 * (a new loadedAt) or another database never sees a stale index.
 */

type Cached = { key: string; index: CatalogIndex };
const cache = new WeakMap<CatalogDb, Cached>();

const keyOf = (active: ActiveCatalog) => `${active.slot}|${active.version}|${active.loadedAt}`;

/** Call inside a transaction that also read `active`, so index and catalog always agree. */
export async function activeIndex(
  db: CatalogDb,
  active: ActiveCatalog,
): Promise<CatalogIndex | null> {
  const key = keyOf(active);
  const cached = cache.get(db);
  if (cached?.key === key) return cached.index;
  const record = await db.indexes.get(active.slot);
  if (!record) return null;
  cache.set(db, { key, index: record });
  return record;
}

/** Whether the next lookup on `db` will read the index from IndexedDB (the cold path). */
export function isIndexCached(db: CatalogDb, active: ActiveCatalog): boolean {
  return cache.get(db)?.key === keyOf(active);
}
