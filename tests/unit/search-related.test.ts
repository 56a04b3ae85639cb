import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { paperId } from '@/lib/catalog/identifiers';
import { toPaper, toPapers } from '@/lib/catalog/importers/to-papers';
import { readTrendingWithFacts } from '@/lib/catalog/importers/trending-facts';
import type { SourceRecord } from '@/lib/catalog/importers/source';
import type { Paper } from '@/lib/catalog/schema';
import type { CatalogDb } from '@/lib/db/catalog-db';
import { GROWTH, KEPT_DAYS, relatedPapers } from '@/lib/db/related-papers';
import { relatedFor } from '@/lib/search/related';
import { freshDb, stubPaper } from './catalog-fixture';
import { loadPapers } from '../fixtures/search/load';
import { appendTail } from '../fixtures/search/tail';

/**
 * Related papers for papers that arrive from a feed (lib/search/related.ts): the trending
 * catalog without three labelled papers, built as the catalog builder builds it, then those
 * three appended to its tail as one feed batch, the way the feeds store them.
 */

type Labels = { queries: Record<string, { topic: string; related: string[] }> };
const labels = JSON.parse(readFileSync('data/related-labels.json', 'utf8')) as Labels;

/** Rectified-flow editing, selective state spaces, LoRA rank allocation: three topics. */
const ARRIVING = ['2411.04746', '2312.00752', '2308.12043'];
/** Small segments, so the base spans several and the tail starts one of its own. */
const SEGMENT = 64;

let records: SourceRecord[];
let base: Paper[];
let arriving: Paper[];
let db: CatalogDb;
let related: Map<string, string[]>;

const idOf = (r: SourceRecord) => paperId(r.arxivId, r.title);

beforeAll(async () => {
  ({ items: records } = await readTrendingWithFacts(
    'data/trending-papers.txt',
    'data/paper-facts.tsv',
  ));
  base = toPapers(records.filter((r) => !ARRIVING.includes(idOf(r))));
  // As a feed brings them: no keywords, no related list.
  arriving = ARRIVING.map((id) => toPaper(records.find((r) => idOf(r) === id)!));
  db = await loadPapers(base, { segment: SEGMENT });
  await appendTail(db, arriving);
  related = await relatedFor(db, arriving);
}, 60_000);

describe('relatedFor a batch of papers that arrive after the catalog', { timeout: 30_000 }, () => {
  it.each(ARRIVING)('finds the labelled neighbours of %s among its first five', (id) => {
    const relevant = new Set(labels.queries[id]!.related);
    const top = related.get(id)!.slice(0, 5);
    expect(top.filter((r) => relevant.has(r)).length, top.join(' ')).toBeGreaterThanOrEqual(3);
    expect(relevant.has(top[0]!), top.join(' ')).toBe(true);
  });

  it('gives k distinct catalog papers, never the paper itself', () => {
    const catalog = new Set([...base, ...arriving].map((p) => p.id));
    for (const paper of arriving) {
      const list = related.get(paper.id)!;
      expect(list).toHaveLength(8);
      expect(list).not.toContain(paper.id);
      expect(new Set(list).size).toBe(list.length);
      for (const other of list) expect(catalog.has(other)).toBe(true);
    }
  });

  it('keeps the best k when asked for fewer', async () => {
    const [paper] = arriving;
    const three = await relatedFor(db, [paper!], { k: 3 });
    expect(three.get(paper!.id)).toEqual(related.get(paper!.id)!.slice(0, 3));
  });

  it('answers each paper of a batch as it would answer it alone', async () => {
    const alone = await relatedFor(db, arriving, { slice: 1 });
    expect(alone).toEqual(related);
  });

  it('gives [] to a paper that shares no indexed term with any other', async () => {
    const empty: Paper = { ...stubPaper('2501.00001'), title: 'On the' };
    const unique: Paper = { ...stubPaper('2501.00002'), title: 'Zyxwvut Qrstuvw' };
    await appendTail(db, [empty, unique]);
    const lists = await relatedFor(db, [empty, unique]);
    expect(lists.get(empty.id)).toEqual([]);
    expect(lists.get(unique.id)).toEqual([]);
  });
});

