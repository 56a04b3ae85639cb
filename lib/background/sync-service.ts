import { userDb, type UserDb } from '../reading-list/db';
import { userDbStore } from '../sync/local-store';
import { SyncError, type Remote, type RemoteKind } from '../sync/remote';
import { runSync } from '../sync/run-sync';
import { settingsStore } from '../sync/settings-sync';
import type { RemoteStatus, SyncStatus } from '../sync/status';
import { storageSyncRemote, type SyncArea } from '../sync/storage-sync-remote';
import { storageSyncEnabled, syncDeviceId, syncStatusItem, webdavConfig } from '../sync/sync-items';
import { newNodeId } from '../sync/hlc';
import { webdavRemote } from '../sync/webdav-remote';

/**
 * Runs syncs one at a time against each enabled remote and records their status: on request
 * (Sync now), shortly after a change (debounced), periodically (alarm) and after a failure that
 * may pass (an alarm with exponential back-off).
 */

export const SYNC_DEBOUNCE_MS = 5_000;
export const RETRY_ALARM = 'paperpeek-sync-retry';
export const PERIODIC_ALARM = 'paperpeek-sync-periodic';
export const PERIOD_MINUTES = 15;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 30 * 60_000;

export interface SyncService {
  syncNow(options?: { confirmDeletions?: boolean }): Promise<SyncStatus>;
  syncSoon(): void;
  status(): Promise<SyncStatus>;
}

export function createSyncService(
  deps: { db?: () => UserDb; area?: SyncArea; now?: () => number } = {},
): SyncService {
  const db = deps.db ?? userDb;
  const now = deps.now ?? Date.now;
  let chain: Promise<unknown> = Promise.resolve();
  let running = false;
  let soon: ReturnType<typeof setTimeout> | undefined;

  async function remotes(): Promise<Remote[]> {
    const out: Remote[] = [];
    if (await storageSyncEnabled.getValue()) {
      out.push(storageSyncRemote(deps.area ?? (browser.storage.sync as unknown as SyncArea)));
    }
    const dav = await webdavConfig.getValue();
    if (dav) out.push(webdavRemote(dav, await deviceName(), now));
    return out;
  }

  async function runOne(remote: Remote, confirmDeletions: boolean): Promise<RemoteStatus> {
    const all = await syncStatusItem.getValue();
    const previous = all[remote.kind];
    const status: RemoteStatus = {
      kind: remote.kind,
      label: remote.label,
      lastSuccessAt: previous?.lastSuccessAt ?? null,
      lastAttemptAt: now(),
      error: null,
      nextRetryAt: null,
      failures: previous?.failures ?? 0,
      overQuota: previous?.overQuota ?? null,
      needsConfirmation: null,
      lastBytesSent: null,
      // Kept through a failed attempt: what the last completed sync skipped is still skipped.
      warnings: previous?.warnings ?? [],
    };
    try {
      const local = userDbStore(db(), settingsStore(db()));
      let outcome;
      try {
        outcome = await runSync({ local, remote, now, confirmDeletions });
      } catch (error) {
        // 412: the file changed between read and write; read again once, at once.
        if (!(error instanceof SyncError && error.code === 'conflict')) throw error;
        outcome = await runSync({ local, remote, now, confirmDeletions });
      }
      if (outcome.kind === 'needsConfirmation') {
        const { deleting, total, recent } = outcome;
        status.needsConfirmation = { deleting, total, ...(recent ? { recent } : {}) };
      } else {
        status.lastSuccessAt = now();
        status.failures = 0;
        status.overQuota = outcome.overQuota ?? null;
        status.lastBytesSent = outcome.bytesSent;
        status.warnings = outcome.warnings;
      }
    } catch (caught) {
      const error = await explainUnreachable(remote, caught);
      const known = error instanceof SyncError ? error : null;
      status.error = known?.message ?? `Sync failed unexpectedly: ${String(error)}`;
      if (!known) console.error('PaperPeek: sync failed', error);
      status.failures += 1;
      if (known?.retryable ?? true) {
        const delay = Math.min(BACKOFF_BASE_MS * 2 ** (status.failures - 1), BACKOFF_MAX_MS);
        status.nextRetryAt = now() + delay;
      }
    }
    return status;
  }

  async function run(confirmDeletions: boolean): Promise<void> {
    running = true;
    try {
      const next: Record<string, RemoteStatus> = {};
      for (const remote of await remotes())
        next[remote.kind] = await runOne(remote, confirmDeletions);
      await syncStatusItem.setValue(next);
      const retryAt = Object.values(next)
        .map((s) => s.nextRetryAt)
        .filter((t): t is number => t !== null);
      if (retryAt.length) await browser.alarms.create(RETRY_ALARM, { when: Math.min(...retryAt) });
      else await browser.alarms.clear(RETRY_ALARM);
    } finally {
      running = false;
    }
  }

  async function status(): Promise<SyncStatus> {
    const all = await syncStatusItem.getValue();
    const kinds: RemoteKind[] = ['storage-sync', 'webdav'];
    return { running, remotes: kinds.flatMap((k) => (all[k] ? [all[k]] : [])) };
  }

  return {
    async syncNow(options = {}) {
      clearTimeout(soon);
      // One sync at a time: a second request waits for the first, then runs with fresh data.
      const mine = chain.then(() => run(options.confirmDeletions ?? false));
      chain = mine.catch(() => undefined);
      await mine;
      return status();
    },
    syncSoon() {
      clearTimeout(soon);
      soon = setTimeout(() => {
        chain = chain.then(() => run(false)).catch((e) => console.error('PaperPeek: sync', e));
      }, SYNC_DEBOUNCE_MS);
    },
    status,
  };
}

async function deviceName(): Promise<string> {
  const known = await syncDeviceId.getValue();
  if (known) return known;
  const id = newNodeId();
  await syncDeviceId.setValue(id);
  return id;
}

/** The origin pattern a WebDAV URL needs, as requested by the options page. */
export function originPattern(url: string): string {
  const { protocol, host } = new URL(url);
  return `${protocol}//${host}/*`;
}

/**
 * Without the host permission the browser blocks requests to a server that does not allow
 * cross-origin requests, which looks exactly like being offline; a request can still succeed
 * when the server allows them, so sync tries rather than refusing, and the message names both
 * causes. It stays retryable: being offline passes.
 */
async function explainUnreachable(remote: Remote, error: unknown): Promise<unknown> {
  if (remote.kind !== 'webdav' || !(error instanceof SyncError) || error.code !== 'network') {
    return error;
  }
  const dav = await webdavConfig.getValue();
  if (!dav) return error;
  const granted = await browser.permissions.contains({ origins: [originPattern(dav.url)] });
  if (granted) return error;
  return new SyncError(
    `${error.message} If it is up, PaperPeek may need your permission to reach it: open Options → Sync and press “Save and sync”.`,
    true,
    'network',
  );
}
