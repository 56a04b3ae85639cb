import { describe, expect, it } from 'vitest';
import { searchCatalog } from '@/lib/search/search';
import { YEAR_SLICE } from '@/lib/search/records';
import { makePaper, papers } from './catalog-fixture';
import { loadPapers } from '../fixtures/search/load';

describe('years read per slice', () => {
  it('filter and rank papers beyond the first slice of a segment', async () => {
    // One segment, two year slices: the 2019 papers and the coded ones sit in the second.
    const late = [YEAR_SLICE + 5, YEAR_SLICE + 700, YEAR_SLICE + 900];
    const catalog = papers(YEAR_SLICE + 1000).map((p, i) =>
      late.includes(i)
        ? makePaper(i, {
            published: '2019-03-01',
            code: [{ url: `https://github.com/lab/r${i}`, kind: 'repository', official: true }],
          })
        : p,
    );
    const db = await loadPapers(catalog);
    const ids = late.map((i) => makePaper(i).id);

    const byYear = await searchCatalog('sparse attention', { filters: { yearTo: 2019 } }, db);
    expect(byYear.hits.map((h) => h.id)).toEqual(ids);
    expect(byYear.total).toBe(3);
    const byCode = await searchCatalog('', { filters: { hasCode: true } }, db);
    expect(byCode.hits.map((h) => h.id)).toEqual(ids);
    expect(byCode.hits.every((h) => h.hasCode && h.year === 2019)).toBe(true);
  });
});
