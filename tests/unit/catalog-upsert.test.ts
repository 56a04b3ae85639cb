import { describe, expect, it, vi } from 'vitest';
import { readMeta } from '@/lib/db/catalog-db';
import {
  CatalogBusyError,
  feedSummary,
  readCursor,
  readLists,
  upsertPapers,
} from '@/lib/db/catalog-upsert';
import { stageCatalogFile } from '@/lib/db/catalog-files';
import { buildIndex, MAX_PAPERS } from '@/lib/db/catalog-index';
import { baseOnly } from '@/lib/db/catalog-view';
import { plan, tailWrites } from '@/lib/db/tail-plan';
import { startLoad } from '@/lib/db/catalog-loader';
import {
  findTitlesInText,
  getPapers,
  lookupCandidates,
  lookupPaper,
  scanPageText,
} from '@/lib/db/lookup';
import { searchCatalog } from '@/lib/search/search';
import { catalogText, freshDb, makePaper, papers } from './catalog-fixture';
import {
  activeTail,
  freshPaper,
  LATER,
  loadCatalog,
  NOW,
  repo,
  SEGMENT,
} from './catalog-upsert-fixture';

const base = () => papers(40);

describe('upsertPapers: a new paper', () => {
  it('is found by id, title, DOI, in prose and by getPapers once its batch commits', async () => {
    const db = await loadCatalog(base());
    const paper = freshPaper(1, { doi: '10.5555/fresh.1' });
    expect(await lookupPaper(db, paper.id)).toBeNull();

    const result = await upsertPapers(db, { source: 'hf', put: [paper] }, { now: NOW });
    expect(result).toEqual({ added: [paper.id], changed: [], unchanged: 0, withdrawn: [] });

    const found = await lookupPaper(db, `https://arxiv.org/abs/${paper.id}v2`);
    expect(found?.paper).toMatchObject({
      id: paper.id,
      title: paper.title,
      origin: [{ source: 'hf', at: NOW.toISOString() }],
      updatedAt: NOW.toISOString(),
    });
    expect(
      await lookupCandidates(db, [paper.id, paper.title, '10.5555/FRESH.1', 'nothing']),
    ).toEqual([
      { id: paper.id, matchedBy: 'arxiv' },
      { id: paper.id, matchedBy: 'title' },
      { id: paper.id, matchedBy: 'doi' },
      null,
    ]);
    const cut = `${paper.title.split(' ').slice(0, 6).join(' ')} …`;
    expect(await lookupCandidates(db, [cut])).toEqual([{ id: paper.id, matchedBy: 'title' }]);
    const text = `This week we read “${paper.title}” and liked it.`;
    const { titles } = await findTitlesInText(db, [text]);
    expect(titles[0]?.map((t) => [t.id, text.slice(t.start + 1, t.end - 1)])).toEqual([
      [paper.id, paper.title],
    ]);
    expect((await scanPageText(db, `See arXiv:${paper.id} for details.`)).ids).toHaveLength(1);
    expect((await getPapers(db, [paper.id, '2401.10003']))[0]?.id).toBe(paper.id);
    expect(await feedSummary(db)).toEqual({ feedPapers: 1, updatedAt: NOW.toISOString() });
    // The popup's search sees the same batch.
    const hits = await searchCatalog('expert distillation', { limit: 3 }, db);
    expect(hits.hits.map((h) => h.id)).toContain(paper.id);
  });

  it('base papers still answer, and the tail starts where the search index starts a segment', async () => {
    const db = await loadCatalog(base());
    await upsertPapers(db, { source: 'hf', put: [freshPaper(1)] }, { now: NOW });
    expect(await activeTail(db)).toEqual({
      base: SEGMENT,
      end: SEGMENT + 1,
      rev: 1,
      live: 1,
      updatedAt: NOW.toISOString(),
    });
    expect((await readMeta(db)).active?.count).toBe(40);
    expect((await lookupPaper(db, '2401.10039'))?.paper.title).toBe(makePaper(39).title);
  });
});

