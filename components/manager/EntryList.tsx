import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef } from 'react';
import type { Entry } from '@/lib/reading-list/entry';
import type { Sort, SortKey } from '@/lib/reading-list/query';
import { EntryRow, type RowHandlers } from './EntryRow';

interface Props extends RowHandlers {
  entries: readonly Entry[];
  selected: ReadonlySet<string>;
  activeIndex: number;
  /** Bumped when the keyboard moves the active row: scroll to it and focus it. */
  focusRequest: number;
  editingId: string | null;
  sort: Sort;
  onSort: (key: SortKey) => void;
  allSelected: boolean;
  someSelected: boolean;
  onSelectAll: () => void;
}

const COLUMNS: { key: SortKey; label: string; className: string }[] = [
  { key: 'title', label: 'Title', className: 'col-title' },
  { key: 'year', label: 'Year', className: 'col-year' },
  { key: 'status', label: 'Status', className: 'col-status' },
  { key: 'added', label: 'Added', className: 'col-added' },
];

/**
 * The list, virtualized: only the rows in view (plus a few) exist in the DOM, so 10,000 entries
 * open and filter as fast as 100. Rows are measured after render because tags and notes make
 * their heights differ.
 */
export function EntryList(props: Props) {
  const { entries, activeIndex, focusRequest } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  // Stable while the entries are: the virtualizer recomputes every row's position (all 10,000)
  // whenever this function changes, which a new arrow on every render did, ~90 ms per open.
  const getItemKey = useCallback((index: number) => entries[index]!.id, [entries]);
  // The project does not use the React Compiler, so the virtualizer's unmemoizable API is fine.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 76,
    overscan: 8,
    // The window's size until the list is measured, so the first render already holds the rows
    // in view instead of rendering them only after a measuring pass.
    initialRect: { width: window.innerWidth, height: window.innerHeight },
    getItemKey,
  });

  useEffect(() => {
    if (focusRequest === 0 || activeIndex < 0) return;
    virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
    // The row may only exist after the scroll renders it.
    const frame = requestAnimationFrame(() => {
      scrollRef.current
        ?.querySelector<HTMLElement>(`[data-index="${activeIndex}"] > .row`)
        ?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [focusRequest, activeIndex, virtualizer]);

  return (
    <section className="list-panel" aria-label="Saved papers">
      <div className="list-header">
        <input
          type="checkbox"
          className="row-check"
          aria-label="Select all shown papers"
          checked={props.allSelected}
          ref={(el) => {
            if (el) el.indeterminate = props.someSelected && !props.allSelected;
          }}
          onChange={props.onSelectAll}
        />
        {COLUMNS.map(({ key, label, className }) => {
          const current = props.sort.key === key;
          const arrow = props.sort.dir === 'asc' ? '↑' : '↓';
          return (
            <button
              key={key}
              type="button"
              className={`sort ${className}${current ? ' current' : ''}`}
              data-sort={key}
              aria-label={`Sort by ${label.toLowerCase()}${current ? `, ${props.sort.dir === 'asc' ? 'ascending' : 'descending'}` : ''}`}
              aria-pressed={current}
              onClick={() => props.onSort(key)}
            >
              {label}
              <span className="sort-arrow" aria-hidden="true">
                {current ? arrow : ''}
              </span>
            </button>
          );
        })}
      </div>
      <div className="list-scroll" ref={scrollRef}>
        <div
          role="list"
          aria-label="Reading list"
          data-list="reading-list"
          className="list"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const entry = entries[item.index]!;
            return (
              <div
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className="row-slot"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <EntryRow
                  entry={entry}
                  selected={props.selected.has(entry.id)}
                  active={item.index === activeIndex}
                  editing={props.editingId === entry.id}
                  onActivate={props.onActivate}
                  onToggle={props.onToggle}
                  onStatus={props.onStatus}
                  onTag={props.onTag}
                  onEditNote={props.onEditNote}
                  onSaveNote={props.onSaveNote}
                />
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
