import { formatCount } from '../ui/format';

/**
 * The status line under the results: how many papers match and how many are shown. The count is
 * never below what is on screen, whatever the engine's estimate says.
 */
export function resultSummary(
  total: number,
  shown: number,
  exact: boolean,
  locale?: string,
): string {
  if (exact && shown > 0) return 'Exact match';
  const count = Math.max(total, shown);
  const papers = `${formatCount(count, locale)} ${count === 1 ? 'paper' : 'papers'}`;
  return count > shown ? `${papers}, top ${formatCount(shown, locale)} shown` : papers;
}