describe('upsertPapers: a known paper', () => {
  it('merges: keeps the id and title, adds the code link, and supersedes the base copy', async () => {
    const db = await loadCatalog(base());
    const known = makePaper(3);
    const update = makePaper(3, {
      title: 'A Title The Feed Wrote Differently',
      code: [repo('https://github.com/acme/sparse')],
      upvotes: 12,
    });
    const result = await upsertPapers(db, { source: 'hf', put: [update] }, { now: NOW });
    expect(result).toEqual({ added: [], changed: [known.id], unchanged: 0, withdrawn: [] });
    const found = (await lookupPaper(db, known.id))!.paper;
    expect(found).toMatchObject({ id: known.id, title: known.title, upvotes: 12 });
    expect(found.code).toEqual([repo('https://github.com/acme/sparse')]);
    expect(await lookupCandidates(db, [known.title, update.title])).toEqual([
      { id: known.id, matchedBy: 'title' },
      null,
    ]);
    // Not a paper the feed added: the catalog file has it.
    expect((await feedSummary(db)).feedPapers).toBe(0);
    expect(await activeTail(db)).toMatchObject({ end: SEGMENT + 1, live: 1 });
    const search = await searchCatalog('acme sparse', { limit: 5 }, db);
    expect(search.hits.filter((h) => h.id === known.id)).toHaveLength(1);
  });

  it('an upvotes change rewrites the record in place: no new position, no new tail record', async () => {
    const db = await loadCatalog(base());
    const paper = freshPaper(2, { upvotes: 1 });
    await upsertPapers(db, { source: 'hf', put: [paper] }, { now: NOW });
    const before = await activeTail(db);
    const tails = await db.tails0.count();

    const result = await upsertPapers(
      db,
      { source: 'hf', put: [{ ...paper, upvotes: 30 }] },
      { now: LATER },
    );
    expect(result.changed).toEqual([paper.id]);
    const after = await activeTail(db);
    expect(after).toMatchObject({ end: before!.end, live: 1, rev: before!.rev + 1 });
    expect(await db.tails0.count()).toBe(tails);
    expect((await getPapers(db, [paper.id]))[0]).toMatchObject({
      upvotes: 30,
      updatedAt: LATER.toISOString(),
    });
    // The same again: nothing to write, nothing changes.
    const again = await upsertPapers(db, { source: 'hf', put: [{ ...paper, upvotes: 30 }] });
    expect(again).toEqual({ added: [], changed: [], unchanged: 1, withdrawn: [] });
    expect((await activeTail(db))?.rev).toBe(after!.rev);
  });

  it('merges a batch that names the same paper twice into one', async () => {
    const db = await loadCatalog(base());
    const a = freshPaper(3, { code: [repo('https://github.com/a/one')] });
    const b = freshPaper(3, { code: [repo('https://github.com/b/two')], upvotes: 4 });
    const result = await upsertPapers(db, { source: 'hf', put: [a, b] }, { now: NOW });
    expect(result.added).toEqual([a.id]);
    const [paper] = await getPapers(db, [a.id]);
    expect(paper?.code.map((c) => c.url)).toEqual([
      'https://github.com/a/one',
      'https://github.com/b/two',
    ]);
    expect(paper?.upvotes).toBe(4);
    expect(await activeTail(db)).toMatchObject({ end: SEGMENT + 1, live: 1 });
  });
});

