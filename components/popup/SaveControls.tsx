import { useState } from 'react';
import type { Paper } from '@/lib/catalog/schema';
import { removeEntry, savePaper, updateEntry } from '@/lib/popup/reading';
import { useEntry } from '@/lib/popup/use-saved';
import type { ReadingStatus } from '@/lib/reading-list/entry';
import { STATUSES, STATUS_LABELS } from '@/lib/reading-list/query';
import { NoteEditor } from './NoteEditor';
import { TagEditor } from './TagEditor';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Save, then status, tags and note: the reading list's hold on one paper. */
export function SaveControls({ paper }: { paper: Paper }) {
  const entry = useEntry(paper.id);
  const [error, setError] = useState<string | null>(null);
  // The status the user just chose, shown until the live entry catches up with the write, so
  // the radio does not flick back to the old status for a moment.
  const [pending, setPending] = useState<ReadingStatus | null>(null);
  if (pending !== null && entry && entry.status === pending) setPending(null);
  const run = (action: () => Promise<unknown>) => {
    setError(null);
    action().catch((e: unknown) => setError(messageOf(e)));
  };

  if (entry === undefined) return <div className="save-box" aria-busy="true" />;
  if (entry === null) {
    return (
      <div className="save-box">
        <button
          type="button"
          className="button button-primary"
          onClick={() => run(() => savePaper(paper))}
        >
          Save to reading list
        </button>
        {error && (
          <p className="field-error" role="alert">
            Not saved: {error}
          </p>
        )}
      </div>
    );
  }

  const setStatus = (status: ReadingStatus) => {
    setPending(status);
    setError(null);
    updateEntry(paper.id, { status }).catch((e: unknown) => {
      setPending(null);
      setError(messageOf(e));
    });
  };
  const shown = pending ?? entry.status;
  return (
    <div className="save-box saved">
      <div className="save-row">
        <div className="segmented" role="radiogroup" aria-label="Reading status">
          {STATUSES.map((status) => (
            <label key={status} className="segment">
              <input
                type="radio"
                name="status"
                value={status}
                checked={shown === status}
                onChange={() => setStatus(status)}
              />
              <span>{STATUS_LABELS[status]}</span>
            </label>
          ))}
        </div>
        <button
          type="button"
          className="link-button danger"
          onClick={() => run(() => removeEntry(paper.id))}
        >
          Remove
        </button>
      </div>
      <TagEditor
        tags={entry.tags}
        onAdd={(tag) => updateEntry(paper.id, { addTags: [tag] })}
        onRemove={(tag) => updateEntry(paper.id, { removeTags: [tag] })}
      />
      <NoteEditor
        key={entry.id}
        initial={entry.note}
        onSave={(note) => updateEntry(paper.id, { note })}
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
