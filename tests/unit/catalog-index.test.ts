import { describe, expect, it } from 'vitest';
import { hash53, normalizeTitle } from '@/lib/catalog/identifiers';
import { buildIndex, idAt, keyPart, positionsOf } from '@/lib/db/catalog-index';
import { makePaper } from './catalog-fixture';

describe('the in-memory lookup index', () => {
  const ids = ['0704.0001', '1412.9999', '1501.00001', '2312.00752', 'hep-th/9901001', 't-abc123'];
  const papers = ids.map((id, i) =>
    makePaper(i, {
      id,
      title: `Paper Number ${i} About Things`,
      doi: i === 3 ? '10.1/X' : undefined,
    }),
  );
  // Two parts, stored out of order, as a resumed load may leave them.
  const index = buildIndex([keyPart(4, papers.slice(4)), keyPart(0, papers.slice(0, 4))], 6);

  it('gives back every id exactly, whatever its era or style', () => {
    expect(ids.map((_, position) => idAt(index, position))).toEqual(ids);
  });

  it('finds each title and DOI at its position, and nothing for a near miss', () => {
    papers.forEach((paper, position) => {
      expect(positionsOf(index.title, hash53(normalizeTitle(paper.title)))).toEqual([position]);
    });
    expect(positionsOf(index.doi, hash53('10.1/x'))).toEqual([3]);
    expect(positionsOf(index.title, hash53(normalizeTitle('Paper Number 1 About')))).toEqual([]);
  });

  it('refuses parts that do not cover the catalog', () => {
    expect(() => buildIndex([keyPart(0, papers.slice(0, 4))], 6)).toThrow(/6 papers but 4/);
  });
});
