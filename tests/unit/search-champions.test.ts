import { describe, expect, it, vi } from 'vitest';
import {
  CHAMPION_MIN_DF,
  CHAMPIONS,
  mergeChampions,
  SEGMENT_CHAMPIONS,
  segmentChampions,
} from '@/lib/search/champions';
import { searchCatalog } from '@/lib/search/search';
import { forEachPosting, PostingWriter } from '@/lib/search/varint';
import type { ChampionRecord } from '@/lib/search/records';
import { makePaper, papers } from './catalog-fixture';
import { loadPapers } from '../fixtures/search/load';

function postings(count: number, impact: number): Uint8Array {
  const writer = new PostingWriter();
  for (let p = 0; p < count; p++) writer.add(p, 1, impact);
  return writer.finish();
}

describe('champion lists', () => {
  it('keep the highest-impact papers of a term over all segments, at catalog positions', () => {
    const size = 512;
    // Segment s: 300 papers with the term, all of impact 100 + s; odd papers newer, with code.
    const years = Array.from({ length: 300 }, (_, l) => (l % 2 ? 2024 * 2 + 1 : 2010 * 2));
    const segments = Array.from({ length: 6 }, (_, s) =>
      segmentChampions(s, [{ term: 'graph', postings: postings(300, 100 + s) }], years),
    );
    const [record, ...others] = mergeChampions(segments, size) as ChampionRecord[];
    expect(others).toEqual([]);
    expect(record!.k).toBe('c:graph');
    const got: [number, number][] = [];
    forEachPosting(record!.data, (p, _mask, impact) => got.push([p, impact]));
    // Each segment keeps SEGMENT_CHAMPIONS: among equal impacts its 150 newer papers first, then
    // the earliest older ones; the four best segments fill the list.
    expect(CHAMPIONS).toBe(4 * SEGMENT_CHAMPIONS);
    const kept = Array.from({ length: 300 }, (_, l) => l).filter(
      (l) => l % 2 === 1 || l < 2 * (SEGMENT_CHAMPIONS - 150),
    );
    expect(kept).toHaveLength(SEGMENT_CHAMPIONS);
    const expected = [2, 3, 4, 5].flatMap((s) =>
      kept.map((l): [number, number] => [s * size + l, 100 + s]),
    );
    expect(got).toEqual(expected);
    expect([...record!.years]).toEqual(expected.map(([p]) => years[p % size]));
  });

  it('answer a short prefix of a very common word without reading its full postings', async () => {
    const count = CHAMPION_MIN_DF + 800;
    // Every title has "synthetic"; three short titles weigh it most (length normalization).
    const strong = [count - 3, count - 2, count - 1];
    // Far from the champions: a late paper with a long title. Another paper has the rare word
    // alone, in a shorter title (so a higher score for that word).
    const late = count - 10;
    const alone = 5;
    // A word in 40 papers of segment 0 and one of segment 1, that one with "synthetic" too.
    const many = (i: number) => i >= 100 && i < 140;
    const both = 6000;
    const catalog = [
      ...papers(count - 3).map((p, i) =>
        i === late
          ? makePaper(i, { title: 'Zorblax: a Synthetic Study of Many Long Words in One Title' })
          : i === alone
            ? makePaper(i, { title: 'Zorblax Networks', keywords: [] })
            : i === both
              ? makePaper(i, {
                  title: 'Quorvex: a Synthetic Study of Many Long Words in One Title',
                })
              : many(i)
                ? makePaper(i, { title: `Quorvex Graphs ${i}`, keywords: [] })
                : p,
      ),
      ...strong.map((i) => makePaper(i, { title: `Synthetic Worlds ${i}`, keywords: [] })),
    ];
    const db = await loadPapers(catalog, { segment: 4096 });
    const table = db.search(0);
    const read = vi.spyOn(table, 'bulkGet');

    // Typing, not a fresh page (whose first query reads postings: forward.ts).
    await searchCatalog('networks', {}, db);
    read.mockClear();
    // Next to a rare word, the guess is checked on that word's papers: a paper with both words
    // is found though far from the champions. Two papers: checked on their own catalog lines,
    // no postings or buckets of `synthetic` read.
    const pair = await searchCatalog('zorblax sy', { limit: 3 }, db);
    expect(pair.hits.map((h) => h.id)).toEqual([makePaper(late).id, makePaper(alone).id]);
    expect(pair.total).toBe(1);
    const synKeys = () =>
      read.mock.calls.flatMap(([k]) => k as string[]).filter((k) => k.includes(':syn'));
    expect(synKeys()).toEqual([]);
    // 41 papers: the full postings of their segments (0 and 1, not 2), buckets there only.
    const wider = await searchCatalog('quorvex sy', { limit: 3 }, db);
    expect(wider.hits[0]!.id).toBe(makePaper(both).id);
    expect(wider.total).toBe(1);
    expect(
      synKeys()
        .filter((k) => k.startsWith('b:'))
        .sort(),
    ).toEqual(['b:000:syn', 'b:001:syn']);
    read.mockClear();

    // `sy` alone has a stored answer (short-answers.test.ts); `syn` is ranked live.
    const prefix = await searchCatalog('syn', { limit: 3 }, db);
    expect(prefix.hits.map((h) => h.id).sort()).toEqual(strong.map((i) => makePaper(i).id).sort());
    const keys = read.mock.calls.flatMap(([k]) => k as string[]);
    expect(keys).toContain('c:synthet');
    expect(keys.filter((k) => k.startsWith('p:'))).toEqual([]);

    // Next to another word, the word itself is not a guess: its full postings find the one
    // paper with both, far from its champions.
    const exact = await searchCatalog('synthetic zorblax', { limit: 3 }, db);
    expect(exact.hits.map((h) => h.id)).toEqual([makePaper(late).id, makePaper(alone).id]);
    expect(exact.total).toBe(1);
  });

  it('rank a very common word typed alone from its champion list, as the full ranking would', async () => {
    const count = CHAMPION_MIN_DF + 800;
    // Every title has "synthetic"; every 97th paper weighs it more (a short title), and every
    // 5th of those is newer: the ranking's top is the short titles, newest first.
    const strong = (i: number) => i % 97 === 0;
    const catalog = papers(count).map((p, i) =>
      strong(i)
        ? makePaper(i, {
            title: `Synthetic ${i}`,
            keywords: [],
            published: i % 5 === 0 ? '2025-01-01' : '2019-01-01',
          })
        : i === 5
          ? makePaper(i, { title: 'Zorblax Networks', keywords: [] })
          : p,
    );
    const db = await loadPapers(catalog, { segment: 4096 });
    const read = vi.spyOn(db.search(0), 'bulkGet');

    const lone = await searchCatalog('synthetic', { limit: 10 }, db);
    const keys = read.mock.calls.flatMap(([k]) => k as string[]);
    expect(keys).toContain('c:synthet');
    expect(keys.filter((k) => k.startsWith('p:') || k.startsWith('a:'))).toEqual([]);
    expect(lone.total).toBe(count - 1); // all but "Zorblax Networks", though not all were ranked

    // A filter that keeps everything takes the full path: the same papers, in the same order.
    const full = await searchCatalog(
      'synthetic',
      { limit: 10, filters: { excludeIds: new Set() } },
      db,
    );
    expect(full.hits.map((h) => h.id)).toEqual(lone.hits.map((h) => h.id));
    expect(lone.hits.every((h) => h.title.startsWith('Synthetic ') && h.year === 2025)).toBe(true);
  });
});
