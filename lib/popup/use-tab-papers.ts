import { useEffect, useState } from 'react';
import { send } from '../messaging/messenger';
import { activeTab, type PageTab } from './active-tab';

export type TabPapersState =
  | { phase: 'loading' }
  | { phase: 'no-tab' }
  | { phase: 'done'; tab: PageTab; ids: string[]; url: string | null }
  | { phase: 'error'; message: string };

/** The page may still be scanning when the popup opens: ask again while the popup stays open. */
const POLL_MS = 1500;

/** The active tab (or `?tab=`) and the catalog papers its page reported. */
export function useTabPapers(): TabPapersState {
  const [state, setState] = useState<TabPapersState>({ phase: 'loading' });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = '';
    const poll = async (tab: PageTab) => {
      try {
        const answer = await send('getTabPapers', { tabId: tab.id });
        if (stopped) return;
        // Same answer, same state: the list does not re-render (and lose its place) every poll.
        const key = JSON.stringify(answer);
        if (key !== last) {
          last = key;
          setState({ phase: 'done', tab, ids: answer.ids, url: answer.url ?? tab.url ?? null });
        }
      } catch (error) {
        if (stopped) return;
        setState({
          phase: 'error',
          message: error instanceof Error ? error.message : String(error),
        });
      }
      timer = setTimeout(() => void poll(tab), POLL_MS);
    };
    activeTab().then(
      (tab) => {
        if (stopped) return;
        if (tab) void poll(tab);
        else setState({ phase: 'no-tab' });
      },
      () => !stopped && setState({ phase: 'no-tab' }),
    );
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  return state;
}
