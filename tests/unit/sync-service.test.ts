import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSyncService, RETRY_ALARM } from '../../lib/background/sync-service';
import { openUserDb } from '../../lib/reading-list/db';
import { deleteEntries, saveEntry } from '../../lib/reading-list/entries';
import type { SyncArea } from '../../lib/sync/storage-sync-remote';
import { syncStatusItem } from '../../lib/sync/sync-items';
import { quotaArea } from './sync-quota-area';

let n = 0;
const freshDb = () => openUserDb(`sync-service-${Date.now()}-${n++}`);
const paper = (id: string) => ({
  id,
  inCatalog: true,
  snapshot: { title: `Paper ${id}`, authors: ['A. Author'] },
});

/** An area whose every call fails the way Chrome fails when sync storage is unavailable. */
function brokenArea(): SyncArea {
  const fail = () => Promise.reject(new Error('Sync storage is unavailable'));
  return { get: fail, set: fail, remove: fail };
}

describe('sync service', () => {
  it('records a successful sync with its time and remote', async () => {
    const db = freshDb();
    await saveEntry(db, paper('a'));
    let clock = 1_800_000_000_000;
    const service = createSyncService({ db: () => db, area: quotaArea(), now: () => clock });
    const status = await service.syncNow();
    expect(status.remotes).toEqual([
      expect.objectContaining({
        kind: 'storage-sync',
        label: 'Browser sync',
        lastSuccessAt: clock,
        error: null,
      }),
    ]);
    clock += 1000;
    expect((await syncStatusItem.getValue())['storage-sync']?.lastSuccessAt).toBe(clock - 1000);
  });

  it('a failure keeps the last success, says why, and retries with doubling back-off', async () => {
    const db = freshDb();
    const clock = 1_800_000_000_000;
    const service = createSyncService({ db: () => db, area: brokenArea(), now: () => clock });
    const first = (await service.syncNow()).remotes[0]!;
    expect(first.error).toBe(
      'Browser sync storage could not be read (Sync storage is unavailable); PaperPeek will try again.',
    );
    expect(first.nextRetryAt).toBe(clock + 30_000);
    expect((await fakeBrowser.alarms.get(RETRY_ALARM))?.scheduledTime).toBe(clock + 30_000);
    const second = (await service.syncNow()).remotes[0]!;
    expect(second.failures).toBe(2);
    expect(second.nextRetryAt).toBe(clock + 60_000);
  });

  it('stops before a mass deletion, keeps the list, and goes ahead once confirmed', async () => {
    const area = quotaArea();
    const a = freshDb();
    const b = freshDb();
    const ids = Array.from({ length: 10 }, (_, i) => `p${i}`);
    for (const id of ids) await saveEntry(a, paper(id));
    await createSyncService({ db: () => a, area }).syncNow();
    const onB = createSyncService({ db: () => b, area });
    await onB.syncNow();
    await deleteEntries(a, ids.slice(0, 8));
    await createSyncService({ db: () => a, area }).syncNow();

    const asked = (await onB.syncNow()).remotes[0]!;
    expect(asked.needsConfirmation).toEqual({ deleting: 8, total: 10 });
    expect(await b.entries.count()).toBe(10);
    const done = (await onB.syncNow({ confirmDeletions: true })).remotes[0]!;
    expect(done.needsConfirmation).toBeNull();
    expect(await b.entries.count()).toBe(2);
  });

  it('with browser sync turned off and no WebDAV, nothing syncs', async () => {
    await fakeBrowser.storage.local.set({ syncStorageSyncEnabled: false });
    const area = quotaArea();
    const status = await createSyncService({ db: freshDb, area }).syncNow();
    expect(status.remotes).toEqual([]);
    expect(area.writes).toBe(0);
  });
});
