import Dexie, { type Table } from 'dexie';
import type { CatalogIndexRecord, KeyPart } from './catalog-index';
import type { SearchRecord } from '../search/records';
import type { Paper, SourceId } from '../catalog/schema';
import type { FeedList, FeedListName } from '../feeds/sources';

/**
 * The catalog database holds only the replaceable catalog, never user data, so that replacing or
 * wiping it cannot touch a reading list. Two slots make a load atomic: a load fills the inactive
 * slot while lookups keep reading the active one, then one transaction flips `active`.
 *
 * IndexedDB's cost is per record, so papers are packed: CHUNK consecutive papers form one record
 * of '\n'-joined JSON lines (paper p is line p % CHUNK of chunk floor(p / CHUNK)). Lookups go
 * through sorted 32-bit hash arrays (catalog-index.ts) that the background keeps in memory; the
 * loader writes each batch's hashes as a key part and builds the index from them at the end.
 */

export type Slot = 0 | 1;
export type SourceKind = 'bundled' | 'file';

/**
 * Papers per chunk record. Chromium moves any IndexedDB value over 64 KB into a separate blob
 * file, which made 32/64/128-paper chunks of ~2.2 KB lines slow to write and to read (100 random
 * chunk gets: p50 126/338/423 ms at 100k papers). 16 papers keep a chunk near 35 KB, under that
 * line, while still cutting the record count 16-fold (bench --chunks, bench/README.md).
 */
export const CHUNK = 16;

/** CHUNK consecutive validated catalog lines, starting at paper n * CHUNK. */
export type ChunkRecord = { n: number; lines: string };

/**
 * Papers from feed sources (catalog-upsert.ts) live after the base papers, from `base` on: an
 * append-only tail whose superseded and withdrawn positions are listed as dead in its records.
 */
export type TailState = {
  /** First tail position: at or after the base papers, where a search segment starts. */
  base: number;
  /** One past the last tail position written. */
  end: number;
  /** Bumped by every batch that changes what lookups see; keys the cached tail index. */
  rev: number;
  /** Tail positions that are not dead. */
  live: number;
  /** When a feed last added, changed or removed a paper (ISO time). */
  updatedAt: string;
};

export type ActiveCatalog = {
  slot: Slot;
  version: string;
  kind: SourceKind;
  /** For people: the file name, or the bundled catalog's own description. */
  source: string;
  /** Papers of the catalog file (the base); feed papers are counted in `tail`. */
  count: number;
  loadedAt: string;
  tail?: TailState;
};

/**
 * One batch of the tail: the keys of the papers it appended at start, start + 1, ... (absolute
 * positions), and the positions it made dead (base or tail: superseded, withdrawn, removed).
 */
export type TailRecord = {
  seq: number;
  start: number;
  part: KeyPart;
  dead: Uint32Array;
};

/**
 * What each source contributed to a paper, merged over that source's batches, so the catalog can
 * recompute a paper after a new catalog file is loaded or when one source's papers are removed.
 */
export type FeedRow = {
  id: string;
  /** The sources in `sources` (a multi-entry index: the rows of one source). */
  by: SourceId[];
  sources: Partial<Record<SourceId, Paper>>;
};

/** Where re-applying the feed papers to a freshly loaded slot stands (feed-replay.ts). */
export type ReplayState = {
  /** The last feed row id applied; rows are applied in id order. */
  after: string | null;
  tail: TailState | null;
};

export type CatalogJob = {
  slot: Slot;
  kind: SourceKind;
  /** The bundled file's URL, or the id of a staged file in `files`. */
  ref: string;
  source: string;
  version: string;
  total: number;
  /** Records committed to the slot; written in the same transaction as the records. */
  done: number;
  startedAt: string;
  /** False: the papers from feed sources are dropped when this catalog becomes active. */
  keepFeeds?: boolean;
  /** Set once every paper is stored and the slot's index is built: the feed papers go next. */
  replay?: ReplayState;
};

