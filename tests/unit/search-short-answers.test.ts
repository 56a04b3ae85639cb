import { describe, expect, it, vi } from 'vitest';
import { openIndex } from '@/lib/search/index-reader';
import { parseQuery } from '@/lib/search/query';
import type { StatsRecord } from '@/lib/search/records';
import { answer, searchCatalog, SHORT_LIMIT } from '@/lib/search/search';
import { SHORT_MIN_PAPERS, shortPrefixes } from '@/lib/search/short-answers';
import { makePaper, papers } from './catalog-fixture';
import { loadPapers } from '../fixtures/search/load';

/** Keys read from the slot's search table since the spy was set or cleared. */
function keysRead(read: { mock: { calls: unknown[][] } }): string[] {
  return read.mock.calls.flatMap(([keys]) => keys as string[]);
}

describe('stored answers of two characters typed alone', () => {
  it('pick the prefixes whose expansions reach many papers, as the popup parses them', () => {
    const terms = ['attent', 'atom', 'sy', 'synthet', 'syntax', 'zorblax', 'zz', '#2401.10001'];
    const df = Uint32Array.from([SHORT_MIN_PAPERS, 3, 5, SHORT_MIN_PAPERS - 10, 6, 9, 2, 1]);
    // `sy` reaches 5 + 2038 + 6 papers; `at` 2051; `zo`, `zz` and ids too few or not words.
    expect(shortPrefixes({ terms, df })).toEqual(['at', 'sy']);
  });

  it('answer the prefix with one record read, as the engine ranks it', async () => {
    const count = SHORT_MIN_PAPERS + 300;
    // Newer papers and short titles first: a ranking with ties for the stored answer to keep.
    const catalog = papers(count).map((p, i) =>
      i % 7 === 0
        ? makePaper(i, { title: `Synthetic Worlds ${i}`, published: `${2010 + (i % 15)}-02-01` })
        : i === 11 || i === 12
          ? makePaper(i, { title: `Zorblax Networks ${i}`, keywords: [] })
          : p,
    );
    catalog[21] = {
      ...catalog[21]!,
      code: [{ kind: 'repository', url: 'https://github.com/a/b', official: true }],
    };
    const db = await loadPapers(catalog, { segment: 1024 });
    const table = db.search(0);
    const stats = (await table.get('s')) as StatsRecord;
    expect(stats.short!.split('\n')).toContain('sy');
    expect(stats.short!.split('\n')).not.toContain('zo');

    const index = (await openIndex(db))!;
    const live = await answer(db, index, parseQuery('sy'), { limit: SHORT_LIMIT }, false);
    expect(live.hits).toHaveLength(SHORT_LIMIT);
    expect(live.total).toBe(count - 2); // all but the two Zorblax papers

    const read = vi.spyOn(table, 'bulkGet');
    const stored = await searchCatalog('Sy', { limit: SHORT_LIMIT }, db);
    expect(stored).toEqual(live);
    expect(keysRead(read)).toEqual(['q:sy']);
    // A shorter list is the stored one's start.
    expect((await searchCatalog('sy', { limit: 5 }, db)).hits).toEqual(live.hits.slice(0, 5));

    // Filters, a longer list, or a prefix without a stored answer: ranked live.
    read.mockClear();
    const withCode = await searchCatalog('sy', { limit: 5, filters: { hasCode: true } }, db);
    expect(withCode.hits.map((h) => h.id)).toEqual([makePaper(21).id]);
    expect(withCode.total).toBe(1);
    const longer = await searchCatalog('sy', { limit: SHORT_LIMIT + 10 }, db);
    expect(longer.hits).toHaveLength(SHORT_LIMIT + 10);
    read.mockClear();
    const rare = await searchCatalog('zo', {}, db);
    expect(rare.hits.map((h) => h.id).sort()).toEqual([makePaper(11).id, makePaper(12).id]);
    expect(keysRead(read).some((k) => k.startsWith('q:'))).toBe(false);
  });
});
