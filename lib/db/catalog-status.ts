import type { MessageOutput } from '../messaging/protocol';
import { readMeta, type CatalogDb } from './catalog-db';

export type CatalogStatus = MessageOutput<'getCatalogStatus'>;

/** Bytes the extension origin stores; null where the browser does not say. */
async function bytesUsed(): Promise<number | null> {
  try {
    const estimate = await navigator.storage?.estimate?.();
    return estimate?.usage ?? null;
  } catch {
    return null;
  }
}

/** What the options page shows: the catalog in use, a load in progress, the last failure. */
export async function getCatalogStatus(db: CatalogDb): Promise<CatalogStatus> {
  const [{ active, job, lastError }, usage] = await Promise.all([
    db.transaction('r', db.meta, () => readMeta(db)),
    bytesUsed(),
  ]);
  return {
    active: active && {
      version: active.version,
      source: active.source,
      count: active.count,
      loadedAt: active.loadedAt,
    },
    job: job && { source: job.source, done: job.done, total: job.total },
    lastError,
    bytesUsed: usage,
  };
}
