import {
  ARXIV_CATEGORIES,
  DEFAULT_SUGGESTIONS,
  isArxivCategory,
  type ArxivCategory,
} from './arxiv-taxonomy';

/**
 * The category picker's two questions: which categories match what the reader typed, and which
 * to suggest before they type anything (the fields of the papers on their reading list).
 */

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** How well a category answers the query: lower is better; null when it does not. */
function rank(category: ArxivCategory, query: string, terms: string[]): number | null {
  const id = category.id.toLowerCase();
  const name = category.name.toLowerCase();
  if (id === query) return 0;
  // "cs.l", "lg" (the subject class alone), "hep-"
  if (id.startsWith(query) || id.split('.')[1]?.startsWith(query)) return 1;
  if (name.startsWith(query)) return 2;
  const own = [...words(category.id), ...words(category.name)];
  if (terms.every((term) => own.some((word) => word.startsWith(term)))) return 3;
  const withGroup = [...own, ...words(category.group)];
  if (terms.every((term) => withGroup.some((word) => word.startsWith(term)))) return 4;
  return null;
}

/** Categories matching the query, best first (taxonomy order among equals); all for an empty query. */
export function searchCategories(query: string): ArxivCategory[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...ARXIV_CATEGORIES];
  const terms = words(q);
  return ARXIV_CATEGORIES.map((category, order) => ({
    category,
    order,
    rank: rank(category, q, terms),
  }))
    .filter(
      (hit): hit is { category: ArxivCategory; order: number; rank: number } => hit.rank !== null,
    )
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map((hit) => hit.category);
}

/**
 * Categories to suggest: those of the reading list's papers (a paper's primary category counts
 * double), most frequent first, leaving out those already chosen; arXiv's busiest machine
 * learning categories when the reading list names none.
 */
export function suggestCategories(
  papers: readonly (readonly string[] | undefined)[],
  chosen: readonly string[],
  max = 6,
): string[] {
  const counts = new Map<string, number>();
  for (const categories of papers) {
    categories?.forEach((id, i) => {
      if (isArxivCategory(id)) counts.set(id, (counts.get(id) ?? 0) + (i === 0 ? 2 : 1));
    });
  }
  const taken = new Set(chosen);
  const fromList = [...counts]
    .filter(([id]) => !taken.has(id))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([id]) => id);
  const pool = counts.size > 0 ? fromList : DEFAULT_SUGGESTIONS.filter((id) => !taken.has(id));
  return pool.slice(0, max);
}
