import { useMemo, useRef, type KeyboardEvent } from 'react';
import { NO_FILTERS, isFiltering, type FilterState } from '@/lib/popup/filters';
import { nextActive } from '@/lib/popup/listbox';
import { openPaperPage, openTab } from '@/lib/popup/open';
import { outsidePaper } from '@/lib/popup/outside';
import { looksLikeIdentifier, queryWords } from '@/lib/popup/query-words';
import { resultSummary } from '@/lib/popup/summary';
import { rowFromHit, rowFromPaper, rowFromResult, type PaperRow } from '@/lib/popup/rows';
import type { CatalogView } from '@/lib/popup/use-catalog-status';
import { usePapers } from '@/lib/popup/use-papers';
import { useRecentIds } from '@/lib/popup/use-recent';
import { useSearch, type SearchEngine } from '@/lib/popup/use-search';
import { useCatalogUpdatedAt } from '@/lib/popup/use-trending';
import { parseQuery } from '@/lib/search/query';
import { formatAgo } from '@/lib/ui/format';
import { CatalogNotice } from './CatalogNotice';
import { FilterBar } from './FilterBar';
import { Notice } from './Notice';
import { OutsideRow } from './OutsideRow';
import { ResultsList, optionId, type RowGroup } from './ResultsList';

export interface SearchPanelProps {
  query: string;
  onQuery: (query: string) => void;
  filters: FilterState;
  onFilters: (filters: FilterState) => void;
  active: number;
  onActive: (index: number) => void;
  onOpen: (id: string) => void;
  saved: ReadonlySet<string>;
  catalog: CatalogView;
  engine: SearchEngine;
  onError: (message: string) => void;
}

const LIST_ID = 'results';
const PAGE_KEYS = new Set(['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp']);

/**
 * Search results as list groups: those with every word of the query, then the closest, which
 * have only some, under a heading that says so (issue 16: weak matches were shown as answers).
 */
function searchGroups(rows: PaperRow[]): RowGroup[] {
  const split = rows.findIndex((row) => row.match === 'partial');
  if (split < 0) return [{ list: 'search', rows }];
  const closest = rows.slice(split);
  if (split === 0) {
    return [
      { list: 'search', heading: 'No paper matches all your words; closest:', rows: closest },
    ];
  }
  return [
    { list: 'search', rows: rows.slice(0, split) },
    { list: 'search', heading: 'Closest, with some of your words:', rows: closest },
  ];
}

