import { describe, expect, it } from 'vitest';
import type { Paper } from '@/lib/catalog/schema';
import { searchCatalog, trendingPapers } from '@/lib/search/search';
import { makePaper, papers } from './catalog-fixture';
import { loadPapers } from '../fixtures/search/load';

/** A small catalog where each case has one right answer; filler pads it past one segment. */
const code = (url: string) => [{ url, kind: 'repository' as const, official: true }];
const cases: Paper[] = [
  makePaper(1, {
    title: 'Denoising Diffusion Probabilistic Models',
    abstract: 'We present high quality image synthesis results.',
    authors: ['Jonathan Ho', 'Ajay Jain', 'Pieter Abbeel'],
    published: '2020-06',
    keywords: ['diffusion'],
    code: code('https://github.com/hojonathanho/diffusion'),
  }),
  makePaper(2, {
    title: 'Flow Straight and Fast: Learning to Generate with Rectified Flow',
    abstract: 'A simple approach to learning neural ODE transport maps.',
    authors: ['Xingchao Liu', 'Chengyue Gong', 'Qiang Liu'],
    published: '2022-09',
    keywords: ['transport'],
  }),
  makePaper(3, {
    title: 'Clutter Filtering of Transthoracic Echocardiographic Images',
    abstract: 'Deep networks remove reverberation clutter from cardiac ultrasound.',
    authors: ['Mahdi Tabassian'],
    published: '2024-01',
    keywords: ['ultrasound'],
  }),
  makePaper(4, {
    title: 'Efficiently Modeling Long Sequences with Structured State Spaces',
    abstract: 'A new sequence model based on the state space representation.',
    authors: ['Albert Gu', 'Karan Goel'],
    published: '2021-11',
    keywords: ['ssm'],
    code: code('https://github.com/state-spaces/s4'),
    doi: '10.1000/S4.2021',
  }),
  makePaper(5, {
    title: 'Spaces of Operators and the State of Graph Learning',
    abstract: 'The words state and spaces appear here, never side by side as a phrase.',
    authors: ['Ana Pérez'],
    published: '2023-02',
    keywords: ['graphs'],
  }),
  makePaper(6, {
    title: 'Tokenizers Revisited',
    abstract: 'An abstract that mentions diffusion models only in passing.',
    authors: ['Kim Lee'],
    published: '2023-05',
    keywords: ['tokenization'],
  }),
  makePaper(7, {
    title: 'Mixture Routing for Sparse Experts',
    abstract: 'Routing tokens between sparse experts.',
    authors: ['Old Author'],
    published: '2019-01',
    keywords: ['experts'],
  }),
  makePaper(8, {
    title: 'Sparse Experts for Mixture Routing',
    abstract: 'Routing tokens between sparse experts.',
    authors: ['New Author'],
    published: '2024-03',
    keywords: ['experts'],
  }),
];
/** Fillers: "Synthetic Study Number i of Sparse Attention", one keyword, 2024. */
const catalog = [...cases, ...papers(600, 100)];
const ids = (hits: { id: string }[]) => hits.map((h) => h.id);
const idOf = (i: number) => cases[i - 1]!.id;

