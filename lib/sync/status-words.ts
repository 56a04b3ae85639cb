import { confirmMessage, type RemoteStatus, type SyncStatus } from './status';
import { timeAgo } from './use-sync-status';

/**
 * What the sync status says, in words that stay true. An extension cannot tell whether the
 * browser itself syncs: `storage.sync` takes writes in a browser with no signed-in account (or
 * with sync turned off) and simply keeps them on this device. So browser sync is never said to
 * have "synced": only that the list was saved to the browser's sync storage, and that it reaches
 * other devices only when the browser is signed in with sync on. A WebDAV server answers for
 * itself, so there "synced" is the truth.
 */

export interface SyncSwitches {
  /** The browser-sync switch (undefined while the setting loads). */
  storageSync: boolean | undefined;
  /** Whether a WebDAV server is set up. */
  webdav: boolean;
}

export interface StatusLine {
  kind: RemoteStatus['kind'] | 'off';
  text: string;
  error: boolean;
}

/** The full sentence (options page) or the short one (popup footer). */
export type Length = 'full' | 'short';

export const BROWSER_SYNC_REACH =
  'It reaches your other devices only when you are signed in to the browser with sync turned on.';

function browserSync(remote: RemoteStatus | undefined, now: number, length: Length): string {
  if (!remote || remote.lastSuccessAt === null) {
    return length === 'full'
      ? `Browser sync is on; your list has not been saved to the browser’s sync storage yet. ${BROWSER_SYNC_REACH}`
      : 'Browser sync is on; not saved to it yet.';
  }
  const when = timeAgo(remote.lastSuccessAt, now);
  return length === 'full'
    ? `Saved to this browser’s sync storage ${when}. ${BROWSER_SYNC_REACH}`
    : `Saved to browser sync storage ${when}.`;
}

function webdav(remote: RemoteStatus | undefined, now: number): string {
  if (!remote) return 'WebDAV: not synced yet.';
  if (remote.lastSuccessAt === null) return `${remote.label}: not synced yet.`;
  return `${remote.label}: synced ${timeAgo(remote.lastSuccessAt, now)}.`;
}

/**
 * One line per remote that is switched on, from its switch first and its last recorded status
 * second: a switch turned on before any sync ran says so, and the status of a remote since turned
 * off says nothing. With no remote on, "Sync is off on this device."
 */
export function statusLines(
  switches: SyncSwitches,
  status: SyncStatus | undefined,
  options: { now?: number; length?: Length } = {},
): StatusLine[] {
  const now = options.now ?? Date.now();
  const length = options.length ?? 'full';
  const of = (kind: RemoteStatus['kind']) => status?.remotes.find((r) => r.kind === kind);
  const lines: StatusLine[] = [];
  const on = { 'storage-sync': switches.storageSync === true, webdav: switches.webdav };
  for (const kind of ['storage-sync', 'webdav'] as const) {
    if (!on[kind]) continue;
    const remote = of(kind);
    if (remote?.needsConfirmation) {
      const text = `${remote.label}: ${confirmMessage(remote.needsConfirmation)}`;
      lines.push({ kind, text, error: true });
    } else if (remote?.error) {
      lines.push({ kind, text: `${remote.label}: ${remote.error}`, error: true });
    } else {
      const text = kind === 'webdav' ? webdav(remote, now) : browserSync(remote, now, length);
      lines.push({ kind, text, error: false });
    }
  }
  if (lines.length === 0 && switches.storageSync !== undefined) {
    lines.push({ kind: 'off', text: 'Sync is off on this device.', error: false });
  }
  return lines;
}
