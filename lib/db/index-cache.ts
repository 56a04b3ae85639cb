import Dexie from 'dexie';
import type { Paper } from '../catalog/schema';
import { CHUNK, type ActiveCatalog, type CatalogDb } from './catalog-db';
import {
  buildIndex,
  INDEX_FORMAT,
  keyPart,
  type CatalogIndex,
  type KeyPart,
} from './catalog-index';
import { baseOnly, rebasePart, type CatalogView } from './catalog-view';

/**
 * The active slot's index, kept in memory for as long as the worker lives: a warm lookup reads no
 * index from IndexedDB. Keyed by database and by the active catalog's identity, so a new load
 * (a new loadedAt) or another database never sees a stale index.
 *
 * The stored index is versioned (INDEX_FORMAT). One written by an older version lacks columns the
 * lookups now use, so it is rebuilt from the slot's own records: once, then stored back, so the
 * next worker reads the new format directly.
 *
 * The tail of feed papers (catalog-upsert.ts) is cached beside it under the tail's `rev`. Tail
 * records are only ever added, with rising `seq`, so a newer rev reads just the records since.
 */

/** The tail's index, with the parts and dead positions it was built from (to extend it). */
type CachedTail = {
  key: string;
  tailBase: number;
  rev: number;
  /** The highest tail record read. */
  seq: number;
  parts: KeyPart[];
  dead: Set<number>;
  view: CatalogView;
};
type Cached = { key: string; index: CatalogIndex; tail?: CachedTail };
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
  // Only the base papers: tail chunks (feed papers) have their own index.
  const chunks = await db
    .chunks(active.slot)
    .where('n')
    .below(Math.ceil(active.count / CHUNK))
    .toArray();
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

/**
 * What lookups see of the active catalog: its base index and its tail. Call inside a
 * transaction that also read `active`, the chunk tables and the tail tables.
 */
export async function activeView(
  db: CatalogDb,
  active: ActiveCatalog,
): Promise<CatalogView | null> {
  const index = await activeIndex(db, active);
  if (!index) return null;
  const tail = active.tail;
  if (!tail) return baseOnly(index);
  const cached = cache.get(db)!;
  const key = `${tail.base}|${tail.end}|${tail.rev}`;
  if (cached.tail?.key === key) return cached.tail.view;
  // Extend the cached tail only if it is an older state of this one.
  const since =
    cached.tail?.tailBase === tail.base && cached.tail.rev < tail.rev ? cached.tail : undefined;
  const records = await db
    .tails(active.slot)
    .where('seq')
    .above(since?.seq ?? -Infinity)
    .toArray();
  const parts = [...(since?.parts ?? []), ...records.map((r) => rebasePart(r.part, tail.base))];
  const dead = new Set(since?.dead);
  for (const record of records) for (const p of record.dead) dead.add(p);
  const view: CatalogView = {
    base: index,
    tail: buildIndex(parts, tail.end - tail.base),
    tailBase: tail.base,
    end: tail.end,
    dead,
  };
  const seq = records.reduce((max, r) => Math.max(max, r.seq), since?.seq ?? -Infinity);
  cached.tail = { key, tailBase: tail.base, rev: tail.rev, seq, parts, dead, view };
  return view;
}
