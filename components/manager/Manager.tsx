import { useCallback, useRef, useState, type ReactNode } from 'react';
import type { Entry } from '@/lib/reading-list/entry';
import {
  defaultDir,
  EMPTY_FILTER,
  entryLink,
  isFiltered,
  nextStatus,
  visibleSelection,
  type SortKey,
} from '@/lib/reading-list/query';
import { AfterPaint } from './after-paint';
import { BulkBar } from './BulkBar';
import type { DbHandle } from './db-handle';
import { EmptyState } from './EmptyState';
import { EntryList } from './EntryList';
import { FacetPanel } from './FacetPanel';
import { HelpPanel } from './HelpPanel';
import { RecentlyDeleted } from './RecentlyDeleted';
import { Toolbar } from './Toolbar';
import { UndoToast } from './UndoToast';
import { useEntries } from './use-entries';
import { useListActions } from './use-list-actions';
import { useListView } from './use-list-view';
import { useSelection } from './use-selection';
import { useShortcuts } from './use-shortcuts';

const NO_ENTRIES: Entry[] = [];

interface Props {
  db: DbHandle;
  /**
   * Export and import controls for the toolbar, given the whole list and the selection; `loading`
   * while only the first screen has been read (shown, so the toolbar does not shift, but not yet
   * usable for a whole-list export).
   */
  renderActions?: (scope: {
    all: readonly Entry[];
    selected: readonly Entry[];
    loading: boolean;
  }) => ReactNode;
}

