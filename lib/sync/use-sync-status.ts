import { useCallback, useEffect, useState } from 'react';
import { send } from '../messaging/messenger';
import type { SyncStatus } from './status';
import { syncStatusItem } from './sync-items';

/**
 * Sync status for a page (options, popup): read once from the background, then kept current by
 * a watch on the stored status, which the background rewrites after every sync. `syncNow` asks
 * the background to sync and answers once it has finished.
 */
export function useSyncStatus() {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [unreachable, setUnreachable] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const refresh = () =>
      send('getSyncStatus').then(
        (next) => {
          if (!live) return;
          setStatus(next);
          setUnreachable(null);
        },
        (error: unknown) => live && setUnreachable(messageOf(error)),
      );
    void refresh();
    const unwatch = syncStatusItem.watch(() => void refresh());
    return () => {
      live = false;
      unwatch();
    };
  }, []);

  const syncNow = useCallback(async (confirmDeletions = false) => {
    setBusy(true);
    try {
      setStatus(await send('syncNow', { confirmDeletions }));
      setUnreachable(null);
    } catch (error) {
      setUnreachable(messageOf(error));
    } finally {
      setBusy(false);
    }
  }, []);

  return { status, busy: busy || !!status?.running, unreachable, syncNow };
}

/** "just now", "5 minutes ago", "3 hours ago", or a date for anything older than a day. */
export function timeAgo(ms: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} minute${m === 1 ? '' : 's'} ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} hour${h === 1 ? '' : 's'} ago`;
  return new Date(ms).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
