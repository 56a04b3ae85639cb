import type { ActiveCatalog, CatalogDb, Slot } from '../db/catalog-db';
import {
  DEAD_KEY,
  DOC_BLOCK,
  docKey,
  INDEX_FORMAT,
  YEAR_SLICE,
  yearKey,
  type DeadRecord,
  type DictRecord,
  type DocBlockRecord,
  type DocRow,
  type StatsRecord,
  type YearRecord,
} from './records';
import { RecordCache } from './record-cache';
import { phase } from './trace';

/**
 * The part of the search index a page keeps in memory once opened: stats, the head dictionary,
 * room for every paper's year and code bit (2 bytes a paper, read as queries need them), and the
 * score arrays reused by every query. Postings and display rows are read per query and kept in
 * bounded caches. Cached per page, keyed by the active catalog, so a new load is picked up on the
 * next query.
 */
export type OpenIndex = {
  key: string;
  slot: Slot;
  /** Positions indexed: the base papers, then the tail's (tail-writer.ts), dead ones included. */
  count: number;
  /** Positions that hold a current paper: idf and the empty query's total count these. */
  live: number;
  /**
   * 1 at each position below count that holds no current paper (superseded, withdrawn, or the
   * gap before the tail); null when there is none.
   */
  dead: Uint8Array | null;
  /** Catalog ids held by dead positions (a stored answer may show them). */
  deadIds: Set<string>;
  segment: number;
  segments: number;
  head: { terms: string[]; df: Uint32Array; dfOf: Map<string, number> };
  /** Two-character prefixes with a precomputed answer (`q:` records, short-answers.ts). */
  short: Set<string>;
  /** year * 2 + hasCode, per catalog position; valid where ensureYears has read it. */
  years: Uint16Array;
  /** 1 for each position whose `years` entry was read (from its slice or its display row). */
  yearKnown: Uint8Array;
  scratch: Scratch;
  rows: Map<number, DocRow[]>;
  ids: Map<string, number | null>;
  /** Buckets and postings read by earlier queries (the next keystroke mostly needs them again). */
  records: RecordCache;
  /** The page has answered a query with this index (and `prefault` ran): typing, not cold. */
  warm: boolean;
};

/** Reused between queries so typing allocates nothing per keystroke in proportion to N. */
export type Scratch = {
  score: Float32Array;
  best: Float32Array;
  words: Uint16Array;
  fields: Uint8Array;
};

const cache = new WeakMap<CatalogDb, OpenIndex>();
/** Every batch appended to the catalog's tail bumps its rev: the index is read again. */
const keyOf = (active: ActiveCatalog) =>
  `${active.slot}|${active.version}|${active.loadedAt}|${active.tail?.rev ?? 0}`;
/** Display blocks kept after use: typing the next letter mostly shows the same papers. */
const ROW_BLOCKS_KEPT = 256;

export class SearchUnavailableError extends Error {}

/**
 * The index this page opened, if any, without checking that its catalog is still the active one:
 * a keystroke starts its reads with it while `isActive` checks (one database round trip less).
 */
export function cachedIndex(db: CatalogDb): OpenIndex | undefined {
  return cache.get(db);
}

/** Whether `index` still belongs to the active catalog. */
export async function isActive(db: CatalogDb, index: OpenIndex): Promise<boolean> {
  const record = await db.meta.get('active');
  return record?.key === 'active' && keyOf(record.value) === index.key;
}

/** Whether position `p` holds a current paper. */
export function isLive(index: OpenIndex, p: number): boolean {
  return index.dead === null || index.dead[p] !== 1;
}

/** Flags of the positions below `count` that `x` says hold no current paper, and their ids. */
function deadOf(count: number, record: DeadRecord | undefined) {
  if (!record) return { dead: null, ids: new Set<string>(), flagged: 0 };
  const dead = new Uint8Array(count);
  dead.fill(1, Math.min(record.from, count), Math.min(record.to, count));
  for (const p of record.dead) if (p < count) dead[p] = 1;
  let flagged = 0;
  for (let p = 0; p < count; p++) flagged += dead[p]!;
  const ids = new Set(record.ids ? record.ids.split('\n') : []);
  return { dead: flagged ? dead : null, ids, flagged };
}

/**
 * An index over `slot` from its stats, head and dead-position records; `key` names the catalog
 * it belongs to.
 */
export function indexFrom(
  key: string,
  slot: Slot,
  stats: StatsRecord,
  head: DictRecord,
  deadRecord?: DeadRecord,
): OpenIndex {
  const terms = head.terms ? head.terms.split('\n') : [];
  const n = Math.max(1, stats.count);
  const { dead, ids, flagged } = deadOf(stats.count, deadRecord);
  return {
    key,
    slot,
    count: stats.count,
    live: stats.count - flagged,
    dead,
    deadIds: ids,
    segment: stats.segment,
    segments: stats.segments,
    head: { terms, df: head.df, dfOf: new Map(terms.map((t, i) => [t, head.df[i]!])) },
    short: new Set(stats.short ? stats.short.split('\n') : []),
    years: new Uint16Array(stats.count),
    yearKnown: new Uint8Array(stats.count),
    scratch: {
      score: new Float32Array(n),
      best: new Float32Array(n),
      words: new Uint16Array(n),
      fields: new Uint8Array(n),
    },
    rows: new Map(),
    ids: new Map(),
    records: new RecordCache(),
    warm: false,
  };
}

