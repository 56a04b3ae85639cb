import type { Entry } from './entry';

/**
 * The newest entries of the reading list, read with IndexedDB alone: no Dexie, no React, so the
 * manager page can start this read from a tiny classic script in its `<head>`
 * (entrypoints/manager-first-screen.ts) while its modules are still being fetched and compiled.
 * Dexie stores entries as they are, so a raw read yields the same values Dexie would.
 */

/** The reading list's database (lib/reading-list/db.ts opens it through Dexie). */
export const USER_DB_NAME = 'paperpeek-user';

/** Enough rows to fill a tall window before the whole list has been read. */
export const FIRST_SCREEN = 40;

/**
 * Up to `limit` entries, newest `addedAt` first; `null` when there is no reading list yet (the
 * database is not created here: Dexie creates it with its schema) or it has no `entries` store.
 * Rejects with the browser's error when the database cannot be opened or read.
 */
export function readNewestRaw(
  factory: IDBFactory,
  name: string,
  limit: number,
): Promise<Entry[] | null> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name);
    // Only a database that does not exist yet gets an upgrade from a bare open: abort it, so
    // that Dexie later creates the database with its own schema and version.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = (event) => {
      event.preventDefault();
      if (request.error?.name === 'AbortError') resolve(null);
      else reject(request.error);
    };
    request.onsuccess = () => {
      const db = request.result;
      // A newer schema waiting to open (Dexie's upgrade) must not wait for this connection.
      db.onversionchange = () => db.close();
      if (!db.objectStoreNames.contains('entries')) {
        db.close();
        resolve(null);
        return;
      }
      const out: Entry[] = [];
      try {
        const tx = db.transaction('entries', 'readonly');
        const store = tx.objectStore('entries');
        const byAdded = store.index('addedAt');
        if ('getAllRecords' in store) {
          // IndexedDB 3 (Chromium 141+): getAll takes a direction, one request for the lot. A
          // cursor walks row by row, and each step waits behind whatever else the database does
          // (the manager's read of the whole list): 40 steps took ~800 ms at 10,000 entries.
          const all = (byAdded.getAll as (options: object) => IDBRequest<Entry[]>)({
            count: limit,
            direction: 'prev',
          });
          all.onsuccess = () => out.push(...all.result);
        } else {
          const cursor = byAdded.openCursor(null, 'prev');
          cursor.onsuccess = () => {
            const at = cursor.result;
            if (!at || out.length >= limit) return;
            out.push(at.value as Entry);
            if (out.length < limit) at.continue();
          };
        }
        tx.oncomplete = () => {
          db.close();
          resolve(out);
        };
        tx.onabort = () => {
          db.close();
          reject(tx.error ?? new Error('The reading list could not be read.'));
        };
      } catch (error) {
        db.close();
        reject(error);
      }
    };
  });
}