describe('relatedFor and papers the catalog no longer holds', { timeout: 60_000 }, () => {
  it('never names a withdrawn paper or the older version of the paper itself', async () => {
    const [paper] = arriving;
    const before = related.get(paper!.id)!;
    const gone = before[0]!;
    const local = await loadPapers(base, { segment: SEGMENT });
    const goneAt = base.findIndex((p) => p.id === gone);
    // The paper arrives, then a newer version of it replaces the first (its position dies),
    // and the batch withdraws its best neighbour, which base papers' stored lists still name.
    const [first] = await appendTail(local, [paper!]);
    const newer: Paper = { ...paper!, abstract: `${paper!.abstract} Revised.` };
    await appendTail(local, [newer], [first!, goneAt]);
    const list = (await relatedFor(local, [newer])).get(paper!.id)!;
    expect(list).toHaveLength(8);
    // A long list reaches the papers only the neighbours' stored lists name.
    const long = (await relatedFor(local, [newer], { k: 60 })).get(paper!.id)!;
    expect(long.slice(0, 8)).toEqual(list);
    expect(long.length).toBeGreaterThan(8);
    expect(long).not.toContain(gone);
    expect(long).not.toContain(paper!.id);
    const relevant = new Set(labels.queries[paper!.id]!.related);
    expect(list.filter((id) => relevant.has(id)).length, list.join(' ')).toBeGreaterThanOrEqual(3);
  });

  it('answers [] for every paper when there is no catalog', async () => {
    const lists = await relatedFor(freshDb(), arriving);
    expect([...lists.values()]).toEqual([[], [], []]);
  });
});

describe('relatedPapers: found when first asked for, then kept', { timeout: 60_000 }, () => {
  const T = new Date('2026-12-01T10:00:00Z');
  const later = (days: number) => new Date(T.getTime() + days * 86_400_000);
  const ids = (papers: Paper[]) => papers.map((p) => p.id);

  it('finds an arrival its related papers on the first ask and keeps them', async () => {
    const [paper] = arriving;
    expect(await db.related.get(paper!.id)).toBeUndefined();
    const first = await relatedPapers(db, paper!.id, 5, T);
    expect(ids(first)).toEqual(related.get(paper!.id)!.slice(0, 5));
    const kept = await db.related.get(paper!.id);
    expect(kept).toMatchObject({ ids: related.get(paper!.id), at: T.toISOString() });

    // The next ask reads the kept list: a list changed in storage is what comes back.
    const other = base[0]!.id;
    await db.related.put({ ...kept!, ids: [other] });
    expect(ids(await relatedPapers(db, paper!.id, 5, later(1)))).toEqual([other]);
    // After KEPT_DAYS the list is found again.
    const again = await relatedPapers(db, paper!.id, 5, later(KEPT_DAYS + 1));
    expect(ids(again)).toEqual(related.get(paper!.id)!.slice(0, 5));
  });

  it('finds the list again once the catalog has grown past GROWTH', async () => {
    const [, paper] = arriving;
    await relatedPapers(db, paper!.id, 5, T);
    const kept = (await db.related.get(paper!.id))!;
    await db.related.put({ ...kept, ids: [base[0]!.id], live: kept.live / (GROWTH + 0.05) });
    const again = await relatedPapers(db, paper!.id, 5, later(1));
    expect(ids(again)).toEqual(related.get(paper!.id)!.slice(0, 5));
  });

  it("answers a built paper's own list without a search, and nothing for an unknown id", async () => {
    const built = base.find((p) => p.related.length >= 3)!;
    const answer = await relatedPapers(db, built.id, 3, T);
    expect(ids(answer)).toEqual(built.related.slice(0, 3));
    expect(await db.related.get(built.id)).toBeUndefined();
    expect(await relatedPapers(db, '2501.99999', 5, T)).toEqual([]);
  });
});
