import type { Paper } from '../catalog/schema';
import { readLines } from '../db/catalog-chunks';
import type { CatalogDb, Slot } from '../db/catalog-db';
import { remergeChampions } from './champions';
import {
  BASE_HEAD_KEY,
  championKey,
  DEAD_KEY,
  headKey,
  INDEX_FORMAT,
  SEGMENT,
  type ChampionRecord,
  type DeadRecord,
  type DictRecord,
  type SearchRecord,
  type StatsRecord,
} from './records';
import { storedPapers, TailIndexWriter } from './tail-segments';

/**
 * The search index of papers appended to the active catalog after its base papers (the tail,
 * lib/db/catalog-upsert.ts). The tail starts on a segment of its own (`tailBase`), so the base
 * segments are never rewritten: each batch writes the records of the tail segments it touched
 * (the open one only where it changed), the head dictionary `h` merged again from the base's
 * (`h:base`) and the tail segments', the champion lists of the terms it gave new postings in a
 * segment where they spill, the dead positions (`x`) and the stats. The upsert writes them in
 * the batch's transaction, so the popup sees a batch exactly when lookups do.
 */

export type TailSearchInput = {
  slot: Slot;
  /** Papers of the base catalog. */
  count: number;
  tailBase: number;
  /** The tail's end before this batch (tailBase when empty). */
  end: number;
  /** Appended at positions end, end + 1, ... */
  papers: Paper[];
  /** Every dead position after this batch, ascending. */
  dead: Uint32Array;
};

/** Writers kept between batches, per database and slot; valid while the stats carry their stamp. */
const writers = new WeakMap<CatalogDb, Map<Slot, TailIndexWriter>>();

function keptWriter(db: CatalogDb, slot: Slot, stats: StatsRecord, end: number) {
  const writer = writers.get(db)?.get(slot);
  const valid =
    writer &&
    stats.tail &&
    writer.stamp === stats.tail.stamp &&
    writer.end === end &&
    writer.segment === stats.segment;
  return valid ? writer : undefined;
}

function keepWriter(db: CatalogDb, slot: Slot, writer: TailIndexWriter) {
  let bySlot = writers.get(db);
  if (!bySlot) writers.set(db, (bySlot = new Map()));
  bySlot.set(slot, writer);
}

type Head = { terms: string[]; df: ArrayLike<number> };

const headOf = (record: DictRecord): Head => ({
  terms: record.terms ? record.terms.split('\n') : [],
  df: record.df,
});

/** Two sorted head dictionaries as one, the df of a term in both summed. */
function mergeTwo(a: Head, b: Head): Head {
  const terms: string[] = [];
  const df: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.terms.length || j < b.terms.length) {
    const x = a.terms[i];
    const y = b.terms[j];
    if (y === undefined || (x !== undefined && x < y)) {
      terms.push(x!);
      df.push(a.df[i++]!);
    } else if (x === undefined || y < x) {
      terms.push(y);
      df.push(b.df[j++]!);
    } else {
      terms.push(x);
      df.push(a.df[i++]! + b.df[j++]!);
    }
  }
  return { terms, df };
}

/** `h`: the base head dictionary and every tail segment's, merged as the loader merges them. */
function mergeHeads(heads: readonly DictRecord[]): DictRecord {
  const merged = heads.map(headOf).reduce(mergeTwo);
  return { k: 'h', terms: merged.terms.join('\n'), df: Uint32Array.from(merged.df) };
}

function checkInput({ count, tailBase, end, papers, dead }: TailSearchInput) {
  const newEnd = end + papers.length;
  if (tailBase < count || end < tailBase) {
    throw new Error(`Search index: a tail at ${tailBase}-${end} after ${count} papers.`);
  }
  dead.forEach((p, i) => {
    if (i > 0 && p <= dead[i - 1]!) throw new Error('Search index: dead positions must ascend.');
    if ((p >= count && p < tailBase) || p >= newEnd) {
      throw new Error(`Search index: dead position ${p} holds no paper.`);
    }
  });
}

/**
 * The `x` record after the batch: the ids the dead positions hold come from the previous record,
 * the batch's papers, or else the stored lines.
 */
async function deadRecord(
  db: CatalogDb,
  { slot, count, tailBase, end, papers, dead }: TailSearchInput,
  old: DeadRecord | undefined,
): Promise<DeadRecord> {
  const known = new Map<number, string>();
  if (old && old.from === count && old.to === tailBase) {
    const ids = old.ids ? old.ids.split('\n') : [];
    old.dead.forEach((p, i) => known.set(p, ids[i]!));
  }
  const missing = [...dead].filter((p) => !known.has(p) && p < end);
  const lines = missing.length ? await readLines(db, slot, missing) : new Map<number, string>();
  const ids = Array.from(dead, (p) => {
    const id = known.get(p) ?? (p >= end ? papers[p - end]!.id : undefined);
    if (id !== undefined) return id;
    const line = lines.get(p);
    if (line === undefined) throw new Error(`Search index: dead position ${p} is not stored.`);
    return (JSON.parse(line) as Paper).id;
  });
  return {
    k: DEAD_KEY,
    dead: Uint32Array.from(dead),
    ids: ids.join('\n'),
    from: count,
    to: tailBase,
  };
}

