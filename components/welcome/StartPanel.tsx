import { useEffect, useRef, useState, type ReactNode } from 'react';
import { BACKFILL_DEFAULT_DAYS, HF_FIRST_DAY, welcomeDone } from '@/lib/feeds/sources';
import { useNow } from '@/lib/ui/use-now';
import { useSources } from '@/lib/ui/use-sources';
import { FirstUpdate } from './FirstUpdate';
import { SourceList } from './SourceList';

const OPTIONS_SOURCES = '/options.html#sources';

type Phase = 'choose' | 'starting' | 'started' | 'skipped';

const depth = (days: number | 'all') =>
  days === 'all' ? `everything since ${HF_FIRST_DAY}` : `the last ${days} days`;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The sources, then the welcome page's choice: start with Hugging Face (the permission prompt,
 * the source turned on, a first update whose progress shows here), or not now. Either answer is
 * remembered (welcomeDone); nothing is fetched before one is given.
 */
export function StartPanel() {
  const sources = useSources();
  const { view, readError, notes } = sources;
  const now = useNow(10_000);
  const [chosen, setPhase] = useState<Phase>('choose');
  const [error, setError] = useState<string | null>(null);
  const outcome = useRef<HTMLDivElement>(null);
  const acted = useRef(false);
  // Opened again after a start: show the update, not the question.
  const phase: Phase = chosen === 'choose' && view?.settings.hf.enabled ? 'started' : chosen;

  // After the user's choice, focus follows to what it did (never on a page that just opened).
  useEffect(() => {
    if (acted.current && (phase === 'started' || phase === 'skipped')) outcome.current?.focus();
  }, [phase]);

  const remember = () =>
    welcomeDone.setValue(true).catch((e: unknown) => setError(`Not remembered: ${messageOf(e)}`));

  const start = () => {
    acted.current = true;
    setError(null);
    setPhase('starting');
    // First thing in the click: the permission request must come from the user's action.
    void sources.setEnabled('hf', true).then(async (turnedOn) => {
      if (!turnedOn) return setPhase('choose');
      await remember();
      await sources.updateNow();
      setPhase('started');
    });
  };
  const skip = () => {
    acted.current = true;
    setError(null);
    void remember().then(() => setPhase('skipped'));
  };

  const refused = notes.hf && !notes.hf.ok ? notes.hf.text : null;
  const link = (
    <a href={OPTIONS_SOURCES} data-action="open-sources">
      Options → Sources
    </a>
  );

  let body: ReactNode;
  if (phase === 'skipped') {
    body = (
      <div className="start-outcome" ref={outcome} tabIndex={-1} data-state="skipped">
        <p className="message message-success" role="status">
          Nothing was fetched, and nothing will be until you turn a source on.
        </p>
        <p>You can do that at any time in {link}.</p>
      </div>
    );
  } else if (phase === 'started' && view) {
    body = (
      <div className="start-outcome" ref={outcome} tabIndex={-1} data-state="started">
        {view.settings.hf.enabled ? (
          <FirstUpdate view={view} now={now} />
        ) : (
          <p className="message message-error" role="alert">
            {refused ?? 'Hugging Face is off.'}
          </p>
        )}
        {notes.all && !notes.all.ok && (
          <p className="message message-error" role="alert">
            {notes.all.text}
          </p>
        )}
        <p>Pick arXiv categories, change how far back to fetch, or turn sources off in {link}.</p>
      </div>
    );
  } else {
    body = (
      <div className="start">
        {readError && (
          <p className="message message-error" role="alert">
            PaperPeek’s background did not answer, so nothing can be turned on yet: {readError}
          </p>
        )}
        {(refused ?? error) && (
          <p className="message message-error" role="alert">
            {refused ?? error}
          </p>
        )}
        <div className="card-actions">
          <button
            type="button"
            className="button button-primary button-large"
            data-action="enable-sources"
            disabled={!view || phase === 'starting'}
            onClick={start}
          >
            {phase === 'starting' ? 'Starting…' : 'Start with Hugging Face'}
          </button>
          <button
            type="button"
            className="button button-secondary button-large"
            data-action="skip-sources"
            disabled={phase === 'starting'}
            onClick={skip}
          >
            Not now
          </button>
        </div>
        <p className="hint">
          Start asks your browser to let PaperPeek reach huggingface.co, then fetches{' '}
          {depth(view?.settings.hf.backfillDays ?? BACKFILL_DEFAULT_DAYS)} of daily papers. You can
          change every choice later in {link}.
        </p>
      </div>
    );
  }
  return (
    <>
      <SourceList started={!!view?.settings.hf.enabled} />
      {body}
    </>
  );
}
