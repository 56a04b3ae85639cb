import type { MouseEvent } from 'react';
import type { Entry, ReadingStatus } from '@/lib/reading-list/entry';
import {
  authorsShort,
  entryLink,
  entryYear,
  STATUS_LABELS,
  STATUSES,
} from '@/lib/reading-list/query';
import { NoteEditor } from './NoteEditor';

export interface RowHandlers {
  onActivate: (id: string) => void;
  onToggle: (id: string, range: boolean) => void;
  onStatus: (id: string, status: ReadingStatus) => void;
  onTag: (tag: string) => void;
  onEditNote: (id: string | null) => void;
  onSaveNote: (id: string, note: string, byKey: boolean) => void;
}

interface Props extends RowHandlers {
  entry: Entry;
  selected: boolean;
  active: boolean;
  editing: boolean;
}

const dateFormat = new Intl.DateTimeFormat('en', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
});

/** One saved paper: what it is, where it stands, and the user's note on it. */
export function EntryRow({ entry, selected, active, editing, ...on }: Props) {
  const { snapshot } = entry;
  const link = entryLink(entry);
  // The year has its own column; the byline is who and where.
  const meta = [authorsShort(snapshot.authors), snapshot.venue].filter(Boolean);
  const year = entryYear(entry);
  const onRowClick = (event: MouseEvent) => {
    if (
      event.target instanceof Element &&
      event.target.closest('a, button, input, select, textarea')
    )
      return;
    on.onActivate(entry.id);
  };
  return (
    // The row is a roving-tabindex item: j/k move focus here; its controls remain separate stops.
    <div
      role="listitem"
      className={`row${selected ? ' selected' : ''}${active ? ' active' : ''}`}
      data-paper-id={entry.id}
      data-status={entry.status}
      tabIndex={active ? 0 : -1}
      aria-current={active ? 'true' : undefined}
      aria-label={snapshot.title}
      onClick={onRowClick}
      onFocus={(event) => {
        if (event.target === event.currentTarget) on.onActivate(entry.id);
      }}
    >
      <input
        type="checkbox"
        className="row-check"
        checked={selected}
        aria-label={`Select ${snapshot.title}`}
        onChange={(event) => {
          // React reports a checkbox change from its click event, which carries the Shift key.
          const native = event.nativeEvent as Partial<globalThis.MouseEvent>;
          on.onToggle(entry.id, native.shiftKey === true);
        }}
      />
      <div className="row-main">
        {link ? (
          <a className="row-title" href={link} target="_blank" rel="noopener noreferrer">
            {snapshot.title}
          </a>
        ) : (
          <span className="row-title">{snapshot.title}</span>
        )}
        <div className="row-meta">
          <span className="row-meta-text">{meta.join(' · ')}</span>
          {!entry.note && !editing && (
            // Shown on hover or for the active row; a row without a note keeps no empty line.
            <button type="button" className="note-add" onClick={() => on.onEditNote(entry.id)}>
              Add a note
            </button>
          )}
        </div>
        {entry.tags.length > 0 && (
          <ul className="row-tags" aria-label="Tags">
            {entry.tags.map((tag) => (
              <li key={tag}>
                <button type="button" className="tag" onClick={() => on.onTag(tag)}>
                  {tag}
                </button>
              </li>
            ))}
          </ul>
        )}
        {editing ? (
          <NoteEditor
            note={entry.note}
            title={snapshot.title}
            onSave={(note, byKey) => on.onSaveNote(entry.id, note, byKey)}
            onCancel={() => on.onEditNote(null)}
          />
        ) : (
          entry.note && (
            <button
              type="button"
              className="note"
              aria-label={`Edit note: ${entry.note.slice(0, 200)}`}
              onClick={() => on.onEditNote(entry.id)}
            >
              {entry.note}
            </button>
          )
        )}
      </div>
      <span className="row-year">{year}</span>
      <select
        className={`status-select status-${entry.status}`}
        value={entry.status}
        aria-label={`Status of ${snapshot.title}`}
        onChange={(event) => on.onStatus(entry.id, event.target.value as ReadingStatus)}
      >
        {STATUSES.map((status) => (
          <option key={status} value={status}>
            {STATUS_LABELS[status]}
          </option>
        ))}
      </select>
      <time className="row-added" dateTime={entry.addedAt} title={`Added ${entry.addedAt}`}>
        {dateFormat.format(new Date(entry.addedAt))}
      </time>
    </div>
  );
}
