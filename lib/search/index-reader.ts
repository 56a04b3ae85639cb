import type { ActiveCatalog, CatalogDb, Slot } from '../db/catalog-db';
import {
  DOC_BLOCK,
  docKey,
  yearKey,
  type DictRecord,
  type DocBlockRecord,
  type DocRow,
  type StatsRecord,
  type YearRecord,
} from './records';

/**
 * The part of the search index a page keeps in memory once opened: stats, the head dictionary,
 * every paper's year and code bit (2 bytes a paper), and the score arrays reused by every query.
 * Postings and display rows are read per query. Cached per page, keyed by the active catalog,
 * so a new load is picked up on the next query.
 */
export type OpenIndex = {
  key: string;
  slot: Slot;
  count: number;
  segment: number;
  segments: number;
  head: { terms: string[]; df: Uint32Array; dfOf: Map<string, number> };
  /** year * 2 + hasCode, per catalog position. */
  years: Uint16Array;
  scratch: Scratch;
  rows: Map<number, DocRow[]>;
  ids: Map<string, number | null>;
};

/** Reused between queries so typing allocates nothing per keystroke in proportion to N. */
export type Scratch = {
  score: Float32Array;
  best: Float32Array;
  words: Uint16Array;
  fields: Uint8Array;
};

const cache = new WeakMap<CatalogDb, OpenIndex>();
const keyOf = (active: ActiveCatalog) => `${active.slot}|${active.version}|${active.loadedAt}`;
/** Display blocks kept after use: typing the next letter mostly shows the same papers. */
const ROW_BLOCKS_KEPT = 64;

export class SearchUnavailableError extends Error {}

/** The active catalog's search index; reads it on first use (the popup's cold path). */
export async function openIndex(db: CatalogDb): Promise<OpenIndex | null> {
  const record = await db.meta.get('active');
  if (record?.key !== 'active') return null;
  const active = record.value;
  const key = keyOf(active);
  const cached = cache.get(db);
  if (cached?.key === key) return cached;
  const table = db.search(active.slot);
  const [stats, head] = (await table.bulkGet(['s', 'h'])) as [
    StatsRecord | undefined,
    DictRecord | undefined,
  ];
  if (!stats || !head) {
    throw new SearchUnavailableError(
      'The catalog has no search index yet; it is being built in the background. Try again in a minute.',
    );
  }
  const yearRecords = (await table.bulkGet(
    Array.from({ length: stats.segments }, (_, s) => yearKey(s)),
  )) as (YearRecord | undefined)[];
  const years = new Uint16Array(stats.count);
  yearRecords.forEach((r, s) => {
    if (r) years.set(r.years, s * stats.segment);
  });
  const terms = head.terms ? head.terms.split('\n') : [];
  const n = Math.max(1, stats.count);
  const open: OpenIndex = {
    key,
    slot: active.slot,
    count: stats.count,
    segment: stats.segment,
    segments: stats.segments,
    head: { terms, df: head.df, dfOf: new Map(terms.map((t, i) => [t, head.df[i]!])) },
    years,
    scratch: {
      score: new Float32Array(n),
      best: new Float32Array(n),
      words: new Uint16Array(n),
      fields: new Uint8Array(n),
    },
    rows: new Map(),
    ids: new Map(),
  };
  cache.set(db, open);
  return open;
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
      index.rows.set(missing[i]!, JSON.parse(r.rows) as DocRow[]);
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
