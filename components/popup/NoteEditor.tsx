import { useEffect, useRef, useState } from 'react';

interface Props {
  initial: string;
  onSave: (note: string) => Promise<void>;
}

/** Typing pauses this long before the note is stored; leaving the field stores it at once. */
const SAVE_AFTER_MS = 600;

/**
 * A saved paper's note. The text is the user's while they type: a live update of the entry does
 * not overwrite it; it is stored after a pause, on leaving the field, and when the view closes.
 */
export function NoteEditor({ initial, onSave }: Props) {
  const [text, setText] = useState(initial);
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | { error: string }>('idle');
  const stored = useRef(initial);
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const save = useRef(onSave);

  useEffect(() => {
    save.current = onSave;
  }, [onSave]);

  const flush = () => {
    clearTimeout(timer.current);
    const note = pending.current;
    pending.current = null;
    if (note === null || note === stored.current) return;
    setState('saving');
    save.current(note).then(
      () => {
        stored.current = note;
        setState('saved');
      },
      (error: unknown) =>
        setState({ error: error instanceof Error ? error.message : String(error) }),
    );
  };
  const flushRef = useRef(flush);
  useEffect(() => {
    flushRef.current = flush;
  });
  // Closing the details (Back, Esc) must not lose what was typed.
  useEffect(() => () => flushRef.current(), []);

  return (
    <div className="note">
      <label className="field-label" htmlFor="note">
        Note
        <span className="note-state" role="status">
          {state === 'saving' ? 'Saving…' : state === 'saved' ? 'Saved' : ''}
        </span>
      </label>
      <textarea
        id="note"
        rows={3}
        maxLength={100_000}
        placeholder="Why it matters, what to check…"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          pending.current = e.target.value;
          setState('idle');
          clearTimeout(timer.current);
          timer.current = setTimeout(flush, SAVE_AFTER_MS);
        }}
        onBlur={flush}
      />
      {typeof state === 'object' && (
        <p className="field-error" role="alert">
          The note was not saved: {state.error}
        </p>
      )}
    </div>
  );
}