describe('upsertPapers: withdrawals', () => {
  it('a withdrawn paper, fed or from the base catalog, is no longer found anywhere', async () => {
    const db = await loadCatalog(base());
    const paper = freshPaper(4);
    await upsertPapers(db, { source: 'sub', put: [paper] }, { now: NOW });
    // Looked up once, so the withdrawal below extends a cached tail index.
    expect((await lookupPaper(db, paper.id))?.paper.id).toBe(paper.id);
    const gone = makePaper(7);
    const result = await upsertPapers(db, {
      source: 'sub',
      put: [],
      withdraw: [paper.id, gone.id, '2999.00001'],
    });
    expect(result).toEqual({
      added: [],
      changed: [],
      unchanged: 0,
      withdrawn: [paper.id, gone.id],
    });
    expect(await lookupPaper(db, paper.id)).toBeNull();
    expect(await lookupPaper(db, gone.title)).toBeNull();
    expect(await getPapers(db, [paper.id, gone.id])).toEqual([null, null]);
    expect(await lookupCandidates(db, [paper.title, gone.id])).toEqual([null, null]);
    const { titles } = await findTitlesInText(db, [`We read “${paper.title}”.`]);
    expect(titles).toEqual([[]]);
    expect(await db.feed.get(paper.id)).toBeUndefined();
    expect(await feedSummary(db)).toMatchObject({ feedPapers: 0 });
    expect(
      (await searchCatalog(paper.title, { limit: 5 }, db)).hits.map((h) => h.id),
    ).not.toContain(paper.id);
  });
});

describe('upsertPapers: the tail across chunks', () => {
  it('papers on both sides of a chunk boundary are found, and rewrites land in the right line', async () => {
    const db = await loadCatalog(base());
    const fresh = Array.from({ length: 20 }, (_, i) => freshPaper(10 + i));
    await upsertPapers(db, { source: 'arxiv', put: fresh.slice(0, 10) }, { now: NOW });
    await upsertPapers(db, { source: 'arxiv', put: fresh.slice(10) }, { now: NOW });
    // Positions 64..83: chunk 4 holds 64..79, chunk 5 the rest.
    expect((await db.chunks0.get(4))?.lines.split('\n')).toHaveLength(16);
    expect((await db.chunks0.get(5))?.lines.split('\n')).toHaveLength(4);

    // In place (upvotes) for position 75; re-indexed (a new keyword) for position 66.
    await upsertPapers(
      db,
      {
        source: 'arxiv',
        put: [
          { ...fresh[11]!, upvotes: 8 },
          { ...fresh[2]!, keywords: ['routing'] },
        ],
      },
      { now: LATER },
    );
    expect(await activeTail(db)).toMatchObject({ end: SEGMENT + 21, live: 20 });
    const stored = await getPapers(
      db,
      fresh.map((p) => p.id),
    );
    expect(stored.map((p) => p?.id)).toEqual(fresh.map((p) => p.id));
    expect(stored[11]?.upvotes).toBe(8);
    expect(stored[2]?.keywords).toEqual(['attention', 'routing']);
    const answers = await lookupCandidates(
      db,
      fresh.map((p) => p.title),
    );
    expect(answers.map((a) => a?.id)).toEqual(fresh.map((p) => p.id));
  });
});

