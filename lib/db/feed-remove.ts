import { sourceIdSchema, type Paper, type SourceId } from '../catalog/schema';
import { feedListNameSchema } from '../feeds/sources';
import { type CatalogDb, type FeedRow, type MetaRecord } from './catalog-db';
import { activeState, guardedFeedWrite } from './feed-guard';
import { foldSources, withoutSource } from './feed-rows';
import { plan, putTailWrites, readCurrent, tailWrites, touchesCatalog } from './tail-plan';

/** Feed rows handled per transaction. */
const PAGE = 500;

/**
 * Removes what `source` brought: a paper only that source brought goes; a paper the catalog file
 * or another source also has goes back to what they say (the catalog file's record with the other
 * sources' contributions merged in, as if `source` had never sent it). The source's cursor and
 * lists go with the first page, so the source starts afresh if it is used again. Works a page of
 * papers per transaction; stopped midway, running it again finishes the job. Answers the number
 * of papers that left the catalog.
 */
export async function removeSourcePapers(db: CatalogDb, source: SourceId): Promise<number> {
  const parsed = sourceIdSchema.safeParse(source);
  if (!parsed.success) throw new Error(`There is no source ${String(source)}.`);
  const src = parsed.data;
  let removed = 0;
  for (let first = true; ; first = false) {
    const state = await activeState(db);
    const rows = await db.feed.where('by').equals(src).limit(PAGE).toArray();
    if (!rows.length && !first) return removed;
    const ids = rows.map((row) => row.id);
    const { current, chunks } = await db.transaction('r', db.chunks(state.slot), () =>
      readCurrent(db, state, ids),
    );
    const rests = rows.map((row) => withoutSource(row, src));
    const wanted = new Map<string, Paper | null>();
    rows.forEach((row, i) => {
      const base = current.get(row.id)?.base;
      wanted.set(row.id, (rests[i] ? foldSources(base, rests[i].sources) : base) ?? null);
    });
    const p = plan(state, current, wanted);
    const writes = touchesCatalog(p) ? await tailWrites(db, state, chunks, p, new Date()) : null;
    const meta: MetaRecord[] = writes
      ? [{ key: 'active', value: { ...state.active, tail: writes.tail } }]
      : [];
    const gone = first
      ? [
          `cursor:${src}` as const,
          ...feedListNameSchema.options
            .filter((name) => name.startsWith(`${src}-`))
            .map((name) => `list:${name}` as const),
        ]
      : [];
    await guardedFeedWrite(db, state, ids, rows, async () => {
      if (writes) await putTailWrites(db, state.slot, writes);
      const kept = rests.filter((row): row is FeedRow => row !== null);
      if (kept.length) await db.feed.bulkPut(kept);
      await db.feed.bulkDelete(ids.filter((_, i) => !rests[i]));
      if (meta.length) await db.meta.bulkPut(meta);
      if (gone.length) await db.meta.bulkDelete(gone);
    });
    for (const outcome of p.outcome.values()) if (outcome === 'gone') removed++;
    if (!rows.length) return removed;
  }
}