/** The reading-list manager: filters and facets, the list, bulk actions and shortcuts. */
export function Manager({ db, renderActions }: Props) {
  const state = useEntries(db);
  const entries = state.phase === 'ready' || state.phase === 'first' ? state.entries : NO_ENTRIES;
  const ready = state.phase === 'ready';
  const view = useListView(entries);
  const { filter, setFilter, order, visible } = view;
  const selection = useSelection();
  const actions = useListActions(db, selection.forget);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [deletedOpen, setDeletedOpen] = useState(false);
  const filterRef = useRef<HTMLInputElement>(null);

  const targets = visibleSelection(selection.selected, order);
  const activeIndex = activeId === null ? -1 : order.indexOf(activeId);
  const active = activeIndex >= 0 ? visible[activeIndex]! : null;
  const filtered = isFiltered(filter);

  const moveTo = useCallback(
    (index: number) => {
      if (!order.length) return;
      setActiveId(order[Math.max(0, Math.min(order.length - 1, index))]!);
      setFocusRequest((n) => n + 1);
    },
    [order],
  );
  const move = (delta: number) => moveTo(activeIndex < 0 ? 0 : activeIndex + delta);
  const sortBy = (key: SortKey) =>
    view.setSort((sort) =>
      sort.key === key
        ? { key, dir: sort.dir === 'asc' ? 'desc' : 'asc' }
        : { key, dir: defaultDir(key) },
    );

  useShortcuts({
    '/': () => filterRef.current?.focus(),
    j: () => move(1),
    ArrowDown: () => move(1),
    k: () => move(-1),
    ArrowUp: () => move(-1),
    Home: () => moveTo(0),
    End: () => moveTo(order.length - 1),
    x: () => active && selection.toggle(active.id, false, order),
    'Shift+x': () => active && selection.toggle(active.id, true, order),
    a: () => selection.selectAll(order),
    Enter: () => {
      const link = active && entryLink(active);
      if (link) window.open(link, '_blank', 'noopener,noreferrer');
    },
    e: () => active && setEditingId(active.id),
    s: () => active && actions.setStatus([active.id], nextStatus(active.status), false),
    Delete: () => actions.remove(targets.length ? targets : active ? [active.id] : []),
    'Mod+z': actions.undo,
    Escape: () => {
      if (selection.selected.size) selection.clear();
      else if (filtered) setFilter(EMPTY_FILTER);
    },
    '?': () => setHelpOpen(true),
  });

  if (state.phase === 'failed') {
    return (
      <div className="manager">
        <div className="load-error" role="alert">
          <h2>Your reading list could not be opened</h2>
          <p>{state.error}</p>
          <p>
            Nothing was changed. Reload this page to try again; if the browser is low on disk space,
            free some and reload.
          </p>
        </div>
      </div>
    );
  }

  const selectedEntries = visible.filter((entry) => selection.selected.has(entry.id));
  return (
    <div className="manager">
      <header className="manager-header">
        <div>
          <h1>Reading list</h1>
          <p className="summary" id="result-count" aria-live="polite">
            {!ready
              ? 'Loading…'
              : filtered
                ? `${visible.length.toLocaleString('en')} of ${entries.length.toLocaleString('en')} papers`
                : `${entries.length.toLocaleString('en')} ${entries.length === 1 ? 'paper' : 'papers'}`}
          </p>
        </div>
        <div className="toolbar-actions">
          <button type="button" className="button ghost" onClick={() => setDeletedOpen(true)}>
            Recently deleted
          </button>
          <a className="button ghost" href="/options.html">
            Settings
          </a>
        </div>
      </header>
      <Toolbar
        text={filter.text}
        onText={(text) => setFilter((f) => ({ ...f, text }))}
        inputRef={filterRef}
        onEnterList={() => moveTo(activeIndex < 0 ? 0 : activeIndex)}
        onHelp={() => setHelpOpen(true)}
        actions={
          state.phase === 'loading'
            ? null
            : renderActions?.({ all: entries, selected: selectedEntries, loading: !ready })
        }
      />
      <div className="manager-body">
        {/* Until the whole list is read its counts are unknown: the column is held empty, so
            the list does not move when they arrive. */}
        {!ready && entries.length > 0 && <div className="facets" aria-hidden="true" />}
        {ready && entries.length > 0 && (
          <FacetPanel
            facets={view.facets}
            filter={filter}
            onStatus={(status) => setFilter((f) => ({ ...f, status }))}
            onTag={(tag) => setFilter((f) => ({ ...f, tag }))}
          />
        )}
        <main className="list-area">
          {targets.length > 0 && (
            <BulkBar
              count={targets.length}
              knownTags={view.facets.tags.map(({ tag }) => tag)}
              onStatus={(status) => actions.setStatus(targets, status, true)}
              onAddTag={(tag) => actions.changeTag(targets, tag, true)}
              onRemoveTag={(tag) => actions.changeTag(targets, tag, false)}
              onDelete={() => actions.remove(targets)}
              onClear={selection.clear}
            />
          )}
          {state.phase === 'loading' ? null : visible.length || !ready ? (
            <EntryList
              entries={visible}
              selected={selection.selected}
              activeIndex={activeIndex}
              focusRequest={focusRequest}
              editingId={editingId}
              sort={view.sort}
              onSort={sortBy}
              allSelected={targets.length === order.length}
              someSelected={targets.length > 0}
              onSelectAll={() => selection.toggleAll(order)}
              firstScreen={!ready}
              onActivate={setActiveId}
              onToggle={(id, range) => {
                setActiveId(id);
                selection.toggle(id, range, order);
              }}
              onStatus={(id, status) => actions.setStatus([id], status, false)}
              onTag={(tag) => setFilter((f) => ({ ...f, tag }))}
              onEditNote={(id) => {
                setEditingId(id);
                // Esc in the editor: back to the row, so j/k/e carry on from there.
                if (id === null) setFocusRequest((n) => n + 1);
              }}
              onSaveNote={(id, note, byKey) => {
                setEditingId(null);
                if (byKey) setFocusRequest((n) => n + 1);
                void actions.saveNote(id, note);
              }}
            />
          ) : (
            <EmptyState
              filtered={entries.length > 0}
              onClearFilters={() => setFilter(EMPTY_FILTER)}
            />
          )}
        </main>
      </div>
      <UndoToast toast={actions.toast} onDismiss={actions.dismiss} />
      {/* A closed dialog the first frame does not show, but its table would cost that frame. */}
      <AfterPaint>
        <HelpPanel open={helpOpen} onClose={() => setHelpOpen(false)} />
        <RecentlyDeleted db={db} open={deletedOpen} onClose={() => setDeletedOpen(false)} />
      </AfterPaint>
    </div>
  );
}
