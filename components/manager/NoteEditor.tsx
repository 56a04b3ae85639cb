import { useRef } from 'react';

interface Props {
  note: string;
  title: string;
  /** `byKey`: closed from the keyboard, so focus goes back to the row. */
  onSave: (note: string, byKey: boolean) => void;
  onCancel: () => void;
}

/** Inline note editing: saves on blur or Ctrl/Cmd+Enter, Esc puts the old note back. */
export function NoteEditor({ note, title, onSave, onCancel }: Props) {
  // Closing the editor removes the focused textarea; this keeps that from saving a second time.
  const settled = useRef(false);
  const settle = (action: () => void) => {
    if (settled.current) return;
    settled.current = true;
    action();
  };
  return (
    <textarea
      className="note-editor"
      defaultValue={note}
      aria-label={`Note on ${title}`}
      aria-keyshortcuts="Control+Enter Escape"
      rows={Math.min(8, Math.max(3, note.split('\n').length + 1))}
      maxLength={100_000}
      placeholder="Write a note. Ctrl+Enter saves, Esc cancels."
      autoFocus
      onFocus={(event) => {
        const end = event.currentTarget.value.length;
        event.currentTarget.setSelectionRange(end, end);
      }}
      onBlur={(event) => {
        const value = event.currentTarget.value;
        settle(() => onSave(value, false));
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          settle(onCancel);
        } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          const value = event.currentTarget.value;
          settle(() => onSave(value, true));
        }
      }}
    />
  );
}
