import { useId, useState } from 'react';
import type { ReadingStatus } from '@/lib/reading-list/entry';
import { checkTag, STATUS_LABELS, STATUSES } from '@/lib/reading-list/query';

interface Props {
  count: number;
  /** Tags in use, offered as completions. */
  knownTags: readonly string[];
  onStatus: (status: ReadingStatus) => void;
  onAddTag: (tag: string) => void;
  onRemoveTag: (tag: string) => void;
  onDelete: () => void;
  onClear: () => void;
}

/** What can be done to every selected entry at once. */
export function BulkBar(props: Props) {
  const [tagText, setTagText] = useState('');
  const [tagError, setTagError] = useState<string | null>(null);
  const listId = useId();
  const errorId = useId();

  const withTag = (apply: (tag: string) => void) => {
    const checked = checkTag(tagText);
    if ('error' in checked) {
      setTagError(checked.error);
      return;
    }
    setTagError(null);
    setTagText('');
    apply(checked.tag);
  };

  return (
    <div className="bulk-bar" role="region" aria-label="Selected papers">
      <span className="bulk-count" data-testid="selection-count">
        {props.count.toLocaleString('en')} selected
      </span>
      <label className="bulk-field">
        <span className="visually-hidden">Set status of the selected papers</span>
        <select
          value=""
          onChange={(event) => {
            if (event.target.value) props.onStatus(event.target.value as ReadingStatus);
          }}
        >
          <option value="">Set status…</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </label>
      <form
        className="bulk-tag"
        onSubmit={(event) => {
          event.preventDefault();
          withTag(props.onAddTag);
        }}
      >
        <label className="bulk-field">
          <span className="visually-hidden">Tag</span>
          <input
            type="text"
            value={tagText}
            placeholder="Tag"
            list={listId}
            maxLength={200}
            aria-invalid={tagError !== null}
            aria-describedby={tagError ? errorId : undefined}
            onChange={(event) => {
              setTagText(event.target.value);
              setTagError(null);
            }}
          />
        </label>
        <datalist id={listId}>
          {props.knownTags.map((tag) => (
            <option key={tag} value={tag} />
          ))}
        </datalist>
        <button type="submit" className="button">
          Add tag
        </button>
        <button type="button" className="button" onClick={() => withTag(props.onRemoveTag)}>
          Remove tag
        </button>
      </form>
      <button type="button" className="button danger" onClick={props.onDelete}>
        Delete
      </button>
      <button type="button" className="button ghost" onClick={props.onClear}>
        Clear selection
      </button>
      {tagError && (
        <p id={errorId} className="field-error" role="alert">
          {tagError}
        </p>
      )}
    </div>
  );
}
