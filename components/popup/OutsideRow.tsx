import { forwardRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { send } from '@/lib/messaging/messenger';
import type { OutsidePaper } from '@/lib/popup/outside';

interface Props {
  paper: OutsidePaper;
  saved: boolean;
  /** ArrowUp from the row's controls: back to the search box. */
  onLeave: () => void;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A pasted id or link of a paper the catalog lacks: its id, "Not in your catalog", where to read
 * it and Save (the reading list keeps its id and link). Only the reader's own click or key saves.
 */
export const OutsideRow = forwardRef<HTMLAnchorElement, Props>(function OutsideRow(
  { paper, saved, onLeave },
  firstControl,
) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = (event: MouseEvent<HTMLButtonElement>) => {
    if (!event.isTrusted || saved || saving) return;
    setError(null);
    setSaving(true);
    send('savePaper', paper.save)
      .catch((e: unknown) => setError(`Not saved: ${messageOf(e)}`))
      .finally(() => setSaving(false));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowUp') return;
    event.preventDefault();
    onLeave();
  };
  const headingId = 'outside-paper-id';
  return (
    <div className="outside" data-list="search">
      <article
        className="outside-row"
        data-paper-id={paper.id}
        data-in-catalog="false"
        aria-labelledby={headingId}
        onKeyDown={onKeyDown}
      >
        <h2 id={headingId} className="row-title outside-id">
          {paper.label}
        </h2>
        <p className="outside-note">Not in your catalog</p>
        <div className="outside-actions">
          <a
            ref={firstControl}
            className="pill-link"
            href={paper.url}
            target="_blank"
            rel="noopener noreferrer"
          >
            Open on {paper.site}
          </a>
          <button
            type="button"
            className="button button-small outside-save"
            aria-disabled={saved || saving}
            aria-label={saved ? `${paper.label} is in your reading list` : `Save ${paper.label}`}
            onClick={save}
          >
            {saved ? 'Saved ✓' : 'Save'}
          </button>
        </div>
        <p className="outside-saved" role="status">
          {saved ? 'In your reading list, with its id and link.' : ''}
        </p>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </article>
    </div>
  );
});
