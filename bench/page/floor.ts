import { floorRecord, paperLines, type FloorRecord } from './catalog-lines';

/**
 * The floor: what raw IndexedDB costs for the same records, with no Dexie, no parsing and no
 * validation in the timed region. Same key path, same indexes, same batch per transaction and
 * the same durability hint as the catalog database, so ours/floor is the loader's overhead.
 */

export const FLOOR_DB = 'paperpeek-bench-floor';

export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openFloorDb(): Promise<IDBDatabase> {
  const open = indexedDB.open(FLOOR_DB, 1);
  open.onupgradeneeded = () => {
    const store = open.result.createObjectStore('papers', { keyPath: 'id' });
    store.createIndex('doiKey', 'doiKey');
    store.createIndex('titleKey', 'titleKey');
  };
  return request(open);
}

function writeBatch(db: IDBDatabase, records: FloorRecord[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction('papers', 'readwrite', { durability: 'relaxed' });
    const store = tx.objectStore('papers');
    for (const record of records) store.put(record);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('floor transaction aborted'));
  });
}

export async function deleteFloorDb(): Promise<void> {
  await request(indexedDB.deleteDatabase(FLOOR_DB));
}

export type FloorResult = { count: number; idbMs: number; parseMs: number };

export async function runFloor(
  file: Blob,
  batchSize: number,
  chunkSize: number,
): Promise<FloorResult> {
  await deleteFloorDb();
  const db = await openFloorDb();
  let count = 0;
  let idbMs = 0;
  let parseStart = performance.now();
  let parseMs = 0;
  try {
    for await (const lines of paperLines(file, chunkSize)) {
      const chunk = lines.map(floorRecord);
      parseMs += performance.now() - parseStart;
      const start = performance.now();
      for (let i = 0; i < chunk.length; i += batchSize) {
        await writeBatch(db, chunk.slice(i, i + batchSize));
      }
      idbMs += performance.now() - start;
      count += chunk.length;
      parseStart = performance.now();
    }
  } finally {
    db.close();
  }
  return { count, idbMs, parseMs };
}
