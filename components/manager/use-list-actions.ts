import { useCallback, useEffect, useState } from 'react';
import type { Entry, ReadingStatus } from '@/lib/reading-list/entry';
import { STATUS_LABELS } from '@/lib/reading-list/query';
import type { DbHandle } from './db-handle';
import type { Toast } from './UndoToast';

// The writes (and zod, which validates them) load on the first edit, not with the page; Dexie
// has usually loaded by then (use-entries.ts reads the whole list with it).
const writes = (db: DbHandle) =>
  Promise.all([import('@/lib/reading-list/entries'), db.get()] as const);

const UNDO_MS = 15_000;
const INFO_MS = 6_000;

function papers(n: number): string {
  return n === 1 ? '1 paper' : `${n.toLocaleString('en')} papers`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Every write the manager makes, each reported in a toast: what changed, with Undo for a delete,
 * or why it failed (the write functions validate first, so a failure changed nothing).
 */
export function useListActions(db: DbHandle, onDeleted: (ids: string[]) => void) {
  const [toast, setToast] = useState<Toast | null>(null);

  useEffect(() => {
    if (!toast || toast.kind === 'error') return;
    const timer = setTimeout(() => setToast(null), toast.kind === 'undo' ? UNDO_MS : INFO_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  const run = useCallback(async (what: string, write: () => Promise<void>) => {
    try {
      await write();
    } catch (error) {
      setToast({ kind: 'error', message: `Could not ${what}: ${messageOf(error)}` });
    }
  }, []);

  const restore = useCallback(
    (entries: Entry[]) =>
      run('undo the delete', async () => {
        const [{ restoreEntries }, userDb] = await writes(db);
        const restored = await restoreEntries(userDb, entries);
        setToast({ kind: 'info', message: `Restored ${papers(restored.length)}.` });
      }),
    [db, run],
  );

  const remove = useCallback(
    (ids: string[]) =>
      run('delete', async () => {
        if (!ids.length) return;
        const [{ deleteEntries }, userDb] = await writes(db);
        const removed = await deleteEntries(userDb, ids);
        onDeleted(removed.map((entry) => entry.id));
        setToast({
          kind: 'undo',
          message: `Deleted ${papers(removed.length)}.`,
          onUndo: () => void restore(removed),
        });
      }),
    [db, run, restore, onDeleted],
  );

  const setStatus = useCallback(
    (ids: string[], status: ReadingStatus, announce: boolean) =>
      run('change the status', async () => {
        const [{ updateEntries }, userDb] = await writes(db);
        const changed = await updateEntries(userDb, ids, { status });
        if (announce)
          setToast({
            kind: 'info',
            message: `Marked ${papers(changed.length)} as ${STATUS_LABELS[status].toLowerCase()}.`,
          });
      }),
    [db, run],
  );

  const changeTag = useCallback(
    (ids: string[], tag: string, add: boolean) =>
      run(add ? 'add the tag' : 'remove the tag', async () => {
        const [{ updateEntries }, userDb] = await writes(db);
        const changed = await updateEntries(
          userDb,
          ids,
          add ? { addTags: [tag] } : { removeTags: [tag] },
        );
        setToast({
          kind: 'info',
          message: add
            ? `Tagged ${papers(changed.length)} “${tag}”.`
            : `Removed “${tag}” from ${papers(changed.length)}.`,
        });
      }),
    [db, run],
  );

  const saveNote = useCallback(
    (id: string, note: string) =>
      run('save the note', async () => {
        const [{ updateEntries }, userDb] = await writes(db);
        await updateEntries(userDb, [id], { note });
      }),
    [db, run],
  );

  const undo = useCallback(() => {
    if (toast?.kind === 'undo') toast.onUndo();
  }, [toast]);

  return { toast, dismiss: () => setToast(null), remove, setStatus, changeTag, saveNote, undo };
}
