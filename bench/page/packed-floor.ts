import type { Paper } from '@/lib/catalog/schema';
import { keyPart, type KeyPart } from '@/lib/db/catalog-index';
import { paperLines } from './catalog-lines';
import { request } from './floor';

/**
 * The packed floor: raw IndexedDB (no Dexie) writing exactly what our layout writes per batch
 * (chunk records of `chunk` '\n'-joined lines, one key part, one checkpoint) with parsing, hashing
 * and packing outside the timed region. Run per chunk size, it also times what a lookup hit pays:
 * one transaction fetching 100 random chunks.
 */

const PACKED_DB = 'paperpeek-bench-packed';

function openPackedDb(): Promise<IDBDatabase> {
  const open = indexedDB.open(PACKED_DB, 1);
  open.onupgradeneeded = () => {
    open.result.createObjectStore('chunks', { keyPath: 'n' });
    open.result.createObjectStore('parts', { keyPath: 'start' });
    open.result.createObjectStore('meta', { keyPath: 'key' });
  };
  return request(open);
}

type Batch = { chunks: { n: number; lines: string }[]; part: KeyPart; done: number };

function pack(lines: string[], start: number, batchSize: number, chunk: number): Batch[] {
  const batches: Batch[] = [];
  for (let b = 0; b < lines.length; b += batchSize) {
    const batch = lines.slice(b, b + batchSize);
    const from = start + b;
    const chunks = [];
    for (let i = 0; i < batch.length; i += chunk) {
      chunks.push({ n: (from + i) / chunk, lines: batch.slice(i, i + chunk).join('\n') });
    }
    const papers = batch.map((line) => JSON.parse(line) as Paper);
    batches.push({ chunks, part: keyPart(from, papers), done: from + batch.length });
  }
  return batches;
}

function writeBatch(db: IDBDatabase, { chunks, part, done }: Batch): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(['chunks', 'parts', 'meta'], 'readwrite', { durability: 'relaxed' });
    const store = tx.objectStore('chunks');
    for (const chunk of chunks) store.put(chunk);
    tx.objectStore('parts').put(part);
    tx.objectStore('meta').put({ key: 'job', value: { done } });
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('packed floor transaction aborted'));
  });
}

function getChunks(db: IDBDatabase, numbers: number[]): Promise<unknown[]> {
  const tx = db.transaction('chunks', 'readonly');
  const store = tx.objectStore('chunks');
  return Promise.all(numbers.map((n) => request(store.get(n))));
}

export type PackedFloorResult = {
  chunk: number;
  count: number;
  idbMs: number;
  /** One transaction reading 100 random chunks, as a batch with 100 hits does. */
  readMs: number[];
};

export async function runPackedFloor(
  file: Blob,
  batchSize: number,
  chunkSize: number,
  chunk: number,
): Promise<PackedFloorResult> {
  await request(indexedDB.deleteDatabase(PACKED_DB));
  const db = await openPackedDb();
  const aligned = Math.ceil(batchSize / chunk) * chunk;
  let count = 0;
  let idbMs = 0;
  const readMs: number[] = [];
  try {
    for await (const lines of paperLines(file, Math.ceil(chunkSize / aligned) * aligned)) {
      const batches = pack(lines, count, aligned, chunk);
      const start = performance.now();
      for (const batch of batches) await writeBatch(db, batch);
      idbMs += performance.now() - start;
      count += lines.length;
    }
    const chunks = Math.ceil(count / chunk);
    for (let round = 0; round < 60; round++) {
      const numbers = Array.from({ length: 100 }, () => Math.floor(Math.random() * chunks));
      const start = performance.now();
      await getChunks(db, numbers);
      if (round >= 10) readMs.push(performance.now() - start);
    }
  } finally {
    db.close();
    await request(indexedDB.deleteDatabase(PACKED_DB));
  }
  return { chunk, count, idbMs, readMs };
}
