import { describe, expect, it } from 'vitest';
import type { CatalogDb } from '@/lib/db/catalog-db';
import { stageCatalogFile } from '@/lib/db/catalog-files';
import { resumeLoad, startLoad } from '@/lib/db/catalog-loader';
import { searchCatalog, SearchUnavailableError } from '@/lib/search/search';
import { catalogText, freshDb, makePaper, papers } from './catalog-fixture';
import { loadBundled, loadBytes, loadPapers, relevanceSet } from '../fixtures/search/load';

/** Stops a load right after its `n`th batch committed, as a dying worker would. */
function abortAfterBatches(db: CatalogDb, controller: AbortController, n: number) {
  let batches = 0;
  db.meta.hook('updating', (_changes, key) => {
    if (key === 'job' && ++batches === n) controller.abort();
  });
}

async function searchKeys(db: CatalogDb) {
  const active = await db.meta.get('active');
  if (active?.key !== 'active') throw new Error('no active catalog');
  return (await db.search(active.value.slot).toCollection().primaryKeys()).sort();
}

const options = { segment: 256, batchSize: 64 };

describe('search index with the catalog load', () => {
  it('a load stopped mid-segment and resumed builds the same index as one clean load', async () => {
    const text = catalogText(papers(700));
    const clean = await loadBytes(text, options);

    const db = freshDb();
    const fileId = await stageCatalogFile(new Blob([text]), db);
    const controller = new AbortController();
    // 5 batches of 64 = 320 papers: one full segment written, the second one half built.
    abortAfterBatches(db, controller, 5);
    const first = startLoad(
      db,
      { kind: 'file', fileId },
      { ...options, searchSegment: 256, signal: controller.signal },
    );
    await expect(first).rejects.toThrow();
    expect(await db.search(0).get('h:000')).toBeDefined();
    expect(await db.search(0).get('h:001')).toBeUndefined();
    const outcome = await resumeLoad(db, { batchSize: 64, searchSegment: 256 });
    expect(outcome?.status).toBe('loaded');

    expect(await searchKeys(db)).toEqual(await searchKeys(clean));
    for (const n of [10, 300, 330, 699]) {
      const [resumed, reference] = await Promise.all([
        searchCatalog(`"Study Number ${n} of"`, {}, db),
        searchCatalog(`"Study Number ${n} of"`, {}, clean),
      ]);
      expect(resumed.hits.map((h) => h.id)).toEqual([makePaper(n).id]);
      expect(resumed).toEqual(reference);
    }
    expect((await searchCatalog('synthetic', { limit: 1 }, db)).total).toBe(700);
  });

  it('a new catalog replaces the index the page has open, and the old slot is emptied', async () => {
    const db = await loadPapers([makePaper(1, { title: 'Alpha Particles in Plasma' })]);
    expect((await searchCatalog('alpha', {}, db)).hits).toHaveLength(1);
    const next = catalogText([makePaper(2, { title: 'Beta Decay Revisited' })], { version: 'v2' });
    await loadBytes(next, { db });
    expect((await searchCatalog('alpha', {}, db)).hits).toEqual([]);
    expect((await searchCatalog('beta', {}, db)).hits.map((h) => h.id)).toEqual([makePaper(2).id]);
    expect(await db.search(0).count()).toBe(0);
  });

  it('says clearly when the active catalog has no search index', async () => {
    const db = await loadPapers(papers(3));
    // As a catalog installed before the index existed: chunks, but no search records.
    await db.search(0).clear();
    const error = await searchCatalog('study', {}, db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchUnavailableError);
    expect((error as Error).message).toMatch(/no search index yet/);
  });

  it('finds the right paper for most of the hand-labelled queries on the bundled catalog', async () => {
    const db = await loadBundled();
    const queries = relevanceSet();
    let top1 = 0;
    let top3 = 0;
    for (const q of queries) {
      const ids = (await searchCatalog(q.query, { limit: 3 }, db)).hits.map((h) => h.id);
      if (q.expected.includes(ids[0]!)) top1++;
      if (ids.some((id) => q.expected.includes(id))) top3++;
    }
    // npm run eval:search prints the figures next to MiniSearch's.
    expect(top1 / queries.length).toBeGreaterThanOrEqual(0.9);
    expect(top3 / queries.length).toBeGreaterThanOrEqual(0.95);
  });
});
