import type { Paper } from '../catalog/schema';
import { CHUNK, readMeta, type CatalogDb } from '../db/catalog-db';
import { INDEX_FORMAT, SEGMENT, segmentChampionsKey, type StatsRecord } from './records';
import { SearchIndexWriter } from './index-writer';

/**
 * Builds the search index of an active catalog that has none: one installed before the index
 * existed (catalog DB version 1), or whose index has another INDEX_FORMAT, which is dropped
 * first (searches say the index is being built until this is done). Resumable without a job
 * record: a segment's champions record (`m:SSS`) is written with the segment, so the first
 * missing one is where to go on. Loads take precedence: with a load running, or once one has
 * switched catalogs, this does nothing more.
 */
export async function rebuildSearchIndex(db: CatalogDb, segment = SEGMENT): Promise<boolean> {
  const { active, job } = await db.transaction('r', db.meta, () => readMeta(db));
  if (!active || job) return false;
  const table = db.search(active.slot);
  const stats = (await table.get('s')) as StatsRecord | undefined;
  if (stats && (stats.format ?? 1) === INDEX_FORMAT) return false;
  let seg = 0;
  while (seg * segment < active.count && (await table.get(segmentChampionsKey(seg)))) seg++;
  // Nothing of this format yet: whatever is there (an older index, whole or partial) goes.
  if (seg === 0) await table.clear();
  const writer = await SearchIndexWriter.open(db, active.slot, seg * segment, segment);
  const slice = 2048;
  const stillActive = async () => {
    const now = await db.meta.get('active');
    return now?.key === 'active' && now.value.loadedAt === active.loadedAt;
  };
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