describe('upsertPapers: failures store nothing', () => {
  it('a transaction that hits a full disk leaves lookups, the cursor and the tail as they were', async () => {
    const db = await loadCatalog(base());
    await upsertPapers(
      db,
      { source: 'hf', put: [freshPaper(1)], cursor: { day: '2025-03-01' } },
      { now: NOW },
    );
    const tail = await activeTail(db);
    const chunks = await db.chunks0.count();
    const full = vi
      .spyOn(db.feed, 'bulkPut')
      .mockRejectedValue(new DOMException('The disk is full.', 'QuotaExceededError'));
    const next = freshPaper(2);
    const update = makePaper(5, { code: [repo('https://github.com/x/y')] });
    await expect(
      upsertPapers(db, {
        source: 'hf',
        put: [next, update],
        cursor: { day: '2025-03-02' },
        lists: { 'hf-today': { at: LATER.toISOString(), items: [{ id: next.id }] } },
      }),
    ).rejects.toMatchObject({ name: 'QuotaExceededError' });
    expect(full).toHaveBeenCalled();
    expect(await readCursor(db, 'hf')).toEqual({ day: '2025-03-01' });
    expect(await readLists(db)).toEqual({});
    expect(await activeTail(db)).toEqual(tail);
    expect(await db.chunks0.count()).toBe(chunks);
    expect(await lookupPaper(db, next.id)).toBeNull();
    expect((await lookupPaper(db, update.id))?.paper.code).toEqual([]);

    full.mockRestore();
    const retried = await upsertPapers(db, { source: 'hf', put: [next, update], cursor: 2 });
    expect(retried).toMatchObject({ added: [next.id], changed: [update.id] });
    expect(await readCursor(db, 'hf')).toBe(2);
    expect((await lookupPaper(db, next.id))?.paper.id).toBe(next.id);
  });

  it('bad input is refused with the paper named, and nothing changes', async () => {
    const db = await loadCatalog(base());
    const { title: _title, ...untitled } = freshPaper(1);
    const attempts: [unknown, RegExp][] = [
      [
        { source: 'hf', put: [freshPaper(2), untitled] },
        /^Feed batch paper 1 \(2503\.20001\): title: /,
      ],
      [{ source: 'web', put: [] }, /^Feed batch: source: /],
      [
        { source: 'sub', put: [freshPaper(3)], withdraw: [freshPaper(3).id] },
        /both adds and withdraws 2503\.20003/,
      ],
      [
        { source: 'hf', put: [], lists: { 'hf-today': { at: 'x', items: 'none' } } },
        /^Feed batch: lists/,
      ],
    ];
    for (const [batch, message] of attempts) {
      await expect(upsertPapers(db, batch as never)).rejects.toThrow(message);
    }
    expect(await activeTail(db)).toBeUndefined();
    expect(await db.feed.count()).toBe(0);
    expect(await lookupPaper(db, freshPaper(2).id)).toBeNull();
  });

  it('is refused while a catalog load runs, and before any catalog is installed', async () => {
    const db = await loadCatalog(base());
    const controller = new AbortController();
    db.meta.hook('updating', (_changes, key) => {
      if (key === 'job') controller.abort();
    });
    const fileId = await stageCatalogFile(
      new Blob([catalogText(papers(3000), { version: 'v2' })]),
      db,
    );
    await expect(
      startLoad(db, { kind: 'file', fileId }, { batchSize: 500, signal: controller.signal }),
    ).rejects.toThrow();
    expect((await readMeta(db)).job).not.toBeNull();
    await expect(
      upsertPapers(db, { source: 'hf', put: [freshPaper(1)], cursor: 1 }),
    ).rejects.toBeInstanceOf(CatalogBusyError);
    expect(await readCursor(db, 'hf')).toBeUndefined();

    await expect(upsertPapers(freshDb(), { source: 'hf', put: [] })).rejects.toThrow(
      /No catalog is installed yet/,
    );
  });
});

describe('a full tail', () => {
  it('refuses papers past the most positions the lookup index holds, before writing anything', async () => {
    const db = freshDb();
    const state = {
      slot: 0 as const,
      count: 0,
      tail: { base: 0, end: MAX_PAPERS, rev: 9, live: MAX_PAPERS, updatedAt: NOW.toISOString() },
      view: baseOnly(buildIndex([], 0)),
    };
    const full = plan(state, new Map(), new Map([[freshPaper(1).id, freshPaper(1)]]));
    await expect(tailWrites(db, state, new Map(), full, NOW)).rejects.toThrow(
      'The catalog has no room for 1 more papers from sources; loading a catalog file again makes room.',
    );
  });
});

describe('cursor and lists', () => {
  it('are stored with their batch and read back; a damaged list is left out', async () => {
    const db = await loadCatalog(base());
    const list = { at: NOW.toISOString(), items: [{ id: freshPaper(1).id, upvotes: 3 }] };
    await upsertPapers(db, {
      source: 'hf',
      put: [freshPaper(1)],
      cursor: { day: '2025-03-01', page: 0 },
      lists: { 'hf-trending': list },
    });
    expect(await readCursor(db, 'hf')).toEqual({ day: '2025-03-01', page: 0 });
    expect(await readCursor(db, 'arxiv')).toBeUndefined();
    await db.meta.put({ key: 'list:hf-today', value: { at: 5 } as never });
    expect(await readLists(db)).toEqual({ 'hf-trending': list });
  });
});
