import { describe, expect, it } from 'vitest';
import { readBuckets, readPostings, type Postings } from '@/lib/search/buckets';
import { forwardPostings } from '@/lib/search/forward';
import { openIndex } from '@/lib/search/index-reader';
import { bucketOf } from '@/lib/search/records';
import { forEachPosting } from '@/lib/search/varint';
import { makePaper } from './catalog-fixture';
import { loadPapers } from '../fixtures/search/load';

function entries(postings: Postings, term: string, only: Set<number>) {
  const out: [number, number, number][] = [];
  for (const { base, data } of postings.get(term) ?? []) {
    forEachPosting(data, (p, mask, impact) => {
      if (only.has(base + p)) out.push([base + p, mask, impact]);
    });
  }
  return out.sort((a, b) => a[0] - b[0]);
}

describe('checking a few papers on their own catalog lines', () => {
  it('gives the very postings the index holds for those papers, field masks and impacts', async () => {
    const catalog = Array.from({ length: 300 }, (_, i) =>
      makePaper(i, {
        title: i % 3 ? `Graph Transformers for Molecules ${i}` : `Sparse Graph Attention ${i}`,
        authors: [`Ada ${i % 2 ? 'Lovelace' : 'Graph'}`, 'Kurt Gödel'],
        abstract: `We study graph learning and attention in molecules, case ${i}.`,
        keywords: i % 4 ? ['graphs'] : ['attention', 'molecules'],
        code:
          i % 5
            ? []
            : [{ kind: 'repository', url: 'https://github.com/lab/GraphNet', official: true }],
      }),
    );
    const db = await loadPapers(catalog, { segment: 128 });
    const index = (await openIndex(db))!;
    const positions = [0, 3, 7, 130, 299];
    const terms = [
      'graph',
      'attent',
      'molecul',
      'learn',
      'lovelac',
      'godel',
      'graphnet',
      'transform',
    ];
    const forward = await forwardPostings(db, index, positions, terms);
    const buckets = await readBuckets(db, index, terms.map(bucketOf));
    const indexed = await readPostings(
      db,
      index,
      buckets,
      terms.map((term) => ({ term, abstract: true })),
    );
    const only = new Set(positions);
    for (const term of terms) {
      const expected = entries(indexed, term, only);
      expect(expected.length, term).toBeGreaterThan(0);
      expect(entries(forward, term, only), term).toEqual(expected);
    }
  });
});
