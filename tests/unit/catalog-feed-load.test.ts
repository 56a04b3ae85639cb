import { describe, expect, it } from 'vitest';
import { readMeta, type CatalogDb } from '@/lib/db/catalog-db';
import { stageCatalogFile } from '@/lib/db/catalog-files';
import { resumeLoad, startLoad } from '@/lib/db/catalog-loader';
import {
  feedSummary,
  readCursor,
  readLists,
  removeSourcePapers,
  upsertPapers,
} from '@/lib/db/catalog-upsert';
import { getPapers, lookupCandidates, lookupPaper } from '@/lib/db/lookup';
import { searchCatalog } from '@/lib/search/search';
import { catalogText, makePaper, papers } from './catalog-fixture';
import {
  activeTail,
  freshPaper,
  LATER,
  loadCatalog,
  NOW,
  repo,
  SEGMENT,
} from './catalog-upsert-fixture';

/**
 * Papers from feed sources outlive a new catalog file (re-applied to it before it becomes active)
 * unless the load drops them, and go when their source is removed.
 */

const fresh = freshPaper(1, { upvotes: 9, code: [repo('https://github.com/fresh/one')] });
const known = makePaper(3);
const knownUpdate = makePaper(3, { code: [repo('https://github.com/acme/known')], upvotes: 2 });

/** A 40-paper base, one paper from HF only, and HF's code link on a base paper. */
async function withFeeds(): Promise<CatalogDb> {
  const db = await loadCatalog(papers(40));
  await upsertPapers(db, { source: 'hf', put: [fresh, knownUpdate] }, { now: NOW });
  return db;
}

describe('a catalog file loaded after feed papers arrived', () => {
  it('keeps them: feed papers are re-applied and merged with the new records', async () => {
    const db = await withFeeds();
    // The new file has paper 3 with a longer abstract, and not paper 39.
    const next = papers(39).map((p) =>
      p.id === known.id ? { ...p, abstract: `${p.abstract} Now with more detail.` } : p,
    );
    await loadCatalog(next, { db, version: 'v2' });
    const { active } = await readMeta(db);
    expect(active).toMatchObject({ slot: 1, version: 'v2', count: 39 });
    expect(active?.tail).toMatchObject({ base: SEGMENT, live: 2, updatedAt: NOW.toISOString() });

    const [paper, merged, dropped] = await getPapers(db, [fresh.id, known.id, '2401.10039']);
    expect(paper).toMatchObject({ id: fresh.id, upvotes: 9, code: fresh.code });
    expect(merged).toMatchObject({
      abstract: 'Abstract of paper 3. Now with more detail.',
      code: knownUpdate.code,
      upvotes: 2,
    });
    expect(dropped).toBeNull();
    expect(await lookupCandidates(db, [fresh.title, known.title])).toEqual([
      { id: fresh.id, matchedBy: 'title' },
      { id: known.id, matchedBy: 'title' },
    ]);
    expect(await feedSummary(db)).toEqual({ feedPapers: 1, updatedAt: NOW.toISOString() });
    const hits = await searchCatalog('acme known', { limit: 3 }, db);
    expect(hits.hits.map((h) => h.id)).toContain(known.id);
    // The old slot is gone, tail included.
    expect(await db.tails0.count()).toBe(0);
    expect(await db.chunks0.count()).toBe(0);
  });

  it('a feed paper the new file now holds counts as the catalog’s own, still merged', async () => {
    const db = await withFeeds();
    await loadCatalog([...papers(40), { ...fresh, upvotes: undefined, code: [] }], {
      db,
      version: 'v2',
    });
    const [paper] = await getPapers(db, [fresh.id]);
    expect(paper).toMatchObject({ upvotes: 9, code: fresh.code });
    expect((await feedSummary(db)).feedPapers).toBe(0);
  });

  it('drops them when asked: the new catalog as the file has it, and the feed table empty', async () => {
    const db = await withFeeds();
    await loadCatalog(papers(40), { db, version: 'v2', keepFeeds: false });
    const { active } = await readMeta(db);
    expect(active?.tail).toBeUndefined();
    expect(await lookupPaper(db, fresh.id)).toBeNull();
    expect((await lookupPaper(db, known.id))?.paper.code).toEqual([]);
    expect(await db.feed.count()).toBe(0);
    expect(await feedSummary(db)).toEqual({ feedPapers: 0, updatedAt: null });
    // New batches build a new tail on the new catalog.
    await upsertPapers(db, { source: 'hf', put: [fresh] });
    expect((await lookupPaper(db, fresh.id))?.paper.id).toBe(fresh.id);
  });

  it('a load stopped while re-applying feed papers resumes, the old catalog serving meanwhile', async () => {
    const db = await loadCatalog(papers(40));
    const many = Array.from({ length: 120 }, (_, i) => freshPaper(100 + i));
    await upsertPapers(db, { source: 'arxiv', put: many }, { now: NOW });
    const controller = new AbortController();
    // Stop once the first page of feed papers is re-applied (its job update names the last id).
    db.meta.hook('updating', (changes, key) => {
      if (key === 'job' && JSON.stringify(changes).includes(many[49]!.id)) controller.abort();
    });
    const fileId = await stageCatalogFile(
      new Blob([catalogText(papers(40), { version: 'v2' })]),
      db,
    );
    await expect(
      startLoad(
        db,
        { kind: 'file', fileId },
        { searchSegment: SEGMENT, batchSize: 50, signal: controller.signal },
      ),
    ).rejects.toThrow();
    const { active, job } = await readMeta(db);
    expect(active).toMatchObject({ slot: 0, version: 'v1' });
    expect(job?.replay?.after).toBe(many[49]!.id);
    expect((await lookupPaper(db, many[110]!.id))?.paper.id).toBe(many[110]!.id);

    const outcome = await resumeLoad(db, { batchSize: 50 });
    expect(outcome).toMatchObject({ status: 'loaded', active: { slot: 1, version: 'v2' } });
    const found = await getPapers(
      db,
      many.map((p) => p.id),
    );
    expect(found.filter((p) => p === null)).toHaveLength(0);
    expect(await activeTail(db)).toMatchObject({ end: SEGMENT + 120, live: 120 });
  });
});

