import { useEffect, useState } from 'react';
import { recentPapers } from './recent';

/** The last ids read, so a search panel mounted again (back from details) has them at once. */
let lastIds: string[] | null = null;

/** The recently viewed ids, following changes (a details view opened adds one). */
export function useRecentIds(): string[] | null {
  const [ids, setIds] = useState<string[] | null>(lastIds);
  useEffect(() => {
    let live = true;
    const show = (value: string[]) => {
      lastIds = value;
      setIds(value);
    };
    void recentPapers.getValue().then((value) => live && show(value));
    const unwatch = recentPapers.watch(show);
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return ids;
}
