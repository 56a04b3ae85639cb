import type { KeyboardEvent } from 'react';

export type PopupTab = 'search' | 'page' | 'trending';

const TABS: { id: PopupTab; label: string }[] = [
  { id: 'search', label: 'Search' },
  { id: 'page', label: 'This page' },
  { id: 'trending', label: 'Trending' },
];

interface Props {
  tab: PopupTab;
  /** Papers found on the active tab, shown on its tab; undefined while unknown. */
  pageCount?: number;
  onTab: (tab: PopupTab) => void;
}

const MANAGER_URL = () => browser.runtime.getURL('/manager.html' as '/');

/** Brand, the three tabs, and the way to the full reading-list manager. */
export function PopupHeader({ tab, pageCount, onTab }: Props) {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const at = TABS.findIndex((t) => t.id === tab);
    const next = TABS[(at + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
    onTab(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
    event.preventDefault();
  };
  return (
    <header className="popup-header">
      {/* The mark alone: three tabs and the manager link take the popup's width. */}
      <span className="brand" title="PaperPeek">
        <svg viewBox="0 0 16 16" aria-hidden="true" className="brand-mark">
          <circle cx="8" cy="8" r="8" />
          <path d="M7 4.5a2.5 2.5 0 1 1 0 5a2.5 2.5 0 1 1 0-5zM8.9 9.4l2.4 2.4" />
        </svg>
        <span className="visually-hidden">PaperPeek</span>
      </span>
      <div className="tabs" role="tablist" aria-label="Views" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            aria-controls="view"
            tabIndex={tab === t.id ? 0 : -1}
            className="tab"
            onClick={() => onTab(t.id)}
          >
            {t.label}
            {t.id === 'page' && pageCount !== undefined && pageCount > 0 && (
              <span className="tab-count">
                {pageCount}
                <span className="visually-hidden"> {pageCount === 1 ? 'paper' : 'papers'}</span>
              </span>
            )}
          </button>
        ))}
      </div>
      <a className="manager-link" href={MANAGER_URL()} target="_blank" rel="noopener">
        Reading list
        <span aria-hidden="true"> ↗</span>
      </a>
    </header>
  );
}
