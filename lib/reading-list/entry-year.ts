import type { Entry } from './entry';

/**
 * The year an entry shows in the manager's Year column, sorts by and is cited with: the
 * snapshot's year, else the year of the arXiv id's first version (`2106.09685` → 2021,
 * `hep-th/9901001` → 1999), which is the catalog's first-version date for the papers it names.
 * Citation keys keep using the snapshot's year alone, so keys already in documents stay.
 */
export function entryYear(entry: Entry): number | undefined {
  const { year, arxivId } = entry.snapshot;
  if (year !== undefined) return year;
  const yy = arxivId
    ? /^(?:\d{2}(?=[01]\d\.\d{4,5}$)|[a-z-]+(?:\.[A-Z]{2})?\/(\d{2})[01]\d{4}$)/.exec(arxivId)
    : null;
  if (!yy) return undefined;
  const two = Number(yy[1] ?? yy[0]);
  return two >= 91 ? 1900 + two : 2000 + two;
}