/** The active catalog's search index; reads it on first use (the popup's cold path). */
export async function openIndex(db: CatalogDb): Promise<OpenIndex | null> {
  const cached = cache.get(db);
  // Cold, both slots' stats and head are asked for with the active record rather than after
  // it: one round trip less before the first query can start (the inactive slot is empty).
  const both = cached
    ? null
    : ([0, 1] as const).map((slot) => db.search(slot).bulkGet(['s', 'h', DEAD_KEY]));
  both?.forEach((read) => read.catch(() => undefined));
  const record = await db.meta.get('active');
  phase('meta');
  if (record?.key !== 'active') return null;
  const active = record.value;
  const key = keyOf(active);
  if (cached?.key === key) return cached;
  const table = db.search(active.slot);
  const [stats, head, dead] = (await (both?.[active.slot] ??
    table.bulkGet(['s', 'h', DEAD_KEY]))) as [
    StatsRecord | undefined,
    DictRecord | undefined,
    DeadRecord | undefined,
  ];
  phase('stats');
  if (!stats || !head || (stats.format ?? 1) !== INDEX_FORMAT) {
    throw new SearchUnavailableError(
      'The catalog has no search index yet (or one from an older version); it is being built in the background. Try again in a minute.',
    );
  }
  const open = indexFrom(key, active.slot, stats, head, dead);
  cache.set(db, open);
  phase('head');
  return open;
}

/**
 * Reads the years of `positions` (every paper when null) that are not in memory yet. At a
 * million papers all years are 2 MB, a read that took 50-200 ms of a cold query; a query needs
 * only the slices its candidates are in (ranking breaks ties by year, filters test it).
 */
export async function ensureYears(
  db: CatalogDb,
  index: OpenIndex,
  positions: Iterable<number> | null,
): Promise<void> {
  const perSegment = Math.ceil(index.segment / YEAR_SLICE);
  const sliceOf = (p: number) =>
    Math.floor(p / index.segment) * perSegment + Math.floor((p % index.segment) / YEAR_SLICE);
  const wanted = new Set<number>();
  const { yearKnown, dead } = index;
  if (positions === null) {
    for (let p = 0; p < index.count; p++) {
      if (!yearKnown[p] && (dead === null || !dead[p])) wanted.add(sliceOf(p));
    }
  } else {
    for (const p of positions) if (!yearKnown[p]) wanted.add(sliceOf(p));
  }
  if (!wanted.size) return;
  const slices = [...wanted];
  const keys = slices.map((i) => yearKey(Math.floor(i / perSegment), i % perSegment));
  const records = (await db.search(index.slot).bulkGet(keys)) as (YearRecord | undefined)[];
  records.forEach((record, k) => {
    const i = slices[k]!;
    if (!record) return;
    const start = Math.floor(i / perSegment) * index.segment + (i % perSegment) * YEAR_SLICE;
    index.years.set(record.years, start);
    yearKnown.fill(1, start, start + record.years.length);
  });
  phase('years');
}

/** Display rows of catalog positions, in the order asked. */
export async function readRows(
  db: CatalogDb,
  index: OpenIndex,
  positions: readonly number[],
): Promise<DocRow[]> {
  const blocks = [...new Set(positions.map((p) => Math.floor(p / DOC_BLOCK)))];
  const missing = blocks.filter((b) => !index.rows.has(b));
  if (missing.length) {
    const records = (await db.search(index.slot).bulkGet(missing.map(docKey))) as (
      DocBlockRecord | undefined
    )[];
    records.forEach((r, i) => {
      if (!r) throw new Error(`Search index: display block ${missing[i]} is missing.`);
      const block = JSON.parse(r.rows) as DocRow[];
      index.rows.set(missing[i]!, block);
      // A display row carries the year and code bit too: no year slice needed for these.
      const start = missing[i]! * DOC_BLOCK;
      block.forEach((row, j) => {
        index.years[start + j] = row[3] * 2 + row[5];
        index.yearKnown[start + j] = 1;
      });
    });
  }
  const rows = positions.map((p) => index.rows.get(Math.floor(p / DOC_BLOCK))![p % DOC_BLOCK]!);
  // Oldest first out: a Map iterates in insertion order.
  for (const block of index.rows.keys()) {
    if (index.rows.size <= ROW_BLOCKS_KEPT) break;
    if (!blocks.includes(block)) index.rows.delete(block);
  }
  return rows;
}
