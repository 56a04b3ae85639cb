import { useEffect, useRef, useState, type MouseEvent } from 'react';
import type { DeletedRow } from '@/lib/reading-list/deleted-row';
import type { DbHandle } from './db-handle';

interface Props {
  db: DbHandle;
  open: boolean;
  onClose: () => void;
}

const papers = (n: number) => (n === 1 ? '1 paper' : `${n.toLocaleString('en')} papers`);
// Not lib/sync's timeAgo: that module brings the messaging and storage code into this page.
const when = (at: number) =>
  new Date(at).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Papers removed in the last 30 days, here or by sync, newest first, each restorable with its
 * note and tags. A restore is a fresh save of the old entry, so the next sync brings it back on
 * every device.
 */
export function RecentlyDeleted({ db, open, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [rows, setRows] = useState<DeletedRow[] | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    let stopped = false;
    let subscription: { unsubscribe: () => void } | undefined;
    const fail = (error: unknown) =>
      !stopped && setMessage({ error: true, text: `Could not read it: ${messageOf(error)}` });
    Promise.all([db.get(), import('./watch-deleted')]).then(([userDb, { watchDeleted }]) => {
      if (!stopped) subscription = watchDeleted(userDb, (next) => !stopped && setRows(next), fail);
    }, fail);
    return () => {
      stopped = true;
      subscription?.unsubscribe();
      setMessage(null);
    };
  }, [db, open]);

  const restore = async (event: MouseEvent, ids: string[]) => {
    // A script in this page could click for the user; only the user's own click restores.
    if (!event.nativeEvent.isTrusted || ids.length === 0) return;
    try {
      const [{ restoreDeleted }, userDb] = await Promise.all([
        import('@/lib/reading-list/deleted'),
        db.get(),
      ]);
      const back = await restoreDeleted(userDb, ids);
      setMessage({ error: false, text: `Restored ${papers(back.length)}.` });
    } catch (error) {
      setMessage({ error: true, text: `Could not restore: ${messageOf(error)}` });
    }
  };

  return (
    <dialog ref={ref} className="help deleted" aria-labelledby="deleted-title" onClose={onClose}>
      <h2 id="deleted-title">Recently deleted</h2>
      <p className="deleted-hint">
        Papers removed in the last 30 days, on this device or by sync, with their notes and tags. A
        restored paper comes back on your other devices at the next sync.
      </p>
      <p className={message?.error ? 'deleted-message error' : 'deleted-message'} role="status">
        {message?.text}
      </p>
      {rows && rows.length === 0 && <p className="deleted-hint">Nothing was deleted lately.</p>}
      {rows && rows.length > 0 && (
        <ul className="deleted-list" data-list="recently-deleted">
          {rows.map((row) => (
            <li key={row.id} data-paper-id={row.id}>
              <div className="deleted-text">
                <span className="deleted-title">{row.entry.snapshot.title}</span>
                <span className="deleted-when">
                  {row.by === 'sync' ? 'removed by sync' : 'removed on this device'}, {when(row.at)}
                </span>
              </div>
              <button
                type="button"
                className="button small"
                data-action="restore"
                aria-label={`Restore “${row.entry.snapshot.title}”`}
                onClick={(event) => void restore(event, [row.id])}
              >
                Restore
              </button>
            </li>
          ))}
        </ul>
      )}
      <form method="dialog">
        {rows && rows.length > 1 && (
          <button
            type="button"
            className="button"
            data-action="restore-all"
            onClick={(event) =>
              void restore(
                event,
                rows.map((row) => row.id),
              )
            }
          >
            Restore all
          </button>
        )}
        <button type="submit" className="button" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
