import { readMeta, type ActiveCatalog, type CatalogDb, type FeedRow } from './catalog-db';
import { activeView } from './index-cache';
import type { SlotState } from './tail-plan';

/**
 * The checks every writer of feed papers makes: none while a catalog load runs (its slot switch
 * would race the write), and none if the catalog or the feed rows changed between reading them
 * and the write transaction (which re-checks both).
 */

export class CatalogBusyError extends Error {}

/** Refusal while a catalog load runs: its slot switch would otherwise race the batch. */
function busyError(): CatalogBusyError {
  return new CatalogBusyError('A catalog load is running; papers from sources wait until it ends.');
}

/** Refusal when the active catalog moved between reading and writing. */
function changedError(): Error {
  return new Error('The catalog changed while the batch was prepared; nothing was stored.');
}

const sameCatalog = (a: ActiveCatalog, b: ActiveCatalog | null) =>
  !!b &&
  a.slot === b.slot &&
  a.loadedAt === b.loadedAt &&
  (a.tail?.rev ?? 0) === (b.tail?.rev ?? 0);

/** The active catalog and what lookups see of it; refuses during a load or before any catalog. */
export async function activeState(db: CatalogDb): Promise<SlotState & { active: ActiveCatalog }> {
  const tables = [db.meta, db.indexes, db.chunks0, db.chunks1, db.tails0, db.tails1];
  const state = await db.transaction('r', tables, async () => {
    const { active, job } = await readMeta(db);
    if (job) throw busyError();
    if (!active) throw new Error('No catalog is installed yet; papers from sources need one.');
    const view = await activeView(db, active);
    if (!view) throw new Error('The catalog has no lookup index; load it again.');
    return { active, slot: active.slot, count: active.count, tail: active.tail ?? null, view };
  });
  return state;
}

/**
 * `write`, in one rw transaction over the slot's catalog, tail and search tables, the feed rows and
 * meta, after checking in it that no load began and that neither the catalog nor the rows of `ids`
 * moved since `state` and `rows` were read (the plan being written was made from them).
 */
export function guardedFeedWrite(
  db: CatalogDb,
  state: SlotState & { active: ActiveCatalog },
  ids: readonly string[],
  rows: readonly (FeedRow | undefined)[],
  write: () => Promise<void>,
): Promise<void> {
  const { slot } = state;
  const tables = [db.chunks(slot), db.tails(slot), db.search(slot), db.feed, db.meta];
  return db.transaction('rw', tables, async () => {
    const { active, job } = await readMeta(db);
    if (job) throw busyError();
    if (!sameCatalog(state.active, active)) throw changedError();
    if (!sameRows(rows, await db.feed.bulkGet([...ids]))) throw changedError();
    await write();
  });
}

/** Whether the feed rows are still the ones a plan was made from. */
function sameRows(before: readonly (FeedRow | undefined)[], now: readonly (FeedRow | undefined)[]) {
  return (
    before.length === now.length &&
    before.every((row, i) => JSON.stringify(row) === JSON.stringify(now[i]))
  );
}
