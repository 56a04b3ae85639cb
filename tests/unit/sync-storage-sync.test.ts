import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { mergeStates } from '../../lib/sync/merge';
import { storageSyncRemote } from '../../lib/sync/storage-sync-remote';
import { stateFrom, visibleEntries } from '../../lib/sync/state';
import { SYNC_QUOTA, META_KEY, chunkKey } from '../../lib/sync/sync-quota';
import { at, savedEntry } from './sync-fixtures';
import { quotaArea } from './sync-quota-area';

/** Entries with distinct, hard-to-compress titles and notes, about as large as real ones. */
function bigList(n: number, start = 0) {
  return Array.from({ length: n }, (_, i) => {
    const k = start + i;
    const noise = (k * 2654435761).toString(36) + (k * 40503).toString(16);
    return savedEntry(`2401.${String(k).padStart(5, '0')}`, at(1_700_000_000_000 + k * 1000), {
      snapshot: {
        title: `Paper ${noise} on topic ${k % 97}`,
        authors: [`Author ${noise.slice(0, 5)}`, 'B. Second'],
        year: 2020 + (k % 5),
      },
      note: `note ${noise}${noise}`,
      tags: [`t${k % 13}`],
      updatedAt: new Date(1_700_000_000_000 + k * 1000).toISOString(),
    });
  });
}

describe('storage.sync remote', () => {
  it('round-trips a list through compressed chunks, within every quota', async () => {
    const area = quotaArea();
    const remote = storageSyncRemote(area);
    const state = stateFrom(bigList(300), [{ id: 'gone', deletedAt: at(5) }]);
    const result = await remote.write(state, await remote.read());
    expect(result.overQuota).toBeUndefined();
    expect(area.writes).toBe(1); // meta and every chunk in one set
    const back = (await remote.read()).state;
    expect(visibleEntries(back).length).toBe(300);
    expect(back.entries.get('2401.00007')).toEqual(state.entries.get('2401.00007'));
    expect(back.tombstones.get('gone')).toBe(at(5));
    expect(await area.bytes()).toBeLessThanOrEqual(SYNC_QUOTA.bytes);
  });

  it('skips the write when nothing changed', async () => {
    const area = quotaArea();
    const remote = storageSyncRemote(area);
    const state = stateFrom(bigList(20), []);
    await remote.write(state, await remote.read());
    const again = await remote.write(state, await remote.read());
    expect(again.bytesSent).toBe(0);
    expect(area.writes).toBe(1);
  });

  it('over quota: syncs the newest entries that fit plus every tombstone, says how many, and loses nothing on either device', async () => {
    const area = quotaArea();
    const remote = storageSyncRemote(area);
    const list = bigList(3000);
    const tombstones = Array.from({ length: 50 }, (_, i) => ({
      id: `del${i}`,
      deletedAt: at(10 + i),
    }));
    const result = await remote.write(stateFrom(list, tombstones), await remote.read());
    expect(result.overQuota).toBeDefined();
    const { synced, total } = result.overQuota!;
    expect(total).toBe(3000);
    expect(synced).toBeGreaterThan(300);
    expect(synced).toBeLessThan(3000);
    expect(await area.bytes()).toBeLessThanOrEqual(SYNC_QUOTA.bytes);

    const remoteState = (await remote.read()).state;
    const got = visibleEntries(remoteState)
      .map((e) => e.id)
      .sort();
    // The newest entries (highest index) are the ones that travel.
    expect(got).toEqual(
      list
        .slice(3000 - synced)
        .map((e) => e.id)
        .sort(),
    );
    expect(remoteState.tombstones.size).toBe(50);

    // A second device with its own papers merges: keeps its own and gains the synced ones; the
    // first device, merging back, loses none of the entries that did not fit.
    const other = stateFrom(bigList(5, 10_000), []);
    const otherMerged = mergeStates(other, remoteState);
    expect(visibleEntries(otherMerged).length).toBe(5 + synced);
    const firstAgain = mergeStates(stateFrom(list, tombstones), (await remote.read()).state);
    expect(visibleEntries(firstAgain).length).toBe(3000);
  });

  it('refuses a torn read (chunks from another generation) as retryable and malformed data as not', async () => {
    const area = quotaArea();
    const remote = storageSyncRemote(area);
    await remote.write(stateFrom(bigList(10), []), await remote.read());
    await fakeBrowser.storage.sync.set({ [chunkKey(0)]: 'zzzz|AAAA' });
    await expect(remote.read()).rejects.toMatchObject({ code: 'busy', retryable: true });
    await fakeBrowser.storage.sync.set({
      [META_KEY]: { v: 1, g: 'zzzz', n: 1, synced: 1, total: 1 },
    });
    await expect(remote.read()).rejects.toMatchObject({ code: 'malformed', retryable: false });
    await expect(remote.read()).rejects.toThrow(/Nothing was changed on this device/);
  });

  it('shrinking from a full area to a small list stays within quota and removes the old chunks', async () => {
    const area = quotaArea();
    const remote = storageSyncRemote(area);
    await remote.write(stateFrom(bigList(3000), []), await remote.read());
    const before = Object.keys(await fakeBrowser.storage.sync.get(null)).length;
    await remote.write(stateFrom(bigList(5), []), await remote.read());
    const keys = Object.keys(await fakeBrowser.storage.sync.get(null));
    expect(before).toBeGreaterThan(5);
    expect(keys.sort()).toEqual([META_KEY, chunkKey(0)].sort());
    expect(visibleEntries((await remote.read()).state).length).toBe(5);
  });

  it('leaves other extension keys alone and counts them against the budget', async () => {
    const area = quotaArea();
    await fakeBrowser.storage.sync.set({ someoneElse: 'x'.repeat(8000) });
    const remote = storageSyncRemote(area);
    await remote.write(stateFrom(bigList(100), []), await remote.read());
    expect((await fakeBrowser.storage.sync.get('someoneElse')).someoneElse).toHaveLength(8000);
  });
});
