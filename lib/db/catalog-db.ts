import Dexie, { type Table } from 'dexie';
import type { Paper } from '../catalog/schema';

/**
 * The catalog database holds only the replaceable catalog, never user data, so that replacing or
 * wiping it cannot touch a reading list. Two paper tables make a load atomic: a load fills the
 * inactive slot while lookups keep reading the active one, then one transaction flips `active`.
 */

export type Slot = 0 | 1;
export type SourceKind = 'bundled' | 'file';

/** A paper as stored: the record plus the lower-case keys its indexes use. */
export type StoredPaper = Paper & { titleKey: string; doiKey?: string };

export type ActiveCatalog = {
  slot: Slot;
  version: string;
  kind: SourceKind;
  /** For people: the file name, or the bundled catalog's own description. */
  source: string;
  count: number;
  loadedAt: string;
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
};

export type MetaRecord =
  | { key: 'active'; value: ActiveCatalog }
  | { key: 'job'; value: CatalogJob }
  | { key: 'lastError'; value: string };

export type StagedFile = { id: string; blob: Blob; name: string; size: number; stagedAt: string };

export const CATALOG_DB_NAME = 'paperpeek-catalog';

export class CatalogDb extends Dexie {
  papers0!: Table<StoredPaper, string>;
  papers1!: Table<StoredPaper, string>;
  meta!: Table<MetaRecord, MetaRecord['key']>;
  files!: Table<StagedFile, string>;

  constructor(name = CATALOG_DB_NAME) {
    // Bulk loads write thousands of records per transaction; relaxed durability skips an fsync
    // per commit, and a crash mid-load is covered by the resumable job anyway.
    super(name, { chromeTransactionDurability: 'relaxed' });
    // Index only what lookups query; the long title is reached through its compact hash.
    const papers = 'id, doiKey, titleKey';
    this.version(1).stores({ papers0: papers, papers1: papers, meta: 'key', files: 'id' });
  }

  papers(slot: Slot): Table<StoredPaper, string> {
    return slot === 0 ? this.papers0 : this.papers1;
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
