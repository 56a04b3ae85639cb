import { useCallback, useState } from 'react';
import { selectRange, toggleOne } from '@/lib/reading-list/query';

/**
 * The selected entry ids and the anchor of a Shift range. Ids stay selected while a filter hides
 * them, but actions only ever apply to the visible ones (see visibleSelection).
 */
export function useSelection() {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [anchor, setAnchor] = useState<string | null>(null);

  const toggle = useCallback(
    (id: string, range: boolean, order: readonly string[]) => {
      setSelected((current) =>
        range && anchor !== null
          ? selectRange(current, order, anchor, id, !current.has(id))
          : toggleOne(current, id),
      );
      setAnchor(id);
    },
    [anchor],
  );

  /** Selects every visible id, or deselects them all when all already are. */
  const toggleAll = useCallback((order: readonly string[]) => {
    setSelected((current) => {
      const next = new Set(current);
      const all = order.length > 0 && order.every((id) => current.has(id));
      for (const id of order) {
        if (all) next.delete(id);
        else next.add(id);
      }
      return next;
    });
  }, []);

  const selectAll = useCallback((order: readonly string[]) => {
    setSelected((current) => new Set([...current, ...order]));
  }, []);

  const clear = useCallback(() => {
    setSelected(new Set());
    setAnchor(null);
  }, []);

  /** Drops ids that no longer exist (deleted here or elsewhere). */
  const forget = useCallback((ids: readonly string[]) => {
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) next.delete(id);
      return next;
    });
  }, []);

  return { selected, toggle, toggleAll, selectAll, clear, forget };
}
