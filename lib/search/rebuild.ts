import type { Paper } from '../catalog/schema';
import { CHUNK, readMeta, type ActiveCatalog, type CatalogDb } from '../db/catalog-db';
import { SearchIndexWriter } from './index-writer';
import { INDEX_FORMAT, SEGMENT, segmentChampionsKey, type StatsRecord } from './records';
import { tailSearchRecords } from './tail-writer';

/**
 * Builds the search index of an active catalog that has none: one installed before the index
 * existed (catalog DB version 1), or whose index has another INDEX_FORMAT, which is dropped
 * first (searches say the index is being built until this is done). The base papers come first,
 * then the papers appended after them from feed sources (the tail), so a format change keeps
 * them. Resumable without a job record: a base segment's champions record (`m:SSS`) is written
 * with the segment, so the first missing one is where to go on, and the stats say how far the
 * tail is indexed. Loads take precedence: with a load running, or once one has switched
 * catalogs, this does nothing more; a feed batch that commits meanwhile makes the tail's slice
 * run again.
 */
export async function rebuildSearchIndex(db: CatalogDb, segment = SEGMENT): Promise<boolean> {
  const { active, job } = await db.transaction('r', db.meta, () => readMeta(db));
  if (!active || job) return false;
  const table = db.search(active.slot);
  const stats = (await table.get('s')) as StatsRecord | undefined;
  const current = !!stats && (stats.format ?? 1) === INDEX_FORMAT;
  const end = active.tail?.end ?? active.count;
  if (current && stats.count === end && (!active.tail || stats.tail)) return false;
  const stillActive = async () => {
    const now = await db.meta.get('active');
    return now?.key === 'active' && now.value.loadedAt === active.loadedAt;
  };
  const baseDone = current && (!!stats.tail || stats.count === active.count);
  if (!baseDone && !(await rebuildBase(db, active, segment, stillActive))) return false;
  if (active.tail) return rebuildTail(db, active);
  return true;
}

async function rebuildBase(
  db: CatalogDb,
  active: ActiveCatalog,
  segment: number,
  stillActive: () => Promise<boolean>,
): Promise<boolean> {
  const table = db.search(active.slot);
  let seg = 0;
  while (seg * segment < active.count && (await table.get(segmentChampionsKey(seg)))) seg++;
  // Nothing of this format yet: whatever is there (an older index, whole or partial) goes.
  if (seg === 0) await table.clear();
  const writer = await SearchIndexWriter.open(db, active.slot, seg * segment, segment);
  const slice = 2048;
  for (let from = seg * segment; from < active.count; from += slice) {
    if (!(await stillActive())) return false;
    const chunks = await db
      .chunks(active.slot)
      .where('n')
      .between(from / CHUNK, Math.ceil(Math.min(active.count, from + slice) / CHUNK), true, false)
      .toArray();
    const papers = chunks.flatMap((c) => c.lines.split('\n')).map((l) => JSON.parse(l) as Paper);
    const records = writer.add(from, papers);
    if (records.length) await table.bulkPut(records);
  }
  if (!(await stillActive())) return false;
  await writer.finish(db, active.count);
  return true;
}

/** Papers per transaction while the tail is indexed again. */
const TAIL_SLICE = 2048;

/**
 * Indexes the tail after the base index, a slice at a time, from its chunks; dead positions come
 * from the tail's batch records. Each slice is written only if no feed batch committed since it
 * was read (the batch's own records carry on from the index as it found it).
 */
async function rebuildTail(db: CatalogDb, started: ActiveCatalog): Promise<boolean> {
  const { slot } = started;
  const table = db.search(slot);
  for (;;) {
    const { active, dead, stats } = await db.transaction(
      'r',
      [db.meta, db.tails(slot), table],
      async () => {
        const dead = new Set<number>();
        await db.tails(slot).each((record) => record.dead.forEach((p) => dead.add(p)));
        return {
          active: (await readMeta(db)).active,
          dead,
          stats: (await table.get('s')) as StatsRecord | undefined,
        };
      },
    );
    if (!active?.tail || active.slot !== slot || active.loadedAt !== started.loadedAt) {
      return false;
    }
    if (!stats) return false;
    const { base, end, rev } = active.tail;
    const indexed = stats.tail ? stats.count : base;
    if (stats.tail && indexed >= end) return true;
    const to = Math.min(end, indexed + TAIL_SLICE);
    const records = await tailSearchRecords(db, {
      slot,
      count: active.count,
      tailBase: base,
      end: to,
      papers: [],
      dead: Uint32Array.from([...dead].filter((p) => p < to)).sort(),
    });
    if (!records.some((r) => r.k === 's')) {
      throw new Error(
        `Search index: the tail at ${base} does not follow the index of ${active.count} papers in segments of ${stats.segment}.`,
      );
    }
    await db.transaction('rw', [db.meta, table], async () => {
      const now = (await readMeta(db)).active;
      if (now?.loadedAt === active.loadedAt && now.tail?.rev === rev) await table.bulkPut(records);
    });
  }
}
