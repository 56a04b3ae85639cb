import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SyncArea } from '../../lib/sync/storage-sync-remote';
import { SYNC_QUOTA, itemBytes } from '../../lib/sync/sync-quota';

/**
 * fakeBrowser's storage.sync with Chrome's quotas enforced the way Chrome counts them (key length
 * plus JSON length per item), failing with Chrome's error names; counts write operations.
 */
export function quotaArea(): SyncArea & { writes: number; bytes(): Promise<number> } {
  const area = fakeBrowser.storage.sync;
  const self = {
    writes: 0,
    get: (keys?: string | string[] | null) =>
      area.get(keys ?? null) as Promise<Record<string, unknown>>,
    async set(items: Record<string, unknown>) {
      const next = { ...(await area.get(null)), ...items };
      for (const [key, value] of Object.entries(items)) {
        if (itemBytes(key, value) > SYNC_QUOTA.bytesPerItem)
          throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
      }
      if (Object.keys(next).length > SYNC_QUOTA.items) throw new Error('MAX_ITEMS quota exceeded');
      const total = Object.entries(next).reduce((sum, [k, v]) => sum + itemBytes(k, v), 0);
      if (total > SYNC_QUOTA.bytes) throw new Error('QUOTA_BYTES quota exceeded');
      self.writes++;
      await area.set(items);
    },
    async remove(keys: string | string[]) {
      self.writes++;
      await area.remove(keys);
    },
    async bytes() {
      return Object.entries(await area.get(null)).reduce((sum, [k, v]) => sum + itemBytes(k, v), 0);
    },
  };
  return self;
}