/**
 * The first position at or after `count` base papers that starts a new search segment: where
 * the tail begins (the one already begun, if any).
 */
export async function searchTailBase(db: CatalogDb, slot: Slot, count: number): Promise<number> {
  const stats = (await db.search(slot).get('s')) as StatsRecord | undefined;
  if (stats?.tail && stats.tail.count === count) return stats.tail.base;
  const segment = stats?.segment ?? SEGMENT;
  return Math.ceil(count / segment) * segment;
}

/**
 * The search records to bulkPut into db.search(slot) in the batch's transaction. When the slot's
 * index is not built in the current format (rebuild.ts is at work) or does not cover the tail up
 * to `end`, only the dead positions are written and the papers are left to rebuildSearchIndex.
 * Papers stored in the tail but not indexed (a batch written without these records) are indexed
 * with this batch, from their chunks.
 */
export async function tailSearchRecords(
  db: CatalogDb,
  input: TailSearchInput,
): Promise<SearchRecord[]> {
  checkInput(input);
  const { slot, count, tailBase, end, papers } = input;
  const table = db.search(slot);
  const [stats, baseHead, oldDead] = (await table.bulkGet(['s', BASE_HEAD_KEY, DEAD_KEY])) as [
    StatsRecord | undefined,
    DictRecord | undefined,
    DeadRecord | undefined,
  ];
  const dead = await deadRecord(db, input, oldDead);
  const ready =
    stats &&
    (stats.format ?? 1) === INDEX_FORMAT &&
    tailBase === Math.ceil(count / stats.segment) * stats.segment &&
    (stats.tail
      ? stats.tail.count === count && stats.tail.base === tailBase && stats.count <= end
      : stats.count === count);
  if (!ready) return [dead];
  const { segment } = stats;
  const indexed = stats.tail ? stats.count : tailBase;
  const newEnd = end + papers.length;
  const out: SearchRecord[] = [];
  const base = stats.tail ? baseHead : ((await table.get('h')) as DictRecord | undefined);
  if (!base) throw new Error('Search index: the head dictionary is missing.');
  if (!stats.tail) out.push({ ...base, k: BASE_HEAD_KEY });

  let writer = keptWriter(db, slot, stats, indexed);
  if (!writer && newEnd > indexed) writer = await TailIndexWriter.open(db, slot, segment, indexed);
  if (writer) {
    for await (const stored of storedPapers(db, slot, indexed, end)) writer.add(stored);
    writer.add(papers);
  }
  const changes = writer?.take() ?? [];
  if (changes.length) {
    out.push(...changes.flatMap((c) => c.records));
    const segments = Array.from(
      { length: Math.ceil(newEnd / segment) - tailBase / segment },
      (_, i) => tailBase / segment + i,
    );
    const changed = new Map(changes.map((c) => [c.seg, c.head]));
    const unchanged = segments.filter((s) => !changed.has(s));
    const stored = (await table.bulkGet(unchanged.map(headKey))) as (DictRecord | undefined)[];
    const heads = segments.map((s) => {
      const head = changed.get(s) ?? stored[unchanged.indexOf(s)];
      if (!head) throw new Error(`Search index: tail segment ${s} is missing.`);
      return head;
    });
    out.push(mergeHeads([base, ...heads]));
    const terms = [...new Set(changes.flatMap((c) => c.terms))];
    const current = (await table.bulkGet(terms.map(championKey))) as (ChampionRecord | undefined)[];
    out.push(
      ...remergeChampions(
        terms,
        new Map(terms.map((t, i) => [t, current[i]])),
        changes.map((c) => ({ seg: c.seg, record: c.champions })),
        segment,
      ),
    );
  }
  const stamp = crypto.randomUUID();
  const live = count + (newEnd - tailBase) - dead.dead.length;
  const next: StatsRecord = {
    k: 's',
    count: newEnd,
    segment,
    segments: Math.ceil(newEnd / segment),
    format: INDEX_FORMAT,
    ...(stats.short !== undefined ? { short: stats.short } : {}),
    tail: { count, base: tailBase, live, stamp },
  };
  out.push(dead, next);
  if (writer) {
    writer.stamp = stamp;
    keepWriter(db, slot, writer);
  }
  return out;
}
