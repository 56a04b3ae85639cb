import { beforeAll, describe, expect, it } from 'vitest';
import { paperId } from '../../lib/catalog/identifiers';
import { readTrendingWithFacts } from '../../lib/catalog/importers/trending-facts';
import { computeRelated } from '../../lib/catalog/related';
import type { TextDoc } from '../../lib/catalog/text';

let docs: TextDoc[];
let related: Map<string, string[]>;

beforeAll(async () => {
  const { items } = await readTrendingWithFacts('data/trending-papers.txt', 'data/paper-facts.tsv');
  docs = items.map((r) => ({
    id: paperId(r.arxivId, r.title),
    title: r.title,
    abstract: r.abstract,
  }));
  related = computeRelated(docs, 8);
});

describe('computeRelated on the trending papers', () => {
  it('gives every paper k distinct other papers from the catalog', () => {
    const ids = new Set(docs.map((d) => d.id));
    expect(related.size).toBe(docs.length);
    for (const [id, list] of related) {
      expect(list).toHaveLength(8);
      expect(list).not.toContain(id);
      expect(new Set(list).size).toBe(list.length);
      for (const other of list) expect(ids.has(other)).toBe(true);
    }
  });

  it('is deterministic, whatever the input order', () => {
    expect(computeRelated(docs, 8)).toEqual(related);
    const reversed = computeRelated([...docs].reverse(), 8);
    for (const doc of docs) expect(reversed.get(doc.id)).toEqual(related.get(doc.id));
  });

  it.each([
    ['2111.00396', '2312.00752'], // S4 -> Mamba
    ['2206.07293', '2312.11825'], // FRCRN -> MossFormer2
    ['2409.13199', '2312.11983'], // CFSP -> FLAP
    ['2411.04746', '2412.00100'], // Taming RF -> Steering RF
  ])('puts a same-topic paper near the top for %s', (id, expected) => {
    expect(related.get(id)!.slice(0, 3)).toContain(expected);
  });
});

describe('computeRelated on a small corpus', () => {
  const small: TextDoc[] = [
    {
      id: 'p1',
      title: 'Structured pruning of language models',
      abstract: 'Pruning heads and channels.',
    },
    { id: 'p2', title: 'Unstructured pruning of language models', abstract: 'Pruning weights.' },
    { id: 'p3', title: 'Speech enhancement with diffusion', abstract: 'Denoising speech.' },
    { id: 'p4', title: 'Speech separation with diffusion', abstract: 'Separating speech.' },
    { id: 'p5', title: 'Glacier hydrology', abstract: 'Meltwater in Svalbard.' },
  ];

  it('ranks the paper sharing the topic first', () => {
    const result = computeRelated(small, 2);
    expect(result.get('p1')![0]).toBe('p2');
    expect(result.get('p3')![0]).toBe('p4');
  });

  it('never pads a list with papers that share nothing', () => {
    expect(computeRelated(small, 3).get('p5')).toEqual([]);
  });

  it('returns at most the other papers when k exceeds them', () => {
    for (const list of computeRelated(small, 50).values()) expect(list.length).toBeLessThan(5);
  });
});
