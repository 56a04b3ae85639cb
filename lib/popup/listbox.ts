/**
 * Where the active option of a listbox goes for a key: arrows move one and stop at the ends (a
 * list that wraps loses the reader), Home/End jump, PageUp/PageDown move a screenful.
 * Returns undefined for keys the listbox does not handle.
 */
export const PAGE_STEP = 8;

export function nextActive(current: number, key: string, count: number): number | undefined {
  if (count === 0) return undefined;
  const last = count - 1;
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : Math.min(current + 1, last);
    case 'ArrowUp':
      return current <= 0 ? 0 : current - 1;
    case 'PageDown':
      return Math.min(Math.max(current, 0) + PAGE_STEP, last);
    case 'PageUp':
      return Math.max(current - PAGE_STEP, 0);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return undefined;
  }
}
