import { useEffect, useState } from 'react';
import { send } from '../messaging/messenger';
import type { MessageOutput, SourcesView } from '../messaging/protocol';

export type TrendingList = MessageOutput<'getTrending'>['lists'][number];

export type TrendingState =
  | { phase: 'loading' }
  | { phase: 'error'; message: string }
  /** `sources` is null when the background could not say which sources are on. */
  | { phase: 'done'; lists: TrendingList[]; sources: SourcesView | null };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The Trending lists as the sources last fetched them, with the sources' state (to tell "turn a
 * source on" from "the first update is under way" when the lists are empty). Read once per open.
 */
export function useTrending(): TrendingState {
  const [state, setState] = useState<TrendingState>({ phase: 'loading' });
  useEffect(() => {
    let live = true;
    Promise.all([send('getTrending'), send('getSources').catch(() => null)]).then(
      ([trending, sources]) => live && setState({ phase: 'done', lists: trending.lists, sources }),
      (error: unknown) => live && setState({ phase: 'error', message: messageOf(error) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

/** When the catalog last gained or changed a paper from a source; null when never or unknown. */
export function useCatalogUpdatedAt(): string | null {
  const [at, setAt] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    send('getSources').then(
      (view) => live && setAt(view.updatedAt),
      // No sources service (or none on): the view simply says nothing about freshness.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return at;
}
