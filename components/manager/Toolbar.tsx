import type { ReactNode, RefObject } from 'react';

interface Props {
  text: string;
  onText: (text: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
  /** Arrow-down from the filter moves into the list. */
  onEnterList: () => void;
  onHelp: () => void;
  /** Export and import controls, when present. */
  actions?: ReactNode;
}

export function Toolbar({ text, onText, inputRef, onEnterList, onHelp, actions }: Props) {
  return (
    <div className="toolbar">
      <label className="search">
        <span className="visually-hidden">Filter the reading list</span>
        <svg aria-hidden="true" viewBox="0 0 20 20" width="16" height="16">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="m13 13 4.5 4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <input
          ref={inputRef}
          type="search"
          value={text}
          placeholder="Filter by title, author, note or tag"
          aria-keyshortcuts="/"
          onChange={(event) => onText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              if (text) onText('');
              else event.currentTarget.blur();
            } else if (event.key === 'ArrowDown' || event.key === 'Enter') {
              event.preventDefault();
              onEnterList();
            }
          }}
        />
        <kbd className="search-hint" aria-hidden="true">
          /
        </kbd>
      </label>
      <div className="toolbar-actions">
        {actions}
        <button type="button" className="button ghost" onClick={onHelp} aria-keyshortcuts="?">
          Shortcuts <kbd>?</kbd>
        </button>
      </div>
    </div>
  );
}
