import { useEffect, useState } from 'react';
import type { Paper } from '../catalog/schema';
import { send } from '../messaging/messenger';

export type PapersState =
  | { phase: 'loading' }
  | { phase: 'done'; papers: Paper[]; missing: number }
  | { phase: 'error'; message: string };

/** The background answers at most this many ids per getPapers. */
const BATCH = 500;

/** Full catalog records for `ids`, in order; ids the catalog does not (or no longer) know are skipped. */
export async function fetchPapers(
  ids: readonly string[],
): Promise<{ papers: Paper[]; missing: number }> {
  const papers: Paper[] = [];
  let missing = 0;
  for (let at = 0; at < ids.length; at += BATCH) {
    const answers = await send('getPapers', { ids: ids.slice(at, at + BATCH) });
    for (const paper of answers) {
      if (paper) papers.push(paper);
      else missing++;
    }
  }
  return { papers, missing };
}

type Found = { papers: Paper[]; missing: number };

/** Records for a list of ids (details, this page's papers), refetched when it changes. */
export function usePapers(ids: readonly string[] | null): PapersState {
  return usePapersFor(ids ? ids.join('\n') : null, (key) =>
    fetchPapers(key ? key.split('\n') : []),
  );
}

/** Up to `k` related papers of the catalog paper `id`, best first, refetched when `id` changes. */
export function useRelated(id: string, k: number): PapersState {
  return usePapersFor(id, async (key) => ({
    papers: await send('getRelated', { id: key, k }),
    missing: 0,
  }));
}

/** Papers `load` finds for `key`, loaded again when `key` changes (null: none asked for yet). */
function usePapersFor(key: string | null, load: (key: string) => Promise<Found>): PapersState {
  const [state, setState] = useState<{ key: string | null; value: PapersState }>({
    key: null,
    value: { phase: 'loading' },
  });

  useEffect(() => {
    if (key === null) return;
    let live = true;
    load(key).then(
      (value) => live && setState({ key, value: { phase: 'done', ...value } }),
      (error: unknown) =>
        live &&
        setState({
          key,
          value: {
            phase: 'error',
            message: error instanceof Error ? error.message : String(error),
          },
        }),
    );
    return () => {
      live = false;
    };
    // `load` is the caller's way to ask for `key`; a new closure for the same key is the same ask.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  // An answer for an older list is not this list's answer.
  return state.key === key ? state.value : { phase: 'loading' };
}
