import { openUserDb, type UserDb } from '@/lib/reading-list/db';
import { updateEntries } from '@/lib/reading-list/entries';
import { EDITABLE_FIELDS, type Entry } from '@/lib/reading-list/entry';
import { encodeHlc } from '@/lib/sync/hlc';
import { userDbStore } from '@/lib/sync/local-store';
import type { Remote } from '@/lib/sync/remote';
import { runSync } from '@/lib/sync/run-sync';
import { stateFrom } from '@/lib/sync/state';
import { storageSyncRemote, type SyncArea } from '@/lib/sync/storage-sync-remote';
import { webdavRemote } from '@/lib/sync/webdav-remote';
import { encodeState } from '@/lib/sync/wire';

/**
 * The sync bench's page API: seed a reading list, sync it through the real engine to WebDAV or
 * storage.sync, edit one entry, and a raw PUT of the same document for the baseline.
 */
export interface SyncBenchApi {
  seed(count: number, name: string): Promise<number>;
  syncWebdav(
    name: string,
    dav: { url: string; username: string; password: string },
    device: string,
  ): Promise<Measure>;
  syncStorage(name: string): Promise<Measure>;
  editOne(name: string): Promise<void>;
  rawPut(name: string, dav: { url: string; username: string; password: string }): Promise<Measure>;
}
export interface Measure {
  ms: number;
  bytesSent: number;
  synced?: number;
}

declare global {
  interface Window {
    paperpeekSyncBench?: SyncBenchApi;
  }
}

const dbs = new Map<string, UserDb>();
const db = (name: string) => dbs.get(name) ?? dbs.set(name, openUserDb(name)).get(name)!;

function entry(i: number): Entry {
  const wall = Date.UTC(2025, 0, 1) + i * 60_000;
  const clock = encodeHlc({ wall, counter: 0, node: 'benchseed' });
  const noise = Math.imul(i + 1, 2654435761).toString(36);
  const iso = new Date(wall).toISOString();
  return {
    id: `2501.${String(i).padStart(5, '0')}`,
    inCatalog: true,
    snapshot: {
      title: `A study ${noise} of topic ${i % 211} with ${noise.slice(0, 3)} methods`,
      authors: [`Author ${noise}`, `Second ${noise.slice(2)}`],
      year: 2020 + (i % 6),
      arxivId: `2501.${String(i).padStart(5, '0')}`,
    },
    status: (['to-read', 'reading', 'read'] as const)[i % 3]!,
    tags: [`t${i % 17}`],
    note: i % 4 ? '' : `note ${noise}`,
    addedAt: iso,
    updatedAt: iso,
    readAt: null,
    clock: Object.fromEntries([...EDITABLE_FIELDS, 'added'].map((k) => [k, clock])),
  };
}

async function timed(run: () => Promise<{ bytesSent: number; synced?: number }>): Promise<Measure> {
  const start = performance.now();
  const out = await run();
  return { ms: performance.now() - start, ...out };
}

async function sync(name: string, remote: Remote): Promise<Measure> {
  return timed(async () => {
    const outcome = await runSync({ local: userDbStore(db(name)), remote });
    if (outcome.kind !== 'synced') throw new Error(`sync stopped: ${outcome.kind}`);
    return { bytesSent: outcome.bytesSent, synced: outcome.overQuota?.synced };
  });
}

export function installSyncBenchApi(): void {
  window.paperpeekSyncBench = {
    async seed(count, name) {
      await db(name).entries.bulkPut(Array.from({ length: count }, (_, i) => entry(i)));
      return db(name).entries.count();
    },
    syncWebdav: (name, dav, device) => sync(name, webdavRemote(dav, device)),
    syncStorage: (name) =>
      sync(name, storageSyncRemote(browser.storage.sync as unknown as SyncArea)),
    async editOne(name) {
      await updateEntries(db(name), ['2501.00007'], { note: `edited ${Date.now()}` });
    },
    rawPut: (name, dav) =>
      timed(async () => {
        const entries = await db(name).entries.toArray();
        const body = JSON.stringify(encodeState(stateFrom(entries, [])));
        const response = await fetch(new URL('raw-baseline.json', dav.url), {
          method: 'PUT',
          headers: { Authorization: `Basic ${btoa(`${dav.username}:${dav.password}`)}` },
          body,
        });
        if (!response.ok) throw new Error(`raw PUT: HTTP ${response.status}`);
        return { bytesSent: new TextEncoder().encode(body).length };
      }),
  };
}
