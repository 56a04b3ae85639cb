import { z } from 'zod';
import { gunzipBase64 } from './compress';
import { SyncError, type Remote, type RemoteRead, type RemoteWrite } from './remote';
import { emptyState, type SyncState } from './state';
import { fitToQuota } from './sync-fit';
import {
  META_KEY,
  SYNC_MARGIN_BYTES,
  SYNC_QUOTA,
  chunkKey,
  isOurKey,
  itemBytes,
} from './sync-quota';
import { decodeRemoteState, WireError, type RefusedClocks } from './wire';

/** The part of storage.sync this remote uses (a test wraps it to enforce the quotas). */
export interface SyncArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/**
 * The browser's own sync storage: the state as gzip + base64 split into items `pp:c0..n`, and
 * `pp:m` naming the generation, chunk count and how much of the list fits. One `set` writes meta
 * and chunks together (one write operation); each chunk carries the generation so a reader that
 * catches another device's write half-propagated waits instead of reading a torn document.
 *
 * When the list is larger than the quota, the most recently changed entries that fit are synced
 * along with every tombstone and the settings. Leaving an entry out deletes nothing: merging is a
 * join, and only a tombstone removes an entry, so every device keeps what it has.
 */
const metaSchema = z.object({
  v: z.literal(1),
  g: z.string().max(16),
  n: z.number().int().min(0).max(SYNC_QUOTA.items),
  synced: z.number().int().min(0),
  total: z.number().int().min(0),
});
type Meta = z.infer<typeof metaSchema>;

interface Token {
  /** The uncompressed JSON read, to skip writing an unchanged state. */
  text: string | null;
  keys: string[];
}

export function storageSyncRemote(area: SyncArea, random: () => number = Math.random): Remote {
  return {
    kind: 'storage-sync',
    label: 'Browser sync',
    async read(): Promise<RemoteRead> {
      const all = await area.get(null).catch((error: unknown) => {
        throw new SyncError(
          `Browser sync storage could not be read (${error instanceof Error ? error.message : String(error)}); PaperPeek will try again.`,
          true,
          'server',
        );
      });
      const keys = Object.keys(all).filter(isOurKey);
      if (all[META_KEY] === undefined) return { state: emptyState(), token: { text: null, keys } };
      const meta = metaSchema.safeParse(all[META_KEY]);
      if (!meta.success) throw malformed('its index item is not in PaperPeek’s format');
      let joined = '';
      for (let i = 0; i < meta.data.n; i++) {
        const chunk = all[chunkKey(i)];
        if (typeof chunk !== 'string' || !chunk.startsWith(`${meta.data.g}|`)) {
          throw new SyncError(
            'Browser sync is still receiving data from another device; PaperPeek will try again shortly.',
            true,
            'busy',
          );
        }
        joined += chunk.slice(meta.data.g.length + 1);
      }
      let text: string;
      let state: SyncState;
      let refused: RefusedClocks;
      try {
        text = await gunzipBase64(joined);
        ({ state, refused } = decodeRemoteState(JSON.parse(text), Date.now()));
      } catch (error) {
        throw malformed(error instanceof WireError ? error.message : 'it could not be decoded');
      }
      const warnings: string[] = [];
      if (refused.ahead)
        warnings.push(
          `Ignored ${refused.ahead} entries in browser sync dated more than a day ahead of this device's clock.`,
        );
      if (refused.malformed)
        warnings.push(
          `Ignored ${refused.malformed} entries in browser sync with a malformed clock.`,
        );
      return { state, token: { text, keys } satisfies Token, warnings };
    },

    async write(next: SyncState, read: RemoteRead): Promise<RemoteWrite> {
      const token = (read.token ?? { text: null, keys: [] }) as Token;
      const others = await area.get(null);
      let otherBytes = 0;
      for (const [key, value] of Object.entries(others)) {
        if (!isOurKey(key)) otherBytes += itemBytes(key, value);
      }
      const fit = await fitToQuota(next, SYNC_QUOTA.bytes - SYNC_MARGIN_BYTES - otherBytes);
      const overQuota =
        fit.synced < fit.total ? { synced: fit.synced, total: fit.total } : undefined;
      if (fit.text === token.text) return { bytesSent: 0, overQuota };

      const generation = Math.floor(random() * 36 ** 6).toString(36);
      const meta: Meta = {
        v: 1,
        g: generation,
        n: fit.chunks.length,
        synced: fit.synced,
        total: fit.total,
      };
      const items: Record<string, unknown> = { [META_KEY]: meta };
      fit.chunks.forEach((chunk, i) => (items[chunkKey(i)] = `${generation}|${chunk}`));
      const stale = token.keys.filter((key) => !(key in items));
      // Stale chunks are emptied in the same set, so the area never holds old and new at full
      // size together (which could pass the quota), then removed.
      for (const key of stale) items[key] = '';
      try {
        await area.set(items);
        if (stale.length) await area.remove(stale);
      } catch (error) {
        throw quotaOrOther(error);
      }
      const bytesSent = Object.entries(items).reduce((sum, [k, v]) => sum + itemBytes(k, v), 0);
      return { bytesSent, overQuota };
    },
  };
}

function malformed(reason: string): SyncError {
  return new SyncError(
    `The data in browser sync could not be read (${reason}). Nothing was changed on this device.`,
    false,
    'malformed',
  );
}

function quotaOrOther(error: unknown): SyncError {
  const message = error instanceof Error ? error.message : String(error);
  if (/QUOTA_BYTES|MAX_ITEMS/.test(message)) {
    return new SyncError(
      'Browser sync storage is full; set up WebDAV to sync everything.',
      false,
      'quota',
    );
  }
  if (/MAX_WRITE_OPERATIONS/.test(message)) {
    return new SyncError(
      'Browser sync is rate-limited right now; PaperPeek will try again in a minute.',
      true,
      'busy',
    );
  }
  return new SyncError(`Browser sync refused the write: ${message}`, true, 'server');
}