describe('removeSourcePapers', () => {
  it('removes what only that source brought and reverts the rest to what remains', async () => {
    const db = await withFeeds();
    const shared = freshPaper(2, { upvotes: 5 });
    await upsertPapers(db, { source: 'hf', put: [shared] }, { now: NOW });
    await upsertPapers(
      db,
      {
        source: 'arxiv',
        put: [freshPaper(2, { categories: ['cs.CL'] })],
        cursor: 'arxiv-cursor',
        lists: { 'arxiv-new': { at: LATER.toISOString(), items: [{ id: shared.id }] } },
      },
      { now: LATER },
    );
    await upsertPapers(db, {
      source: 'hf',
      put: [],
      cursor: { day: '2025-03-01' },
      lists: { 'hf-trending': { at: NOW.toISOString(), items: [{ id: fresh.id }] } },
    });

    expect(await removeSourcePapers(db, 'hf')).toBe(1);
    const [gone, reverted, own] = await getPapers(db, [fresh.id, shared.id, known.id]);
    expect(gone).toBeNull();
    expect(await lookupCandidates(db, [fresh.title])).toEqual([null]);
    // Only arXiv's word on it is left: its categories stay, HF's upvotes go.
    expect(reverted).toMatchObject({ id: shared.id, categories: ['cs.CL'] });
    expect(reverted?.upvotes).toBeUndefined();
    expect(reverted?.origin?.map((o) => o.source)).toEqual(['arxiv']);
    // The catalog file's record again, found by its title.
    expect(own).toMatchObject({ title: known.title, code: [] });
    expect(own?.upvotes).toBeUndefined();
    expect(await lookupCandidates(db, [known.title])).toEqual([
      { id: known.id, matchedBy: 'title' },
    ]);

    expect(await db.feed.toArray()).toEqual([
      expect.objectContaining({ id: shared.id, by: ['arxiv'] }),
    ]);
    expect(await readCursor(db, 'hf')).toBeUndefined();
    expect(await readCursor(db, 'arxiv')).toBe('arxiv-cursor');
    expect(Object.keys(await readLists(db))).toEqual(['arxiv-new']);
    expect((await feedSummary(db)).feedPapers).toBe(1);
    // Done is done: nothing more to remove.
    expect(await removeSourcePapers(db, 'hf')).toBe(0);
    await expect(removeSourcePapers(db, 'web' as never)).rejects.toThrow('There is no source web.');
  });
});
