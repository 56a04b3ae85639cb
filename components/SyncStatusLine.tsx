import { overQuotaMessage } from '@/lib/sync/status';
import { statusLines } from '@/lib/sync/status-words';
import { storageSyncEnabled, webdavConfig } from '@/lib/sync/sync-items';
import { useSyncStatus } from '@/lib/sync/use-sync-status';
import { useSetting } from '@/lib/ui/use-setting';

/**
 * Sync in a few lines with a "Sync now" button, for the popup: the last successful sync per
 * remote, any error in plain words, and the over-quota advice. Styled with the popup's classes
 * (`muted`, `notice notice-error`, `button button-small`); the options page has its own section.
 */
export function SyncStatusLine() {
  const { status, busy, unreachable, syncNow } = useSyncStatus();
  const enabled = useSetting(storageSyncEnabled);
  const webdav = useSetting(webdavConfig);
  const remotes = status?.remotes ?? [];
  const lines = status
    ? statusLines({ storageSync: enabled.value, webdav: !!webdav.value }, status, {
        length: 'short',
      })
    : [];
  const overQuota = remotes.find((r) => r.overQuota)?.overQuota;
  return (
    <div className="sync-status" data-testid="sync-status">
      <div aria-live="polite">
        {unreachable && (
          <p className="notice notice-error">Sync status unavailable: {unreachable}</p>
        )}
        {!unreachable &&
          lines.map((line) => (
            <p
              key={line.kind}
              className={line.error ? 'notice notice-error' : 'muted'}
              data-remote={line.kind}
            >
              {line.text}
            </p>
          ))}
        {remotes.flatMap((remote) =>
          (remote.warnings ?? []).map((warning, i) => (
            <p
              key={`${remote.kind}-${i}`}
              className="notice notice-error"
              data-testid="sync-warning"
            >
              {remote.label}: {warning}
            </p>
          )),
        )}
        {overQuota && (
          <p className="notice notice-error" data-testid="sync-over-quota">
            {overQuotaMessage(overQuota)}
          </p>
        )}
      </div>
      <button
        type="button"
        className="button button-small"
        disabled={busy}
        onClick={() => void syncNow()}
      >
        {busy ? 'Syncing…' : 'Sync now'}
      </button>
    </div>
  );
}
