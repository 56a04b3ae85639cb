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

/** Records for a list of ids (details, related papers, this page's papers), refetched when it changes. */
export function usePapers(ids: readonly string[] | null): PapersState {
  const key = ids ? ids.join('\n') : null;
  const [state, setState] = useState<{ key: string | null; value: PapersState }>({
    key: null,
    value: { phase: 'loading' },
  });

  useEffect(() => {
    if (key === null) return;
    let live = true;
    const list = key ? key.split('\n') : [];
    fetchPapers(list).then(
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
  }, [key]);

  // An answer for an older list is not this list's answer.
  return state.key === key ? state.value : { phase: 'loading' };
}