/** The search box, its filters and its results (trending and recent papers when it is empty). */
export function SearchPanel(props: SearchPanelProps) {
  const { query, onQuery, filters, onFilters, active, onActive, onOpen, saved, catalog } = props;
  const input = useRef<HTMLInputElement>(null);
  const version = catalog.phase === 'ready' ? (catalog.status.active?.version ?? null) : null;
  const { state, filterError } = useSearch(query, filters, saved, props.engine, version);
  const recentIds = useRecentIds();
  const updatedAt = useCatalogUpdatedAt();
  const empty = query.trim() === '';
  const recent = usePapers(empty && recentIds ? recentIds : null);
  const words = useMemo(() => (looksLikeIdentifier(query) ? [] : queryWords(query)), [query]);

  const groups: RowGroup[] = useMemo(() => {
    if (!empty) return searchGroups(state.phase === 'done' ? state.hits.map(rowFromResult) : []);
    const hits = state.phase === 'done' ? state.hits.map(rowFromHit) : [];
    const recentRows = recent.phase === 'done' ? recent.papers.map(rowFromPaper) : [];
    const out: RowGroup[] = [];
    if (recentRows.length)
      out.push({ list: 'recent', heading: 'Recently viewed', rows: recentRows });
    out.push({ list: 'search', heading: 'Trending', rows: hits });
    return out;
  }, [state, empty, recent]);
  const rows: PaperRow[] = groups.flatMap((g) => g.rows);
  const current = rows.length ? Math.min(Math.max(active, 0), rows.length - 1) : -1;
  const done = state.phase === 'done' ? state : null;
  // A pasted id the catalog lacks: that paper as one row outside the catalog, not "no match".
  const outside = useMemo(() => outsidePaper(query), [query]);
  const showOutside = !!outside && !!done && done.query === query.trim() && !done.hits.length;
  const outsideControl = useRef<HTMLAnchorElement>(null);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (showOutside && (event.key === 'ArrowDown' || event.key === 'Enter')) {
      // Its row is reached like the others: Down moves into it (then Tab, Enter); Enter opens it.
      event.preventDefault();
      if (event.key === 'ArrowDown') outsideControl.current?.focus();
      else
        openTab(outside.url).catch((error: unknown) =>
          props.onError(`Could not open the paper's page: ${String(error)}`),
        );
    } else if (PAGE_KEYS.has(event.key)) {
      const next = nextActive(current, event.key, rows.length);
      if (next !== undefined) onActive(next);
      event.preventDefault();
    } else if (event.key === 'Enter') {
      const row = rows[current];
      event.preventDefault();
      if (!row) return;
      if (event.ctrlKey || event.metaKey) {
        openPaperPage(row.id).then(
          (opened) => opened || onOpen(row.id),
          (error: unknown) => props.onError(`Could not open the paper's page: ${String(error)}`),
        );
      } else onOpen(row.id);
    } else if (event.key === 'Escape') {
      // First Esc clears the box; with nothing to clear, Esc closes the popup as usual.
      event.preventDefault();
      if (query) {
        onQuery('');
        onActive(0);
      } else window.close();
    }
  };

  const searching = state.phase === 'loading' && catalog.phase === 'ready';
  const link = !empty && ['link', 'repo'].includes(parseQuery(query).kind);
  return (
    <section className="panel search-panel" aria-label="Search">
      <div className="search-head">
        <div className="search-box">
          <svg className="search-icon" viewBox="0 0 20 20" aria-hidden="true">
            <circle cx="8.5" cy="8.5" r="5.5" />
            <path d="M13 13l4 4" />
          </svg>
          <input
            ref={input}
            type="search"
            role="combobox"
            aria-expanded={rows.length > 0}
            aria-controls={LIST_ID}
            aria-autocomplete="list"
            aria-activedescendant={current >= 0 ? optionId(LIST_ID, current) : undefined}
            aria-label="Search papers"
            placeholder="Title, author, words, arXiv id or URL"
            autoFocus
            spellCheck={false}
            autoComplete="off"
            value={query}
            onChange={(e) => {
              onQuery(e.target.value);
              onActive(0);
            }}
            onKeyDown={onKeyDown}
          />
        </div>
        <FilterBar filters={filters} onChange={onFilters} error={filterError} />
      </div>
      <CatalogNotice view={catalog} />
      {state.phase === 'unavailable' && catalog.phase === 'ready' && (
        <Notice title="Search is getting ready.">
          <p>{state.message}</p>
        </Notice>
      )}
      {/* Before the catalog is in, the catalog notice says why search cannot answer. */}
      {state.phase === 'error' && catalog.phase === 'ready' && (
        <Notice kind="error" title="Search failed.">
          <p>{state.message}</p>
        </Notice>
      )}
      {done && !empty && done.hits.length === 0 && catalog.phase === 'ready' && !showOutside && (
        <Notice
          title={
            link
              ? 'No paper in your catalog has this address.'
              : `No papers match “${query.trim()}”.`
          }
        >
          {link ? (
            <p>
              PaperPeek looks up links to arXiv, alphaXiv and Hugging Face papers, DOIs (doi.org or
              a publisher’s page) and GitHub repositories. Search the paper’s title instead.
            </p>
          ) : isFiltering(filters) ? (
            <p>
              The filters may hide them.{' '}
              <button type="button" className="link-button" onClick={() => onFilters(NO_FILTERS)}>
                Remove filters
              </button>
            </p>
          ) : (
            <p>Try fewer words, a family name, or paste an arXiv id or link.</p>
          )}
        </Notice>
      )}
      {showOutside && (
        <OutsideRow
          ref={outsideControl}
          paper={outside}
          saved={saved.has(outside.id)}
          onLeave={() => input.current?.focus()}
        />
      )}
      <ResultsList
        id={LIST_ID}
        label={empty ? 'Trending and recent papers' : 'Search results'}
        groups={groups}
        active={current}
        saved={saved}
        words={words}
        onActive={onActive}
        onOpen={(index) => rows[index] && onOpen(rows[index].id)}
      />
      <footer className="status-bar">
        <span role="status" aria-live="polite">
          {searching
            ? 'Searching…'
            : showOutside
              ? 'Not in your catalog'
              : done && !empty
                ? resultSummary(
                    done.total,
                    done.hits.length,
                    done.exact,
                    undefined,
                    done.hits.filter((hit) => hit.partial).length,
                  )
                : empty && updatedAt
                  ? `Updated ${formatAgo(updatedAt, new Date())}`
                  : ''}
        </span>
        {/* With nothing typed, Esc closes the popup: no "clear", and room for the freshness. */}
        <span className="keys" aria-hidden="true">
          {showOutside ? (
            // The row outside the catalog has no details: Down enters it, Enter opens its page.
            <>
              <kbd>↓</kbd> into it <kbd>↵</kbd> open
            </>
          ) : (
            <>
              <kbd>↑</kbd>
              <kbd>↓</kbd> move <kbd>↵</kbd> details <kbd>Ctrl</kbd>
              <kbd>↵</kbd> arXiv
            </>
          )}
          {!empty && (
            <>
              {' '}
              <kbd>Esc</kbd> clear
            </>
          )}
        </span>
      </footer>
    </section>
  );
}
