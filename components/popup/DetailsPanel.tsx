import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Paper } from '@/lib/catalog/schema';
import { originLine, venueYear } from '@/lib/content/format';
import { usePapers } from '@/lib/popup/use-papers';
import { Notice } from './Notice';
import { PaperLinks } from './PaperLinks';
import { RelatedList } from './RelatedList';
import { SaveControls } from './SaveControls';

interface Props {
  id: string;
  saved: ReadonlySet<string>;
  onBack: () => void;
  onOpen: (id: string) => void;
}

const AUTHORS_SHOWN = 8;

function isEditable(target: EventTarget): boolean {
  const el = target as HTMLElement;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** One paper in full: what it is, where to read it, its code, related papers, and saving it. */
export function DetailsPanel({ id, saved, onBack, onOpen }: Props) {
  const state = usePapers([id]);
  const scroller = useRef<HTMLDivElement>(null);
  // A related paper opens in the same view: start it at its top, not where the last one was.
  // Block bodies: Chrome's scroll methods now return a promise, which React would take for a
  // cleanup function.
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [id]);
  const onKeyDown = (event: KeyboardEvent) => {
    const editing = isEditable(event.target);
    if (event.key === 'Escape' && editing) {
      // First Esc leaves the field (the note is stored on blur); the next one goes back.
      (event.target as HTMLElement).blur();
      event.preventDefault();
    } else if (
      event.key === 'Escape' ||
      (event.key === 'ArrowLeft' && event.altKey) ||
      (event.key === 'Backspace' && !editing)
    ) {
      event.preventDefault();
      onBack();
    }
  };

  return (
    <section className="panel details" aria-label="Paper details" onKeyDown={onKeyDown}>
      <div className="details-bar">
        <button type="button" className="back-button" onClick={onBack}>
          <span aria-hidden="true">←</span> Back
        </button>
        <span className="keys" aria-hidden="true">
          <kbd>Esc</kbd> back
        </span>
      </div>
      <div className="details-scroll" ref={scroller}>
        {state.phase === 'loading' && <p className="muted">Loading…</p>}
        {state.phase === 'error' && (
          <Notice kind="error" title="This paper could not be loaded.">
            <p>{state.message}</p>
          </Notice>
        )}
        {state.phase === 'done' && !state.papers[0] && (
          <Notice kind="error" title="This paper is not in the catalog any more.">
            <p>The catalog was replaced since it was listed here.</p>
          </Notice>
        )}
        {state.phase === 'done' && state.papers[0] && (
          <PaperDetails key={id} paper={state.papers[0]} saved={saved} onOpen={onOpen} />
        )}
      </div>
    </section>
  );
}

function PaperDetails({
  paper,
  saved,
  onOpen,
}: {
  paper: Paper;
  saved: ReadonlySet<string>;
  onOpen: (id: string) => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [allAuthors, setAllAuthors] = useState(false);
  // Focus lands on the title, so Esc and Backspace work at once and a reader hears the title.
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const authors = allAuthors ? paper.authors : paper.authors.slice(0, AUTHORS_SHOWN);
  const hidden = paper.authors.length - authors.length;
  const meta = [venueYear(paper), paper.arxivId && `arXiv:${paper.arxivId}`].filter(Boolean);
  const origin = originLine(paper);

  return (
    <article className="paper" data-paper-id={paper.id}>
      <h2 id="details-title" ref={heading} tabIndex={-1}>
        {paper.title}
      </h2>
      {paper.authors.length > 0 && (
        <p className="authors">
          {authors.join(', ')}
          {hidden > 0 && (
            <>
              {' '}
              <button type="button" className="link-button" onClick={() => setAllAuthors(true)}>
                and {hidden} more
              </button>
            </>
          )}
        </p>
      )}
      {meta.length > 0 && <p className="meta">{meta.join(' · ')}</p>}
      {origin && (
        <p className="origin" data-origin>
          {origin}
        </p>
      )}
      <SaveControls paper={paper} />
      {paper.summary && <p className="summary">{paper.summary}</p>}
      {paper.aiSummary && (
        <section className="ai-summary" aria-labelledby="ai-summary-heading">
          <h3 id="ai-summary-heading">Summary by Hugging Face</h3>
          <p>{paper.aiSummary}</p>
        </section>
      )}
      {paper.abstract && (
        <details className="abstract">
          <summary>Abstract</summary>
          <p>{paper.abstract}</p>
        </details>
      )}
      <PaperLinks paper={paper} />
      {paper.keywords.length > 0 && (
        <ul className="keywords plain-list" aria-label="Keywords">
          {paper.keywords.slice(0, 8).map((k) => (
            <li key={k}>{k}</li>
          ))}
        </ul>
      )}
      <RelatedList id={paper.id} saved={saved} onOpen={onOpen} />
    </article>
  );
}
