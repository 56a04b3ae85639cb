import type { Paper } from '../catalog/schema';
import { type CatalogDb, type CatalogJob, type ReplayState, type Slot } from './catalog-db';
import type { CatalogView } from './catalog-view';
import { foldSources } from './feed-rows';
import { plan, putTailWrites, readCurrent, tailWrites, touchesCatalog } from './tail-plan';

/** Feed rows re-applied per transaction, unless the load says otherwise. */
const PAGE = 1000;

function jobError(slot: Slot): Error {
  return new Error(`No catalog load into slot ${slot} is waiting for its feed papers.`);
}

const sameJob = (a: CatalogJob, b: CatalogJob | undefined) =>
  !!b && a.slot === b.slot && a.startedAt === b.startedAt && a.ref === b.ref;

/**
 * After a catalog file is loaded into `slot` (its papers stored and its index built, the old slot
 * still active), re-applies the papers from feed sources to it: each feed paper recomputed from
 * the new catalog's record and the sources' contributions, in feed-id order, a page per
 * transaction. The position reached is kept in the load job, so a stopped worker carries on where
 * the last page ended, and lookups keep answering from the old slot until the switch.
 */
export async function replayFeed(
  db: CatalogDb,
  slot: Slot,
  opts: { signal?: AbortSignal; now?: Date; page?: number } = {},
): Promise<ReplayState> {
  const now = opts.now ?? new Date();
  const [jobRecord, base] = await db.transaction('r', [db.meta, db.indexes], () =>
    Promise.all([db.meta.get('job'), db.indexes.get(slot)]),
  );
  let job = jobRecord?.key === 'job' ? jobRecord.value : undefined;
  if (!job || job.slot !== slot || !job.replay || !base) throw jobError(slot);
  // Rows are applied once each, in id order, so none of a page's papers is in the tail yet:
  // lookups for them need the base index and the dead positions only.
  const dead = new Set<number>();
  if (job.replay.tail) {
    for (const record of await db.tails(slot).toArray()) for (const p of record.dead) dead.add(p);
  }
  for (;;) {
    opts.signal?.throwIfAborted();
    const replay: ReplayState = job.replay!;
    const rows = await db.feed
      .where('id')
      .above(replay.after ?? '')
      .limit(Math.max(1, opts.page ?? PAGE))
      .toArray();
    if (!rows.length) return replay;
    const tail = replay.tail;
    const view: CatalogView = {
      base,
      tail: null,
      tailBase: tail?.base ?? base.count,
      end: tail?.end ?? base.count,
      dead,
    };
    const state = { slot, count: base.count, tail, view };
    const ids = rows.map((row) => row.id);
    const { current, chunks } = await db.transaction('r', db.chunks(slot), () =>
      readCurrent(db, state, ids),
    );
    const wanted = new Map<string, Paper | null>();
    for (const row of rows) {
      wanted.set(row.id, foldSources(current.get(row.id)?.base, row.sources) ?? null);
    }
    const p = plan(state, current, wanted);
    const writes = touchesCatalog(p) ? await tailWrites(db, state, chunks, p, now) : null;
    const next: CatalogJob = {
      ...job,
      replay: { after: ids[ids.length - 1]!, tail: writes?.tail ?? tail },
    };
    const tables = [db.chunks(slot), db.tails(slot), db.search(slot), db.meta];
    await db.transaction('rw', tables, async () => {
      const stored = await db.meta.get('job');
      const again = stored?.key === 'job' ? stored.value : undefined;
      if (!sameJob(job!, again) || again!.replay?.after !== replay.after) throw jobError(slot);
      if (writes) await putTailWrites(db, slot, writes);
      await db.meta.put({ key: 'job', value: next });
    });
    for (const p of writes?.record?.dead ?? []) dead.add(p);
    job = next;
  }
}