describe('searchCatalog', async () => {
  // 256 papers a segment: the 608 papers span three, as a large catalog spans many.
  const db = await loadPapers(catalog, { segment: 256 });
  const search = (q: string, options = {}) => searchCatalog(q, options, db);

  it('finds a word by its prefix while it is typed', async () => {
    expect(ids((await search('diffus')).hits)[0]).toBe(idOf(1));
    expect(ids((await search('rectif')).hits)[0]).toBe(idOf(2));
  });

  it('forgives one typo in a longer word', async () => {
    expect(ids((await search('rectifed flow')).hits)[0]).toBe(idOf(2));
    expect(ids((await search('echocardiograpic ')).hits)[0]).toBe(idOf(3));
  });

  it('matches other forms of a word', async () => {
    expect(ids((await search('echocardiography ')).hits)[0]).toBe(idOf(3));
    expect(ids((await search('filtered ')).hits)[0]).toBe(idOf(3));
  });

  it('keeps only papers containing a quoted phrase', async () => {
    const loose = await search('state spaces ');
    expect(ids(loose.hits)).toEqual(expect.arrayContaining([idOf(4), idOf(5)]));
    const phrase = await search('"state spaces"');
    expect(ids(phrase.hits)).toEqual([idOf(4)]);
    expect(phrase.total).toBe(1);
  });

  it('finds authors by family name and code by repository name', async () => {
    expect(ids((await search('Tabassian')).hits)).toEqual([idOf(3)]);
    expect(ids((await search('abbeel diffusion')).hits)[0]).toBe(idOf(1));
    expect(ids((await search('hojonathanho')).hits)).toEqual([idOf(1)]);
    const hit = (await search('Tabassian')).hits[0]!;
    expect(hit.matched).toEqual(['authors']);
    expect(hit).toMatchObject({ title: cases[2]!.title, authors: ['Mahdi Tabassian'], year: 2024 });
  });

  it('ranks a title match above an abstract match', async () => {
    const order = ids((await search('diffusion ')).hits);
    expect(order.indexOf(idOf(1))).toBeLessThan(order.indexOf(idOf(6)));
    expect((await search('diffusion ')).hits[0]!.matched).toContain('title');
  });

  it('ranks papers with all query words above papers with some', async () => {
    // "sparse" is in 600 filler titles; only paper 7/8 also have "routing".
    const top = ids((await search('sparse routing ')).hits).slice(0, 2);
    expect(top.sort()).toEqual([idOf(7), idOf(8)].sort());
  });

  it('breaks a tie by recency (same words, same lengths: equal scores)', async () => {
    const order = ids((await search('mixture routing sparse experts ')).hits);
    expect(order.indexOf(idOf(8))).toBeLessThan(order.indexOf(idOf(7)));
  });

  it('finds every paper in every segment by a word only it has', async () => {
    for (const n of [100, 355, 612, 699]) {
      const result = await search(`"Study Number ${n} of"`);
      expect(ids(result.hits)).toEqual([makePaper(n).id]);
    }
  });

  it.each([
    ['2401.10004', 4],
    ['arXiv:2401.10004v2', 4],
    ['https://arxiv.org/abs/2401.10004v1', 4],
    ['https://www.alphaxiv.org/abs/2401.10004', 4],
    ['https://huggingface.co/papers/2401.10004', 4],
    ['10.48550/arXiv.2401.10004', 4],
    ['doi:10.1000/s4.2021', 4],
  ])('jumps straight to the paper for %s', async (query, n) => {
    const result = await search(query, { filters: { hasCode: false } });
    expect(result).toMatchObject({ exact: true, total: 1 });
    expect(ids(result.hits)).toEqual([idOf(n)]);
    expect(result.hits[0]!.matched).toEqual(['id']);
  });

  it('answers an id outside the catalog with nothing, not with text matches', async () => {
    expect(await search('2501.99999')).toEqual({ hits: [], total: 0, exact: false });
  });

  it('filters by code, year range, saved ids and excluded ids', async () => {
    const withCode = await search('diffusion ', { filters: { hasCode: true } });
    expect(ids(withCode.hits)).toEqual([idOf(1)]);
    const old = await search('mixture ', { filters: { yearTo: 2020 } });
    expect(ids(old.hits)).toEqual([idOf(7)]);
    const recent = await search('mixture ', { filters: { yearFrom: 2021, yearTo: 2030 } });
    expect(ids(recent.hits)).toEqual([idOf(8)]);
    const saved = await search('sparse ', {
      filters: { ids: new Set([idOf(8), makePaper(500).id]) },
    });
    expect(ids(saved.hits).sort()).toEqual([idOf(8), makePaper(500).id].sort());
    const skipped = await search('mixture ', { filters: { excludeIds: new Set([idOf(8)]) } });
    expect(ids(skipped.hits)).toEqual([idOf(7)]);
  });

  it('lists the catalog in its own order for the empty query, with filters', async () => {
    expect(ids(await trendingPapers(3, db))).toEqual([idOf(1), idOf(2), idOf(3)]);
    // No filters: the first papers, and the whole catalog counted.
    const all = await search('', { limit: 3 });
    expect(ids(all.hits)).toEqual([idOf(1), idOf(2), idOf(3)]);
    const active = await db.meta.get('active');
    expect(all.total).toBe(active?.key === 'active' ? active.value.count : -1);
    const result = await search('', { limit: 2, filters: { hasCode: true } });
    expect(ids(result.hits)).toEqual([idOf(1), idOf(4)]);
    expect(result.total).toBe(2);
  });

  it.each([
    ['x'.repeat(5000)],
    ['((((((((('],
    ['.*+?^${}()|[]\\'],
    ['"unclosed phrase'],
    ['😀 ☃ ∑'],
    ['a'.repeat(3) + ' '.repeat(1000) + 'b'],
  ])('handles malformed query #%# without throwing', async (query) => {
    const result = await search(query);
    expect(result.hits.length).toBeLessThanOrEqual(20);
    expect(result.total).toBeGreaterThanOrEqual(result.hits.length);
  });

  it('answers keystrokes that overlap each with its own results', async () => {
    const [a, b, c] = await Promise.all([search('tabas'), search('rectified '), search('hojon')]);
    expect(ids(a.hits)).toEqual([idOf(3)]);
    expect(ids(b.hits)[0]).toBe(idOf(2));
    expect(ids(c.hits)).toEqual([idOf(1)]);
  });

  it('caps the number of hits at the limit and counts the rest', async () => {
    const result = await search('synthetic ', { limit: 5 });
    expect(result.hits).toHaveLength(5);
    expect(result.total).toBe(600);
  });
});
