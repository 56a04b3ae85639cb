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
    const catalog = [
      ...papers(count - 3).map((p, i) =>
        i === late
          ? makePaper(i, { title: 'Zorblax: a Synthetic Study of Many Long Words in One Title' })
          : i === alone
            ? makePaper(i, { title: 'Zorblax Networks', keywords: [] })
            : p,
      ),
      ...strong.map((i) => makePaper(i, { title: `Synthetic Worlds ${i}`, keywords: [] })),
    ];
    const db = await loadPapers(catalog, { segment: 4096 });
    const table = db.search(0);
    const read = vi.spyOn(table, 'bulkGet');

    const prefix = await searchCatalog('sy', { limit: 3 }, db);
    expect(prefix.hits.map((h) => h.id).sort()).toEqual(strong.map((i) => makePaper(i).id).sort());
    const keys = read.mock.calls.flatMap(([k]) => k as string[]);
    expect(keys).toContain('c:synthet');
    expect(keys.filter((k) => k.startsWith('p:'))).toEqual([]);

    // Next to a rare word, the guess is checked on that word's papers with full postings.
    const both = await searchCatalog('zorblax sy', { limit: 3 }, db);
    expect(both.hits.map((h) => h.id)).toEqual([makePaper(late).id, makePaper(alone).id]);
    expect(both.total).toBe(1);

    // The word itself is not a guess: it reads every paper.
    const exact = await searchCatalog('synthetic', { limit: 3 }, db);
    expect(exact.total).toBe(count - 1); // all but "Zorblax Networks"
  });
});
