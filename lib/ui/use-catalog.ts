import { useCallback, useEffect, useRef, useState } from 'react';
import { stageCatalogFile } from '../db/catalog-files';
import { send } from '../messaging/messenger';
import { loadCatalog, type CatalogStatus } from './catalog-load';

/** What the page says about the file the user chose most recently. */
export type LoadState =
  | { phase: 'idle' }
  | { phase: 'loading'; fileName: string }
  | { phase: 'done'; fileName: string; count: number }
  | { phase: 'failed'; fileName: string; error: string; unchanged: boolean };

/** Fast enough for a progress bar to move smoothly, slow enough to cost the loader nothing. */
export const POLL_MS = 250;
/** Waiting for a first catalog (installed in the background on first run) needs no hurry. */
const IDLE_POLL_MS = 1000;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The catalog's status as the background reports it, kept current while a job runs, and the
 * action that loads a user's file. One hook so the page never shows two opinions of the status.
 */
export function useCatalog() {
  const [status, setStatus] = useState<CatalogStatus | null>(null);
  const [unreachable, setUnreachable] = useState<string | null>(null);
  const [load, setLoad] = useState<LoadState>({ phase: 'idle' });
  const statusRef = useRef(status);
  const busy = useRef(false);

  useEffect(() => {
    statusRef.current = status;
  }, [status]);

  // Follow jobs this page did not start (the bundled catalog's first install, a resumed load).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const tick = async () => {
      if (!busy.current) {
        try {
          const next = await send('getCatalogStatus');
          if (stopped) return;
          if (!busy.current) setStatus(next);
          setUnreachable(null);
          // Nothing changes without the user once no job runs and a catalog (or an error) is in.
          if (!next.job && (next.active || next.lastError)) return;
          timer = setTimeout(tick, next.job ? POLL_MS : IDLE_POLL_MS);
          return;
        } catch (error) {
          if (stopped) return;
          setUnreachable(messageOf(error));
        }
      }
      timer = setTimeout(tick, IDLE_POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);

  const loadFile = useCallback(async (file: File, keepFeeds = true) => {
    if (busy.current) return;
    busy.current = true;
    setLoad({ phase: 'loading', fileName: file.name });
    const outcome = await loadCatalog(file, statusRef.current?.active ?? null, {
      stage: (blob) => stageCatalogFile(blob),
      load: (fileId) => send('loadCatalogFile', { fileId, keepFeeds }),
      getStatus: () => send('getCatalogStatus'),
      onStatus: setStatus,
      pollMs: POLL_MS,
    });
    busy.current = false;
    if (outcome.status) setStatus(outcome.status);
    if (outcome.ok) {
      const count = outcome.status.active?.count ?? 0;
      setLoad({ phase: 'done', fileName: file.name, count });
    } else {
      const { error, unchanged } = outcome;
      setLoad({ phase: 'failed', fileName: file.name, error, unchanged });
    }
  }, []);

  return { status, unreachable, load, loadFile };
}
