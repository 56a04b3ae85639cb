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
  /** Only the newest entries are read yet: a window's worth of them in flow, not virtualized. */
  firstScreen?: boolean;
}

const COLUMNS: { key: SortKey; label: string; className: string }[] = [
  { key: 'title', label: 'Title', className: 'col-title' },
  { key: 'year', label: 'Year', className: 'col-year' },
  { key: 'status', label: 'Status', className: 'col-status' },
  { key: 'added', label: 'Added', className: 'col-added' },
];

/** Rows that fill a window of this height at the shortest row height (a title and a meta line). */
function rowsToFill(height: number): number {
  return Math.ceil(height / 64);
}

/**
 * The list, virtualized: only the rows in view (plus a few) exist in the DOM, so 10,000 entries
 * open and filter as fast as 100. Rows are measured after render because tags and notes make
 * their heights differ.
 *
 * The first screen (the newest entries, before the whole list is read) is not virtualized: a
 * window's worth of the same rows in normal flow. Measuring rows as they mount forces layout and
 * re-renders the list inside the first commit, which was most of that frame's cost; in flow, the
 * rows need no measuring to sit where they belong. The same row slots (same keys) become the
 * virtualizer's once the whole list is there, so nothing is re-created or moves.
 */
export function EntryList(props: Props) {
  const { entries, activeIndex, focusRequest } = props;
  const flow = props.firstScreen === true;
  const scrollRef = useRef<HTMLDivElement>(null);
  // Stable while the entries are: the virtualizer recomputes every row's position (all 10,000)
  // whenever this function changes, which a new arrow on every render did, ~90 ms per open.
  const getItemKey = useCallback((index: number) => entries[index]!.id, [entries]);
  // The project does not use the React Compiler, so the virtualizer's unmemoizable API is fine.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: flow ? 0 : entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 76,
    overscan: 8,
    // The window's size until the list is measured, so the first render already holds the rows
    // in view instead of rendering them only after a measuring pass.
    initialRect: { width: window.innerWidth, height: window.innerHeight },
    getItemKey,
    // Unrounded (the default rounds each row to whole pixels): rows then sit exactly where the
    // first screen's rows in flow sat, instead of drifting by half pixels that add up down the list.
    measureElement: (element, entry) =>
      entry?.borderBoxSize[0]?.blockSize ?? element.getBoundingClientRect().height,
  });

  useEffect(() => {
    if (focusRequest === 0 || activeIndex < 0) return;
    if (!flow) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
    // The row may only exist after the scroll renders it.
    const frame = requestAnimationFrame(() => {
      scrollRef.current
        ?.querySelector<HTMLElement>(`[data-index="${activeIndex}"] > .row`)
        ?.focus();
    });
    return () => cancelAnimationFrame(frame);
    // Not on `flow`: the whole list arriving must not pull focus back to the list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest, activeIndex, virtualizer]);

  const items: { key: string | number | bigint; index: number; start: number }[] = flow
    ? entries
        .slice(0, rowsToFill(window.innerHeight))
        .map((entry, index) => ({ key: entry.id, index, start: 0 }))
    : virtualizer.getVirtualItems();

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
          style={flow ? undefined : { height: virtualizer.getTotalSize() }}
        >
          {items.map((item) => {
            const entry = entries[item.index]!;
            return (
              <div
                key={item.key}
                ref={flow ? undefined : virtualizer.measureElement}
                data-index={item.index}
                className={flow ? 'row-slot in-flow' : 'row-slot'}
                style={flow ? undefined : { transform: `translateY(${item.start}px)` }}
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
