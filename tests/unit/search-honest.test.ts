import { describe, expect, it } from 'vitest';
import type { Paper } from '@/lib/catalog/schema';
import { parseQuery } from '@/lib/search/query';
import { searchCatalog } from '@/lib/search/search';
import { makePaper, papers } from './catalog-fixture';
import { loadPapers } from '../fixtures/search/load';

/**
 * Issue 16, "honest search": a pasted address names a paper or nothing (never its words), rows
 * that lack some of the query's words say so, and an exact family name outranks a longer name it
 * begins.
 */

const code = (url: string) => [{ url, kind: 'repository' as const, official: true }];
const albertGu = (i: number, year: number): Paper =>
  makePaper(i, {
    title: `Structured State Space Model Variant ${i}`,
    authors: ['Albert Gu', `Coauthor ${i}`],
    published: `${year}-03`,
    keywords: ['ssm'],
  });
const cases: Paper[] = [
  // Five papers by Gu, older; two by Guo, newer. "Guo" is rarer, so its idf (times the prefix
  // weight) comes out close to Gu's: within the tie margin, recency favours Guo's papers.
  albertGu(1, 2020),
  albertGu(2, 2020),
  albertGu(3, 2021),
  albertGu(4, 2021),
  albertGu(5, 2021),
  makePaper(6, {
    title: 'Taming Rectified Flow for Inversion and Editing',
    authors: ['Jiayi Guo', 'Yue Ma'],
    published: '2024-11',
    keywords: ['editing'],
  }),
  makePaper(9, {
    title: 'Guided Sampling for Rectified Flow',
    authors: ['Jiayi Guo'],
    published: '2024-12',
    keywords: ['guidance'],
  }),
  makePaper(7, {
    title: 'Mixture Routing for Sparse Experts',
    abstract: 'Routing tokens between sparse experts.',
    authors: ['Old Author'],
    published: '2019-01',
    keywords: ['experts'],
    code: code('https://github.com/state-spaces/mamba'),
    doi: '10.1145/3394486.3403172',
  }),
  makePaper(8, {
    title: 'Tokenizers Revisited',
    abstract: 'Byte pair encoding, once more.',
    authors: ['Kim Lee'],
    published: '2023-05',
    keywords: ['tokenization'],
    code: code('https://github.com/kimlee/tokenizers-revisited'),
  }),
];
/** Fillers: "Synthetic Study Number i of Sparse Attention", keyword "attention", 2024. */
const catalog = [...cases, ...papers(300, 100)];
const ids = (hits: { id: string }[]) => hits.map((h) => h.id);
const idOf = (i: number) => makePaper(i).id;

describe('honest search', async () => {
  const db = await loadPapers(catalog, { segment: 256 });
  const search = (q: string, options = {}) => searchCatalog(q, options, db);

  describe('a pasted address or identifier names a paper or nothing', () => {
    it.each([
      'https://openreview.net/forum?id=zzzzzzzz',
      // Its words are in the catalog (a filler title has each), yet the address names no paper.
      'https://openreview.net/forum?id=sparse-attention',
      'openreview.net/forum?id=Synthetic',
      'https://www.semanticscholar.org/paper/Sparse-Attention/0123456789abcdef',
      'www.example.org/routing/experts',
      'https://github.com/state-spaces',
      'https://github.com/someone/sparse-attention',
      'arXiv:2401.1',
      '2401.100',
      'doi:sparse',
      '10.1145/',
    ])('%s matches no paper through its words', async (query) => {
      const result = await search(query);
      expect(ids(result.hits)).toEqual([]);
      expect(result.total).toBe(0);
    });

    it.each([
      ['https://dl.acm.org/doi/10.1145/3394486.3403172', 7],
      ['https://github.com/state-spaces/mamba', 7],
      ['github.com/state-spaces/mamba.git', 7],
      ['https://github.com/KimLee/Tokenizers-Revisited/tree/main/src', 8],
    ])('%s still finds the paper it names', async (query, n) => {
      const result = await search(query);
      expect(ids(result.hits)).toEqual([idOf(n)]);
      expect(result.exact).toBe(true);
    });

    it('reads addresses apart from words', () => {
      expect(parseQuery('https://openreview.net/forum?id=abc')).toEqual({ kind: 'link' });
      expect(parseQuery('https://github.com/state-spaces/mamba')).toEqual({
        kind: 'repo',
        terms: ['statespaces', 'mamba'],
      });
      // Words with a dot or a slash inside are still words.
      expect(parseQuery('node.js attention').kind).toBe('words');
      expect(parseQuery('n:m sparsity 2/4').kind).toBe('words');
      expect(parseQuery('gpt-4.5 turbo').kind).toBe('words');
    });
  });

  describe('papers with only some of the words are marked partial', () => {
    it('marks every row when no paper has all the words', async () => {
      const result = await search('revisited mixture');
      expect(ids(result.hits).sort()).toEqual([idOf(7), idOf(8)].sort());
      expect(result.hits.every((h) => h.partial === true)).toBe(true);
    });

    it('marks only the rows below those that have them all', async () => {
      const result = await search('rectified flow sampling ');
      expect(ids(result.hits)).toEqual([idOf(9), idOf(6)]);
      expect(result.hits.map((h) => h.partial)).toEqual([undefined, true]);
    });

    it('counts stems, prefixes and typos as having the word', async () => {
      // Stems (routed: routing), prefixes (routi, spars), a typo (revisted).
      for (const query of ['routed expert', 'routi spars', 'revisted tokenizers ']) {
        const result = await search(query);
        expect(result.hits.length).toBeGreaterThan(0);
        expect(result.hits[0]!.partial).toBeUndefined();
      }
    });
  });

  describe('an exact family name ranks above a longer name it begins', () => {
    it.each(['Gu', 'Gu ', 'gu'])(
      '%j lists the five papers by Gu before those by Guo',
      async (q) => {
        const result = await search(q);
        const order = ids(result.hits);
        expect(order.slice(0, 5).sort()).toEqual([1, 2, 3, 4, 5].map(idOf).sort());
        if (q !== 'Gu ') expect(order).toContain(idOf(6));
      },
    );

    it('still ranks by score among papers that match as typed', async () => {
      // Both words as typed: the Gu papers, by their own scores and recency.
      const order = ids((await search('gu ssm ')).hits);
      expect(order.slice(0, 5)).toEqual([idOf(3), idOf(4), idOf(5), idOf(1), idOf(2)]);
    });
  });
});
