import { useEffect, useState } from 'react';
import { fetchPapers } from '../popup/use-papers';
import { userDb } from '../reading-list/db';

/** Enough papers to tell a reader's fields; a long list's oldest entries add nothing. */
const RECENT = 500;

/**
 * The arXiv categories of the papers most recently saved to the reading list, one list per
 * paper, as the catalog knows them (papers from a feed carry them; many catalog papers do not).
 * Null until read; an empty list when nothing could be read, so suggestions fall back.
 */
export function useReadingCategories(): (string[] | undefined)[] | null {
  const [categories, setCategories] = useState<(string[] | undefined)[] | null>(null);
  useEffect(() => {
    let live = true;
    (async () => {
      const ids = (await userDb()
        .entries.orderBy('addedAt')
        .reverse()
        .limit(RECENT)
        .primaryKeys()) as string[];
      const { papers } = await fetchPapers(ids);
      return papers.map((paper) => paper.categories);
    })().then(
      (found) => live && setCategories(found),
      (error: unknown) => {
        console.warn('PaperPeek: reading-list categories', error);
        if (live) setCategories([]);
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return categories;
}
