import { useState } from 'react';
import { send } from '@/lib/messaging/messenger';

type State =
  | { phase: 'idle' }
  | { phase: 'saving' }
  | { phase: 'saved'; title: string; already: boolean }
  | { phase: 'failed'; message: string };

/**
 * "Save this page's paper": for a page about one paper, in the catalog or not (its own citation
 * metadata then fills the entry). The background reads the tab and says why when it cannot.
 */
export function SavePageButton({ tabId }: { tabId: number }) {
  const [state, setState] = useState<State>({ phase: 'idle' });
  const save = () => {
    setState({ phase: 'saving' });
    send('savePagePaper', { tabId }).then(
      ({ entry, alreadySaved }) =>
        setState({ phase: 'saved', title: entry.snapshot.title, already: alreadySaved }),
      (error: unknown) =>
        setState({
          phase: 'failed',
          message: error instanceof Error ? error.message : String(error),
        }),
    );
  };
  return (
    <div className="save-page">
      <button
        type="button"
        className="button button-secondary"
        disabled={state.phase === 'saving'}
        onClick={save}
      >
        Save this page's paper
      </button>
      {state.phase === 'saved' && (
        <p className="save-status" role="status">
          {state.already ? 'Already in your reading list: ' : 'Saved: '}
          <span className="saved-title">{state.title}</span>
        </p>
      )}
      {state.phase === 'failed' && (
        <p className="field-error" role="alert">
          {state.message}
        </p>
      )}
    </div>
  );
}
