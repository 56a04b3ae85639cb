import { describe, expect, it } from 'vitest';
import { rebuildSearchIndex } from '@/lib/search/rebuild';
import { searchCatalog, SearchUnavailableError } from '@/lib/search/search';
import { makePaper, papers } from './catalog-fixture';
import { loadPapers } from '../fixtures/search/load';

describe('rebuildSearchIndex', () => {
  it('builds the index of a catalog installed without one, and resumes a cut-short rebuild', async () => {
    const reference = await loadPapers(papers(700), { segment: 256 });
    const expected = (await reference.search(0).toCollection().primaryKeys()).sort();
    const db = await loadPapers(papers(700), { segment: 256 });
    // A catalog from before the index: no search records at all.
    await db.search(0).clear();
    await expect(searchCatalog('study', {}, db)).rejects.toBeInstanceOf(SearchUnavailableError);
    expect(await rebuildSearchIndex(db, 256)).toBe(true);
    expect((await db.search(0).toCollection().primaryKeys()).sort()).toEqual(expected);

    // Cut short after the first segment (256 papers: display blocks 0-3): only its records are left; the rebuild goes on from there.
    const kept = new Set(expected.filter((k) => /:000(:|$)/.test(k) || /^d:00000[0-3]$/.test(k)));
    await db.search(0).bulkDelete(expected.filter((k) => !kept.has(k)));
    expect(await rebuildSearchIndex(db, 256)).toBe(true);
    expect((await db.search(0).toCollection().primaryKeys()).sort()).toEqual(expected);
    const fresh = await loadPapers(papers(700), { segment: 256 });
    await fresh.search(0).clear();
    await rebuildSearchIndex(fresh, 256);
    const hits = (await searchCatalog('"Study Number 650 of"', {}, fresh)).hits;
    expect(hits.map((h) => h.id)).toEqual([makePaper(650).id]);
  });

  it('replaces an index of an older format, which searches refuse until then', async () => {
    const reference = await loadPapers(papers(300), { segment: 256 });
    const expected = (await reference.search(0).toCollection().primaryKeys()).sort();
    const db = await loadPapers(papers(300), { segment: 256 });
    // As format 1 left it: no format field, no champion records.
    await db.search(0).put({ k: 's', count: 300, segment: 256, segments: 2 });
    await db.search(0).bulkDelete(expected.filter((k) => /^[mc]:/.test(k)));
    await expect(searchCatalog('study', {}, db)).rejects.toBeInstanceOf(SearchUnavailableError);
    expect(await rebuildSearchIndex(db, 256)).toBe(true);
    expect((await db.search(0).toCollection().primaryKeys()).sort()).toEqual(expected);
    expect((await searchCatalog('study', { limit: 1 }, db)).total).toBe(300);
  });

  it('does nothing when the catalog already has its index', async () => {
    const db = await loadPapers(papers(5));
    const before = await db.search(0).count();
    expect(await rebuildSearchIndex(db)).toBe(false);
    expect(await db.search(0).count()).toBe(before);
  });
});
