import { formatCount } from '../ui/format';

/**
 * The status line under the results: how many papers match and how many are shown. The count is
 * never below what is on screen, whatever the engine's estimate says, except that papers with
 * only some of the query's words (the closest) are not counted as matches.
 */
export function resultSummary(
  total: number,
  shown: number,
  exact: boolean,
  locale?: string,
  /** Of those shown, how many have only some of the query's words (listed as the closest). */
  closest = 0,
): string {
  if (exact && shown > 0) return 'Exact match';
  if (closest > 0) {
    // The papers with every word are all shown, above the closest (whose heading says what they
    // are): they are what matches. Short, so the keys beside it stay readable.
    const full = shown - closest;
    if (full === 0) return `${formatCount(closest, locale)} closest`;
    return `${formatCount(full, locale)} ${full === 1 ? 'paper' : 'papers'}`;
  }
  const count = Math.max(total, shown);
  const papers = `${formatCount(count, locale)} ${count === 1 ? 'paper' : 'papers'}`;
  return count > shown ? `${papers}, top ${formatCount(shown, locale)} shown` : papers;
}
