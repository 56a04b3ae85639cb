import { useRef, type ChangeEvent, type ReactNode } from 'react';

type Props = {
  accept: string;
  disabled?: boolean;
  /** Describes the button (a hint's id), read after its name. */
  describedBy?: string;
  onFile(file: File): void;
  children: ReactNode;
};

/**
 * A real button that opens the file dialog: a bare <input type=file> cannot be styled or
 * labelled well, so it stays hidden and out of the tab order while the button takes the focus.
 */
export function FilePickerButton({ accept, disabled, describedBy, onFile, children }: Props) {
  const input = useRef<HTMLInputElement>(null);

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Clear the input so choosing the same file again (after fixing it) fires change again.
    event.target.value = '';
    if (file) onFile(file);
  };

  return (
    <>
      <button
        type="button"
        className="button button-primary"
        disabled={disabled}
        aria-describedby={describedBy}
        onClick={() => input.current?.click()}
      >
        {children}
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        tabIndex={-1}
        disabled={disabled}
        onChange={onChange}
      />
    </>
  );
}