export type MetaRecord =
  | { key: 'active'; value: ActiveCatalog }
  | { key: 'job'; value: CatalogJob }
  | { key: 'lastError'; value: string }
  /** A feed source's resume point (lib/feeds), written in the same transaction as its batch. */
  | { key: `cursor:${SourceId}`; value: unknown }
  /** A list the popup's Trending view shows (lib/feeds/sources.ts FeedList). */
  | { key: `list:${FeedListName}`; value: FeedList };

/**
 * Related papers found for a paper that came without any (lib/search/related.ts), the first time
 * a card or the popup's details asked: kept, so the search runs once a paper.
 */
export type KeptRelated = {
  id: string;
  ids: string[];
  /** Live papers in the catalog when the list was found: a catalog that grew finds it again. */
  live: number;
  at: string;
};

export type StagedFile = { id: string; blob: Blob; name: string; size: number; stagedAt: string };

export const CATALOG_DB_NAME = 'paperpeek-catalog';

export class CatalogDb extends Dexie {
  chunks0!: Table<ChunkRecord, number>;
  chunks1!: Table<ChunkRecord, number>;
  parts0!: Table<KeyPart, number>;
  parts1!: Table<KeyPart, number>;
  indexes!: Table<CatalogIndexRecord, Slot>;
  meta!: Table<MetaRecord, MetaRecord['key']>;
  files!: Table<StagedFile, string>;
  /** The popup's search index per slot (lib/search/records.ts), built by the loader. */
  search0!: Table<SearchRecord, string>;
  search1!: Table<SearchRecord, string>;
  /** Per slot: the papers from feed sources stored after the base papers (TailRecord). */
  tails0!: Table<TailRecord, number>;
  tails1!: Table<TailRecord, number>;
  /** Each feed paper's per-source contributions, shared by both slots. */
  feed!: Table<FeedRow, string>;
  /** Related papers found on demand (KeptRelated), shared by both slots. */
  related!: Table<KeptRelated, string>;

  constructor(name = CATALOG_DB_NAME) {
    // Bulk loads write thousands of records per transaction; relaxed durability skips an fsync
    // per commit, and a crash mid-load is covered by the resumable job anyway.
    super(name, { chromeTransactionDurability: 'relaxed' });
    // No secondary IndexedDB indexes: every lookup key lives in the in-memory hash arrays.
    this.version(1).stores({
      chunks0: 'n',
      chunks1: 'n',
      parts0: 'start',
      parts1: 'start',
      indexes: 'slot',
      meta: 'key',
      files: 'id',
    });
    this.version(2).stores({ search0: 'k', search1: 'k' });
    this.version(3).stores({ tails0: 'seq', tails1: 'seq', feed: 'id, *by' });
    this.version(4).stores({ related: 'id' });
  }

  chunks(slot: Slot): Table<ChunkRecord, number> {
    return slot === 0 ? this.chunks0 : this.chunks1;
  }

  parts(slot: Slot): Table<KeyPart, number> {
    return slot === 0 ? this.parts0 : this.parts1;
  }

  search(slot: Slot): Table<SearchRecord, string> {
    return slot === 0 ? this.search0 : this.search1;
  }

  tails(slot: Slot): Table<TailRecord, number> {
    return slot === 0 ? this.tails0 : this.tails1;
  }

  /** Every table that holds one slot's data. */
  slotTables(slot: Slot) {
    return [this.chunks(slot), this.parts(slot), this.search(slot), this.tails(slot), this.indexes];
  }
}

let shared: CatalogDb | undefined;

/** The extension's catalog database (opened lazily, on first use). */
export function catalogDb(): CatalogDb {
  shared ??= new CatalogDb();
  return shared;
}

/** Typed reads of the key-value meta table, usable inside a transaction. */
export async function readMeta(db: CatalogDb) {
  const [active, job, lastError] = await db.meta.bulkGet(['active', 'job', 'lastError']);
  return {
    active: (active?.value as ActiveCatalog | undefined) ?? null,
    job: (job?.value as CatalogJob | undefined) ?? null,
    lastError: (lastError?.value as string | undefined) ?? null,
  };
}
