/**
 * The search filters the popup offers and how they become the engine's filters. Year fields are
 * typed by the user, so they are checked here and a bad one is explained rather than ignored.
 */

export type SavedFilter = 'any' | 'saved' | 'unsaved';

export interface FilterState {
  hasCode: boolean;
  /** As typed: empty, or a four-digit year. */
  yearFrom: string;
  yearTo: string;
  saved: SavedFilter;
}

export const NO_FILTERS: FilterState = { hasCode: false, yearFrom: '', yearTo: '', saved: 'any' };

/** What searchCatalog accepts (lib/search/search.ts). */
export interface EngineFilters {
  hasCode?: boolean;
  yearFrom?: number;
  yearTo?: number;
  ids?: Set<string>;
  excludeIds?: Set<string>;
}

export type FilterCheck = { ok: true; filters: EngineFilters } | { ok: false; error: string };

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

function year(text: string, label: string): number | undefined | string {
  const value = text.trim();
  if (!value) return undefined;
  if (!/^\d{4}$/.test(value)) return `${label} year must be four digits, such as 2023.`;
  const n = Number(value);
  if (n < MIN_YEAR || n > MAX_YEAR)
    return `${label} year must be between ${MIN_YEAR} and ${MAX_YEAR}.`;
  return n;
}

/** The engine's filters, or the first thing wrong with what the user typed. */
export function engineFilters(state: FilterState, saved: ReadonlySet<string>): FilterCheck {
  const from = year(state.yearFrom, 'The "from"');
  if (typeof from === 'string') return { ok: false, error: from };
  const to = year(state.yearTo, 'The "to"');
  if (typeof to === 'string') return { ok: false, error: to };
  if (from !== undefined && to !== undefined && from > to) {
    return { ok: false, error: `The year range ${from}–${to} is empty: "from" is after "to".` };
  }
  const filters: EngineFilters = {};
  if (state.hasCode) filters.hasCode = true;
  if (from !== undefined) filters.yearFrom = from;
  if (to !== undefined) filters.yearTo = to;
  if (state.saved === 'saved') filters.ids = new Set(saved);
  if (state.saved === 'unsaved') filters.excludeIds = new Set(saved);
  return { ok: true, filters };
}

/** True when any filter narrows the results (the "no results" message then suggests removing them). */
export function isFiltering(state: FilterState): boolean {
  return (
    state.hasCode ||
    state.yearFrom.trim() !== '' ||
    state.yearTo.trim() !== '' ||
    state.saved !== 'any'
  );
}

/** The same filters over hits already in hand (the trending list shown for an empty query). */
export function applyFilters<T extends { id: string; hasCode: boolean; year?: number }>(
  hits: readonly T[],
  filters: EngineFilters,
): T[] {
  return hits.filter(
    (hit) =>
      (!filters.hasCode || hit.hasCode) &&
      (filters.yearFrom === undefined ||
        (hit.year !== undefined && hit.year >= filters.yearFrom)) &&
      (filters.yearTo === undefined || (hit.year !== undefined && hit.year <= filters.yearTo)) &&
      (!filters.ids || filters.ids.has(hit.id)) &&
      (!filters.excludeIds || !filters.excludeIds.has(hit.id)),
  );
}
