import { confirmMessage, overQuotaMessage, type RemoteStatus } from '@/lib/sync/status';
import { timeAgo, useSyncStatus } from '@/lib/sync/use-sync-status';

/** One remote's state in a sentence: an error, a question, or when it last synced. */
export function remoteSummary(remote: RemoteStatus, now = Date.now()): string {
  if (remote.needsConfirmation)
    return `${remote.label}: ${confirmMessage(remote.needsConfirmation)}`;
  if (remote.error) return `${remote.label}: ${remote.error}`;
  if (remote.lastSuccessAt === null) return `${remote.label}: not synced yet.`;
  return `${remote.label}: synced ${timeAgo(remote.lastSuccessAt, now)}.`;
}

/**
 * Sync in a few lines with a "Sync now" button, for the popup: the last successful sync per
 * remote, any error in plain words, and the over-quota advice. Styled with the popup's classes
 * (`muted`, `notice notice-error`, `button button-small`); the options page has its own section.
 */
export function SyncStatusLine() {
  const { status, busy, unreachable, syncNow } = useSyncStatus();
  const remotes = status?.remotes ?? [];
  const overQuota = remotes.find((r) => r.overQuota)?.overQuota;
  return (
    <div className="sync-status" data-testid="sync-status">
      <div aria-live="polite">
        {unreachable && (
          <p className="notice notice-error">Sync status unavailable: {unreachable}</p>
        )}
        {!unreachable && status && remotes.length === 0 && <p className="muted">Sync is off.</p>}
        {remotes.map((remote) => (
          <p
            key={remote.kind}
            className={remote.error || remote.needsConfirmation ? 'notice notice-error' : 'muted'}
            data-remote={remote.kind}
          >
            {remoteSummary(remote)}
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
