import { NO_FILTERS, isFiltering, type FilterState, type SavedFilter } from '@/lib/popup/filters';

interface Props {
  filters: FilterState;
  onChange: (next: FilterState) => void;
  error: string | null;
}

/** Has code, year range, saved or not: one compact row under the search box. */
export function FilterBar({ filters, onChange, error }: Props) {
  const set = (patch: Partial<FilterState>) => onChange({ ...filters, ...patch });
  return (
    <div className="filters" role="group" aria-label="Filters">
      <div className="filter-row">
        <button
          type="button"
          className="chip"
          aria-pressed={filters.hasCode}
          onClick={() => set({ hasCode: !filters.hasCode })}
        >
          Has code
        </button>
        <span className="year-range">
          <input
            className="year"
            inputMode="numeric"
            maxLength={4}
            placeholder="From"
            aria-label="From year"
            aria-invalid={!!error && error.includes('"from"')}
            value={filters.yearFrom}
            onChange={(e) => set({ yearFrom: e.target.value })}
          />
          <span aria-hidden="true">–</span>
          <input
            className="year"
            inputMode="numeric"
            maxLength={4}
            placeholder="To"
            aria-label="To year"
            aria-invalid={!!error && error.includes('"to"')}
            value={filters.yearTo}
            onChange={(e) => set({ yearTo: e.target.value })}
          />
        </span>
        <select
          className="saved-filter"
          aria-label="Reading list"
          value={filters.saved}
          onChange={(e) => set({ saved: e.target.value as SavedFilter })}
        >
          <option value="any">All papers</option>
          <option value="saved">Saved</option>
          <option value="unsaved">Not saved</option>
        </select>
        {isFiltering(filters) && (
          <button type="button" className="link-button" onClick={() => onChange(NO_FILTERS)}>
            Clear
          </button>
        )}
      </div>
      {error && (
        <p className="filter-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
