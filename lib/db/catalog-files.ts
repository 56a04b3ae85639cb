import { catalogDb, type CatalogDb } from './catalog-db';

/**
 * Staging hands a user's file to the background: an extension page cannot pass a File through
 * runtime messaging, but both contexts share the catalog database, so the page stores the Blob
 * and sends its id. The loader deletes the staged file when the load ends, success or failure.
 */

/** Larger than any catalog we expect (1M papers compress to a few hundred MB); refuse early. */
export const MAX_STAGED_BYTES = 2 * 1024 ** 3;

export async function stageCatalogFile(file: Blob, db: CatalogDb = catalogDb()): Promise<string> {
  if (file.size === 0) throw new Error('The catalog file is empty.');
  if (file.size > MAX_STAGED_BYTES) {
    throw new Error(
      `The catalog file is ${Math.round(file.size / 1024 ** 2)} MB; the limit is 2 GB.`,
    );
  }
  const id = crypto.randomUUID();
  const name = file instanceof File ? file.name : 'catalog file';
  await db.files.put({ id, blob: file, name, size: file.size, stagedAt: new Date().toISOString() });
  return id;
}

export async function deleteStagedFile(id: string, db: CatalogDb = catalogDb()): Promise<void> {
  await db.files.delete(id);
}
