import { z } from 'zod';
import { mergePaper } from '../catalog/merge';
import { paperSchema, sourceIdSchema, type Paper, type SourceId } from '../catalog/schema';
import {
  feedListNameSchema,
  feedListSchema,
  type FeedBatch,
  type FeedList,
  type FeedListName,
  type UpsertResult,
} from '../feeds/sources';
import { readMeta, type CatalogDb, type FeedRow, type MetaRecord } from './catalog-db';
import { feedOnlyCount } from './catalog-view';
import { activeState, guardedFeedWrite } from './feed-guard';
import { contribute, foldSources } from './feed-rows';
import { activeView } from './index-cache';
import { plan, putTailWrites, readCurrent, tailWrites, touchesCatalog } from './tail-plan';

export { CatalogBusyError } from './feed-guard';
export { removeSourcePapers } from './feed-remove';
export { replayFeed } from './feed-replay';

/**
 * Papers from feed sources land in the active catalog one batch at a time, each batch in ONE
 * transaction with the source's cursor and lists: lookups and search see it exactly when it
 * commits, and a failed batch (a full disk, a catalog load that began meanwhile) leaves nothing.
 * A known paper is merged field by field (catalog/merge.ts); feed-rows.ts keeps what each source
 * said, so a later catalog load or removing a source recomputes the paper from its parts.
 */

const idSchema = paperSchema.shape.id;

const batchSchema = z.object({
  source: sourceIdSchema,
  put: z.array(z.unknown()),
  withdraw: z.array(idSchema).optional(),
  lists: z.partialRecord(feedListNameSchema, feedListSchema).optional(),
});

/** Batch papers, checked: a bad one fails the batch with its index and id named. */
function checkBatch(batch: FeedBatch) {
  const shape = batchSchema.safeParse(batch);
  if (!shape.success) {
    const issue = shape.error.issues[0];
    throw new Error(`Feed batch: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const put = shape.data.put.map((value, i) => {
    const parsed = paperSchema.safeParse(value);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const id = (value as { id?: unknown } | null)?.id;
    throw new Error(
      `Feed batch paper ${i}${typeof id === 'string' ? ` (${id})` : ''}: ${issue?.path.join('.')}: ${issue?.message}`,
    );
  });
  const withdraw = [...new Set(shape.data.withdraw ?? [])];
  const both = withdraw.find((id) => put.some((p) => p.id === id));
  if (both) throw new Error(`Feed batch both adds and withdraws ${both}.`);
  return { source: shape.data.source, put, withdraw, lists: shape.data.lists ?? {} };
}

/** A batch's papers with repeated ids merged into one, in first-seen order. */
function mergeRepeats(papers: Paper[], source: SourceId, now: Date): Map<string, Paper> {
  const byId = new Map<string, Paper>();
  for (const paper of papers) {
    const seen = byId.get(paper.id);
    byId.set(paper.id, seen ? mergePaper(seen, paper, source, now).paper : paper);
  }
  return byId;
}

/**
 * Stores one batch from a source: merges its papers into the catalog, removes withdrawn ids, and
 * records the source's cursor and lists, all in one transaction. Throws, storing nothing, on a bad
 * paper, during a catalog load, or if the transaction fails.
 */
export async function upsertPapers(
  db: CatalogDb,
  batch: FeedBatch,
  opts: { now?: Date } = {},
): Promise<UpsertResult> {
  const now = opts.now ?? new Date();
  const { source, put, withdraw, lists } = checkBatch(batch);
  const incoming = mergeRepeats(put, source, now);
  const ids = [...incoming.keys(), ...withdraw];
  const state = await activeState(db);
  const { current, chunks, rows } = await db.transaction(
    'r',
    [db.chunks(state.slot), db.feed],
    async () => ({
      ...(await readCurrent(db, state, ids)),
      rows: await db.feed.bulkGet(ids),
    }),
  );
  const rowPuts: FeedRow[] = [];
  const wanted = new Map<string, Paper | null>();
  ids.forEach((id, i) => {
    const paper = incoming.get(id);
    if (paper) {
      const { row, changed } = contribute(rows[i], source, paper, now);
      if (changed) rowPuts.push(row);
      wanted.set(id, foldSources(current.get(id)?.base, row.sources) ?? null);
    } else {
      wanted.set(id, null);
    }
  });
  const p = plan(state, current, wanted);
  const writes = touchesCatalog(p) ? await tailWrites(db, state, chunks, p, now) : null;
  const rowDeletes = withdraw.filter((_, i) => rows[incoming.size + i]);
  const meta: MetaRecord[] = [];
  if (writes) meta.push({ key: 'active', value: { ...state.active, tail: writes.tail } });
  if (batch.cursor !== undefined) meta.push({ key: `cursor:${source}`, value: batch.cursor });
  for (const [name, list] of Object.entries(lists)) {
    meta.push({ key: `list:${name as FeedListName}`, value: list });
  }
  await guardedFeedWrite(db, state, ids, rows, async () => {
    if (writes) await putTailWrites(db, state.slot, writes);
    if (rowPuts.length) await db.feed.bulkPut(rowPuts);
    if (rowDeletes.length) await db.feed.bulkDelete(rowDeletes);
    if (meta.length) await db.meta.bulkPut(meta);
  });
  const result: UpsertResult = { added: [], changed: [], unchanged: 0, withdrawn: [] };
  for (const [id, outcome] of p.outcome) {
    if (outcome === 'added') result.added.push(id);
    else if (outcome === 'changed') result.changed.push(id);
    else if (outcome === 'gone') result.withdrawn.push(id);
    else if (incoming.has(id)) result.unchanged++;
  }
  return result;
}

/** The resume point a source stored with its last batch; undefined if it has none. */
export async function readCursor(db: CatalogDb, source: SourceId): Promise<unknown> {
  const record = await db.meta.get(`cursor:${sourceIdSchema.parse(source)}`);
  return record?.value;
}

/** The Trending lists as their sources last stored them; a damaged one is left out. */
export async function readLists(db: CatalogDb): Promise<Partial<Record<FeedListName, FeedList>>> {
  const names = feedListNameSchema.options;
  const records = await db.meta.bulkGet(names.map((name) => `list:${name}` as const));
  const lists: Partial<Record<FeedListName, FeedList>> = {};
  names.forEach((name, i) => {
    const parsed = feedListSchema.safeParse(records[i]?.value);
    if (parsed.success) lists[name] = parsed.data;
  });
  return lists;
}

/** Papers the catalog has from sources only (not from its catalog file), and the last change. */
export async function feedSummary(
  db: CatalogDb,
): Promise<{ feedPapers: number; updatedAt: string | null }> {
  const tables = [db.meta, db.indexes, db.chunks0, db.chunks1, db.tails0, db.tails1];
  return db.transaction('r', tables, async () => {
    const { active } = await readMeta(db);
    const view = active && (await activeView(db, active));
    return {
      feedPapers: view ? feedOnlyCount(view) : 0,
      updatedAt: active?.tail?.updatedAt ?? null,
    };
  });
}
