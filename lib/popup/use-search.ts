import { useEffect, useMemo, useState } from 'react';
import {
  SearchUnavailableError,
  type SearchHit,
  type SearchOptions,
  type SearchResult,
} from '../search/search';
import { applyFilters, engineFilters, type FilterState } from './filters';
import { LatestRunner } from './latest';

/** The engine the popup searches with (lib/search/search.ts; a test may pass another). */
export interface SearchEngine {
  search: (query: string, options: SearchOptions) => Promise<SearchResult>;
  trending: (limit: number) => Promise<SearchHit[]>;
}

export const RESULT_LIMIT = 50;

export type SearchState =
  | { phase: 'loading' }
  | { phase: 'done'; query: string; hits: SearchHit[]; total: number; exact: boolean }
  /** The catalog is in but its search index is still being built: asked again shortly. */
  | { phase: 'unavailable'; message: string }
  | { phase: 'error'; message: string };

type DoneState = Extract<SearchState, { phase: 'done' }>;

/**
 * The last answer shown, per popup page: the search panel unmounts while a paper's details are
 * open, and on the way back it shows these rows at once instead of an empty list while the same
 * query runs again.
 */
let lastShown: { key: string; state: DoneState } | null = null;

/** How soon a search the index could not answer yet is tried again. */
export const RETRY_MS = 1500;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Results for what the user typed, searched once per animation frame at most (keystrokes within a
 * frame coalesce) and never overwritten by a slower, older query. An empty query shows the
 * catalog's trending order under the same filters.
 */
export function useSearch(
  query: string,
  filterState: FilterState,
  saved: ReadonlySet<string>,
  engine: SearchEngine,
  /** The catalog version searched; null while there is none, and nothing is searched. */
  catalogVersion: string | null,
) {
  const text = query.trim();
  const key = `${catalogVersion}\u0000${text}\u0000${JSON.stringify(filterState)}`;
  const [state, setState] = useState<SearchState>(() =>
    lastShown?.key === key ? lastShown.state : { phase: 'loading' },
  );
  const [runner] = useState(() => new LatestRunner());
  const [attempt, setAttempt] = useState(0);
  // The reading list matters only to the saved filter: saving a paper must not re-run a search.
  const savedUsed = filterState.saved === 'any' ? null : saved;
  const check = useMemo(
    () => engineFilters(filterState, savedUsed ?? new Set()),
    [filterState, savedUsed],
  );

  useEffect(() => {
    if (!check.ok || catalogVersion === null) {
      runner.cancel();
      return;
    }
    const { filters } = check;
    const frame = requestAnimationFrame(() => {
      runner.run(
        async () => {
          if (text) return engine.search(text, { limit: RESULT_LIMIT, filters });
          const hits = applyFilters(await engine.trending(RESULT_LIMIT * 2), filters);
          return { hits: hits.slice(0, RESULT_LIMIT), total: hits.length };
        },
        (outcome) => {
          if (!outcome.ok) {
            setState(
              outcome.error instanceof SearchUnavailableError
                ? { phase: 'unavailable', message: messageOf(outcome.error) }
                : { phase: 'error', message: messageOf(outcome.error) },
            );
            return;
          }
          const done: DoneState = {
            phase: 'done',
            query: text,
            hits: outcome.value.hits,
            total: outcome.value.total,
            exact: outcome.value.exact ?? false,
          };
          lastShown = { key, state: done };
          setState(done);
        },
      );
    });
    return () => cancelAnimationFrame(frame);
    // A new catalog (the first install finishing, a file loaded) answers the same query anew.
  }, [text, key, check, engine, runner, catalogVersion, attempt]);

  const unavailable = state.phase === 'unavailable';
  useEffect(() => {
    if (!unavailable) return;
    const timer = setTimeout(() => setAttempt((n) => n + 1), RETRY_MS);
    return () => clearTimeout(timer);
  }, [unavailable, attempt]);

  return { state, filterError: check.ok ? null : check.error };
}
