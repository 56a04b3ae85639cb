import { useEffect } from 'react';
import type { PaperRow } from '@/lib/popup/rows';
import { PaperRowView } from './PaperRowView';

export interface RowGroup {
  /** The test hook and the kind of list: `search`, `recent`. Two groups may share one. */
  list: string;
  /** Shown above the group when there is more than one kind of list. */
  heading?: string;
  rows: PaperRow[];
}

interface Props {
  id: string;
  label: string;
  groups: RowGroup[];
  /** Index into all rows of all groups, in order; -1 for none. */
  active: number;
  saved: ReadonlySet<string>;
  words: readonly string[];
  onActive: (index: number) => void;
  onOpen: (index: number) => void;
}

export const optionId = (listId: string, index: number) => `${listId}-opt-${index}`;

/**
 * The results of the search box as a listbox: focus stays in the box (a combobox), which points
 * at the active option through aria-activedescendant; arrows move it, a click opens a row.
 */
export function ResultsList({ id, label, groups, active, saved, words, onActive, onOpen }: Props) {
  useEffect(() => {
    if (active < 0) return;
    document.getElementById(optionId(id, active))?.scrollIntoView({ block: 'nearest' });
  }, [id, active]);

  let index = 0;
  return (
    <div role="listbox" id={id} aria-label={label} className="results">
      {groups.map((group, g) => {
        const headingId = `${id}-${g}-heading`;
        return (
          <div
            key={`${group.list}-${g}`}
            role="group"
            data-list={group.list}
            className="result-group"
            {...(group.heading ? { 'aria-labelledby': headingId } : { 'aria-label': label })}
          >
            {group.heading && (
              <div id={headingId} className="group-heading" role="presentation">
                {group.heading}
              </div>
            )}
            {group.rows.map((row) => {
              const at = index++;
              return (
                <div
                  key={`${group.list}-${row.id}`}
                  id={optionId(id, at)}
                  role="option"
                  aria-selected={at === active}
                  data-paper-id={row.id}
                  data-match={row.match}
                  className="row"
                  // The box keeps focus, so typing goes on after a click.
                  onMouseDown={(event) => event.preventDefault()}
                  onMouseMove={() => at !== active && onActive(at)}
                  onClick={() => onOpen(at)}
                >
                  <PaperRowView row={row} saved={saved.has(row.id)} words={words} />
                </div>
              );
            })}
          </div>
        );
      })}
    </div>
  );
}
