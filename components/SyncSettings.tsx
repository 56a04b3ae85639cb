import { useId, useState, type FormEvent } from 'react';
import { confirmMessage, overQuotaMessage } from '@/lib/sync/status';
import { statusLines } from '@/lib/sync/status-words';
import { storageSyncEnabled, webdavConfig } from '@/lib/sync/sync-items';
import { useSyncStatus } from '@/lib/sync/use-sync-status';
import { checkForm, forgetWebdav, saveWebdav, testConnection } from '@/lib/sync/webdav-setup';
import { useSetting } from '@/lib/ui/use-setting';

/** .text-input grows along a row; in this column it must keep its own height. */
const FIELD = { flex: 'none' } as const;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Options → Sync: browser sync on/off, a WebDAV server, status per remote, Sync now. */
export function SyncSettings() {
  const enabled = useSetting(storageSyncEnabled);
  const saved = useSetting(webdavConfig);
  const { status, busy, unreachable, syncNow } = useSyncStatus();
  const [form, setForm] = useState({ url: '', username: '', password: '' });
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [working, setWorking] = useState(false);
  const ids = { url: useId(), user: useId(), pass: useId(), hint: useId() };
  const remotes = status?.remotes ?? [];
  const overQuota = remotes.find((r) => r.kind === 'storage-sync')?.overQuota;
  const question = remotes.find((r) => r.needsConfirmation)?.needsConfirmation;

  const act = async (what: () => Promise<string>) => {
    const invalid = checkForm(form);
    if (invalid) return setNote({ ok: false, text: invalid });
    setWorking(true);
    try {
      setNote({ ok: true, text: await what() });
    } catch (error) {
      setNote({ ok: false, text: messageOf(error) });
    } finally {
      setWorking(false);
    }
  };
  const onSave = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      await saveWebdav(form);
      setForm({ url: '', username: '', password: '' });
      await syncNow();
      return 'Saved. PaperPeek now syncs with this server too.';
    });
  };

  return (
    <section className="card" aria-labelledby="sync-heading" data-testid="sync-settings">
      <header className="card-header">
        <h2 id="sync-heading">Sync</h2>
        <p className="card-description">
          Your reading list and settings, on every device where you use PaperPeek. Only the list
          travels, to your browser’s sync or your own WebDAV server; never the pages you visit.
        </p>
      </header>

      <div className="setting-row">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={enabled.value ?? storageSyncEnabled.fallback}
            disabled={enabled.value === undefined}
            onChange={(event) => void storageSyncEnabled.setValue(event.target.checked)}
          />
          Sync through the browser’s own sync
        </label>
        <p className="hint">No set-up; holds about 100 KB, enough for several hundred papers.</p>
      </div>

      <div className="setting-row" aria-live="polite">
        <h3 className="setting-title">Status</h3>
        {unreachable && (
          <p className="message message-error">The background did not answer: {unreachable}</p>
        )}
        {status &&
          statusLines({ storageSync: enabled.value, webdav: !!saved.value }, status).map((line) => (
            <p
              key={line.kind}
              data-remote={line.kind}
              className={line.error ? 'message message-error' : 'hint'}
            >
              {line.text}
            </p>
          ))}
        {remotes.flatMap((remote) =>
          (remote.warnings ?? []).map((warning, i) => (
            <p
              key={`${remote.kind}-${i}`}
              className="message message-error"
              data-testid="sync-warning"
            >
              {remote.label}: {warning}
            </p>
          )),
        )}
        {overQuota && (
          <p className="message message-error" data-testid="sync-over-quota">
            {overQuotaMessage(overQuota)}
          </p>
        )}
        {question && (
          <div className="message message-error" role="alert">
            <p>{confirmMessage(question)}</p>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void syncNow(true)}
            >
              Remove them and sync
            </button>
          </div>
        )}
        <div className="card-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            onClick={() => void syncNow()}
          >
            {busy ? 'Syncing…' : 'Sync now'}
          </button>
        </div>
      </div>

      <form className="setting-row" onSubmit={onSave} aria-describedby={ids.hint}>
        <h3 className="setting-title">WebDAV server</h3>
        {saved.value ? (
          <div className="site-row">
            <span className="site-name">
              {saved.value.username} at {saved.value.url}
            </span>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => void forgetWebdav()}
            >
              Stop using it
            </button>
          </div>
        ) : null}
        <p className="hint" id={ids.hint}>
          Nextcloud, ownCloud, Apache, rclone and the like: the folder’s address, your user name and
          an app password. They stay in this browser’s local storage, never in browser sync.
        </p>
        <label htmlFor={ids.url}>Folder address</label>
        <input
          id={ids.url}
          className="text-input"
          style={FIELD}
          type="url"
          placeholder="https://cloud.example.org/remote.php/dav/files/me/"
          value={form.url}
          onChange={(e) => setForm({ ...form, url: e.target.value })}
        />
        <label htmlFor={ids.user}>User name</label>
        <input
          id={ids.user}
          className="text-input"
          style={FIELD}
          autoComplete="username"
          value={form.username}
          onChange={(e) => setForm({ ...form, username: e.target.value })}
        />
        <label htmlFor={ids.pass}>App password</label>
        <input
          id={ids.pass}
          className="text-input"
          style={FIELD}
          type="password"
          autoComplete="current-password"
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
        />
        <div className="card-actions">
          <button
            type="button"
            className="button"
            disabled={working}
            onClick={() => void act(() => testConnection(form))}
          >
            Test connection
          </button>
          <button type="submit" className="button button-primary" disabled={working}>
            Save and sync
          </button>
        </div>
        {note && (
          <p
            className={note.ok ? 'message message-success' : 'message message-error'}
            role="status"
          >
            {note.text}
          </p>
        )}
      </form>
    </section>
  );
}
