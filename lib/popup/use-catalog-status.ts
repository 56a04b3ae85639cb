import { useEffect, useState } from 'react';
import { send } from '../messaging/messenger';
import type { MessageOutput } from '../messaging/protocol';

export type CatalogStatus = MessageOutput<'getCatalogStatus'>;

export type CatalogView =
  | { phase: 'checking' }
  | { phase: 'ready'; status: CatalogStatus }
  /** No catalog to search yet: the first install or a load is running, or failed. */
  | { phase: 'waiting'; status: CatalogStatus }
  | { phase: 'unreachable'; message: string };

const POLL_MS = 1000;

/**
 * The catalog's status, polled while there is no catalog to search (the first install runs in
 * the background right after the extension is added) and left alone once there is one.
 */
export function useCatalogStatus(): CatalogView {
  const [view, setView] = useState<CatalogView>({ phase: 'checking' });
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const tick = async () => {
      try {
        const status = await send('getCatalogStatus');
        if (stopped) return;
        setView(status.active ? { phase: 'ready', status } : { phase: 'waiting', status });
        if (status.active) return;
      } catch (error) {
        if (stopped) return;
        setView({
          phase: 'unreachable',
          message: error instanceof Error ? error.message : String(error),
        });
      }
      timer = setTimeout(() => void tick(), POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  return view;
}
